/**
 * Notes as practices write them, not as ClaimFlow's samples do: header fields several to a line, in tables, under
 * other labels and with extra words; the assessment under any of its common headings, found by its content, or
 * in dictation with no heading at all. Every layout here is written in a different style on purpose.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { roledSections } from '#core/coding/text/sections';
import type { Encounter } from '#core/documents/encounter';
import { missingInformation } from '#core/documents/missing-information';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { outpatientNotes, readSharedNote } from '../../../eval/notes/shared-notes.ts';
import { codeSets, config } from '../coding/support.ts';

function parse(text: string): { encounter: Encounter; warnings: string[] } {
  const result = parseClinicalNote(text, { key: 'inbox/layout.txt' });
  if (!result.ok) throw new Error(`expected a note, got ${result.reason}: ${result.message}`);
  return { encounter: result.encounters[0]!, warnings: result.warnings };
}

function assessmentText(text: string): string[] {
  const { encounter } = parse(text);
  return roledSections(encounter.sections ?? [])
    .filter((section) => section.role === 'assessment')
    .map((section) => text.slice(section.start, section.end));
}

function codes(text: string): string[] {
  const { encounter } = parse(text);
  return codeDiagnoses(encounter, { codeSets, date: '2026-11-02' }).diagnoses.map((d) => d.code);
}

describe('header fields wherever the note puts them', () => {
  it('reads several Label: value pairs on one line, separated by spaces, tabs or bars', () => {
    const text = [
      'Patient: Ana L. Rivera   D.O.B.: 04/12/1961 (65 y/o)   Sex: Female',
      'DOS: 11/02/2026 10:30 AM\tMRN: 000123\tVisit type: established patient',
      'Ins: Sandbox Health Plan (SANDBOX1) | Mbr ID: SBX 123 456 789 | Grp #: 5500 (employer plan)',
      'Rendering: Dr. Lena Ortiz, MD (Internal Medicine) | NPI: 1456789019 | Billing NPI: 1987654328 | POS: 11',
      '',
      'CC: cough',
      'A/P: Acute bronchitis.',
    ].join('\n');
    const { encounter, warnings } = parse(text);
    expect(warnings).toEqual([]);
    expect(encounter.patient).toEqual({
      firstName: 'Ana',
      middleName: 'L.',
      lastName: 'Rivera',
      birthDate: '1961-04-12',
      sex: 'F',
      mrn: '000123',
    });
    expect(encounter.dateOfService).toBe('2026-11-02');
    expect(encounter.newPatient).toBe(false);
    expect(encounter.payer).toEqual({ name: 'Sandbox Health Plan', payerId: 'SANDBOX1' });
    expect(encounter.subscriber).toEqual({ memberId: 'SBX123456789', groupNumber: '5500' });
    expect(encounter.renderingProvider).toEqual({ firstName: 'Lena', lastName: 'Ortiz', npi: '1456789019' });
    expect(encounter.billingProvider).toEqual({ npi: '1987654328' });
    expect(encounter.placeOfService).toBe('11');
  });

  it('reads a table: a row of labels over a row of values, with a rule between', () => {
    const text = [
      '| Patient | DOB | Sex | Date of Service | Member ID | Payer |',
      '|---|---|---|---|---|---|',
      '| Chen, Wei | 1979-02-28 | M | 2026-11-02 | SBX777 | SANDBOX1 |',
      '',
      'ASSESSMENT: Essential hypertension.',
    ].join('\n');
    const { encounter } = parse(text);
    expect(encounter.patient).toMatchObject({ lastName: 'Chen', firstName: 'Wei', birthDate: '1979-02-28', sex: 'M' });
    expect(encounter.dateOfService).toBe('2026-11-02');
    expect(encounter.subscriber).toEqual({ memberId: 'SBX777' });
    expect(encounter.payer).toEqual({ payerId: 'SANDBOX1' });
  });

  it('reads label and value cells in pairs, bar- or tab-separated', () => {
    const text = [
      '| Name | Okoye, Grace | D.O.B. | 7/4/1950 |',
      'Gender\tF\tVisit date\tNov 2, 2026',
      '',
      'Impression: Hypothyroidism.',
    ].join('\n');
    const { encounter } = parse(text);
    expect(encounter.patient).toMatchObject({
      lastName: 'Okoye',
      firstName: 'Grace',
      birthDate: '1950-07-04',
      sex: 'F',
    });
    expect(encounter.dateOfService).toBe('2026-11-02');
  });

  it('finds the NPI written beside the rendering provider, and fields after the body such as a signature line', () => {
    const text = [
      'Seen by: Lena Ortiz, MD NPI 1456789019',
      'HPI: Follow-up.',
      'Assessment: Essential hypertension.',
      '',
      'Electronically signed.   Date of service: 2026-11-02   Total time: 25 min',
    ].join('\n');
    const { encounter } = parse(text);
    expect(encounter.renderingProvider).toEqual({ firstName: 'Lena', lastName: 'Ortiz', npi: '1456789019' });
    expect(encounter.dateOfService).toBe('2026-11-02');
    expect(encounter.totalTimeMinutes).toBe(25);
  });

  it('does not take ordinary words before a colon in the body for header fields', () => {
    const text = [
      'Patient: Doe, Jo',
      "HPI: Her husband came too. Wife's name: not relevant. Insurance: discussed the cost of the inhaler.",
      'Date: see scanned form',
      'ASSESSMENT: Asthma.',
    ].join('\n');
    const { encounter, warnings } = parse(text);
    expect(encounter.patient).toEqual({ lastName: 'Doe', firstName: 'Jo' });
    expect(encounter.payer).toBeUndefined();
    expect(encounter.dateOfService).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('warns, naming the field and not the value, when a value holds nothing of its kind', () => {
    const { encounter, warnings } = parse('DOB: unknown   Sex: see chart\nASSESSMENT: Cough.');
    expect(encounter.patient.birthDate).toBeUndefined();
    expect(warnings).toEqual([
      'header field "DOB" could not be read (expected YYYY-MM-DD or MM/DD/YYYY); left out',
      'header field "Sex" could not be read (expected F, M, female, male or unknown); left out',
    ]);
    expect(missingInformation(encounter).map((m) => m.field)).toContain('patient.birthDate');
  });
});

describe('the assessment under any of its common headings', () => {
  const layouts: [string, string][] = [
    [
      'SOAP letters',
      'S: Cough for a week.\nO: Lungs with scattered wheezes.\nA: Acute bronchitis.\nP: Supportive care.',
    ],
    ['A/P', 'HPI: Cough.\nA/P: Acute bronchitis. Supportive care.'],
    ['Assessment/Plan', 'History: Cough.\nAssessment/Plan:\nAcute bronchitis.\n'],
    ['ASSESSMENT/PLAN in capitals alone', 'HPI: Cough.\nASSESSMENT/PLAN\nAcute bronchitis.\n'],
    ['Assessment & Plan', 'HPI: Cough.\nAssessment & Plan: Acute bronchitis.'],
    ['Impression and Plan', 'Exam: wheezes.\nImpression and Plan: Acute bronchitis.'],
    ['IMPRESSION/PLAN flattened by a transcription export', 'HPI:, Cough.,IMPRESSION/PLAN:, Acute bronchitis.'],
    ['Dx:', 'CC: cough\nDx: Acute bronchitis'],
    ['Diagnoses:', 'CC: cough\nDiagnoses:\n1. Acute bronchitis'],
    ['a markdown heading', '## History\nCough.\n## Assessment\nAcute bronchitis.'],
  ];
  it.each(layouts)('%s', (_, text) => {
    expect(assessmentText(text).join(' ')).toMatch(/^(1\. )?Acute bronchitis/);
    expect(codes(text)).toEqual(['J20.9']);
  });

  it('does not read `P: 72` in vitals as a SOAP heading', () => {
    const text = 'VITALS:\nBP: 120/80\nP: 72\nASSESSMENT: Essential hypertension.';
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual(['VITALS', 'ASSESSMENT']);
  });
});

describe('an assessment found by its content', () => {
  it('problem-oriented notes: #1, #2 under a plan heading or none', () => {
    const text = [
      'HPI: Here for chronic conditions.',
      'Exam: BP 132/84.',
      'PLAN:',
      '#1 Essential hypertension - continue lisinopril.',
      '#2 Hypothyroidism - TSH today.',
    ].join('\n');
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual([
      'HPI',
      'PHYSICAL EXAMINATION',
      'PROBLEMS (NO HEADING)',
    ]);
    expect(codes(text).sort()).toEqual(['E03.9', 'I10']);
  });

  it('problem-oriented notes: Problem 1:, Problem 2:', () => {
    const text = [
      'Subjective: doing well.',
      'Problem 1: Type 2 diabetes mellitus without complications. A1c 7.1.',
      'Problem 2: Hyperlipidemia. Continue statin.',
    ].join('\n');
    expect(codes(text).sort()).toEqual(['E11.9', 'E78.5']);
  });

  it('a numbered list with no heading after the exam', () => {
    const text = [
      'HPI: Follow-up of chronic conditions.',
      'PHYSICAL EXAM: BP 138/86. Lungs clear.',
      '',
      '1. Essential hypertension',
      '2. Vitamin D deficiency',
      '3. Return in 3 months',
    ].join('\n');
    expect(assessmentText(text)).toEqual(['1. Essential hypertension\n2. Vitamin D deficiency\n3. Return in 3 months']);
    expect(codes(text).sort()).toEqual(['E55.9', 'I10']);
  });

  it('never takes a numbered medication or history list for the assessment', () => {
    const text = [
      'HPI: Here to establish care.',
      'MEDICATIONS:',
      '',
      '1. Lisinopril 10 mg daily',
      'PAST MEDICAL HISTORY:',
      '',
      '1. Essential hypertension',
    ].join('\n');
    expect(assessmentText(text)).toEqual([]);
  });

  it('a plan list whose items are all plans is not an assessment', () => {
    const text = 'HPI: Cough.\nPLAN:\n\n1. Continue inhaler\n2. Follow up in 2 weeks';
    expect(assessmentText(text)).toEqual([]);
  });

  it('dictation that states its diagnosis in a sentence is coded from that sentence', () => {
    const text =
      'Mr. Romero is a 55-year-old man seen to go over his labs. His vitamin D level is 14. He reports mild ' +
      'fatigue and low back pain after gardening. My impression is vitamin D deficiency. I started ergocalciferol ' +
      'weekly and will recheck in 3 months.';
    expect(assessmentText(text)).toEqual(['vitamin D deficiency']);
    expect(codes(text)).toEqual(['E55.9']);
  });

  it("does not take a sentence of doubt for the dictation's diagnosis", () => {
    const text =
      'She has had a cough for ten days. I suspect this is pneumonia; a chest x-ray is ordered. ' +
      'She will call with the result.';
    expect(assessmentText(text)).toEqual([]);
  });

  it('dictation with no headings at all is read whole', () => {
    const text =
      'The patient is a 58-year-old man seen today for blood pressure. He has essential hypertension, well ' +
      'controlled on lisinopril. We will continue the same dose and see him in six months.';
    expect(codes(text)).toEqual(['I10']);
  });
});

describe('subheadings inside a plan', () => {
  it('keeps every problem of an assessment and plan whose problems each have a Plan: line', () => {
    const text = [
      'HPI: Follow-up.',
      'ASSESSMENT AND PLAN:',
      '1. Essential hypertension',
      'Plan: continue lisinopril.',
      '2. Hypothyroidism',
      'Plan: levothyroxine unchanged.',
    ].join('\n');
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual(['HPI', 'ASSESSMENT AND PLAN']);
    expect(codes(text).sort()).toEqual(['E03.9', 'I10']);
  });

  it('keeps the numbered problems that continue after a Plan: line under ASSESSMENT', () => {
    const text = [
      'ASSESSMENT:',
      '1. Essential hypertension',
      'Plan: continue lisinopril.',
      '2. Hypothyroidism',
      'Plan: recheck TSH.',
    ].join('\n');
    expect(codes(text).sort()).toEqual(['E03.9', 'I10']);
  });

  it('keeps indented subheadings of an assessment and plan inside it (Meds:, Labs:, Follow-up:)', () => {
    const text = [
      'HPI: Ear pain and fever.',
      'A/P:',
      'Acute suppurative otitis media, left ear',
      '  Meds: amoxicillin 90 mg/kg/day divided bid x 10 days.',
      '  Follow-up: ear recheck in 3 weeks.',
    ].join('\n');
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual(['HPI', 'ASSESSMENT AND PLAN']);
  });

  it('still reads a medication list that is not indented after an assessment and plan as its own section', () => {
    const text = 'A/P:\nEssential hypertension, continue lisinopril.\nMEDICATIONS:\nLisinopril 10 mg daily.';
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual(['ASSESSMENT AND PLAN', 'MEDICATIONS']);
  });

  it('still ends an ASSESSMENT at a PLAN that does not continue its numbering', () => {
    const text = 'ASSESSMENT:\n1. Essential hypertension\nPLAN:\n1. Continue lisinopril.';
    expect(parse(text).encounter.sections!.map((s) => s.name)).toEqual(['ASSESSMENT', 'PLAN']);
  });
});

describe('a note with no assessment', () => {
  it('goes to review saying exactly that', () => {
    const text = 'CC: knee pain\nHPI: Two weeks of right knee pain after a fall.\nPE: Effusion of the right knee.';
    const { encounter } = parse(text);
    const coding = codeDiagnoses(encounter, { codeSets, date: '2026-11-02' });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((reason) => reason.message)).toContain(
      'no diagnosis could be coded: the note has no assessment to code from',
    );
    expect(coding.reviewReasons.map((reason) => reason.message).join(' ')).not.toMatch(/negated/);
  });
});

describe('reading gaps found on notes from other hands (issue 12)', () => {
  it('reads a date label written without a colon where a header segment opens (D.O.B. 02/09/1973, DOS 11/02/2026)', () => {
    const text = 'Patient: Rivera, Ana  D.O.B. 04/12/1961  Sex: F\nDOS 11/02/2026\n\nA/P: Acute bronchitis.';
    const { encounter, warnings } = parse(text);
    expect(warnings).toEqual([]);
    expect(encounter.patient).toEqual({ lastName: 'Rivera', firstName: 'Ana', birthDate: '1961-04-12', sex: 'F' });
    expect(encounter.dateOfService).toBe('2026-11-02');
  });

  it('does not take a date label inside prose for a field', () => {
    const text = 'HPI: The letter sent after the DOS 11/05/2026 was reviewed.\nA/P: Acute bronchitis.';
    expect(parse(text).encounter.dateOfService).toBeUndefined();
  });

  it('reads Visit: and Time: labels, and a visit type written short (Est. pt)', () => {
    const established = parse(
      'Patient: Rivera, Ana   Visit: Established patient, office   Time: 25 min\nDate of service: 11/02/2026\nA/P: Acute bronchitis.',
    );
    expect(established.encounter.newPatient).toBe(false);
    expect(established.encounter.totalTimeMinutes).toBe(25);
    expect(established.warnings).toEqual([]);
    const dated = parse('Patient: Rivera, Ana\nVisit: 11/02/2026 10:30 AM   Time: 10:30 AM\nA/P: Acute bronchitis.');
    expect(dated.encounter.dateOfService).toBe('2026-11-02');
    // A clock time says when the visit was, not how long it took.
    expect(dated.encounter.totalTimeMinutes).toBeUndefined();
    expect(dated.warnings).toEqual([]);
    expect(parse('Patient: Rivera, Ana | Visit type: Est. pt\nA/P: Acute bronchitis.').encounter.newPatient).toBe(
      false,
    );
  });

  it("reads an eClinicalWorks-style 'Assessments:' list with codes, and its 'Treatment:' as the plan", () => {
    const text = [
      'Reason for Appointment:',
      '1. Follow up blood pressure',
      'History of Present Illness:',
      'Home readings 120s-130s/80s on lisinopril.',
      'Assessments:',
      '1. Essential hypertension - I10 (Primary)',
      'Treatment:',
      '1. Essential hypertension',
      'Continue Lisinopril Tablet, 10 mg, 1 tablet, Orally, Once a day',
    ].join('\n');
    expect(assessmentText(text)).toEqual(['1. Essential hypertension - I10 (Primary)']);
    expect(codes(text)).toEqual(['I10']);
  });

  it("reads Epic's 'Diagnoses and all orders for this visit:' as the visit's diagnoses", () => {
    const text = [
      'Subjective: Cough for ten days, no fever.',
      'Diagnoses and all orders for this visit:',
      '',
      'Acute bronchitis, unspecified organism',
      '-     benzonatate (TESSALON) 100 MG capsule; Take 1 capsule (100 mg total) by mouth 3 (three) times daily as needed.',
    ].join('\n');
    expect(assessmentText(text).join(' ')).toMatch(/^Acute bronchitis, unspecified organism/);
    expect(codes(text)).toEqual(['J20.9']);
  });

  it('reads a markdown table of diagnoses with no heading above it', () => {
    const text = [
      'HPI: Cough for ten days after a cold, no fever.',
      '',
      '| Diagnosis | ICD-10 |',
      '|---|---|',
      '| Acute bronchitis | J20.9 |',
    ].join('\n');
    expect(codes(text)).toEqual(['J20.9']);
  });

  it('reads sections written as rows of a two-column table (| Assessment | ... |)', () => {
    const text = [
      '| Chief complaint | cough for ten days |',
      '| Assessment | Acute bronchitis |',
      '| Plan | fluids, return if fever |',
    ].join('\n');
    expect(parse(text).encounter.sections!.map((section) => section.name)).toEqual([
      'CHIEF COMPLAINT',
      'ASSESSMENT',
      'PLAN',
    ]);
    expect(assessmentText(text).join(' ')).toMatch(/^Acute bronchitis/);
    expect(codes(text)).toEqual(['J20.9']);
  });

  it("reads a diagnostic report's CONCLUSION as its assessment, flattened by a transcription export", () => {
    const text =
      'INDICATION:,  Cough and fever.,TECHNIQUE:,  PA and lateral views of the chest.,FINDINGS:,  There is ' +
      'consolidation of the right lower lobe.  No effusion.,CONCLUSION:,1.  Pneumonia.,';
    expect(assessmentText(text)).toEqual(['1.  Pneumonia.']);
    expect(codes(text)).toEqual(['J18.9']);
  });

  it('dictation with no headings: a sentence opening with "Diagnosis is" or "Final diagnosis:" states the diagnosis', () => {
    const opening =
      'The patient is a 45-year-old man seen for cough for ten days after a cold. Lungs are clear. No fever. ';
    expect(assessmentText(`${opening}Diagnosis is acute bronchitis. Fluids and rest.`)).toEqual(['acute bronchitis']);
    expect(assessmentText(`${opening}Final diagnosis: acute bronchitis.`)).toEqual(['acute bronchitis']);
    // Not the opening of a sentence: the differential is not the diagnosis.
    expect(assessmentText(`${opening}His differential diagnosis is broad and includes pneumonia.`)).toEqual([]);
  });

  it('dictation closing on an uncertain diagnosis ("most consistent with") is read whole, its symptoms coded', () => {
    const text =
      'The patient is a 45-year-old man with a cough for ten days after a cold. Lungs are clear. ' +
      'This is most consistent with acute bronchitis. Fluids and rest.';
    expect(assessmentText(text)).toEqual([]);
    expect(codes(text)).not.toContain('J20.9');
  });

  it('says in the parse result when a note with headings has no assessment', () => {
    const none = parse(
      'CC: knee pain\nHPI: Two weeks of right knee pain after a fall.\nPE: Effusion of the right knee.',
    );
    expect(none.warnings).toEqual([
      'no assessment found: no heading names an assessment, impression or diagnosis, and no numbered problem list or diagnosis statement stands for one',
    ]);
    expect(parse('CC: knee pain\nAssessment: Effusion of the right knee.').warnings).toEqual([]);
  });
});

describeWithSharedData(
  'notes from other hands: the non-operative MTSamples transcriptions',
  ['mtsamples', 'mtsamples_subset_401_timarbende.csv'],
  () => {
    const notes = outpatientNotes(readFileSync(sharedData('mtsamples', 'mtsamples_subset_401_timarbende.csv'), 'utf8'));
    const results = notes.map((note) => readSharedNote(note, { codeSets, config, date: '2026-11-02' }));

    it('selects the 60 transcriptions that are not operative reports', () => {
      expect(results).toHaveLength(60);
    });

    it('finds an assessment in at least 56 (49 before IMPRESSION/PLAN, ASSESSMENT/PLAN and DISCHARGE DIAGNOSES, 55 before CONCLUSION)', () => {
      expect(results.filter((r) => r.assessment !== 'none').length).toBeGreaterThanOrEqual(56);
    });

    it('sends every note without an assessment to review saying so', () => {
      for (const note of notes) {
        const parsed = parseClinicalNote(note.text, { key: note.index });
        if (!parsed.ok) throw new Error(parsed.message);
        const encounter = parsed.encounters[0]!;
        const roles = roledSections(encounter.sections ?? []).map((section) => section.role);
        if (roles.length === 0 || roles.includes('assessment')) continue;
        const coding = codeDiagnoses(encounter, { codeSets, date: '2026-11-02' });
        expect(coding.reviewReasons.map((reason) => reason.message)).toContain(
          'no diagnosis could be coded: the note has no assessment to code from',
        );
      }
    });
  },
);
