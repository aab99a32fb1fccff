import { describe, expect, it } from 'vitest';
import { codeEncounterWith } from '#core/coding/index';
import type { Encounter, SourceProcedure } from '#core/documents/encounter';
import { codeSets, config, fixedDiagnoses, lineKeys } from './support.ts';

function superbill(procedures: SourceProcedure[], extra: Partial<Encounter> = {}): Encounter {
  return {
    source: { key: 'superbill.csv', format: 'csv-superbill', index: 0 },
    patient: { lastName: 'Sample', firstName: 'Pat', birthDate: '1970-05-05', sex: 'F' },
    subscriber: { memberId: 'SBX000111' },
    payer: { payerId: 'SANDBOX1' },
    billingProvider: { npi: '1234567893' },
    renderingProvider: { npi: '1456789019' },
    placeOfService: '11',
    dateOfService: '2026-11-02',
    diagnoses: [],
    procedures,
    ...extra,
  };
}
const line = (code: string, row: number, more: Partial<SourceProcedure> = {}): SourceProcedure => ({
  system: /^[A-Z]/.test(code) ? 'HCPCS' : 'CPT',
  code,
  location: { path: `row ${row}, column procedure_code` },
  ...more,
});
const code = (encounter: Encounter, diagnoses: string[]) =>
  codeEncounterWith(encounter, { codeSets, config }, fixedDiagnoses(diagnoses));

describe('procedures the source already coded', () => {
  it('keeps the codes, units and modifiers given, with the field as evidence', () => {
    const coded = code(superbill([line('99213', 2), line('87880', 3, { modifiers: ['qw'] })]), ['J02.0']);
    expect(lineKeys(coded)).toEqual(['99213 x1', '87880-QW x1']);
    expect(coded.lines[1]?.evidence).toEqual([
      { kind: 'field', path: 'row 3, column procedure_code', rule: 'px.structured' },
    ]);
  });

  it('adds modifier 25 to an E/M billed with an injection', () => {
    expect(
      lineKeys(code(superbill([line('99214', 2), line('96372', 3), line('J1885', 4, { units: 2 })]), ['M54.50'])),
    ).toEqual(['99214-25 x1', '96372 x1', 'J1885 x2']);
  });

  it('adds 25 to a preventive visit beside a minor procedure, whatever the order of the lines', () => {
    const coded = code(
      superbill([line('99396', 2), line('90686', 3), line('90471', 4), line('69210', 5, { modifiers: ['RT'] })]),
      ['Z00.00', 'Z23', 'H61.21'],
    );
    expect(lineKeys(coded)).toEqual(['99396-25 x1', '90686 x1', '90471 x1', '69210-RT x1']);
  });

  it('follows the diagnosis links the source gives for pointers, in its order', () => {
    const coded = code(
      superbill([
        line('99213', 2, { diagnosisCodes: ['I10', 'J02.0'] }),
        line('87880', 3, { diagnosisCodes: ['J02.0'] }),
      ]),
      ['I10', 'J02.0'],
    );
    expect(coded.lines.map((l) => l.diagnosisPointers)).toEqual([[1, 2], [2]]);
  });

  it('uses the charge the source states rather than the fee schedule', () => {
    expect(code(superbill([line('99213', 2, { chargeCents: 12_500 })]), ['I10']).lines[0]?.chargeCents).toBe(12_500);
  });

  it('sends a code not valid on the date to review as unsupported', () => {
    const coded = code(superbill([line('99213', 2), line('99499', 3)]), ['I10']);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'unsupported_code', field: 'lines.99499' }),
    );
  });

  it('sends a procedure coded only in SNOMED CT to review without inventing a CPT code', () => {
    const coded = code(
      superbill([line('99213', 2), { system: 'SNOMED-CT', code: '80146002', location: { path: 'Procedure[0].code' } }]),
      ['I10'],
    );
    expect(lineKeys(coded)).toEqual(['99213 x1']);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'unsupported_code', field: 'Procedure[0].code' }),
    );
  });

  it('sends a new-patient code for a patient the document calls established to review', () => {
    const coded = code(superbill([line('99203', 2)], { newPatient: false }), ['I10']);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'conflicting_documentation', field: 'newPatient' }),
    );
  });

  it('refuses more than four modifiers or malformed ones', () => {
    const coded = code(
      superbill([
        line('20610', 2, { modifiers: ['RT', '59', 'XS', 'XU', '76'] }),
        line('J3301', 3, { modifiers: ['R'] }),
      ]),
      ['M17.11'],
    );
    expect(coded.review.reasons.filter((r) => r.category === 'unsupported_code').map((r) => r.field)).toEqual([
      'row 2, column procedure_code',
      'row 3, column procedure_code',
    ]);
  });
});

describe('immunizations recorded with CVX codes (FHIR Immunization)', () => {
  const immunization = (cvx: string, i: number): SourceProcedure => ({
    system: 'CVX',
    code: cvx,
    location: { path: `Immunization[${i}].vaccineCode` },
  });

  it('codes the CPT product from the CDC crosswalk and adds the administration', () => {
    const coded = code(superbill([immunization('150', 0), immunization('115', 1)]), ['Z23']);
    expect(lineKeys(coded)).toEqual(['90686 x1', '90715 x1', '90471 x1', '90472 x1']);
    expect(coded.lines[0]?.evidence).toEqual([
      { kind: 'field', path: 'Immunization[0].vaccineCode', rule: 'vaccine.cvx' },
    ]);
  });

  it('uses the Medicare administration codes for influenza and pneumococcal vaccines', () => {
    const coded = code(superbill([immunization('150', 0), immunization('33', 1)], { payer: { payerId: 'MEDICR' } }), [
      'Z23',
    ]);
    expect(lineKeys(coded)).toEqual(['90686 x1', '90732 x1', 'G0008 x1', 'G0009 x1']);
  });

  it('does not add an administration the source already bills', () => {
    const coded = code(superbill([immunization('150', 0), line('90471', 2)]), ['Z23']);
    expect(lineKeys(coded)).toEqual(['90686 x1', '90471 x1']);
  });

  it('sends a CVX code outside the crosswalk to review', () => {
    const coded = code(superbill([immunization('999', 0)]), ['Z23']);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'unsupported_code', field: 'Immunization[0].vaccineCode' }),
    );
  });
});
