/** Combination vaccines: one product code, every antigen a component for 90461; the product table is validated data. */
import { describe, expect, it } from 'vitest';
import { vaccineForCvx } from '#core/coding/procedures/cvx-vaccines';
import { compileVaccines, VaccineDataError, vaccineByCode } from '#core/coding/procedures/vaccine-data';
import vaccinesFile from '../../../../core/coding/procedures/data/vaccines.json' with { type: 'json' };
import { codeNote, lineKeys } from '../support.ts';

const counselled = (given: string) =>
  `CHIEF COMPLAINT: Here for vaccines. No other concerns.\nPROCEDURE: Parent counseled by the physician on each vaccine. ${given}`;
const infant = { dob: '2026-07-01' };

describe('pediatric administration with counselling counts every component of a combination vaccine', () => {
  it('DTaP-IPV-Hib-HepB (Vaxelis) is one 90460 and five 90461', () => {
    expect(lineKeys(codeNote(counselled('Vaxelis administered IM in the right thigh.'), ['Z23'], infant))).toEqual([
      '90697 x1',
      '90460 x1',
      '90461 x5',
    ]);
  });

  it('Pentacel, Prevnar 13 and RotaTeq: three vaccines, four more components for Pentacel', () => {
    expect(
      lineKeys(codeNote(counselled('Pentacel, Prevnar 13 and RotaTeq administered today.'), ['Z23'], infant)),
    ).toEqual(['90670 x1', '90698 x1', '90680 x1', '90460 x3', '90461 x4']);
  });

  it('MMRV (ProQuad) is not read as MMR as well', () => {
    expect(lineKeys(codeNote(counselled('ProQuad given subcutaneously.'), ['Z23'], { dob: '2022-01-01' }))).toEqual([
      '90710 x1',
      '90460 x1',
      '90461 x3',
    ]);
  });

  it('bills 90471/90472 per vaccine, not per component, at 19 and over', () => {
    expect(lineKeys(codeNote(counselled('MMR and Tdap administered IM.'), ['Z23'], { dob: '2000-01-01' }))).toEqual([
      '90715 x1',
      '90707 x1',
      '90471 x1',
      '90472 x1',
    ]);
  });
});

describe('a visit only for vaccines', () => {
  it('is not an E/M when the reason names the vaccines with two words before them ("here for 4 month vaccines")', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Here for 4 month vaccines. No other concerns.\nPROCEDURE: Vaxelis administered IM.',
      ['Z23'],
      infant,
    );
    expect(coded.lines.some((l) => /^992/.test(l.code))).toBe(false);
  });
});

describe('vaccine data (data/vaccines.json)', () => {
  it('counts components from the antigens listed, also for vaccines recorded by CVX code', () => {
    expect(vaccineByCode('90697')?.components).toBe(6);
    expect(vaccineByCode('90723')?.components).toBe(5);
    expect(vaccineForCvx('03')?.components).toBe(3);
    expect(vaccineForCvx('94')?.components).toBe(4);
  });

  it('rejects an antigen listed twice, a pattern that does not compile and a duplicate id', () => {
    const twice = structuredClone(vaccinesFile);
    twice.vaccines[0]!.antigens.push(twice.vaccines[0]!.antigens[0]!);
    expect(() => compileVaccines(twice)).toThrow(VaccineDataError);
    const broken = structuredClone(vaccinesFile);
    broken.vaccines[0]!.names = '(unclosed';
    expect(() => compileVaccines(broken)).toThrow(/not a valid pattern/);
    const duplicate = structuredClone(vaccinesFile);
    duplicate.vaccines.push(duplicate.vaccines[0]!);
    expect(() => compileVaccines(duplicate)).toThrow(/duplicate id/);
  });
});
