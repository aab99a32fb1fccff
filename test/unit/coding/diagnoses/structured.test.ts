import { describe, expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import type { Encounter, SourceCode } from '#core/documents/encounter';
import { codeSets, DATE } from './coding-note.ts';

function encounterWith(diagnoses: SourceCode[], noteText?: string, sections: Encounter['sections'] = []): Encounter {
  return {
    source: { key: 'structured.json', format: 'claimflow-json', index: 0 },
    patient: { birthDate: '1970-01-01' },
    diagnoses,
    procedures: [],
    ...(noteText ? { noteText, sections } : {}),
  };
}

const icd = (code: string, path: string, display?: string): SourceCode => ({
  system: 'ICD-10-CM',
  code,
  ...(display ? { display } : {}),
  location: { path },
});

describe('structured diagnosis codes', () => {
  it('keeps billable codes in source order with the field as evidence, dotted and described', () => {
    const coding = codeDiagnoses(encounterWith([icd('j069', 'diagnoses[0]'), icd(' I10 ', 'diagnoses[1]')]), {
      codeSets,
      date: DATE,
    });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J06.9', 'I10']);
    expect(coding.diagnoses[0]!.description).toBe('Acute upper respiratory infection, unspecified');
    expect(coding.diagnoses[0]!.evidence).toEqual([
      { kind: 'field', path: 'diagnoses[0]', rule: 'dx.structured.billable' },
    ]);
    expect(coding.reviewReasons).toEqual([]);
  });

  it('sends a header code to review when the documentation does not name the code below it', () => {
    const coding = codeDiagnoses(encounterWith([icd('E11', 'DG1[1].3')]), { codeSets, date: DATE });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons[0]).toMatchObject({ category: 'unsupported_code', field: 'DG1[1].3' });
    expect(coding.reviewReasons[0]!.message).toContain('E11 at DG1[1].3 is a header');
  });

  it('raises a header code to the billable code the note documents', () => {
    const note = 'ASSESSMENT:\n1. Type 2 diabetes with hyperglycemia.\n';
    const start = note.indexOf('1.');
    const coding = codeDiagnoses(
      encounterWith([icd('E11', 'Condition[0].code.coding[0]')], note, [
        { name: 'ASSESSMENT', start, end: note.length - 1 },
      ]),
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['E11.65']);
    expect(coding.diagnoses[0]!.evidence.map((e) => e.rule)).toContain('dx.structured.raised-by-documentation');
  });

  it('does not add codes from the note beside asserted codes', () => {
    const note = 'ASSESSMENT:\n1. Hypertension.\n';
    const coding = codeDiagnoses(
      encounterWith([icd('J06.9', 'row 2, column dx1')], note, [
        { name: 'ASSESSMENT', start: 12, end: note.length - 1 },
      ]),
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J06.9']);
  });

  it('rejects a code that is not in the release, one that is not shaped like ICD-10-CM, and ICD-9-CM', () => {
    const coding = codeDiagnoses(
      encounterWith([
        icd('E11.99', 'diagnoses[0]'),
        icd('123.4', 'diagnoses[1]'),
        { system: 'ICD-9-CM', code: '250.00', location: { path: 'DG1[1].3' } },
      ]),
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((r) => r.message)).toEqual([
      'E11.99 at diagnoses[0] is not in icd10cm-starter (in effect on 2026-11-02)',
      '"123.4" at diagnoses[1] is not shaped like an ICD-10-CM code',
      `ICD-9-CM code 250.00 at DG1[1].3 is not valid for a claim on ${DATE}; no mapping is invented`,
    ]);
  });

  it('says when no release covers the date of service', () => {
    const coding = codeDiagnoses(encounterWith([icd('I10', 'diagnoses[0]')]), { codeSets, date: '2014-06-01' });
    expect(coding.reviewReasons[0]!.message).toContain('no ICD-10-CM release is loaded for 2014-06-01');
  });

  it('codes SNOMED CT conditions from their display text through the text rules', () => {
    const snomed = (code: string, display: string, index: number): SourceCode => ({
      system: 'SNOMED-CT',
      code,
      display,
      location: { path: `Condition[${index}].code.coding[0]` },
    });
    const coding = codeDiagnoses(
      encounterWith([
        snomed('444814009', 'Viral sinusitis (disorder)', 0),
        snomed('38341003', 'Hypertension', 1),
        snomed('160903007', 'Full-time employment (finding)', 2),
      ]),
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J32.9', 'I10']);
    expect(coding.diagnoses[1]!.evidence[0]).toEqual({
      kind: 'field',
      path: 'Condition[1].code.coding[0]',
      quote: 'Hypertension',
      rule: 'dx.text.concept-match',
    });
  });

  it('never invents a code for a SNOMED CT condition whose text it cannot read', () => {
    const coding = codeDiagnoses(
      encounterWith([
        { system: 'SNOMED-CT', code: '73595000', display: 'Stress (finding)', location: { path: 'Condition[0]' } },
      ]),
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((r) => r.category)).toEqual(['missing_information']);
  });
});

describe('raising a header code', () => {
  it('does not raise to the unspecified or "without complications" code: the note must add a specificity', () => {
    const note = 'ASSESSMENT:\n1. Type 2 diabetes.\n';
    const coding = codeDiagnoses(
      {
        source: { key: 'superbill.csv', format: 'csv-superbill', index: 0 },
        patient: {},
        diagnoses: [{ system: 'ICD-10-CM', code: 'E11', location: { path: 'row 2, column diagnosis_codes' } }],
        procedures: [],
        noteText: note,
        sections: [{ name: 'ASSESSMENT', start: 12, end: note.length - 1 }],
      },
      { codeSets, date: DATE },
    );
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons[0]!.category).toBe('unsupported_code');
  });
});
