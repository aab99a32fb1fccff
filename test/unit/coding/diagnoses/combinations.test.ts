import { describe, expect, it } from 'vitest';
import { codeNote, codesOf, codesOfAssessment, releaseWithout } from './coding-note.ts';

describe('diabetes "with" combinations', () => {
  it('codes diabetes with CKD as E11.22 followed by the CKD stage code', () => {
    expect(codesOfAssessment('1. Type 2 diabetes mellitus with chronic kidney disease.')).toEqual(['E11.22', 'N18.9']);
  });

  it('links diabetes and CKD written in separate assessment items (presumed cause)', () => {
    expect(codesOfAssessment('1. Type 2 diabetes.', '2. CKD, stage not documented.')).toEqual(['E11.22', 'N18.9']);
  });

  it('codes diabetes with peripheral neuropathy as E11.42 and drops the neuropathy code', () => {
    expect(codesOfAssessment('1. Type 2 diabetes with peripheral neuropathy.')).toEqual(['E11.42']);
  });

  it('codes "diabetic neuropathy" as E11.40', () => {
    expect(codesOfAssessment('1. Diabetic neuropathy.')).toEqual(['E11.40']);
  });

  it('codes poorly controlled diabetes and diabetes with hyperglycemia as E11.65', () => {
    expect(codesOfAssessment('1. Type 2 diabetes, poorly controlled.')).toEqual(['E11.65']);
    expect(codesOfAssessment('1. T2DM with hyperglycemia.')).toEqual(['E11.65']);
  });

  it('codes diabetes with hypoglycemia as E11.649', () => {
    expect(codesOfAssessment('1. Type 2 diabetes with hypoglycemic episodes.')).toEqual(['E11.649']);
  });

  it('codes diabetes without a named complication as E11.9, and type 1 as E10.9', () => {
    expect(codesOfAssessment('1. Type 2 diabetes mellitus without complications.')).toEqual(['E11.9']);
    expect(codesOfAssessment('1. Type 1 diabetes mellitus.')).toEqual(['E10.9']);
  });

  it('sends "uncontrolled" diabetes to review: hyperglycemia or hypoglycemia is not said', () => {
    const coding = codeNote({ assessment: ['1. Type 2 diabetes, uncontrolled.'] });
    expect(coding.reviewReasons.map((r) => r.category)).toContain('conflicting_documentation');
    expect(coding.diagnoses[0]!.confidence).toBeLessThan(0.85);
  });
});

describe('long-term drug therapy (Z79)', () => {
  it('adds Z79.4 to type 2 diabetes when insulin is taken', () => {
    expect(codesOf({ assessment: ['1. Type 2 diabetes.'], medications: 'Insulin glargine 20 units nightly.' })).toEqual(
      ['E11.9', 'Z79.4'],
    );
  });

  it('does not add Z79.4 to type 1 diabetes (insulin is implied)', () => {
    expect(codesOf({ assessment: ['1. Type 1 diabetes.'], medications: 'Insulin lispro pump.' })).toEqual(['E10.9']);
  });

  it('does not add Z79.4 for a stopped insulin', () => {
    expect(codesOf({ assessment: ['1. Type 2 diabetes. Stopped insulin last year.'] })).toEqual(['E11.9']);
  });

  it('adds Z79.84 when an oral hypoglycemic is taken', () => {
    expect(codesOfAssessment('1. Type 2 diabetes on metformin.')).toEqual(['E11.9', 'Z79.84']);
  });

  it('asks for review when the oral hypoglycemic code is not in the release in effect', () => {
    const coding = codeNote({ assessment: ['1. Type 2 diabetes on metformin.'] }, releaseWithout(['Z79.84']));
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['E11.9']);
    expect(coding.reviewReasons.some((r) => r.category === 'unsupported_code' && r.message.includes('Z79.84'))).toBe(
      true,
    );
  });

  it('adds Z79.01 when an anticoagulant is taken', () => {
    expect(codesOfAssessment('1. Atrial fibrillation on apixaban.')).toEqual(['I48.91', 'Z79.01']);
  });
});

describe('hypertension presumptions', () => {
  it('codes hypertension with CKD as I12.9 and the CKD code', () => {
    expect(codesOfAssessment('1. Hypertension.', '2. Chronic kidney disease.')).toEqual(['I12.9', 'N18.9']);
  });

  it('codes diabetes, hypertension and CKD as E11.22, I12.9 and N18.9', () => {
    expect(codesOfAssessment('1. Type 2 diabetes.', '2. Hypertension.', '3. CKD.')).toEqual([
      'E11.22',
      'I12.9',
      'N18.9',
    ]);
  });

  it('does not link CKD the provider says is not due to hypertension', () => {
    expect(codesOfAssessment('1. Hypertension.', '2. Chronic kidney disease, not due to hypertension.')).toEqual([
      'I10',
      'N18.9',
    ]);
  });

  it('codes hypertension with heart failure as I11.0 with the heart failure code', () => {
    expect(codesOfAssessment('1. Hypertension.', '2. Congestive heart failure.')[0]).toBe('I11.0');
  });

  it('asks for review when hypertension with heart failure needs a code the release lacks (I11.0)', () => {
    const coding = codeNote(
      { assessment: ['1. Hypertension.', '2. Congestive heart failure.'] },
      releaseWithout(['I11.0']),
    );
    expect(coding.reviewReasons.some((r) => r.message.includes('I11.0'))).toBe(true);
  });
});

describe('other combinations', () => {
  it('codes low back pain with sciatica as lumbago with sciatica on the side documented', () => {
    expect(codesOfAssessment('1. Low back pain with right sciatica.')).toEqual(['M54.41']);
  });

  it('adds BMI only beside a weight diagnosis', () => {
    expect(codesOfAssessment('1. Obesity, BMI 35.2.')).toEqual(['E66.9', 'Z68.35']);
    expect(codesOfAssessment('1. Hypertension. BMI 35.2.')).toEqual(['I10']);
  });

  it('codes the general exam by findings: Z00.00 without, Z00.01 with abnormal findings', () => {
    expect(codesOfAssessment('1. Annual physical exam.')).toEqual(['Z00.00']);
    expect(codesOfAssessment('1. Hypertension.', '2. Annual physical exam.')).toEqual(['Z00.01', 'I10']);
  });

  it('codes the child exam for patients under 18', () => {
    expect(codesOf({ assessment: ['1. Well child check.'], dob: '2017-01-01' })).toEqual(['Z00.129']);
  });
});

describe('encounter reasons listed first', () => {
  it('codes the well woman exam by findings and lists it first', () => {
    expect(codesOfAssessment('1. Well woman exam.')).toEqual(['Z01.419']);
    expect(codesOfAssessment('1. Hypothyroidism.', '2. Well woman exam.')).toEqual(['Z01.411', 'E03.9']);
  });

  it('lists the preoperative examination before the condition it is for', () => {
    expect(codesOfAssessment('1. Right knee osteoarthritis.', '2. Preoperative evaluation.')).toEqual([
      'Z01.818',
      'M17.11',
    ]);
  });
});

describe('where a long-term drug is read', () => {
  it('reads the drug from the history of present illness, not from a past use there', () => {
    expect(codesOf({ hpi: 'Takes insulin glargine nightly.', assessment: ['1. Type 2 diabetes.'] })).toEqual([
      'E11.9',
      'Z79.4',
    ]);
    expect(codesOf({ hpi: 'Previously on insulin, now diet only.', assessment: ['1. Type 2 diabetes.'] })).toEqual([
      'E11.9',
    ]);
  });
});

describe('adolescent preventive visit', () => {
  it('codes a well adolescent visit as a routine child health exam', () => {
    expect(
      codesOf({ assessment: ['Well adolescent, cleared for sports without restriction.'], dob: '2011-03-03' }),
    ).toEqual(['Z00.129']);
  });
});
