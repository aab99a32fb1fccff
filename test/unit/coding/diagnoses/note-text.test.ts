import { describe, expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import type { Encounter } from '#core/documents/encounter';
import { codeNote, codeSets, codesOf, codesOfAssessment, DATE, releaseWithout } from './coding-note.ts';

describe('sections', () => {
  it('codes the assessment, not conditions mentioned only in the history or exam', () => {
    expect(codesOf({ hpi: 'Patient with hypertension and diabetes.', assessment: ['1. Left knee pain.'] })).toEqual([
      'M25.562',
    ]);
  });

  it('does not code the family history section', () => {
    expect(
      codesOf({ familyHistory: 'Mother with breast cancer, father with diabetes.', assessment: ['1. Hypertension.'] }),
    ).toEqual(['I10']);
  });

  it('reports family and past history mentions as excluded, with their reason', () => {
    const coding = codeNote({
      familyHistory: 'Father with diabetes.',
      pastHistory: 'Pneumonia.',
      assessment: ['1. Hypertension.'],
    });
    expect(coding.excluded.map((item) => [item.text, item.why])).toEqual(
      expect.arrayContaining([
        ['diabetes', 'family'],
        ['Pneumonia', 'historical'],
      ]),
    );
  });

  it('sends a note without an assessment to review and codes nothing', () => {
    const coding = codeNote({ cc: 'Cough.', hpi: 'Cough for two days with fever.' });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((r) => r.category)).toContain('missing_information');
  });
});

describe('what is coded from the assessment', () => {
  it('codes the symptoms, not the uncertain diagnosis', () => {
    expect(codesOfAssessment('1. Probable pneumonia.', '2. Fever and cough.')).toEqual(['R50.9', 'R05.9']);
  });

  it('drops symptoms integral to a confirmed diagnosis', () => {
    expect(codesOfAssessment('1. Acute bronchitis.', '2. Cough and wheezing.')).toEqual(['J20.9']);
    expect(codesOfAssessment('1. Acute UTI.', '2. Urinary frequency.')).toEqual(['N39.0']);
  });

  it('keeps a symptom that no confirmed diagnosis explains', () => {
    expect(codesOfAssessment('1. Acute bronchitis.', '2. Dizziness.')).toEqual(['J20.9', 'R42']);
  });

  it('codes "history of" a chronic condition under treatment as the condition', () => {
    expect(codesOfAssessment('1. History of hypertension, on lisinopril.')).toEqual(['I10']);
  });

  it('codes a resolved condition with a personal history code, or not at all', () => {
    expect(codesOfAssessment('1. Hypertension.', '2. History of stroke.')).toEqual(['I10', 'Z86.73']);
    expect(codesOfAssessment('1. Hypertension.', '2. History of pneumonia.')).toEqual(['I10', 'Z87.01']);
    expect(codesOfAssessment('1. Hypertension.', '2. History of sinusitis.')).toEqual(['I10']);
  });

  it('sends an assessment that both states and denies a condition to review', () => {
    const coding = codeNote({ assessment: ['1. Asthma.', '2. No asthma.'] });
    expect(coding.reviewReasons.map((r) => r.category)).toContain('conflicting_documentation');
  });

  it('sends an assessment of only negations to review with nothing coded', () => {
    const coding = codeNote({ assessment: ['No chest pain. Denies fever. No evidence of pneumonia.'] });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.excluded.map((item) => item.why)).toEqual(['negated', 'negated', 'negated']);
    expect(coding.reviewReasons.map((r) => r.category)).toEqual(['missing_information']);
  });

  it('sends an empty assessment to review', () => {
    const coding = codeNote({ cc: 'Follow-up.', assessment: [''], plan: 'Return in 3 months.' });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((r) => r.category)).toContain('missing_information');
  });
});

describe('specificity', () => {
  it('reads laterality', () => {
    expect(codesOfAssessment('1. Acute otitis media, right ear.')).toEqual(['H66.91']);
    expect(codesOfAssessment('1. Left acute otitis media.')).toEqual(['H66.92']);
    expect(codesOfAssessment('1. Bilateral otitis media.')).toEqual(['H66.93']);
    expect(codesOfAssessment('1. Otitis media.')).toEqual(['H66.90']);
  });

  it('codes both sides when the classification has no bilateral code', () => {
    expect(codesOfAssessment('1. Bilateral knee pain.')).toEqual(['M25.561', 'M25.562']);
  });

  it('reads acuity', () => {
    expect(codesOfAssessment('1. Acute sinusitis.')).toEqual(['J01.90']);
    expect(codesOfAssessment('1. Chronic sinusitis.')).toEqual(['J32.9']);
  });

  it('adds the 7th character for the episode of care, padding with placeholder X', () => {
    expect(codesOfAssessment('1. Neck strain.')).toEqual(['S16.1XXA']);
    expect(codesOfAssessment('1. Right ankle sprain.')).toEqual(['S93.401A']);
  });

  it('makes a follow-up visit for an injury a subsequent encounter (D), and asks for review when the code is missing', () => {
    const coding = codeNote({ cc: 'Ankle sprain follow-up.', assessment: ['1. Right ankle sprain, healing well.'] });
    expect(coding.reviewReasons.some((r) => r.message.includes('S93.401D'))).toBe(true);
  });

  it('codes the documented CKD stage 3a as N18.31', () => {
    expect(codeNote({ assessment: ['1. CKD stage 3a.'] }).diagnoses.map((d) => d.code)).toEqual(['N18.31']);
  });

  it('falls back to a less specific code with review when the release lacks the documented stage', () => {
    const coding = codeNote(
      { assessment: ['1. CKD stage 3a.'] },
      releaseWithout(['N18.30', 'N18.31', 'N18.32', 'N18.3']),
    );
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['N18.9']);
    expect(coding.diagnoses[0]!.confidence).toBeLessThan(0.85);
    expect(coding.reviewReasons.map((r) => r.category)).toContain('low_confidence_coding');
  });
});

describe('first-listed diagnosis', () => {
  it('puts the condition the chief complaint names first', () => {
    expect(codesOf({ cc: 'Left ear pain.', assessment: ['1. Hypertension.', '2. Left acute otitis media.'] })).toEqual([
      'H66.92',
      'I10',
    ]);
  });

  it('follows the assessment order otherwise', () => {
    expect(codesOf({ cc: 'Follow-up.', assessment: ['1. Hypothyroidism.', '2. Hypertension.'] })).toEqual([
      'E03.9',
      'I10',
    ]);
  });

  it('never lists a Z79 code first', () => {
    expect(
      codesOf({ cc: 'Insulin refill.', medications: 'Insulin glargine.', assessment: ['1. Type 2 diabetes.'] })[0],
    ).toBe('E11.9');
  });
});

describe('evidence', () => {
  it('points each text evidence at the quoted span of the note', () => {
    const coding = codeNote({
      cc: 'Diabetes follow-up.',
      medications: 'Insulin glargine.',
      assessment: ['1. Type 2 diabetes with CKD.', '2. Right knee pain.', '3. Obesity, BMI 35.2.'],
    });
    const evidence = coding.diagnoses.flatMap((d) => d.evidence);
    expect(evidence.length).toBeGreaterThan(5);
    for (const item of evidence) {
      expect(item.kind).toBe('text');
      expect(coding.text.slice(item.start, item.end)).toBe(item.quote);
      expect(item.rule).toMatch(/^dx\./);
    }
  });

  it('keeps offsets right after an emoji and astral characters earlier in the note', () => {
    const coding = codeNote({ hpi: 'Feels 😷 unwell 𝔸𝔹.', assessment: ['1. Acute bronchitis 🤧.'] });
    const [item] = coding.diagnoses[0]!.evidence;
    expect(coding.text.slice(item!.start, item!.end)).toBe('Acute bronchitis');
  });
});

describe('odd input', () => {
  function encounter(noteText: string): Encounter {
    return {
      source: { key: 'odd.txt', format: 'clinical-note', index: 0 },
      patient: {},
      diagnoses: [],
      procedures: [],
      noteText,
      sections: [],
    };
  }

  it('codes an unsectioned note with a confidence that sends it to review', () => {
    const coding = codeDiagnoses(encounter('Patient seen for acute bronchitis. Albuterol given.'), {
      codeSets,
      date: DATE,
    });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J20.9']);
    expect(coding.diagnoses[0]!.confidence).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
  });

  it('codes a very long note once per condition, with bounded evidence', () => {
    const paragraph = 'Denies chest pain, fever or cough. Hypertension controlled on lisinopril. ';
    const coding = codeDiagnoses(encounter(paragraph.repeat(1300)), { codeSets, date: DATE });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['I10']);
    expect(coding.diagnoses[0]!.evidence.length).toBeLessThanOrEqual(4);
  });

  it('gives nothing and a reason for an empty or whitespace-only note without codes', () => {
    for (const text of ['', '   \n\t  ']) {
      const coding = codeDiagnoses(encounter(text), { codeSets, date: DATE });
      expect(coding.diagnoses).toEqual([]);
      expect(coding.reviewReasons[0]!.message).toContain('no diagnosis code and no note text');
    }
  });

  it('survives control characters and punctuation runs', () => {
    const coding = codeDiagnoses(encounter('\u0000\u0007;;;:::???...\n- - -\nGERD!!!'), { codeSets, date: DATE });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['K21.9']);
  });
});

describe('statements written as code titles', () => {
  it('codes an assessment line that is exactly a billable code title', () => {
    expect(codesOfAssessment('1. Encounter for routine child health examination without abnormal findings.')).toEqual([
      'Z00.129',
    ]);
    expect(codesOfAssessment('1. Laceration without foreign body of other part of head, initial encounter')).toEqual([
      'S01.81XA',
    ]);
  });

  it('quotes the title as evidence with the release title rule', () => {
    const coding = codeNote({
      assessment: ['1. Laceration without foreign body of other part of head, initial encounter.'],
    });
    expect(coding.diagnoses[0]!.evidence[0]).toMatchObject({
      quote: 'Laceration without foreign body of other part of head, initial encounter',
      rule: 'dx.release.title-match',
    });
  });

  it('does not take a line that only contains a title among other words', () => {
    expect(
      codesOfAssessment('1. Probably laceration without foreign body of other part of head, initial encounter.'),
    ).toEqual([]);
  });
});

describe('look-alikes and unread statements', () => {
  it('never reads pulmonary, portal or ocular hypertension as essential hypertension', () => {
    for (const line of [
      '1. Pulmonary hypertension.',
      '1. Portal hypertension.',
      '1. Ocular hypertension, right eye.',
    ]) {
      const coding = codeNote({ assessment: [line] });
      expect(coding.diagnoses.map((d) => d.code)).not.toContain('I10');
    }
  });

  it('reads the site of osteoarthritis from the sentence', () => {
    const coding = codeNote({ assessment: ['1. Degenerative joint disease of the right shoulder.'] });
    expect(coding.reviewReasons.some((r) => r.message.includes('M19.011'))).toBe(true);
    expect(codesOfAssessment('1. Degenerative arthritis of left knee.')).toEqual(['M17.12']);
  });

  it('sends a numbered assessment item nothing could read to review, naming it', () => {
    const coding = codeNote({ assessment: ['1. Hypertension.', '2. Urinary retention.'] });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['I10']);
    expect(coding.reviewReasons).toEqual([
      expect.objectContaining({
        category: 'low_confidence_coding',
        message: expect.stringContaining('"Urinary retention."'),
      }),
    ]);
  });

  it('does not count plan lines as unread diagnoses', () => {
    const coding = codeNote({
      assessment: ['1. Hypertension.', '2. Continue lisinopril.', '3. Follow up in 3 months.'],
    });
    expect(coding.reviewReasons).toEqual([]);
  });

  it('reads items of an export that flattened line breaks into ".,"', () => {
    expect(codesOf({ assessment: ['1. UTI.,2. GERD.,3. Hypothyroidism.'] })).toEqual(['N39.0', 'K21.9', 'E03.9']);
  });

  it('reads "this is likely" as uncertainty about what follows', () => {
    expect(codesOfAssessment('1. Rash. This is likely urticaria.')).toEqual(['R21']);
  });
});

describe('modifiers belong to their own clause', () => {
  it('gives each mention of a sentence its own side and acuity', () => {
    expect(codesOfAssessment('1. Right knee pain and left shoulder pain.')).toEqual(['M25.561', 'M25.512']);
    expect(codesOfAssessment('1. Acute sinusitis and chronic bronchitis.').slice(0, 1)).toEqual(['J01.90']);
  });

  it('still reads control words anywhere in the sentence', () => {
    expect(codesOfAssessment('1. Type 2 diabetes with hyperglycemia, poorly controlled.')).toEqual(['E11.65']);
  });
});
