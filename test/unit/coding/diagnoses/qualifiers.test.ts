/**
 * A mention with significant words the chosen code does not account for lowers confidence: a class, stage, grade or
 * type number, a severity or a side the assigned code does not say (when the classification distinguishes it), or
 * "personal history of" coded as a current disease. The code stays, below the auto-coding threshold, with a reason.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import {
  isUnclassifiedQualifier,
  parseUnclassifiedQualifiers,
  UNCLASSIFIED_QUALIFIERS,
} from '#core/coding/lexicon/unclassified-qualifiers';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { codeNote, encounterOf, noteOf } from './coding-note.ts';

const confidenceOf = (coding: ReturnType<typeof codeNote>, code: string) =>
  coding.diagnoses.find((diagnosis) => diagnosis.code === code)?.confidence;
const reasonsOf = (coding: { reviewReasons: { message: string }[] }) =>
  coding.reviewReasons.map((reason) => reason.message).join(' | ');

describe('a class, stage, grade or type the code does not say', () => {
  it('keeps "Obesity, class 2" as E66.9 below the auto-coding threshold, naming the class (E66.812 from FY2025)', () => {
    const coding = codeNote({ assessment: ['1. Obesity, class 2 (BMI 35.7) - diet and exercise'] });
    expect(confidenceOf(coding, 'E66.9')).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
    expect(reasonsOf(coding)).toMatch(/says "class 2", which E66\.9.* not account for/);
  });

  it('reads roman numerals as the number the title writes', () => {
    const coding = codeNote({ assessment: ['1. Type II diabetes mellitus without complications'] });
    expect(confidenceOf(coding, 'E11.9')).toBeGreaterThanOrEqual(AUTO_CODE_MIN_CONFIDENCE);
    expect(reasonsOf(coding)).not.toMatch(/says "Type II"/);
  });

  it('accepts a number a code of the same statement says (a combination code and its partner)', () => {
    const coding = codeNote({ assessment: ['1. Type 2 diabetes mellitus with stage 3 chronic kidney disease'] });
    expect(coding.diagnoses.map((d) => d.code)).toContain('E11.22');
    expect(reasonsOf(coding)).not.toMatch(/not account for/);
  });

  it('does not hold against a code a scale the classification ignores (hypertension stage, NYHA class)', () => {
    const coding = codeNote({ assessment: ['1. Hypertension, stage 2', '2. Heart failure, NYHA class II'] });
    expect(confidenceOf(coding, 'I11.0')).toBeGreaterThanOrEqual(AUTO_CODE_MIN_CONFIDENCE);
    expect(reasonsOf(coding)).not.toMatch(/not account for/);
  });
});

describe('the table of scales the classification ignores (lexicon/data/unclassified-qualifiers.json)', () => {
  it('applies an entry to the categories of its ranges only', () => {
    expect(isUnclassifiedQualifier('stage', 'C50.911')).toBe(true);
    expect(isUnclassifiedQualifier('stage', 'I10')).toBe(true);
    expect(isUnclassifiedQualifier('stage', 'N18.30')).toBe(false);
    expect(isUnclassifiedQualifier('class', 'E66.9')).toBe(false);
  });

  it('refuses an entry without its source, an unknown word or a range that runs downwards', () => {
    const entry = UNCLASSIFIED_QUALIFIERS.entries[0]!;
    const fileWith = (entries: unknown[]) => ({ ...UNCLASSIFIED_QUALIFIERS, entries });
    const { source: _source, ...unsourced } = entry;
    expect(() => parseUnclassifiedQualifiers(fileWith([unsourced]))).toThrow(/unclassified-qualifiers\.json/);
    expect(() => parseUnclassifiedQualifiers(fileWith([{ ...entry, word: 'size' }]))).toThrow(/word/);
    expect(() => parseUnclassifiedQualifiers(fileWith([{ ...entry, categories: [['I16', 'I10']] }]))).toThrow(
      /runs upwards/,
    );
  });
});

describeWithSharedData('severity and side with the full FY2018 release', ['icd10cm', '2018'], () => {
  const DATE = '2018-03-01';
  let codeSets: CodeSets;
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);
  function coded(assessment: string[]) {
    const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
    return codeDiagnoses(encounterOf(text), { codeSets, date: DATE });
  }

  it('lowers a code that leaves out a side its category distinguishes ("left-sided heart failure" is not I50.9)', () => {
    // "Left heart failure" itself is I50.1 (Index "Failure, heart, left (ventricular)": index-equivalences.json).
    const coding = coded(['1. Left-sided heart failure']);
    const failure = coding.diagnoses.find((d) => d.code === 'I50.9');
    expect(failure?.confidence).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
    expect(reasonsOf(coding)).toMatch(/says "Left", which I50\.9 does not account for/);
  });

  it('lowers a code that leaves out an acuity its category distinguishes (chronic otitis externa is not H60.91)', () => {
    const coding = coded(['1. Chronic otitis externa, right - ENT referral']);
    expect(coding.diagnoses.find((d) => d.code === 'H60.91')?.confidence).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
    expect(reasonsOf(coding)).toMatch(/says "Chronic", which H60\.91 does not account for/);
    // Chronic suppurative otitis media NOS is an inclusion term of H66.3 (Other chronic suppurative otitis media).
    expect(coded(['1. Chronic suppurative otitis media, right - ENT referral']).diagnoses.map((d) => d.code)).toEqual([
      'H66.3X1',
    ]);
  });

  it('takes a qualifier the Index gives a concept code as said ("acute mucopurulent" is H10.02-)', () => {
    const coding = coded(['1. Acute mucopurulent conjunctivitis, both eyes']);
    expect(coding.diagnoses.map((d) => [d.code, d.confidence >= AUTO_CODE_MIN_CONFIDENCE])).toEqual([
      ['H10.023', true],
    ]);
    expect(coded(['1. Common warts (verruca vulgaris) of hands - cryotherapy']).diagnoses.map((d) => d.code)).toEqual([
      'B07.8',
    ]);
  });

  it('keeps a side the classification never distinguishes, and a side or severity the code says', () => {
    for (const line of [
      '1. Moderate persistent asthma',
      '1. Pain in left knee',
      '1. Acute bronchitis',
      '1. Chronic low back pain',
    ]) {
      const coding = coded([line]);
      expect(coding.diagnoses.length).toBeGreaterThan(0);
      expect(reasonsOf(coding)).not.toMatch(/not account for/);
    }
  });
});
