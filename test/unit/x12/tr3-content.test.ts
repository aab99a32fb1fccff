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

describe('composite qualifiers from the TR3 code lists', () => {
  const claim = readX12Fixture('837p/self-and-dependent.837');
  const remittance = readX12Fixture('835-plb-interest-recoupment.x12');
  /** The same file as an 837I: ST03 and GS08 name 005010X223A2, so the institutional code lists apply. */
  const institutional = claim.replaceAll('005010X222A1', '005010X223A2');

  it('SV101-1 of an 837P must be ER, HC, IV or WK', () => {
    const text = editSegment(claim, 'SV1*HC:82947*25.5*UN*1***1', 'SV1*N4:82947*25.5*UN*1***1');

    expect(readTypedX12(text).tr3Issues).toEqual([
      expect.objectContaining({
        code: 'PROCEDURE_QUALIFIER',
        segmentId: 'SV1',
        message: expect.stringContaining('SV101-1 "N4" is not a product/service id qualifier the 005010X222 TR3'),
      }),
    ]);
  });

  it('SVC01-1 and SVC06-1 of an 835 take the 835 list (N4 for an NDC is one of them)', () => {
    expect(tr3Codes(editSegment(remittance, 'SVC*HC:99215*300*200**1', 'SVC*N4:00002143380*300*200**1'))).toEqual([]);
    expect(tr3Codes(editSegment(remittance, 'SVC*HC:99215*300*200**1', 'SVC*XX:99215*300*200**1'))).toEqual([
      'PROCEDURE_QUALIFIER',
    ]);
    expect(tr3Codes(editSegment(remittance, 'SVC*HC:99215*300*200**1', 'SVC*HC:99215*300*200**1*ZZ:99214'))).toEqual([
      'PROCEDURE_QUALIFIER',
    ]);
  });

  it('the 837P diagnosis HI starts with ABK (or BK) and continues with ABF (or BF)', () => {
    const swapped = editSegment(claim, 'HI*ABK:E119*ABF:I10', 'HI*ABF:E119*ABK:I10');
    const mixed = editSegment(claim, 'HI*ABK:E119*ABF:I10', 'HI*ABK:E119*ABK:I10');

    expect(readTypedX12(swapped).tr3Issues).toEqual([
      expect.objectContaining({
        code: 'HI_QUALIFIER',
        segmentId: 'HI',
        message: expect.stringContaining('HI01-1 "ABF" opens no HI segment of the 005010X222 TR3'),
      }),
    ]);
    expect(readTypedX12(mixed).tr3Issues).toEqual([
      expect.objectContaining({
        code: 'HI_QUALIFIER',
        message: expect.stringContaining('HI02-1 "ABK" in the health care diagnosis code HI must be ABF or BF'),
      }),
    ]);
  });

  it('an 837P claim carries one diagnosis HI, at most 12 diagnoses, and may add condition codes (BG)', () => {
    const twice = editSegment(claim, 'HI*ABK:E119*ABF:I10', 'HI*ABK:E119*ABF:I10~HI*ABK:J069').replace(
      /SE\*(\d+)\*/,
      (_all, n: string) => `SE*${Number(n) + 1}*`,
    );
    const thirteen = editSegment(
      claim,
      'HI*ABK:E119*ABF:I10',
      `HI*ABK:E119${Array.from({ length: 12 }, (_, i) => `*ABF:Z${10 + i}`).join('')}`,
    );
    const conditions = editSegment(claim, 'HI*ABK:E119*ABF:I10', 'HI*ABK:E119*ABF:I10~HI*BG:01*BG:02').replace(
      /SE\*(\d+)\*/,
      (_all, n: string) => `SE*${Number(n) + 1}*`,
    );

    expect(tr3Codes(twice)).toEqual(['HI_REPEAT']);
    expect(readTypedX12(thirteen).tr3Issues).toEqual([
      expect.objectContaining({
        code: 'HI_QUALIFIER',
        message: expect.stringContaining('carries at most 12 composites; HI13-1 "ABF" is one too many'),
      }),
    ]);
    expect(tr3Codes(conditions)).toEqual([]);
  });

  it('an 837I has its own HI kinds: other diagnoses open with ABF, the admitting diagnosis with ABJ', () => {
    // Both claims of the file: a principal diagnosis HI, an admitting diagnosis HI, an other-diagnoses HI.
    const institutionalHi = institutional
      .replaceAll('HI*ABK:E119*ABF:I10', 'HI*ABK:E119~HI*ABJ:I10~HI*ABF:J069*ABF:R05')
      .replace(/SE\*(\d+)\*/, (_all, n: string) => `SE*${Number(n) + 4}*`);

    expect(tr3Codes(institutionalHi).filter((code) => code.startsWith('HI_'))).toEqual([]);
    // The principal diagnosis HI of an 837I carries one composite only.
    expect(tr3Codes(institutional).filter((code) => code.startsWith('HI_'))).toContain('HI_QUALIFIER');
  });
});

describe('dates that cannot be what they say', () => {
  const claim = readX12Fixture('837p/self-and-dependent.837');
  const remittance = readX12Fixture('835-plb-interest-recoupment.x12');

  it.each([
    ['DTP*472*D8*20261120', 'DTP*472*D8*20260230', 'DATE_INVALID', 'a day that is not in the calendar'],
    ['DTP*472*D8*20261120', 'DTP*472*D8*2026112', 'DATE_INVALID', 'seven digits'],
    [
      'DTP*472*D8*20261120',
      'DTP*472*RD8*20261120-20261101',
      'DATE_RANGE_REVERSED',
      'a range that ends before it starts',
    ],
    ['DTP*472*D8*20261120', 'DTP*472*RD8*20261120', 'DATE_INVALID', 'a range without its end'],
    ['DTP*472*D8*20261120', 'DTP*472*D8*21261120', 'DATE_IMPLAUSIBLE', 'a service a century from now'],
    ['DMG*D8*19800229*F', 'DMG*D8*18800229*F', 'DATE_IMPLAUSIBLE', 'a birth in 1880'],
    ['DMG*D8*19800229*F', 'DMG*D8*19810229*F', 'DATE_INVALID', 'February 29 of a year that is not a leap year'],
  ])('%s written %s is %s (%s)', (segment, replacement, code) => {
    expect(tr3Codes(editSegment(claim, segment, replacement))).toEqual([code]);
  });

  it('names the element, never the date (a birth date is patient data)', () => {
    const [issue] = readTypedX12(editSegment(claim, 'DMG*D8*19800229*F', 'DMG*D8*19810229*F')).tr3Issues;

    expect(issue?.message).toBe('segment 19 (DMG): DMG02 is not a D8 date (CCYYMMDD) of the calendar');
    expect(issue?.message).not.toContain('1981');
  });

  it('an RD8 range of one day and a leap day are valid', () => {
    expect(tr3Codes(editSegment(claim, 'DTP*472*D8*20261120', 'DTP*472*RD8*20261120-20261120'))).toEqual([]);
    expect(tr3Codes(editSegment(claim, 'DTP*472*D8*20261120', 'DTP*472*D8*20240229'))).toEqual([]);
  });

  it('checks the dates of an 835 too: DTM02, BPR16', () => {
    expect(tr3Codes(editSegment(remittance, 'DTM*472*20261102', 'DTM*472*20261302'))).toEqual(['DATE_INVALID']);
    const bpr = 'BPR*I*436.84*C*ACH*CCP*01*999999992*DA*123456*1512345678**01*888888880*DA*654321*20261120';
    expect(tr3Codes(editSegment(remittance, bpr, bpr.replace(/20261120$/, '20261131')))).toEqual(['DATE_INVALID']);
  });
});

describe('our own response fixtures follow the content rules', () => {
  const files = readdirSync(X12_FIXTURES).filter((name) => name.endsWith('.x12'));

  it.each(files)('%s has no TR3 issues', (name) => {
    expect(readTypedX12(readX12Fixture(name), { lenient: true }).tr3Issues).toEqual([]);
  });
});
