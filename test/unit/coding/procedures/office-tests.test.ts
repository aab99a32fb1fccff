import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

const visit = (results: string, assessment = '1. Acute pharyngitis.', plan = 'Salt water gargles.') =>
  `CHIEF COMPLAINT: Sick visit.\nRESULTS: ${results}\nASSESSMENT:\n${assessment}\nPLAN: ${plan}`;

describe('tests performed in the office', () => {
  it.each([
    ['Rapid strep test positive.', '87880 x1'],
    ['Rapid influenza A and B test negative.', '87804 x2'],
    ['Urine dipstick positive for nitrites.', '81002 x1'],
    ['Automated urinalysis (Clinitek) positive for nitrites.', '81003 x1'],
    ['Fingerstick glucose 245 mg/dL.', '82962 x1'],
    ['POC A1c 9.1%.', '83036 x1'],
    ['POC hemoglobin 10.2 g/dL.', '85018 x1'],
    ['12-lead ECG performed in the office: normal sinus rhythm.', '93000 x1'],
    ['PHQ-9 score 12. GAD-7 score 9.', '96127 x2'],
  ])('"%s" is coded %s', (results, line) => {
    expect(lineKeys(codeNote(visit(results), ['J02.9']))).toContain(line);
  });

  it('adds QW to a CLIA-waived test billed to Medicare, but not to a test exempt from QW', () => {
    const coded = codeNote(visit('Rapid strep test positive. Urine dipstick negative.'), ['J02.0'], {
      payer: 'medicare',
    });
    expect(lineKeys(coded)).toEqual(expect.arrayContaining(['87880-QW x1', '81002 x1']));
  });

  it.each([
    'ECG from the emergency department reviewed: sinus rhythm.',
    'Will obtain ECG at the next visit.',
    'Urine culture and urinalysis ordered at the reference lab.',
  ])('does not code a test done elsewhere or later: "%s"', (results) => {
    const codes = codeNote(visit(results), ['J02.9']).lines.map((l) => l.code);
    expect(codes.filter((c) => ['93000', '81002', '81003', '87086'].includes(c))).toEqual([]);
  });

  it('points a rapid strep test to the pharyngitis diagnosis, not to the first-listed one', () => {
    const coded = codeNote(
      visit('Rapid strep test positive.', '1. Essential hypertension.\n2. Streptococcal pharyngitis.'),
      ['I10', 'J02.0'],
    );
    expect(coded.lines.find((l) => l.code === '87880')?.diagnosisPointers).toEqual([2]);
  });
});

describe('results from elsewhere', () => {
  it('does not code a urinalysis done in the emergency department', () => {
    const coded = codeNote(visit('UA done in the ED showed few bacteria.'), ['J02.9']);
    expect(coded.lines.map((l) => l.code)).not.toContain('81002');
  });
});

describe('a COVID-19 antigen test in the office', () => {
  it('is coded 87811, which the sample fee schedule lacks, so the visit goes to review', () => {
    const coded = codeNote(visit('COVID test negative.', '1. Viral syndrome.'), ['B34.9']);
    expect(lineKeys(coded)).toContain('87811 x1');
    expect(coded.review.reasons).toContainEqual(expect.objectContaining({ field: 'feeSchedule.87811' }));
  });

  it('is not coded for a PCR sent to the laboratory', () => {
    const coded = codeNote(visit('COVID PCR sent to the reference lab.', '1. Viral syndrome.'), ['B34.9']);
    expect(coded.lines.map((l) => l.code)).not.toContain('87811');
  });
});

describe('96127: a standardized instrument administered and scored at this visit, one unit per instrument', () => {
  const instrumentUnits = (subjective: string) =>
    codeNote(
      `SUBJECTIVE: ${subjective}\nASSESSMENT:\n1. Generalized anxiety disorder, stable.\nPLAN: Continue escitalopram 10 mg daily.`,
      ['F41.1'],
    ).lines.find((l) => l.code === '96127')?.units ?? 0;

  it.each([
    ['PHQ-9 today 15 (was 19). GAD-7 today 13. Both administered and scored in clinic.', 2],
    ['GAD-7: 6 today; previously 14.', 1],
    ['EPDS score 4, negative.', 1],
  ])('codes "%s" with %i unit(s)', (subjective, units) => {
    expect(instrumentUnits(subjective)).toBe(units);
  });

  it.each([
    'Doing well on escitalopram. GAD-7 self-reported 5.',
    'Patient reports a PHQ-9 of 12 at her therapist last week.',
    'PHQ-9 was 14 at the last visit.',
    'Will repeat PHQ-9 and GAD-7 next visit.',
    'PHQ-9 declined.',
  ])('does not code a score from elsewhere or an instrument only named: "%s"', (subjective) => {
    expect(instrumentUnits(subjective)).toBe(0);
  });

  it('counts a reported score and an administered one apart (one unit)', () => {
    expect(instrumentUnits('GAD-7 self-reported 5; PHQ-9 administered today, score 8.')).toBe(1);
  });
});

describe('urinalysis by method: automated or not, with or without microscopy', () => {
  it.each([
    ['Urine dipstick positive for nitrites.', '81002 x1'],
    ['Automated urinalysis (Clinitek) positive for nitrites.', '81003 x1'],
    ['Urinalysis by dipstick with microscopy: positive for nitrites, 10-20 WBC/hpf.', '81000 x1'],
    ['Automated urinalysis with microscopic exam performed: many bacteria.', '81001 x1'],
  ])('"%s" is %s', (results, line) => {
    expect(lineKeys(codeNote(visit(results, '1. Acute cystitis.'), ['N30.00']))).toContain(line);
  });
});
