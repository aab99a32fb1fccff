import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { allTransactions, readX12, streamX12Transactions, X12Error } from '#core/x12/reader';
import { streamSegments, tokenize } from '#core/x12/tokenizer';
import { readX12Fixture } from './read-fixture.ts';

/** Builds a fixed-width ISA with the given delimiters (element, repetition, component, terminator). */
function isa(element = '*', repetition = '^', component = ':', terminator = '~', control = '000000001'): string {
  const fields = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    'ZZ',
    'SENDER'.padEnd(15),
    'ZZ',
    'RECEIVER'.padEnd(15),
  ];
  fields.push('261123', '0101', repetition, '00501', control, '0', 'T', component);
  return fields.join(element) + terminator;
}

function envelope(body: string[], options: { element?: string; terminator?: string; separator?: string } = {}): string {
  const { element = '*', terminator = '~', separator = '' } = options;
  const segments = [
    'GS*HP*SENDER*RECEIVER*20261123*0101*1*X*005010X221A1',
    'ST*835*0001',
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ].map((segment) => segment.replaceAll('*', element));
  return isa(element, '^', ':', terminator) + separator + segments.map((s) => s + terminator + separator).join('');
}

describe('delimiters', () => {
  it('takes the element separator, repetition (ISA11), component (ISA16) and terminator from the ISA', () => {
    const document = readX12(readX12Fixture('835-odd-delimiters-bom-crlf.x12'));

    expect(document.delimiters).toEqual({ element: '|', repetition: '!', component: '^', segment: '~' });
  });

  it('reads components with the declared component separator', () => {
    const document = readX12(readX12Fixture('835-odd-delimiters-bom-crlf.x12'));
    const svc = allTransactions(document)[0]?.transaction.segments.find((segment) => segment.id === 'SVC');

    expect(svc?.components(1)).toEqual(['HC', '99212', '25', '59']);
  });

  it('treats ISA11 "U" (4010 style) as no repetition separator', () => {
    const text = isa('*', 'U').concat(
      'GS*HP*A*B*20261123*0101*1*X*005010X221A1~ST*835*0001~SE*2*0001~GE*1*1~IEA*1*000000001~',
    );

    expect(readX12(text).delimiters.repetition).toBeUndefined();
  });

  it('accepts a newline as the segment terminator, dropping the CR of CRLF', () => {
    const text = envelope(['BPR*I*1'], { terminator: '\n' }).replaceAll('\n', '\r\n');

    const segments = [...tokenize(text)];

    expect(segments.map((segment) => segment.id)).toEqual(['ISA', 'GS', 'ST', 'BPR', 'SE', 'GE', 'IEA']);
    expect(segments[3]?.element(2)).toBe('1');
  });

  it('rejects an ISA whose delimiters are not distinct', () => {
    const text = isa('*', '^', '~', '~');

    expect(() => readX12(text)).toThrow('segment 1 (ISA): ISA declares delimiters that are not distinct');
  });

  it('reads an ISA whose elements are not padded to their fixed widths leniently, with a warning', () => {
    const text = envelope(['BPR*I*1']).replace('SENDER         ', 'SENDER');

    expect(() => readX12(text)).toThrow('segment 1 (ISA): ISA is 97 characters long, expected the fixed 106');
    expect(readX12(text, { lenient: true }).issues.map((issue) => issue.code)).toEqual(['ISA_WIDTH']);
  });
});

describe('tokenizing', () => {
  it('skips a UTF-8 BOM, line breaks and indentation between segments', () => {
    const plain = envelope(['BPR*I*1', 'TRN*1*2']);
    const decorated = `\uFEFF${plain.replaceAll('~', '~\r\n    ')}`;

    const ids = (text: string) => [...tokenize(text)].map((segment) => segment.raw);

    expect(ids(decorated)).toEqual(ids(plain));
  });

  it('numbers segments from 1 and records their character offset', () => {
    const text = envelope(['BPR*I*1']);

    const bpr = [...tokenize(text)][3];

    expect(bpr?.position).toBe(4);
    expect(text.slice(bpr?.offset, (bpr?.offset ?? 0) + 3)).toBe('BPR');
  });

  it('splits elements lazily with standard 1-based numbering, components and repeats', () => {
    const text = envelope(['NM1*QC*1*DOE*JANE', 'XYZ*A:B:C*R1^R2']);
    const segments = [...tokenize(text)];
    const nm1 = segments[3];
    const xyz = segments[4];

    expect(nm1?.element(1)).toBe('QC');
    expect(nm1?.element(9)).toBe('');
    expect(nm1?.optional(9)).toBeUndefined();
    expect(xyz?.components(1)).toEqual(['A', 'B', 'C']);
    expect(xyz?.component(1, 3)).toBe('C');
    expect(xyz?.repeats(2)).toEqual(['R1', 'R2']);
  });

  it('rejects text that is not X12, naming what it found', () => {
    expect(() => readX12('{"resourceType":"Bundle"}')).toThrow(
      'start of data: expected the data to start with an "ISA" interchange header (or a bare "ST" transaction), found "{"resourceTy"',
    );
  });

  it('rejects empty or blank input', () => {
    expect(() => readX12('')).toThrow('start of data: the data holds no interchange or transaction set');
    expect(() => readX12('\r\n  \n')).toThrow('start of data: the data holds no interchange or transaction set');
  });

  it('rejects a segment id that is not 2-3 letters or digits', () => {
    const text = envelope(['BPR*I*1', 'clp*1']);

    expect(() => readX12(text)).toThrow(
      'segment 5 (clp): expected a segment id of 2-3 letters/digits before "*", found "clp"',
    );
  });

  it('reports a last segment without terminator', () => {
    const text = envelope(['BPR*I*1']).replace(/~$/, '');

    expect(() => readX12(text)).toThrow('segment 7 (IEA): the data ends without the segment terminator "~"');
  });
});

describe('documents without an envelope', () => {
  it('reads a transaction set that starts at ST and flags the missing envelope', () => {
    const document = readX12('ST*835*0001~BPR*I*1~SE*3*0001~');

    expect(document.hasEnvelope).toBe(false);
    expect(document.interchanges).toEqual([]);
    expect(document.bareTransactions.map((transaction) => transaction.setId)).toEqual(['835']);
    expect(document.delimiters).toMatchObject({ element: '*', segment: '~' });
  });
});

describe('several interchanges, groups and transactions', () => {
  it('reads each interchange with its own delimiters into its groups and transactions', () => {
    const first = envelope(['BPR*I*1']);
    const second = envelope(['BPR*I*2'], { element: '|' }).replace(/000000001/g, '000000002');

    const document = readX12(`${first}\n${second}`);

    expect(document.interchanges.map((interchange) => interchange.controlNumber)).toEqual(['000000001', '000000002']);
    expect(document.interchanges.map((interchange) => interchange.delimiters.element)).toEqual(['*', '|']);
    expect(allTransactions(document).map(({ transaction }) => transaction.segments[1]?.element(2))).toEqual(['1', '2']);
  });
});

describe('streaming', () => {
  const text = readX12Fixture('835-plb-interest-recoupment.x12');

  it.each([1, 7, 64, 100_000])('yields the same segments as the sync read for %i-byte chunks', async (size) => {
    const bytes = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));

    const streamed = [];
    for await (const segment of streamSegments(Readable.from(chunks))) streamed.push(segment.raw);

    expect(streamed).toEqual([...tokenize(text)].map((segment) => segment.raw));
  });

  it('decodes multi-byte characters split across chunks', async () => {
    const withAccent = envelope(['N1*PR*CAFÉ PLAN']);
    const bytes = Buffer.from(withAccent, 'utf8');
    const split = bytes.indexOf(0xc3) + 1;

    const names = [];
    for await (const segment of streamSegments(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]))) {
      if (segment.id === 'N1') names.push(segment.element(2));
    }

    expect(names).toEqual(['CAFÉ PLAN']);
  });

  it('yields transactions one at a time with their envelope', async () => {
    const transactions = [];
    for await (const item of streamX12Transactions(Readable.from([text]))) transactions.push(item);

    expect(
      transactions.map((item) => [item.interchange?.controlNumber, item.group?.controlNumber, item.transaction.setId]),
    ).toEqual([['000000505', '505', '835']]);
  });

  it('reports envelope problems through onIssue when lenient, and keeps going', async () => {
    const broken = text.replace('SE*40*0002', 'SE*41*0002');
    const issues: string[] = [];

    const transactions = [];
    for await (const item of streamX12Transactions(Readable.from([broken]), {
      lenient: true,
      onIssue: (issue) => issues.push(issue.code),
    })) {
      transactions.push(item);
    }

    expect(issues).toEqual(['SE01_COUNT']);
    expect(transactions).toHaveLength(1);
  });

  it('throws the same envelope error as the sync read', async () => {
    const broken = text.replace('SE*40*0002', 'SE*41*0002');

    const consume = async () => {
      for await (const _ of streamX12Transactions(Readable.from([broken]))) {
        // draining
      }
    };

    await expect(consume()).rejects.toThrow(X12Error);
    await expect(consume()).rejects.toThrow('SE01 says 41 segments, but ST..SE holds 40');
  });
});
