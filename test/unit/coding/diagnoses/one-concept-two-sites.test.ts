/**
 * Two statements of one concept in one note that name different sides or sites are two diagnoses, not one: each is
 * coded. When they are the two sides of a site whose category has a bilateral code, the bilateral code is the
 * diagnosis (ICD-10-CM Tabular M17.0, M16.0; Guidelines I.B.13: "when a bilateral code is provided and the condition
 * is bilateral, assign the appropriate bilateral code"); where the classification has none, each side is coded.
 * A statement without a side adds nothing to one that has it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { codeNote, encounterOf, noteOf } from './coding-note.ts';

const coded = (...assessment: string[]) => {
  const coding = codeNote({ assessment });
  return {
    codes: coding.diagnoses.map((diagnosis) => diagnosis.code).sort(),
    auto: coding.diagnoses.every((diagnosis) => diagnosis.confidence >= AUTO_CODE_MIN_CONFIDENCE),
    reasons: coding.reviewReasons.map((reason) => reason.message),
  };
};

describe('one concept stated for two sides or sites', () => {
  it('codes right and left knee osteoarthritis stated apart as bilateral M17.0', () => {
    const result = coded('1. Right knee OA', '2. Left knee OA');
    expect(result.codes).toEqual(['M17.0']);
    expect(result.auto).toBe(true);
  });

  it('codes a side and both sides of the same joint as the bilateral code, without review', () => {
    const result = coded('1. Right knee OA - injection today', '2. Bilateral knee OA, primary');
    expect(result.codes).toEqual(['M17.0']);
    expect(result.auto).toBe(true);
  });

  it('keeps the side when the same condition is also stated without one', () => {
    expect(coded('1. Knee osteoarthritis', '2. Right knee OA - continue PT').codes).toEqual(['M17.11']);
    expect(coded('1. Right knee OA', '2. Knee osteoarthritis - continue PT').codes).toEqual(['M17.11']);
  });
});

describeWithSharedData('other joints, with the full FY2018 release', ['icd10cm', '2018'], () => {
  const DATE = '2018-03-01';
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);
  const codesOf = (...assessment: string[]) => {
    const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
    return codeDiagnoses(encounterOf(text), { codeSets, date: DATE })
      .diagnoses.map((diagnosis) => diagnosis.code)
      .sort();
  };

  it('codes each side where the classification has no bilateral code (shoulder M19.01-)', () => {
    expect(codesOf('1. Primary osteoarthritis, right shoulder', '2. Primary osteoarthritis, left shoulder')).toEqual([
      'M19.011',
      'M19.012',
    ]);
  });

  it('codes two joints with their sides apart (knee and hip)', () => {
    expect(codesOf('1. Right knee OA', '2. Left hip OA')).toEqual(['M16.12', 'M17.11']);
  });

  it('codes both hips stated apart as bilateral M16.0', () => {
    expect(codesOf('1. Left hip osteoarthritis', '2. Right hip osteoarthritis')).toEqual(['M16.0']);
  });
});
