/**
 * How sure the coder is of a release title that says more than the statement (full FY2018 ICD-10-CM release). A
 * title that adds only an Index default the statement leaves unsaid ("unilateral", "without obstruction") is the
 * statement's code and is auto-coded; a title that adds a cause, organism, site or kind the statement never says
 * ("Tuberculous enteritis" for "Enteritis") may be a different disease, so it goes to a coder.
 */
import { beforeAll, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const DATE = '2018-03-01';
let codeSets: CodeSets;

function diagnosesOf(...assessment: string[]) {
  const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
  return codeDiagnoses(encounterOf(text), { codeSets, date: DATE }).diagnoses;
}

/** Each statement, alone as an assessment, is coded, and every code it gets is below auto-coding. */
function expectCodedForReview(...statements: string[]) {
  for (const statement of statements) {
    const diagnoses = diagnosesOf(`1. ${statement}.`);
    expect(diagnoses.length, statement).toBeGreaterThan(0);
    for (const diagnosis of diagnoses)
      expect(diagnosis.confidence, `${statement} -> ${diagnosis.code}`).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
  }
}

describeWithSharedData(
  'a release title that says more than the statement (full FY2018 release)',
  ['icd10cm', '2018'],
  () => {
    beforeAll(() => {
      codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
    }, 60_000);

    it('does not auto-code a title that adds a cause, organism or kind the statement never says', () => {
      // Best titles: A18.32 "Tuberculous enteritis", B26.83 "Mumps nephritis", K62.7 "Radiation proctitis".
      expectCodedForReview('Enteritis', 'Nephritis', 'Proctitis');
    });

    it('does not auto-code a title that picks an acuity the statement does not say', () => {
      // Best titles: J37.0 "Chronic laryngitis", K73.9 "Chronic hepatitis, unspecified", I30.9 "Acute pericarditis,
      // unspecified"; the Index's defaults are J04.0, K75.9 and I31.9.
      expectCodedForReview('Laryngitis', 'Hepatitis', 'Pericarditis');
      // Said, the acuity is the statement's own.
      expect(
        diagnosesOf('1. Chronic laryngitis.').map((d) => [d.code, d.confidence >= AUTO_CODE_MIN_CONFIDENCE]),
      ).toEqual([['J37.0', true]]);
    });

    it('auto-codes a title that adds only the Index default the statement leaves unsaid', () => {
      // Hernia, inguinal (unilateral) K40.90: "unilateral", "without obstruction or gangrene", "not specified as recurrent".
      expect(diagnosesOf('1. Inguinal hernia.').map((d) => [d.code, d.confidence >= AUTO_CODE_MIN_CONFIDENCE])).toEqual(
        [['K40.90', true]],
      );
      expect(
        diagnosesOf('1. Primary osteoarthritis of right knee.').map((d) => [
          d.code,
          d.confidence >= AUTO_CODE_MIN_CONFIDENCE,
        ]),
      ).toEqual([['M17.11', true]]);
    });
  },
);
