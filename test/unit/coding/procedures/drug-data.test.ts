/** The drug table is validated data: a malformed file is refused with the file named, never half-loaded. */
import { describe, expect, it } from 'vitest';
import { compileDrugs, DrugDataError, drugUnits, INJECTABLE_DRUGS } from '#core/coding/procedures/drugs';
import drugsFile from '../../../../core/coding/procedures/data/drugs.json' with { type: 'json' };

describe('drug data (data/drugs.json)', () => {
  it('loads every drug with its billing units (methylprednisolone strengths largest first)', () => {
    const methylprednisolone = INJECTABLE_DRUGS.find((d) => d.id === 'methylprednisolone-acetate')!;
    expect(drugUnits(methylprednisolone, { amount: 120, unit: 'mg' })).toEqual([
      { code: 'J1040', units: 1 },
      { code: 'J1030', units: 1 },
    ]);
    expect(INJECTABLE_DRUGS.find((d) => d.id === 'ceftriaxone')!.names.test('Rocephin 1 g IM')).toBe(true);
  });

  it('refuses strength codes listed smallest first, a code that is not a HCPCS drug code, and a duplicate id', () => {
    const reversed = structuredClone(drugsFile);
    const drug = reversed.drugs.find((d) => d.codes.length > 1)!;
    drug.codes.reverse();
    expect(() => compileDrugs(reversed)).toThrow(/largest first/);
    const badCode = structuredClone(drugsFile);
    badCode.drugs[0]!.codes[0]!.code = '20610';
    expect(() => compileDrugs(badCode)).toThrow(DrugDataError);
    const duplicate = structuredClone(drugsFile);
    duplicate.drugs.push(duplicate.drugs[0]!);
    expect(() => compileDrugs(duplicate)).toThrow(/duplicate id/);
  });
});
