import { describe, expect, it } from 'vitest';
import { parseCptCsv } from '#core/codesets/cpt/licensed-csv';
import { readFixture } from './fixtures.ts';

describe('licensed CPT list (CSV code,description)', () => {
  it('reads every row after the optional header, quoted descriptions included', () => {
    const codes = parseCptCsv('cpt-2025.csv', readFixture('cpt', 'cpt-2025.csv'));
    expect(codes.map((c) => c.code)).toEqual(['99213', '99214', '96372', '0042T']);
    expect(codes[0]?.description).toBe('Office visit, established patient, level 3 (deployment-supplied descriptor)');
  });

  it('rejects a code that is not a CPT code, naming the line', () => {
    expect(() => parseCptCsv('cpt.csv', 'code,description\n99213,ok\nJ1100,a HCPCS code\n')).toThrow(
      'cpt.csv, line 3: expected a 5-character CPT code (4 digits then a digit, F, T or U), found "J1100"',
    );
  });

  it('rejects a code listed twice', () => {
    expect(() => parseCptCsv('cpt.csv', '99213,a\n99213,b\n')).toThrow(
      'cpt.csv, line 2: code 99213 is listed twice (first on line 1)',
    );
  });

  it('rejects a row with an unquoted comma in the description', () => {
    expect(() => parseCptCsv('cpt.csv', '99213,visit, level 3\n')).toThrow(/line 1: expected 2 columns/);
  });
});
