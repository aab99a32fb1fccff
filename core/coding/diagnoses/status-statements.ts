/**
 * Statuses a note states outside its assessment: "Former smoker, quit 2010" in the social history, "Quit smoking
 * 2021" in a narrative above the assessment, "current smoker" in the HPI. They are not what the visit addressed and
 * are never coded on their own; a "use additional code" note of the Tabular List asks for them beside the diagnoses
 * it is written under (combinations.ts, lexicon/data/use-additional-codes.json). Read with the lexicon's concepts
 * and the context rules; a statement that negates the status ("never smoker", "Smoker: no", "non-smoker") or speaks
 * of someone else ("husband smokes", "lives with a smoker": exposure, not the patient's own use) gives nothing.
 */
import type { ClinicalLexicon } from '#core/coding/lexicon/index';
import type { NoteSection } from '#core/documents/encounter';
import type { Finding } from './finding.ts';
import { type ConceptMention, type MentionSource, type ReadText, readOutsideSections } from './read-text.ts';

export const STATUS_RULE = 'dx.use-additional-code';

/** Statements of the assessment (and of a note without sections) are coded the usual way (text-findings.ts). */
const CODED_SOURCES: ReadonlySet<MentionSource> = new Set(['assessment', 'unsectioned', 'condition']);

/**
 * Words of the sentence that deny the status or give it to someone else. The context rules know "no" and "denies"
 * before a word, not "never smoker" or "Smoker: no" or "Tobacco use: never" as a form's answer, and a status is a
 * secondary code a coder can add: when in doubt, nothing.
 */
const NOT_THE_PATIENTS = [
  ' never ',
  ' no ',
  ' not ',
  ' non ',
  ' none ',
  ' denies ',
  ' denied ',
  ' negative ',
  ' husband ',
  ' wife ',
  ' spouse ',
  ' partner ',
  ' mother ',
  ' father ',
  ' parent ',
  ' parents ',
  ' family ',
  ' household ',
  ' lives with ',
  ' exposure ',
  ' exposed ',
  ' secondhand ',
  ' second hand ',
  ' passive ',
];

/** Sections that say what will be done ("quit smoking" in a plan is advice), or about relatives. */
const NOT_A_STATUS_SECTION = new Set(['PLAN']);

const BASE_CONFIDENCE = 0.95;
const isPersonalHistoryCode = (code: string) => /^Z8[5-7]/.test(code);

function statusOf(mention: ConceptMention): Finding | undefined {
  const { concept, modifiers } = mention;
  if (CODED_SOURCES.has(mention.source) || mention.source === 'family-history') return undefined;
  if (NOT_A_STATUS_SECTION.has(mention.sectionName ?? '')) return undefined;
  if (NOT_THE_PATIENTS.some((words) => modifiers.text.includes(words))) return undefined;
  const own = typeof concept.resolve === 'string' ? [concept.resolve] : (concept.resolve(modifiers)[0]?.codes ?? []);
  const historical = mention.context.decisive === 'historical' || mention.source === 'past-history';
  let codes: string[];
  if (mention.context.decisive !== undefined && mention.context.decisive !== 'historical') return undefined;
  if (!historical) codes = own;
  // A past status is its personal-history code: the concept's own ("former smoker" Z87.891) or its history code.
  else if (own.length > 0 && own.every(isPersonalHistoryCode)) codes = own;
  else if (concept.historyCode && mention.source !== 'past-history') codes = [concept.historyCode];
  // "Smoker" in a past medical history list may be current or past: no answer.
  else return undefined;
  if (codes.length === 0) return undefined;
  return {
    concept,
    status: codes.every(isPersonalHistoryCode) ? 'history' : 'current',
    choices: [{ codes }],
    modifiers,
    evidence: [{ kind: 'text', start: mention.start, end: mention.end, quote: mention.quote, rule: STATUS_RULE }],
    position: Number.MAX_SAFE_INTEGER,
    confidence: BASE_CONFIDENCE - (mention.abbreviation ? 0.02 : 0),
    inChiefComplaint: false,
    secondaryOnly: true,
  };
}

/**
 * The statuses of the given concepts the note states outside its assessment: its sections' mentions (already read)
 * and the text no section holds (read on the first question, then kept for the note's later ones).
 */
export function statusStatements(
  text: string,
  sections: readonly NoteSection[],
  read: ReadText,
  lexicon: ClinicalLexicon,
): (concepts: ReadonlySet<string>) => Finding[] {
  let outside: readonly ConceptMention[] | undefined;
  return (concepts) => {
    outside ??= readOutsideSections(text, sections, lexicon);
    const statuses: Finding[] = [];
    for (const mention of [...read.concepts, ...outside]) {
      if (!concepts.has(mention.concept.id)) continue;
      const status = statusOf(mention);
      if (status) statuses.push(status);
    }
    return statuses;
  };
}
