import { describe, expect, it } from 'vitest';
import { drugUnits, INJECTABLE_DRUGS, readDose } from '#core/coding/procedures/drugs';
import { codeNote, lineKeys } from '../support.ts';

const drug = (id: string) => INJECTABLE_DRUGS.find((d) => d.id === id)!;

describe('HCPCS drug units from the documented dose', () => {
  it.each([
    ['ceftriaxone', '1 g', 'J0696 x4'],
    ['ceftriaxone', '500 mg', 'J0696 x2'],
    ['methylprednisolone-acetate', '40 mg', 'J1030 x1'],
    ['methylprednisolone-acetate', '80 mg', 'J1040 x1'],
    ['methylprednisolone-acetate', '120 mg', 'J1040 x1, J1030 x1'],
    ['dexamethasone', '10 mg', 'J1100 x10'],
    ['ketorolac', '30 mg', 'J1885 x2'],
    ['ketorolac', '60 mg', 'J1885 x4'],
    ['triamcinolone', '40 mg', 'J3301 x4'],
    ['cyanocobalamin', '1,000 mcg', 'J3420 x1'],
    ['penicillin-g-benzathine', '2.4 million units', 'J0561 x24'],
    ['promethazine', '25 mg', 'J2550 x1'],
    ['epinephrine', '0.3 mg', 'J0171 x3'],
  ])('%s %s bills as %s', (id, written, expected) => {
    const dose = readDose(written)!;
    expect(
      drugUnits(drug(id), dose)
        .map((l) => `${l.code} x${l.units}`)
        .join(', '),
    ).toBe(expected);
  });

  it('reads a concentration times the volume given ("40 mg/mL, 1.5 mL")', () => {
    expect(readDose('Kenalog 40 mg/mL, 1.5 mL IM')).toEqual({ amount: 60, unit: 'mg' });
  });

  it('rounds a partial billing unit up to a whole unit', () => {
    expect(drugUnits(drug('ketorolac'), { amount: 20, unit: 'mg' })).toEqual([{ code: 'J1885', units: 2 }]);
  });
});

describe('injections in a note', () => {
  const visit = (procedure: string) =>
    `CHIEF COMPLAINT: Back pain.\nASSESSMENT:\n1. Low back pain.\nPROCEDURE: ${procedure}\nPLAN: Cyclobenzaprine 10 mg at bedtime.`;

  it('codes the drug, 96372 and modifier 25 on the separately identifiable E/M', () => {
    expect(lineKeys(codeNote(visit('Toradol 30 mg IM administered in the left gluteal.'), ['M54.50']))).toEqual([
      '99213-25 x1',
      'J1885 x2',
      '96372 x1',
    ]);
  });

  it('quotes the sentence that documents the administration', () => {
    const coded = codeNote(visit('Toradol 30 mg IM administered in the left gluteal.'), ['M54.50']);
    expect(coded.lines.find((l) => l.code === 'J1885')?.evidence[0]?.quote).toBe(
      'Toradol 30 mg IM administered in the left gluteal.',
    );
  });

  it('counts one 96372 per drug injected', () => {
    const coded = codeNote(visit('Ketorolac 60 mg IM given. Dexamethasone 10 mg IM given.'), ['M54.50']);
    expect(coded.lines.find((l) => l.code === '96372')?.units).toBe(2);
  });

  it('does not code an oral prescription of an injectable drug', () => {
    expect(
      lineKeys(
        codeNote(
          visit('None.').replace('Cyclobenzaprine 10 mg at bedtime.', 'Dexamethasone 4 mg by mouth daily for 3 days.'),
          ['M54.50'],
        ),
      ),
    ).toEqual(['99213 x1']);
  });

  it('does not code an injection the patient declined', () => {
    expect(lineKeys(codeNote(visit('Toradol 30 mg IM offered and declined.'), ['M54.50']))).toEqual(['99213 x1']);
  });

  it('sends an injection without a dose to review with one unit at low confidence', () => {
    const coded = codeNote(visit('Toradol IM given.'), ['M54.50']);
    expect(coded.lines.find((l) => l.code === 'J1885')).toMatchObject({ units: 1, confidence: 0.4 });
    expect(coded.review.required).toBe(true);
  });

  it('bills a drug injected into a joint with the joint procedure, not with 96372', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Here for scheduled knee injection.\nPROCEDURE: Right knee intra-articular injection with triamcinolone 40 mg.',
      ['M17.11'],
    );
    expect(lineKeys(coded)).toEqual(['20610-RT x1', 'J3301 x4']);
  });

  it('doubles the dose written "into each knee" for bilateral injections', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Here for knee injections. No other concerns.\nPROCEDURE: Bilateral knee injections with triamcinolone 40 mg into each knee.',
      ['M17.0'],
    );
    expect(lineKeys(coded)).toEqual(['20610-50 x1', 'J3301 x8']);
  });
});

describe('injections that are not a 96372 with a drug line', () => {
  it.each([
    'The area was injected with 1% lidocaine with epinephrine.',
    'A subconjunctival injection of dexamethasone was given.',
  ])('"%s" is part of a procedure', (sentence) => {
    const coded = codeNote(
      `CHIEF COMPLAINT: Follow-up.\nPROCEDURE: ${sentence}\nASSESSMENT:\n1. Essential hypertension.\nPLAN: Continue lisinopril 10 mg daily.`,
      ['I10'],
    );
    expect(coded.lines.map((l) => l.code)).toEqual(['99213']);
  });
});

describe('viscosupplement (hyaluronan) injections', () => {
  const procedureOnly = (procedure: string) =>
    `CHIEF COMPLAINT: Here for a procedure. No other concerns.\nPROCEDURE: ${procedure}`;

  it('bills a per-dose product once per knee beside the joint injection, never with 96372', () => {
    expect(
      lineKeys(
        codeNote(procedureOnly('Euflexxa injected into the right knee, second of three weekly injections.'), [
          'M17.11',
        ]),
      ),
    ).toEqual(['20610-RT x1', 'J7323 x1']);
    expect(
      lineKeys(
        codeNote(procedureOnly('Orthovisc injected into each knee, bilateral, without complication.'), ['M17.0']),
      ),
    ).toEqual(['20610-50 x1', 'J7324 x2']);
  });

  it('bills a product priced per milligram by the hyaluronan dose written', () => {
    expect(lineKeys(codeNote(procedureOnly('Synvisc-One 48 mg injected into the left knee.'), ['M17.12']))).toEqual([
      '20610-LT x1',
      'J7325 x48',
    ]);
    expect(drugUnits(drug('hyaluronan-gelsyn'), { amount: 16.8, unit: 'mg' })).toEqual([{ code: 'J7328', units: 168 }]);
  });
});
