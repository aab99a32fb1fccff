import { describe, expect, it } from 'vitest';
import { demographicEditsFor } from '#core/codesets/demographic-edits';

const summary = (code: string) => demographicEditsFor(code).map(({ sex, minAge, maxAge }) => ({ sex, minAge, maxAge }));

describe('age and sex edits by code range', () => {
  it('limits maternity codes, the whole O00-O9A range, to female patients of child-bearing age', () => {
    expect(summary('O80')).toEqual([{ sex: 'female', minAge: 9, maxAge: 64 }]);
    expect(summary('O9A119')).toEqual([{ sex: 'female', minAge: 9, maxAge: 64 }]);
  });

  it('limits perinatal codes to the newborn record', () => {
    expect(summary('P0730')).toEqual([{ sex: undefined, minAge: undefined, maxAge: 0 }]);
    expect(summary('Z3800')).toEqual([{ sex: undefined, minAge: undefined, maxAge: 0 }]);
  });

  it('marks sex-specific codes, down to subcategory ranges', () => {
    expect(summary('N400')[0]?.sex).toBe('male');
    expect(summary('Z125')[0]?.sex).toBe('male');
    expect(summary('Z124')[0]?.sex).toBe('female');
    expect(summary('N951')[0]?.sex).toBe('female');
  });

  it('leaves codes for either sex alone (breast cancer, other screening)', () => {
    expect(summary('C50911')).toEqual([]);
    expect(summary('Z1211')).toEqual([]);
    expect(summary('N390')).toEqual([]);
  });
});
