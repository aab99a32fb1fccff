/**
 * The most specific code the words support, and no more (issue 12): each site stated is coded, and a qualifier the
 * statement does not say is never picked over the default the Alphabetic Index gives.
 *
 * - Two statements of one concept naming different sites with the same side ("Right knee OA", "Right hip OA") are
 *   two diagnoses (M17.11, M16.11), as two sides of one site are the bilateral code (one-concept-two-sites.test.ts).
 * - A release title that reads no more of the statement than the lexicon's code does not replace it: what the title
 *   adds is an unstated qualifier. Index: Osteoarthritis, shoulder M19.01- (primary is the default; "secondary" must
 *   be said, M19.21-); Otitis, media, acute H66.90 (Tabular H66.9 includes "acute otitis media NOS"; "serous" is
 *   H65.0-, "suppurative" H66.00-).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { codesOfAssessment, encounterOf, noteOf } from './coding-note.ts';

describe('one site stated twice with the same side', () => {
  it('is one diagnosis', () => {
    expect(codesOfAssessment('1. Right knee OA', '2. Right knee osteoarthritis, primary - continue PT')).toEqual([
      'M17.11',
    ]);
  });
});

describeWithSharedData('sites and qualifiers stated, with the full FY2018 release', ['icd10cm', '2018'], () => {
  const DATE = '2018-03-01';
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);
  const coded = (...assessment: string[]) => {
    const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
    return codeDiagnoses(encounterOf(text), { codeSets, date: DATE }).diagnoses.map((diagnosis) => [
      diagnosis.code,
      diagnosis.confidence >= AUTO_CODE_MIN_CONFIDENCE,
    ]);
  };

  it('codes right knee and right hip osteoarthritis stated apart as two diagnoses', () => {
    expect(coded('1. Right knee OA', '2. Right hip OA')).toEqual([
      ['M17.11', true],
      ['M16.11', true],
    ]);
  });

  it('codes a site stated with a side and another stated without one apart', () => {
    expect(coded('1. Knee osteoarthritis', '2. Right hip OA - injection')).toEqual([
      ['M17.10', true],
      ['M16.11', true],
    ]);
  });

  it('codes two sites stated without a side apart, a concept coded by side only', () => {
    expect(coded('1. Knee OA', '2. Hip OA - PT')).toEqual([
      ['M17.10', true],
      ['M16.10', true],
    ]);
    expect(coded('1. Type 2 diabetes', '2. Diabetes with hyperglycemia')).toEqual([['E11.65', true]]);
  });

  it('codes osteoarthritis of a shoulder as primary unless secondary is said', () => {
    expect(coded('1. Right shoulder osteoarthritis')).toEqual([['M19.011', true]]);
    expect(coded('1. Secondary osteoarthritis of right shoulder')).toEqual([['M19.211', true]]);
  });

  it('codes acute otitis media NOS as H66.9- with its side, not acute serous otitis media', () => {
    expect(coded('1. Acute otitis media, left ear')).toEqual([['H66.92', true]]);
    expect(coded('1. Acute serous otitis media, left ear')).toEqual([['H65.02', true]]);
  });

  it('codes the suppurative otitis media the words say (acute H66.00-, otherwise H66.4-)', () => {
    expect(coded('1. Acute suppurative otitis media, left ear')).toEqual([['H66.002', true]]);
    expect(coded('1. Suppurative otitis media, right ear')).toEqual([['H66.41', true]]);
  });
});
