/**
 * Strict reading accepts a file only when its syntax and envelope are valid, but a valid envelope can still carry
 * content the TR3 forbids. Those findings are TR3 issues on the typed transaction (and on the document), in strict
 * and lenient mode alike: the file is read, and it is not valid.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTypedX12 } from '#core/x12/typed';
import { readX12Fixture, X12_FIXTURES } from './read-fixture.ts';

/** Remove (or replace) one segment of a single-transaction fixture and keep SE01 true. */
function editSegment(text: string, segment: string, replacement?: string): string {
  const start = text.indexOf(`${segment}~`);
  if (start < 0) throw new Error(`fixture has no segment ${segment}`);
  const edited = `${text.slice(0, start)}${replacement === undefined ? '' : `${replacement}~`}${text.slice(start + segment.length + 1).replace(/^\r?\n/, replacement === undefined ? '' : '\n')}`;
  if (replacement !== undefined) return edited;
  return edited.replace(/SE\*(\d+)\*/, (_all, count: string) => `SE*${Number(count) - 1}*`);
}

function tr3Codes(text: string): string[] {
  return readTypedX12(text).tr3Issues.map((issue) => issue.code);
}

describe('N402 state and province codes (code source 22)', () => {
  const remittance = readX12Fixture('835-plb-interest-recoupment.x12');

  it('a state that is not a US state, territory or Canadian province is a TR3 issue at the N4', () => {
    const text = editSegment(remittance, 'N4*ANYTOWN*CA*900010001', 'N4*ANYTOWN*NP*900010001');

    expect(readTypedX12(text).tr3Issues).toEqual([
      expect.objectContaining({
        code: 'N402_STATE',
        segmentId: 'N4',
        position: 9,
        message: expect.stringContaining('N402 "NP" is not a US state, territory or military code'),
      }),
    ]);
  });

  it.each([
    ['N4*ANYTOWN*PR*009010001', 'a US territory'],
    ['N4*APO*AE*090010001', 'a military post office'],
    ['N4*TORONTO*ON*M5V2T6', 'a Canadian province without N404'],
    ['N4*TORONTO*ON*M5V2T6*CA', 'a Canadian province with N404 CA'],
    ['N4*BERLIN**10115*DE', 'a foreign address without N402'],
  ])('%s (%s) is valid', (n4) => {
    expect(tr3Codes(editSegment(remittance, 'N4*ANYTOWN*CA*900010001', n4))).toEqual([]);
  });

  it('N404 CA needs a Canadian province, and a US address needs N402', () => {
    expect(tr3Codes(editSegment(remittance, 'N4*ANYTOWN*CA*900010001', 'N4*ANYTOWN*NY*10001*CA'))).toEqual([
      'N402_STATE',
    ]);
    expect(tr3Codes(editSegment(remittance, 'N4*ANYTOWN*CA*900010001', 'N4*ANYTOWN**900010001*US'))).toEqual([
      'N402_MISSING',
    ]);
  });

  it('is checked in an 835 read in lenient mode too', () => {
    const text = editSegment(remittance, 'N4*ANYTOWN*CA*900010001', 'N4*ANYTOWN*NP*900010001');

    expect(readTypedX12(text, { lenient: true }).tr3Issues.map((issue) => issue.code)).toEqual(['N402_STATE']);
  });
});

describe('835: the payer technical contact (1000A PER*BL) is required', () => {
  it('an 835 whose payer loop has no PER*BL is read with a TR3 issue at the N1*PR', () => {
    const text = editSegment(
      readX12Fixture('835-plb-interest-recoupment.x12'),
      'PER*BL*PROVIDER SERVICES*TE*8005550100',
    );

    const typed = readTypedX12(text);

    expect(typed.transactions[0]?.kind).toBe('835');
    expect(typed.tr3Issues).toEqual([
      expect.objectContaining({ code: 'PER_BL_MISSING', segmentId: 'N1', position: 7 }),
    ]);
  });

  it('a PER*CX (business contact) does not stand in for the technical contact', () => {
    const text = editSegment(
      readX12Fixture('835-plb-interest-recoupment.x12'),
      'PER*BL*PROVIDER SERVICES*TE*8005550100',
      'PER*CX*CLAIMS*TE*8005550100',
    );

    expect(tr3Codes(text)).toEqual(['PER_BL_MISSING']);
  });
});

describe('277CA: the STC each level requires', () => {
  const acknowledgment = readX12Fixture('277ca-mixed-rejections.x12');

  it('a billing provider level (2200C) without its STC', () => {
    const issues = readTypedX12(editSegment(acknowledgment, 'STC*A1:19:85*20261121*WQ*1150')).tr3Issues;

    expect(issues).toEqual([
      expect.objectContaining({
        code: 'STC_MISSING',
        segmentId: 'HL',
        position: 18,
        message: expect.stringContaining('the billing provider level (2000C/2200C) has no STC'),
      }),
    ]);
  });

  it('an information receiver level (2200B) without its STC', () => {
    expect(tr3Codes(editSegment(acknowledgment, 'STC*A1:19*20261121*WQ*1150'))).toEqual(['STC_MISSING']);
  });

  it('a claim (2200D) without its STC: no status, so the outcome is unknown', () => {
    const typed = readTypedX12(editSegment(acknowledgment, 'STC*A2:20:PR*20261121*WQ*400'));

    expect(typed.tr3Issues).toEqual([expect.objectContaining({ code: 'STC_MISSING', position: 26 })]);
    const [transaction] = typed.transactions;
    expect(transaction?.kind === '277CA' && transaction.claimAcknowledgment.claims[0]?.outcome).toBe('unknown');
  });

  it('a service line (2220D) without its STC', () => {
    expect(tr3Codes(editSegment(acknowledgment, 'STC*A3:454*20261121*U*250'))).toEqual(['STC_MISSING']);
  });
});

describe('837: the hierarchy read837P checks', () => {
  it('HL numbering and parent errors are TR3 issues of x12 parse, not a valid file', () => {
    const codes = tr3Codes(readX12Fixture('837p/hl-broken.837'));

    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((code) => code.startsWith('HL'))).toBe(true);
  });

  it('segments a loop requires (837P) are TR3 issues too', () => {
    expect(tr3Codes(readX12Fixture('837p/missing-segments.837'))).toContain('SEGMENT_MISSING');
  });
});

describe('999: AK202 echoes an ST02 of 4 to 9 characters', () => {
  it('a 3-character AK202 is a TR3 issue', () => {
    const text = readX12Fixture('999-rejected-ik3-ik4.x12').replace('AK2*837*0002*', 'AK2*837*002*');

    expect(readTypedX12(text).tr3Issues).toEqual([
      expect.objectContaining({ code: 'CONTROL_NUMBER_LENGTH', segmentId: 'AK2', position: 14 }),
    ]);
  });
});

describe('our own response fixtures follow the content rules', () => {
  const files = readdirSync(X12_FIXTURES).filter((name) => name.endsWith('.x12'));

  it.each(files)('%s has no TR3 issues', (name) => {
    expect(readTypedX12(readX12Fixture(name), { lenient: true }).tr3Issues).toEqual([]);
  });
});
