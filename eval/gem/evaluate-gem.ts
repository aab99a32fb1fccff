/**
 * Runs the diagnosis coder on the GEM cases (each ICD-9-CM title as the assessment of a minimal note) and computes
 * coverage, top-1 exact and category accuracy, precision when answering, the auto-coded share and its precision,
 * and precision by confidence band. See eval/gem/README.md.
 */
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { withNoteSections } from '#core/coding/note-sections';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { parseClinicalNote } from '#core/documents/note/parse-note';
import { type Band, confidenceBands } from '../confidence-bands.ts';
import type { GemCase, GemHalf } from './gem-cases.ts';

export interface GemResult {
  icd9: string;
  title: string;
  expected: string;
  half: GemHalf;
  /** The first-listed code, or undefined when the coder answered nothing. */
  answer?: string;
  confidence?: number;
  /** Every code assigned, first-listed first. */
  codes: string[];
  /** The coder itself would auto-code it: a confident answer and no diagnosis review reason. */
  auto: boolean;
  reviewReasons: string[];
}

export interface GemMetrics {
  cases: number;
  answered: number;
  coverage: number;
  /** First code equals the GEM target, over all cases. */
  top1Exact: number;
  /** First code's category (3 characters) equals the target's, over all cases. */
  categoryAccuracy: number;
  /** Exact first codes over answered cases. */
  precisionWhenAnswering: number;
  autoCoded: number;
  automationRate: number;
  autoCodedPrecision: number;
  bands: Band[];
}

export const GEM_CODING_DATE = '2018-03-01';

/** The minimal note a title becomes: a date of service and the title as the whole assessment. */
export function gemNote(title: string): string {
  return `Date of service: 03/01/2018\nASSESSMENT:\n${title}\n`;
}

const plain = (code: string) => code.replace('.', '').toUpperCase();

export function codeGemCase(gemCase: GemCase, codeSets: CodeSets, date = GEM_CODING_DATE): GemResult {
  const parsed = parseClinicalNote(gemNote(gemCase.title), { key: `gem-${gemCase.icd9}` });
  const base = { icd9: gemCase.icd9, title: gemCase.title, expected: gemCase.icd10, half: gemCase.half };
  if (!parsed.ok || parsed.encounters.length !== 1)
    return { ...base, codes: [], auto: false, reviewReasons: [parsed.ok ? 'not one encounter' : parsed.message] };
  const encounter = withNoteSections(parsed.encounters[0]!);
  const coding = codeDiagnoses(encounter, { codeSets, date });
  const first = coding.diagnoses[0];
  const reviewReasons = coding.reviewReasons.map((reason) => reason.message);
  return {
    ...base,
    ...(first ? { answer: first.code, confidence: first.confidence } : {}),
    codes: coding.diagnoses.map((d) => d.code),
    auto:
      first !== undefined &&
      reviewReasons.length === 0 &&
      coding.diagnoses.every((d) => d.confidence >= AUTO_CODE_MIN_CONFIDENCE),
    reviewReasons,
  };
}

export const isExact = (r: GemResult) => r.answer !== undefined && plain(r.answer) === plain(r.expected);
export const isSameCategory = (r: GemResult) =>
  r.answer !== undefined && plain(r.answer).slice(0, 3) === plain(r.expected).slice(0, 3);

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function gemMetrics(results: readonly GemResult[]): GemMetrics {
  const answered = results.filter((r) => r.answer !== undefined);
  const exact = results.filter(isExact).length;
  const auto = results.filter((r) => r.auto);
  return {
    cases: results.length,
    answered: answered.length,
    coverage: ratio(answered.length, results.length),
    top1Exact: ratio(exact, results.length),
    categoryAccuracy: ratio(results.filter(isSameCategory).length, results.length),
    precisionWhenAnswering: ratio(exact, answered.length),
    autoCoded: auto.length,
    automationRate: ratio(auto.length, results.length),
    autoCodedPrecision: ratio(auto.filter(isExact).length, auto.length),
    bands: confidenceBands(answered, (r) => r.confidence, isExact),
  };
}
