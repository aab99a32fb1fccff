import { describe, expect, it } from 'vitest';
import { readX12, X12Error } from '#core/x12/reader';

const ISA =
  'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *261123*0101*^*00501*000000001*0*T*:~';

/** A valid interchange with one group holding two 835 sets; tests break one thing at a time. */
function interchange(overrides: Partial<Record<'se1' | 'se2' | 'ge' | 'iea', string>> = {}): string {
  return [
    ISA,
    'GS*HP*SENDER*RECEIVER*20261123*0101*7*X*005010X221A1~',
    'ST*835*0001~BPR*I*1~',
    overrides.se1 ?? 'SE*3*0001~',
    'ST*835*0002~BPR*I*2~TRN*1*9~',
    overrides.se2 ?? 'SE*4*0002~',
    overrides.ge ?? 'GE*2*7~',
    overrides.iea ?? 'IEA*1*000000001~',
  ].join('\n');
}

function errorOf(text: string): X12Error {
  try {
    readX12(text);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('expected the read to fail');
}

describe('envelope checks', () => {
  it('accepts a consistent interchange', () => {
    const document = readX12(interchange());

    const group = document.interchanges[0]?.groups[0];
    expect(group?.transactions.map((transaction) => transaction.controlNumber)).toEqual(['0001', '0002']);
    expect(group?.version).toBe('005010X221A1');
    expect(document.issues).toEqual([]);
  });

  it.each([
    [
      'SE01 segment count',
      { se2: 'SE*5*0002~' },
      'SE01_COUNT',
      'segment 9 (SE): SE01 says 5 segments, but ST..SE holds 4',
    ],
    [
      'SE02 = ST02',
      { se1: 'SE*3*0009~' },
      'SE02_CONTROL',
      'segment 5 (SE): SE02 "0009" must equal ST02 "0001" (segment 3)',
    ],
    [
      'GE01 transaction count',
      { ge: 'GE*3*7~' },
      'GE01_COUNT',
      'segment 10 (GE): GE01 says 3 transaction sets, but the group holds 2',
    ],
    ['GE02 = GS06', { ge: 'GE*2*8~' }, 'GE02_CONTROL', 'segment 10 (GE): GE02 "8" must equal GS06 "7" (segment 2)'],
    [
      'IEA01 group count',
      { iea: 'IEA*2*000000001~' },
      'IEA01_COUNT',
      'segment 11 (IEA): IEA01 says 2 functional groups, but the interchange holds 1',
    ],
    [
      'IEA02 = ISA13',
      { iea: 'IEA*1*000000002~' },
      'IEA02_CONTROL',
      'segment 11 (IEA): IEA02 "000000002" must equal ISA13 "000000001" (segment 1)',
    ],
  ])('checks %s', (_rule, overrides, code, message) => {
    const error = errorOf(interchange(overrides));

    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('compares numeric control numbers by value (GS06 "7" and GE02 "0007")', () => {
    expect(readX12(interchange({ ge: 'GE*2*0007~' })).issues).toEqual([]);
  });

  it('reports a transaction set that never ends', () => {
    const text = interchange({ se2: '' });

    expect(errorOf(text).message).toBe('segment 9 (GE): GE closes the group before transaction "0002" ended with SE');
  });

  it('reports a truncated file at its end', () => {
    const text = `${ISA}\nGS*HP*SENDER*RECEIVER*20261123*0101*7*X*005010X221A1~\nST*835*0001~BPR*I*1~`;

    expect(errorOf(text).message).toBe('after segment 4 (end of data): transaction set ST02 "0001" has no SE trailer');
  });

  it('reports a segment outside any transaction set', () => {
    const text = interchange().replace('ST*835*0002~', 'ST*835*0002~').replace('GE*2*7~', 'BPR*I*3~\nGE*2*7~');

    expect(errorOf(text).message).toBe('segment 10 (BPR): expected ST before BPR (segment outside a transaction set)');
  });

  it('reports GS outside an interchange', () => {
    const text = interchange().replace(`${ISA}\n`, '');

    expect(() => readX12(text)).toThrow('start of data: expected the data to start with an "ISA" interchange header');
  });

  it('collects every problem instead of throwing when lenient', () => {
    const document = readX12(interchange({ se1: 'SE*9*0001~', ge: 'GE*5*7~' }), { lenient: true });

    expect(document.issues.map((issue) => [issue.code, issue.position, issue.segmentId])).toEqual([
      ['SE01_COUNT', 5, 'SE'],
      ['GE01_COUNT', 10, 'GE'],
    ]);
    expect(document.interchanges[0]?.groups[0]?.transactions).toHaveLength(2);
  });

  it('keeps TA1 segments at the interchange level', () => {
    const text = `${ISA}\nTA1*000000101*261120*1200*A*000~\nIEA*0*000000001~`;

    const document = readX12(text);

    expect(document.interchanges[0]?.interchangeSegments.map((segment) => segment.id)).toEqual(['TA1']);
  });

  it('reads several groups in one interchange', () => {
    const secondGroup = 'GS*HP*SENDER*RECEIVER*20261123*0101*8*X*005010X221A1~ST*835*0003~SE*2*0003~GE*1*8~';
    const text = interchange({ iea: `${secondGroup}\nIEA*2*000000001~` });

    const document = readX12(text);

    expect(document.interchanges[0]?.groups.map((group) => group.transactions.length)).toEqual([2, 1]);
  });
});
