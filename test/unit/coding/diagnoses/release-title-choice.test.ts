/**
 * Which release title a statement is coded to when several share its words (full FY2018 ICD-10-CM release): the
 * classification's own conventions decide, not the order of the codes. "Other" (.8) and "unspecified" (.9) are
 * different codes; a congenital title needs the word congenital (the Index presumes acquired); what "unspecified"
 * leaves open is a side, site or time, never the words of the name it qualifies; and where folding makes two titles
 * equal, the one written as the statement is written wins.
 */
import { beforeAll, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const DATE = '2018-03-01';
let codeSets: CodeSets;

function codesOf(...assessment: string[]): string[] {
  const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
  return codeDiagnoses(encounterOf(text), { codeSets, date: DATE }).diagnoses.map((d) => d.code);
}

describeWithSharedData('choosing between release titles with the full FY2018 release', ['icd10cm', '2018'], () => {
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);

  it('codes "other specified" to the other code (.8) and "unspecified" to the unspecified one (.9)', () => {
    expect(codesOf('1. Other specified leprosy.')).toEqual(['A30.8']);
    expect(codesOf('1. Leprosy.')).toEqual(['A30.9']);
    expect(codesOf('1. Female infertility of unspecified origin.')).toEqual(['N97.9']);
  });

  it('does not code a congenital title when the statement does not say congenital', () => {
    expect(codesOf('1. Mitral stenosis.')).toEqual(['I05.0']);
    expect(codesOf('1. Congenital mitral stenosis.')).toEqual(['Q23.2']);
  });

  it('keeps the words an "unspecified" name qualifies essential', () => {
    expect(codesOf('1. Colic.')).toEqual(['R10.83']);
    expect(codesOf('1. Renal colic.')).toEqual(['N23']);
    // Not I69.918 "... following unspecified cerebrovascular disease": no cerebrovascular disease is said.
    expect(codesOf('1. Other symptoms and signs involving cognitive functions.')).toEqual(['R41.89']);
  });

  it('holds a site that "unspecified" leaves the side of against a statement that does not name it', () => {
    // Not H05.239 "Hemorrhage of unspecified orbit": R58 is the hemorrhage not elsewhere classified.
    expect(codesOf('1. Hemorrhage.')).toEqual(['R58']);
    expect(codesOf('1. Orbital hemorrhage.')).toEqual(['H05.239']);
  });

  it('leaves open only the words of the phrase "unspecified" begins ("unspecified whether ..." to its end)', () => {
    expect(codesOf('1. Respiratory failure.')).toEqual(['J96.90']);
    expect(codesOf('1. Respiratory failure with hypoxia.')).toEqual(['J96.91']);
  });

  it('prefers the title written as the statement is written when folding makes two titles equal', () => {
    expect(codesOf('1. Conduction disorder.')).toEqual(['I45.9']);
    expect(codesOf('1. Conduct disorder.')).toEqual(['F91.9']);
  });

  it('takes the Index default for what a hernia statement does not say: unilateral, without obstruction or gangrene', () => {
    // Index: "Hernia, inguinal (direct) (indirect) (oblique) (right) (left) (unilateral) K40.90"; with gangrene or
    // bilateral must be said (K40.10 is bilateral with gangrene).
    expect(codesOf('1. Inguinal hernia.')).toEqual(['K40.90']);
    expect(codesOf('1. Femoral hernia.')).toEqual(['K41.90']);
    expect(codesOf('1. Bilateral inguinal hernia.')).toEqual(['K40.20']);
    expect(codesOf('1. Umbilical hernia.')).toEqual(['K42.9']);
    expect(codesOf('1. Umbilical hernia with gangrene.')).toEqual(['K42.1']);
  });
});
