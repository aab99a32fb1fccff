/**
 * Amazon Comprehend Medical InferICD10CM as a proposer: its entities become findings that go through the same rules
 * as our lexicon's. The response is read as the service returns it (offsets in code points, traits, concepts by
 * score); nothing here calls AWS (functions/common/comprehend-medical.ts does).
 * - Only entities in a coding section (assessment, or a note without sections) are coded, like lexicon mentions.
 * - NEGATION, PERTAINS_TO_FAMILY, HYPOTHETICAL and LOW_CONFIDENCE traits exclude the entity, and so do our own
 *   context rules over its sentence (the outpatient uncertainty terms are ours, not the service's).
 * - The concepts are tried best score first; the tabular list of the release in effect confirms (billable on the
 *   date), and Excludes1 and the first-listed rules treat them as any other candidate.
 * - A proposal whose code is one our lexicon assigns takes that concept's identity (its kind and the symptoms
 *   integral to it), so the integral-symptom rule (guideline I.B.5) drops a symptom the service codes beside the
 *   disease that explains it, and a disease the service finds drops the symptoms our lexicon read.
 * - The confidence is the entity score times the concept score, and never reaches auto-coding
 *   (COMPREHEND_MAX_CONFIDENCE): a code only the service proposes always goes to a human. When our own coder assigns
 *   the same code, the two are one diagnosis with our confidence and both evidences (ordering.ts).
 * - Spans our lexicon already read are left to the lexicon (it knows the combination rules).
 */

import { normalizeCode } from '#core/codesets/index';
import type { ExcludedMention } from '#core/coding/diagnosis-port';
import { ALL_CONCEPTS, type ConceptDefinition, type Modifiers } from '#core/coding/lexicon/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { findTriggers, mentionContext } from '#core/coding/text/context';
import { roledSections } from '#core/coding/text/sections';
import { splitSentences, type TextSpan } from '#core/coding/text/sentences';
import { tokenize } from '#core/coding/text/tokenize';
import type { NoteSection } from '#core/documents/encounter';
import type { Finding } from '../diagnoses/finding.ts';
import { codePointIndex } from './code-points.ts';
import type { Icd10CmInference, Icd10CmInferenceEntity } from './icd10cm-inference.ts';

export const COMPREHEND_RULE = 'dx.comprehend.infer-icd10cm';

/** Concepts scored below this are not proposals, they are noise. */
const MIN_CONCEPT_SCORE = 0.5;

/** The most a proposal of the service alone is trusted: below AUTO_CODE_MIN_CONFIDENCE, so a human confirms it. */
export const COMPREHEND_MAX_CONFIDENCE = Math.round((AUTO_CODE_MIN_CONFIDENCE - 0.05) * 100) / 100;

const PLAIN: Modifiers = { acute: false, chronic: false, exacerbation: false, episode: 'A', text: ' ' };

let conceptsByCode: Map<string, ConceptDefinition[]> | undefined;

/** Lexicon concepts by the code they assign to a plain mention (no acuity, laterality or episode said). */
function lexiconConceptsOf(code: string): readonly ConceptDefinition[] {
  if (!conceptsByCode) {
    conceptsByCode = new Map();
    for (const concept of ALL_CONCEPTS) {
      const codes = typeof concept.resolve === 'string' ? [concept.resolve] : (concept.resolve(PLAIN)[0]?.codes ?? []);
      if (codes.length !== 1) continue;
      const key = normalizeCode(codes[0]!);
      conceptsByCode.set(key, [...(conceptsByCode.get(key) ?? []), concept]);
    }
  }
  return conceptsByCode.get(normalizeCode(code)) ?? [];
}

/**
 * The concept a proposal of `code` stands for: the lexicon's when one assigns that code (a symptom first, since the
 * integral rule acts on symptoms, with every matching disease's integral symptoms), else a concept of its own.
 */
function conceptFor(code: string, symptom: boolean): ConceptDefinition {
  const matches = lexiconConceptsOf(code);
  if (matches.length === 0)
    return {
      id: `comprehend:${normalizeCode(code)}`,
      kind: symptom ? 'symptom' : 'disease',
      phrases: [],
      resolve: code,
    };
  const base = matches.find((concept) => concept.kind === 'symptom') ?? matches[0]!;
  const integral = [...new Set(matches.flatMap((concept) => concept.integral ?? []))];
  return { ...base, resolve: code, ...(integral.length > 0 ? { integral } : {}) };
}

const TRAIT_EXCLUSIONS: Record<string, ExcludedMention['why']> = {
  NEGATION: 'negated',
  PERTAINS_TO_FAMILY: 'family',
  HYPOTHETICAL: 'hypothetical',
  LOW_CONFIDENCE: 'uncertain',
};

export interface ComprehendReading {
  findings: Finding[];
  excluded: ExcludedMention[];
  /** Entities that could not be placed in the text (offsets out of range or not matching the entity text). */
  problems: string[];
}

export interface ComprehendInput {
  response: Icd10CmInference;
  /** The exact text sent to the service (the encounter's note text). */
  text: string;
  sections: readonly NoteSection[];
  /** Spans the lexicon already read ([start, end) UTF-16): entities overlapping them are left to the lexicon. */
  readSpans: readonly { start: number; end: number }[];
}

/** Whether an offset is in a coding section: the assessment's, or anywhere in a note without sections. */
function codingSections(sections: readonly NoteSection[], text: string): (start: number) => boolean {
  if (sections.length === 0) return () => true;
  const assessment = roledSections(sections, text).filter((s) => s.role === 'assessment');
  return (start) => assessment.some((s) => start >= s.start && start < s.end);
}

/** The last index in `sorted` (ascending) whose value is below `limit`, or -1: a binary search. */
function lastBelow(sorted: readonly number[], limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < limit) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The note's sentences, found by offset: split once, not once per entity (a long note has hundreds). */
function sentenceFinder(text: string): (start: number, end: number) => TextSpan | undefined {
  const sentences = splitSentences(text);
  const starts = sentences.map((s) => s.start);
  return (start, end) => {
    const sentence = sentences[lastBelow(starts, start + 1)];
    return sentence && end <= sentence.end ? sentence : undefined;
  };
}

/** Whether [start, end) overlaps any of the spans: sorted by start, with the furthest end so far. */
function overlapFinder(spans: readonly { start: number; end: number }[]): (start: number, end: number) => boolean {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const starts = sorted.map((span) => span.start);
  const furthestEnd: number[] = [];
  for (const span of sorted) furthestEnd.push(Math.max(span.end, furthestEnd.at(-1) ?? -1));
  return (start, end) => {
    const last = lastBelow(starts, end);
    return last >= 0 && furthestEnd[last]! > start;
  };
}

/** Our context rules over the entity's sentence, with the entity as the mention. */
function ourContext(
  text: string,
  sentence: TextSpan | undefined,
  start: number,
  end: number,
): ExcludedMention['why'] | undefined {
  if (!sentence) return undefined;
  const tokens = tokenize(text, sentence.start, sentence.end);
  const first = tokens.findIndex((t) => t.end > start);
  let last = first;
  while (last < tokens.length && tokens[last]!.start < end) last += 1;
  if (first < 0 || last === first) return undefined;
  const covered = new Uint8Array(tokens.length);
  covered.fill(1, first, last);
  const context = mentionContext(tokens, findTriggers(tokens, 0, tokens.length, covered), first, last);
  return context.decisive;
}

function isSymptom(entity: Icd10CmInferenceEntity): boolean {
  return (entity.Traits ?? []).some((trait) => trait.Name === 'SIGN' || trait.Name === 'SYMPTOM');
}

export function readComprehendResponse(input: ComprehendInput): ComprehendReading {
  const { text, response } = input;
  const index = codePointIndex(text);
  const reading: ComprehendReading = { findings: [], excluded: [], problems: [] };
  const inCodingSection = codingSections(input.sections, text);
  const sentenceOf = sentenceFinder(text);
  const readByLexicon = overlapFinder(input.readSpans);
  for (const entity of response.Entities ?? []) {
    if (entity.Category !== 'MEDICAL_CONDITION' || entity.Type !== 'DX_NAME') continue;
    const start = index.toUtf16(entity.BeginOffset ?? -1);
    const end = index.toUtf16(entity.EndOffset ?? -1);
    if (start === undefined || end === undefined || end <= start || text.slice(start, end) !== entity.Text) {
      reading.problems.push(
        `entity ${entity.Id ?? '?'}: offsets ${entity.BeginOffset}-${entity.EndOffset} do not delimit its text in the note`,
      );
      continue;
    }
    if (readByLexicon(start, end)) continue;
    const trait = (entity.Traits ?? []).map((t) => TRAIT_EXCLUSIONS[t.Name ?? '']).find((why) => why !== undefined);
    const symptom = isSymptom(entity);
    const ours = ourContext(text, sentenceOf(start, end), start, end);
    // A documented symptom stays codable when only our uncertainty rule speaks (the diagnosis is what is uncertain).
    const why = trait ?? (ours === 'uncertain' && symptom ? undefined : ours);
    if (why) {
      reading.excluded.push({ text: entity.Text ?? '', start, end, why });
      continue;
    }
    if (!inCodingSection(start)) continue;
    const concepts = [...(entity.ICD10CMConcepts ?? [])]
      .filter((concept) => concept.Code && (concept.Score ?? 0) >= MIN_CONCEPT_SCORE)
      .sort((a, b) => (b.Score ?? 0) - (a.Score ?? 0));
    const best = concepts[0];
    if (!best) continue;
    const concept = conceptFor(best.Code!, symptom);
    reading.findings.push({
      concept,
      status: 'current',
      choices: concepts.map((c) => ({ codes: [c.Code!] })),
      modifiers: {
        acute: false,
        chronic: false,
        exacerbation: false,
        episode: 'A',
        text: ` ${(entity.Text ?? '').toLowerCase()} `,
      },
      evidence: [{ kind: 'text', start, end, quote: entity.Text ?? '', rule: COMPREHEND_RULE }],
      position: start,
      confidence: Math.min((entity.Score ?? 0) * (best.Score ?? 0), COMPREHEND_MAX_CONFIDENCE),
      inChiefComplaint: false,
      secondaryOnly: false,
    });
  }
  return reading;
}
