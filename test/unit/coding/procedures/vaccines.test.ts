import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

const vaccineVisit = (procedure: string) =>
  `CHIEF COMPLAINT: Here for vaccines. No other concerns.\nPROCEDURE: ${procedure}`;

describe('vaccines and their administration', () => {
  it('codes 90471 for the first vaccine and 90472 for each additional one', () => {
    const coded = codeNote(
      vaccineVisit('Influenza vaccine administered in the left deltoid. Tdap administered in the right deltoid.'),
      ['Z23'],
    );
    expect(lineKeys(coded)).toEqual(['90686 x1', '90715 x1', '90471 x1', '90472 x1']);
  });

  it('uses G0008 and G0009 for influenza and pneumococcal vaccines billed to Medicare', () => {
    const coded = codeNote(vaccineVisit('Influenza vaccine given. Pneumovax 23 given.'), ['Z23'], {
      payer: 'medicare',
      dob: '1950-01-01',
    });
    expect(lineKeys(coded)).toEqual(['90686 x1', '90732 x1', 'G0008 x1', 'G0009 x1']);
  });

  it('uses 90460 per vaccine and 90461 per additional component when a physician counsels a patient under 19', () => {
    const coded = codeNote(
      vaccineVisit('I counseled the patient and parent on each vaccine. Tdap and influenza vaccine administered IM.'),
      ['Z23'],
      { dob: '2012-01-01' },
    );
    expect(lineKeys(coded)).toEqual(['90686 x1', '90715 x1', '90460 x2', '90461 x2']);
  });

  it('keeps 90471 for a minor when only the VIS was handed out', () => {
    const coded = codeNote(vaccineVisit('Tdap administered IM. VIS provided.'), ['Z23'], { dob: '2012-01-01' });
    expect(lineKeys(coded)).toEqual(['90715 x1', '90471 x1']);
  });

  it('points vaccine lines to Z23 and the E/M to the problems', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Blood pressure check.\nASSESSMENT:\n1. Essential hypertension, stable.\n2. Encounter for immunization.\nPLAN: Continue lisinopril 10 mg daily. Influenza vaccine administered today.',
      ['I10', 'Z23'],
    );
    expect(coded.lines.map((l) => [l.code, l.diagnosisPointers])).toEqual([
      ['99213', [1]],
      ['90686', [2]],
      ['90471', [2]],
    ]);
    expect(coded.lines[0]?.modifiers).toEqual(['25']);
  });

  it.each([
    'Influenza vaccine offered and declined.',
    'Tdap up to date, last given in 2021.',
    'Will give influenza vaccine at the next visit.',
  ])('does not code a vaccine not given at this visit: "%s"', (sentence) => {
    const coded = codeNote(
      `CHIEF COMPLAINT: Blood pressure check.\nASSESSMENT:\n1. Essential hypertension.\nPLAN: Continue lisinopril 10 mg daily. ${sentence}`,
      ['I10'],
    );
    expect(lineKeys(coded)).toEqual(['99213 x1']);
  });
});

describe('oral and intranasal vaccines: 90473/90474, never 90471/90472', () => {
  const infant = { dob: '2026-07-01' };

  it('codes an oral vaccine given alone as 90473', () => {
    const coded = codeNote(vaccineVisit('Rotarix given orally today.'), ['Z23'], infant);
    expect(lineKeys(coded)).toEqual(['90681 x1', '90473 x1']);
  });

  it('codes an oral vaccine beside injected ones as 90474 (90473 is never reported with 90471)', () => {
    const coded = codeNote(
      vaccineVisit('RotaTeq given orally. Vaxelis administered IM in the right thigh.'),
      ['Z23'],
      infant,
    );
    expect(lineKeys(coded)).toEqual(['90680 x1', '90697 x1', '90471 x1', '90474 x1']);
  });

  it('keeps 90460 with counselling for any route (under 19)', () => {
    const coded = codeNote(
      vaccineVisit('Counseled parent on the vaccine. Rotarix given orally today.'),
      ['Z23'],
      infant,
    );
    expect(lineKeys(coded)).toEqual(['90681 x1', '90460 x1']);
  });
});
