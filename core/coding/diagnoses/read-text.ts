/**
 * Reads note text into concept and medication mentions: sections by role, sentences, lexicon matches, and the
 * context of each match (negated, uncertain, historical, family, hypothetical). No decision about coding is made
 * here; text-findings.ts decides what the mentions mean for the claim.
 */

import {
  type ClinicalLexicon,
  type ConceptDefinition,
  type MedicationClass,
  type Modifiers,
  readModifiers,
  sentenceText,
} from '#core/coding/lexicon/index';
import { clauseOfTokens, clauseSpans, clauseStarts } from '#core/coding/text/clauses';
import {
  findTriggers,
  indexTriggers,
  type MentionContext,
  mentionContext,
  type TriggerIndex,
  wordCounts,
} from '#core/coding/text/context';
import { isChiefComplaint, roleOverrides, type SectionRole, sectionRole } from '#core/coding/text/sections';
import { splitSentences, type TextSpan } from '#core/coding/text/sentences';
import { type Token, tokenize } from '#core/coding/text/tokenize';
import type { NoteSection } from '#core/documents/encounter';

/** Where a mention was written: a note section's role, a note with no sections, or a structured condition's text. */
export type MentionSource = SectionRole | 'unsectioned' | 'condition';

export interface Mention {
  start: number;
  end: number;
  quote: string;
  sentence: TextSpan;
  source: MentionSource;
  sectionName?: string;
  context: MentionContext;
}

export interface ConceptMention extends Mention {
  concept: ConceptDefinition;
  modifiers: Modifiers;
  /** Matched through a short abbreviation (HTN, DM2): slightly less certain than a spelled-out name. */
  abbreviation: boolean;
}

export interface MedicationMention extends Mention {
  medication: MedicationClass;
}

export interface ReadText {
  concepts: ConceptMention[];
  medications: MedicationMention[];
  /** Sentences of the assessment with no lexicon match: candidates for the release's titles and index. */
  unmatchedAssessment: TextSpan[];
  /** Sentences of the assessment the lexicon matched, with the words its phrases read (lower-cased). */
  matchedAssessment: { sentence: TextSpan; read: string[] }[];
  hasAssessment: boolean;
  chiefComplaint?: TextSpan;
}

export interface SpanToRead {
  start: number;
  end: number;
  source: MentionSource;
  sectionName?: string;
}

/** Words that make "follow-up" visits of an injury subsequent encounters (7th character D). */
const FOLLOW_UP_WORDS = /\b(follow[- ]?up|f\/u|recheck|re-check|healing)\b/i;

/** Tokens either side of a mention whose words its resolve function may read on a long sentence. */
const MODIFIER_REACH = 40;

const CONNECTORS = new Set([',', ';', 'and', 'with', '/', '&', '+']);

/**
 * Where the words between two mentions divide: at the last connector, so that "right knee pain and left shoulder
 * pain" gives "left" to the shoulder and "otitis media, right ear" keeps "right ear" with the otitis.
 */
function clauseSplit(tokens: readonly Token[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (CONNECTORS.has(tokens[i]!.norm)) return i;
  return to;
}

/** Whether the mention of `tokens[first, end)` was read through an abbreviation (HTN, DM2, or a short capital word). */
function throughAbbreviation(tokens: readonly Token[], first: number, end: number, quote: string): boolean {
  if (end - first === 1 && quote.length <= 5 && quote === quote.toUpperCase()) return true;
  for (let i = first; i < end; i++) if (tokens[i]!.abbreviation !== undefined) return true;
  return false;
}

function readSpan(
  text: string,
  span: SpanToRead,
  lexicon: ClinicalLexicon,
  followUpVisit: boolean,
  out: ReadText,
): void {
  const statements = span.source === 'assessment' || span.source === 'unsectioned';
  // Outside the statements only a sentence where a lexicon phrase may start is read (most hold none): the gate finds
  // those starts without tokenizing, and a span with none is not even cut into sentences.
  const phraseStarts = statements ? undefined : lexicon.gate.starts(text, span.start, span.end);
  if (phraseStarts?.length === 0) return;
  let nextStart = 0;
  for (const sentence of splitSentences(text, span.start, span.end)) {
    if (phraseStarts) {
      while (nextStart < phraseStarts.length && phraseStarts[nextStart]! < sentence.start) nextStart += 1;
      if (nextStart === phraseStarts.length) break;
      if (phraseStarts[nextStart]! >= sentence.end) continue;
    }
    const tokens = tokenize(text, sentence.start, sentence.end);
    if (tokens.length === 0) continue;
    const matches = lexicon.trie.matchAll(tokens);
    // Outside the statements, a sentence the lexicon does not match has nothing more to read.
    if (matches.length === 0 && !statements) continue;
    // Clauses (clauses.ts) are the statements of dictated prose and the scope of the context rules.
    const starts = clauseStarts(tokens);
    const clauses = clauseSpans(tokens, sentence, starts);
    if (matches.length === 0) {
      for (const clause of clauses) if (clause) out.unmatchedAssessment.push(clause);
      continue;
    }
    const covered = new Uint8Array(tokens.length);
    for (const match of matches) covered.fill(1, match.first, match.end);
    const clauseOf = clauseOfTokens(tokens.length, starts);
    if (statements) {
      const read: string[][] = starts.map(() => []);
      for (let i = 0; i < tokens.length; i++)
        if (covered[i] === 1 && tokens[i]!.word) read[clauseOf[i]!]!.push(tokens[i]!.norm);
      for (let k = 0; k < clauses.length; k++) {
        const clause = clauses[k];
        if (!clause) continue;
        if (read[k]!.length > 0) out.matchedAssessment.push({ sentence: clause, read: read[k]! });
        else out.unmatchedAssessment.push(clause);
      }
    }
    const wordsBefore = wordCounts(tokens);
    // A clause's triggers, found when a mention in it first needs them (most clauses have none).
    const clauseTriggers: (TriggerIndex | undefined)[] = new Array(starts.length);
    // The words a concept's resolve function reads (`has(modifiers, 'lobar')`): the sentence, or on a long one the
    // words around the mention, so that a hostile 100,000-character line costs each mention a bounded window.
    const sentenceWords = tokens.length <= 2 * MODIFIER_REACH ? sentenceText(tokens) : undefined;
    for (let index = 0; index < matches.length; index++) {
      const match = matches[index]!;
      const clauseStart = index === 0 ? 0 : clauseSplit(tokens, matches[index - 1]!.end, match.first);
      const clauseEnd =
        index === matches.length - 1 ? tokens.length : clauseSplit(tokens, match.end, matches[index + 1]!.first);
      const words =
        sentenceWords ??
        sentenceText(tokens.slice(Math.max(0, match.first - MODIFIER_REACH), match.end + MODIFIER_REACH));
      const modifiers = readModifiers(tokens, clauseStart, clauseEnd, words);
      if (followUpVisit && modifiers.episode === 'A' && !words.includes(' initial ')) modifiers.episode = 'D';
      const start = tokens[match.first]!.start;
      const end = tokens[match.end - 1]!.end;
      const clause = clauseOf[match.first]!;
      let triggers = clauseTriggers[clause];
      if (!triggers) {
        const from = starts[clause]!;
        const to = clause + 1 < starts.length ? starts[clause + 1]! : tokens.length;
        triggers = indexTriggers(tokens, findTriggers(tokens, from, to, covered.subarray(from, to)), wordsBefore);
        clauseTriggers[clause] = triggers;
      }
      const base: Mention = {
        start,
        end,
        quote: text.slice(start, end),
        sentence,
        source: span.source,
        ...(span.sectionName ? { sectionName: span.sectionName } : {}),
        context: mentionContext(tokens, triggers, match.first, match.end),
      };
      const abbreviation = throughAbbreviation(tokens, match.first, match.end, base.quote);
      for (const entry of match.values) {
        if (entry.kind === 'medication') out.medications.push({ ...base, medication: entry.medication });
        else for (const concept of entry.concepts) out.concepts.push({ ...base, concept, modifiers, abbreviation });
      }
    }
  }
}

/** Reads the note: every section (by role), or the whole text as one unsectioned span when it has no headings. */
export function readNote(text: string, sections: readonly NoteSection[], lexicon: ClinicalLexicon): ReadText {
  const out: ReadText = {
    concepts: [],
    medications: [],
    unmatchedAssessment: [],
    matchedAssessment: [],
    hasAssessment: false,
  };
  const chief = sections.find((section) => isChiefComplaint(section.name));
  const overrides = roleOverrides(sections, text);
  if (chief) out.chiefComplaint = { start: chief.start, end: chief.end };
  const followUpVisit = chief !== undefined && FOLLOW_UP_WORDS.test(text.slice(chief.start, chief.end));
  if (sections.length === 0) {
    readSpan(text, { start: 0, end: text.length, source: 'unsectioned' }, lexicon, followUpVisit, out);
    return out;
  }
  for (const section of sections) {
    // The role alone: a copy of every section with its role (roledSections) is more than this reading needs.
    const role = overrides?.get(section) ?? sectionRole(section.name);
    if (role === 'assessment') out.hasAssessment = true;
    if (role === 'findings') continue;
    readSpan(
      text,
      { start: section.start, end: section.end, source: role, sectionName: section.name },
      lexicon,
      followUpVisit,
      out,
    );
  }
  return out;
}

/**
 * Concept mentions of the text no section holds (a narrative before the first heading: "h/o COPD ... Quit smoking
 * 2021." above "Assessment:"), read as `other`: it never codes on its own. Empty when the note has no sections
 * (readNote read it whole).
 */
export function readOutsideSections(
  text: string,
  sections: readonly NoteSection[],
  lexicon: ClinicalLexicon,
): ConceptMention[] {
  const out: ReadText = {
    concepts: [],
    medications: [],
    unmatchedAssessment: [],
    matchedAssessment: [],
    hasAssessment: false,
  };
  if (sections.length === 0) return out.concepts;
  const spans = [...sections].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const span of [...spans, { start: text.length, end: text.length }]) {
    if (span.start > at) readSpan(text, { start: at, end: span.start, source: 'other' }, lexicon, false, out);
    at = Math.max(at, span.end);
  }
  return out.concepts;
}

/** Reads a short text that stands alone (a structured condition's display): every sentence counts as a statement. */
export function readConditionText(text: string, lexicon: ClinicalLexicon): ReadText {
  const out: ReadText = {
    concepts: [],
    medications: [],
    unmatchedAssessment: [],
    matchedAssessment: [],
    hasAssessment: true,
  };
  readSpan(text, { start: 0, end: text.length, source: 'condition' }, lexicon, false, out);
  return out;
}
