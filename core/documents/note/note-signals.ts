/**
 * Finds the header fields and section headings of a clinical note. Used to recognise a note and, by the parser,
 * to place its sections.
 */
import { CLINICAL_TERMS, NOTE_HEADER_FIELDS, NOTE_SECTION_HEADINGS, type NoteHeaderField } from './note-vocabulary.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/&]/g, '\\$&');
}

const headerAlternatives = Object.entries(NOTE_HEADER_FIELDS).flatMap(([field, labels]) =>
  labels.map((label) => ({ field: field as NoteHeaderField, label })),
);
// Longest label first so `Date of service` is not read as `Date`-something shorter.
headerAlternatives.sort((a, b) => b.label.length - a.label.length);
const headerLabelToField = new Map<string, NoteHeaderField>(
  headerAlternatives.map((entry) => [entry.label, entry.field]),
);

/** `Label: value` at the start of a line; the value runs to the end of the line. */
export const HEADER_LINE = new RegExp(
  `^[ \\t]*(${headerAlternatives.map((entry) => escapeRegExp(entry.label)).join('|')})[ \\t]*:[ \\t]*(.*)$`,
  'gim',
);

const headingAlternatives = [...NOTE_SECTION_HEADINGS]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');

/**
 * A capitalised heading inside a line, after a comma or full stop: transcription exports (MTSamples and others)
 * flatten line breaks to commas, leaving `...,PAST MEDICAL HISTORY:, ...` or `PREOPERATIVE DIAGNOSES,1. ...`.
 */
const INLINE_SECTION_HEADING = new RegExp(`(?:^|[,.])[ \\t]*(${headingAlternatives})(?::|,(?=\\S))`, 'gm');

/**
 * A section heading at the start of a line: any case when followed by a colon, or upper case alone on its line.
 * Group 1 is the heading with a colon, group 2 the one alone on its line.
 */
export const SECTION_HEADING = new RegExp(
  `^[ \\t]*(?:(${headingAlternatives})[ \\t]*:|(${headingAlternatives})[ \\t]*$)`,
  'gim',
);

export interface HeaderFieldMatch {
  field: NoteHeaderField;
  value: string;
  /** Offsets of the value inside the text. */
  start: number;
  end: number;
}

export function findHeaderFields(text: string): HeaderFieldMatch[] {
  const matches: HeaderFieldMatch[] = [];
  for (const match of text.matchAll(HEADER_LINE)) {
    const label = match[1]!.toLowerCase().replace(/\s+/g, ' ');
    const field = headerLabelToField.get(label);
    if (!field) continue;
    const rawValue = match[2] ?? '';
    const value = rawValue.trim();
    const valueStart =
      match.index + match[0].length - rawValue.length + (rawValue.length - rawValue.trimStart().length);
    matches.push({ field, value, start: valueStart, end: valueStart + value.length });
  }
  return matches;
}

export interface SectionHeadingMatch {
  /** Canonical upper-case heading, e.g. `ASSESSMENT AND PLAN`. */
  name: string;
  /** Start of the heading line and start of the section body. */
  headingStart: number;
  bodyStart: number;
}

export function findSectionHeadings(text: string): SectionHeadingMatch[] {
  const headings: SectionHeadingMatch[] = [];
  for (const match of text.matchAll(SECTION_HEADING)) {
    const withColon = match[1];
    const alone = match[2];
    // A heading alone on its line must be written in capitals: `Plan` alone is ordinary prose.
    if (alone !== undefined && alone !== alone.toUpperCase()) continue;
    const name = (withColon ?? alone ?? '').toUpperCase().replace(/\s+/g, ' ');
    headings.push({ name, headingStart: match.index, bodyStart: match.index + match[0].length });
  }
  for (const match of text.matchAll(INLINE_SECTION_HEADING)) {
    const headingStart = match.index + match[0].length - match[1]!.length - 1;
    // A heading at a line start may already be known from SECTION_HEADING.
    if (headings.some((heading) => heading.headingStart <= headingStart && headingStart < heading.bodyStart)) continue;
    headings.push({ name: match[1]!.replace(/\s+/g, ' '), headingStart, bodyStart: match.index + match[0].length });
  }
  return headings.sort((a, b) => a.headingStart - b.headingStart);
}

/** Distinct clinical words found, capped at `enough` (the caller only needs to know whether there are enough). */
export function countClinicalTerms(text: string, enough: number): number {
  const lower = text.toLowerCase();
  let found = 0;
  for (const term of CLINICAL_TERMS) {
    if (new RegExp(`\\b${escapeRegExp(term)}\\b`).test(lower)) {
      found += 1;
      if (found >= enough) break;
    }
  }
  return found;
}

const MIN_PROSE_LENGTH = 200;
const MIN_CLINICAL_TERMS = 3;

/** Whether the text carries enough of a clinical note's shape (fields, sections) or vocabulary to be read as one. */
export function looksLikeClinicalNote(text: string): { ok: true } | { ok: false; message: string } {
  const fields = new Set(findHeaderFields(text).map((match) => match.field));
  const sections = new Set(findSectionHeadings(text).map((heading) => heading.name));
  if (fields.size + sections.size >= 2) return { ok: true };
  const terms = countClinicalTerms(text, MIN_CLINICAL_TERMS);
  // One heading with some clinical wording (a procedure note), or enough clinical prose without any structure.
  if (fields.size + sections.size === 1 && terms >= 2) return { ok: true };
  if (text.trim().length >= MIN_PROSE_LENGTH && terms >= MIN_CLINICAL_TERMS) return { ok: true };
  return {
    ok: false,
    message:
      `text has ${fields.size} note header field(s), ${sections.size} section heading(s) and ${terms} clinical term(s); ` +
      `a clinical note needs at least two header fields or sections (e.g. "Date of service:", "ASSESSMENT:"), one ` +
      `with clinical wording, or ${MIN_PROSE_LENGTH}+ characters of clinical prose`,
  };
}
