/**
 * What a statement says is current, and what a code already includes: a smoker advised to quit is a current smoker
 * (not a former one), tobacco use yields to the dependence it is part of, a combination code's manifestations are
 * not coded beside it, return precautions and as-needed plans name no condition, and "personal history of" a
 * cancer under surveillance is the history.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { codeNote, codesOfAssessment, encounterOf, noteOf } from './coding-note.ts';

describe('smoking status', () => {
  it('reads advice, wishes or plans to quit as a current smoker, never a former one', () => {
    expect(codesOfAssessment('1. Current smoker, 1 pack per day of cigarettes, advised to quit smoking.')).toEqual([
      'F17.210',
    ]);
    expect(codesOfAssessment('1. Smokes cigarettes, wants to quit smoking.')).toEqual(['F17.210']);
  });

  it('keeps the dependence and drops tobacco use (Z72.0 and F17.- are Excludes1)', () => {
    expect(codesOfAssessment('1. Tobacco use: cigarette smoker, trying to quit smoking')).toEqual(['F17.210']);
  });

  it('codes the former smoker Z87.891', () => {
    expect(codesOfAssessment('1. Hyperlipidemia', '2. Ex-smoker, quit smoking 2021')).toEqual(['E78.5', 'Z87.891']);
  });
});

describe('manifestations a combination code includes', () => {
  it('codes influenza with pharyngitis as the influenza code alone', () => {
    expect(codesOfAssessment('Influenza A with cough and pharyngitis.')).toEqual(['J10.1']);
  });

  it('still codes pharyngitis on its own', () => {
    expect(codesOfAssessment('Acute pharyngitis.')).toEqual(['J02.9']);
  });
});

describe('plans are not diagnoses', () => {
  it('does not code the symptoms of return precautions or of an as-needed drug', () => {
    expect(codesOfAssessment('1. Hypertension - return sooner with chest pain')).toEqual(['I10']);
    expect(codesOfAssessment('1. Acute otitis media, left - amoxicillin, ibuprofen prn fever')).not.toContain('R50.9');
    expect(codesOfAssessment('1. Viral URI - supportive care, go to ED if chest pain')).toEqual(['J06.9']);
  });
});

describe('personal history', () => {
  it('codes "personal history of" a cancer under surveillance as the history, not the cancer', () => {
    // The starter bundle lacks Z85.038: what the coder wants is in its review reason, and no cancer code is coded.
    const coding = codeNote({
      assessment: ['2. Personal history of colon cancer - continue surveillance colonoscopy.'],
    });
    expect(coding.diagnoses).toEqual([]);
    expect(coding.reviewReasons.map((reason) => reason.message).join(' ')).toMatch(/documents Z85\.038/);
  });
});

describe('symptoms routinely part of a confirmed diagnosis (guideline I.B.5)', () => {
  it('does not code them beside the diagnosis', () => {
    expect(codesOfAssessment('1. Kidney stone with hematuria and nausea')).toEqual(['N20.0']);
    expect(codesOfAssessment('1. Hypertension, elevated blood pressure today')).toEqual(['I10']);
    expect(codesOfAssessment('1. Gout flare, left knee pain')).not.toContain('M25.562');
  });

  it('still codes the symptom alone', () => {
    expect(codesOfAssessment('1. Hematuria')).toEqual(['R31.9']);
  });
});

describeWithSharedData(
  'a stone anywhere in the urinary tract, with the full FY2018 release',
  ['icd10cm', '2018'],
  () => {
    const DATE = '2018-03-01';
    let codeSets: CodeSets;
    beforeAll(() => {
      codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
    }, 60_000);

    it('does not code the colic symptoms of a ureteral stone beside it, as for a kidney stone', () => {
      const text = noteOf({
        assessment: ['1. Left flank pain.', '2. Left ureteral stone.', '3. Nausea and vomiting.'],
      });
      const text2018 = text.replace(/Date of service: \S+/, `Date of service: ${DATE}`);
      const codes = codeDiagnoses(encounterOf(text2018), { codeSets, date: DATE }).diagnoses.map((d) => d.code);
      expect(codes).toEqual(['N20.1']);
    });
  },
);

describe('services and reminders of future care', () => {
  it('codes a vaccine or screening only when it is done at this visit', () => {
    expect(codesOfAssessment('1. Flu vaccine given today')).toEqual(['Z23']);
    expect(codesOfAssessment('1. Hypertension', '2. Flu vaccine up to date')).toEqual(['I10']);
    expect(codesOfAssessment('1. Hypertension', '2. Screening mammogram due in March')).toEqual(['I10']);
    expect(
      codesOfAssessment(
        '1. Routine adult health exam, no abnormal findings.',
        '2. Colon cancer screening discussed (FIT kit given), flu shot declined.',
      ),
    ).toEqual(['Z00.00']);
  });

  it('never codes the encounter for a vaccine that was not given', () => {
    expect(codesOfAssessment('1. Hypertension', '2. Flu vaccine not given today')).toEqual(['I10']);
    expect(codesOfAssessment('1. Hypertension', '2. Influenza vaccination not carried out')).not.toContain('Z23');
    expect(codesOfAssessment('1. Hypertension', '2. Tdap not administered, patient ill')).toEqual(['I10']);
  });

  it('does not send a reminder of a future test to review as an unread diagnosis', () => {
    const coding = codeNote({
      assessment: ['1. Hypertension, controlled', '2. Due for colonoscopy next year, will schedule'],
    });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['I10']);
    expect(coding.reviewReasons).toEqual([]);
  });

  it('still sends a condition it cannot read to review, whatever its follow-up plan', () => {
    const coding = codeNote({
      assessment: ['1. Hypertension, controlled', '2. Huntingtons chorea - recheck in 3 months'],
    });
    expect(coding.reviewReasons.map((reason) => reason.message).join(' ')).toMatch(/assessment item not coded/);
  });
});

describe('status, history and the words a reading used to leave unread', () => {
  it('reads MI (capitals) as myocardial infarction, and an old or healed one as I25.2', () => {
    const reasons = (line: string) =>
      codeNote({ assessment: [line] })
        .reviewReasons.map((reason) => reason.message)
        .join(' ');
    // The starter bundle lacks I25.2: the code the coder wants is named in the review reason.
    expect(reasons('1. Old MI')).toMatch(/documents I25\.2/);
    expect(reasons('1. History of MI')).toMatch(/documents I25\.2/);
  });

  it('codes a stent named by its artery as the coronary stent status', () => {
    expect(codesOfAssessment('1. s/p RCA stent')).toEqual(['Z95.5']);
  });

  it('reads "left-sided" as the side (low back pain with left-sided sciatica is M54.42)', () => {
    expect(codesOfAssessment('1. Low back pain with left-sided sciatica')).toEqual(['M54.42']);
  });

  it('codes mucopurulent conjunctivitis by eye, acute or not (Index: Conjunctivitis, acute, mucopurulent H10.02-)', () => {
    const coding = codeNote({ assessment: ['1. Acute mucopurulent conjunctivitis, both eyes'] });
    expect(coding.reviewReasons.map((reason) => reason.message).join(' ')).toMatch(/documents H10\.023/);
  });
});
