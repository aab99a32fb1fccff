import { describe, expect, it } from 'vitest';
import { parseMueFile } from '#core/codesets/ncci/mue-file';
import { parsePtpFile } from '#core/codesets/ncci/ptp-file';
import { readFixture } from './fixtures.ts';

const PTP_F1 = 'ccipra-v311r0-f1.txt';
const MUE = 'MCR_MUE_PractitionerServices_Eff_04-01-2025.csv';

describe('NCCI practitioner PTP table (tab-delimited text)', () => {
  it('skips the notice and the header lines and reads every edit', () => {
    const edits = parsePtpFile(PTP_F1, readFixture('ncci', PTP_F1));
    expect(edits.map((e) => `${e.column1}/${e.column2}`)).toEqual([
      '20610/20550',
      '20610/76942',
      '36415/36416',
      '93000/93005',
      '93000/93010',
      '96372/99211',
    ]);
  });

  it('reads dates, the pre-1996 mark, a "*" deletion date as none, and the modifier indicator', () => {
    const edits = parsePtpFile(PTP_F1, readFixture('ncci', PTP_F1));
    expect(edits[2]).toEqual({
      column1: '36415',
      column2: '36416',
      priorTo1996: false,
      effective: '2012-01-01',
      deletion: '2015-03-31',
      modifierIndicator: '1',
      rationale: 'Mutually exclusive procedures',
    });
    expect(edits[3]).toMatchObject({ priorTo1996: true, effective: '1996-01-01', modifierIndicator: '0' });
    expect(edits[3]).not.toHaveProperty('deletion');
  });

  it('accepts the one-line header form', () => {
    expect(parsePtpFile('ccipra-v311r0-f2.txt', readFixture('ncci', 'ccipra-v311r0-f2.txt'))).toHaveLength(4);
  });

  it('names the line of a modifier indicator outside 0/1/9', () => {
    const broken = readFixture('ncci', PTP_F1).replace('20150101\t*\t0', '20150101\t*\t2');
    expect(() => parsePtpFile(PTP_F1, broken)).toThrow(
      `${PTP_F1}, line 8: Modifier indicator must be 0, 1 or 9, found "2"`,
    );
  });

  it('names the line of an effective date that is not YYYYMMDD', () => {
    const broken = readFixture('ncci', PTP_F1).replace('20120101', '01/01/2012');
    expect(() => parsePtpFile(PTP_F1, broken)).toThrow(`line 9: Effective Date must be YYYYMMDD, found "01/01/2012"`);
  });

  it('rejects a row with missing columns (a comma-separated export given as the text file)', () => {
    const broken = readFixture('ncci', PTP_F1).replace('93000\t93010\t*\t19960101\t*\t0', '93000,93010,*,19960101,*,0');
    expect(() => parsePtpFile(PTP_F1, broken)).toThrow(/line 11: expected 7 tab-separated columns/);
  });

  it('rejects a file without the PTP header (the MUE table given as PTP)', () => {
    expect(() => parsePtpFile(MUE, readFixture('ncci', MUE))).toThrow(/no NCCI PTP header row/);
  });
});

describe('NCCI practitioner MUE table (CSV)', () => {
  it('reads past the quoted multi-line AMA notice and the wrapped header', () => {
    const edits = parseMueFile(MUE, readFixture('ncci', MUE));
    expect(edits).toHaveLength(9);
    expect(edits[0]).toEqual({
      code: '11102',
      value: 1,
      indicator: '2',
      indicatorText: '2 Date of Service Edit: Policy',
      rationale: 'Code Descriptor / CPT Instruction',
    });
    expect(edits.find((e) => e.code === 'A4206')).toMatchObject({ value: 100, indicator: '1' });
  });

  it('names the line of an adjudication indicator without its digit', () => {
    const broken = readFixture('ncci', MUE).replace(
      '40,"3 Date of Service Edit: Clinical"',
      '40,"Date of Service Edit"',
    );
    expect(() => parseMueFile(MUE, broken)).toThrow(
      `${MUE}, line 13: MUE Adjudication Indicator of J1100 must start with 1, 2 or 3, found "Date of Service Edit"`,
    );
  });

  it('names the line of a non-numeric MUE value', () => {
    const broken = readFixture('ncci', MUE).replace('96372,4,', '96372,four,');
    expect(() => parseMueFile(MUE, broken)).toThrow(
      /line 10: MUE value of 96372 must be a whole number of units, found "four"/,
    );
  });

  it('reports a quoted cell that is never closed (a truncated file)', () => {
    const text = readFixture('ncci', MUE);
    expect(() => parseMueFile(MUE, text.slice(0, 60))).toThrow(
      `${MUE}, line 1: quoted cell opened here is never closed`,
    );
  });
});
