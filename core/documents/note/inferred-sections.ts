/**
 * An assessment found by its content when no heading names one. Problem-oriented notes number their problems
 * (`#1 Hypertension - continue lisinopril`, `Problem 2: Type 2 diabetes`), often under a `Plan:` heading or none;
 * other notes end with a bare numbered list of diagnoses after the exam. Such a block becomes a section of its own
 * (named `PROBLEMS (NO HEADING)` or `NUMBERED LIST (NO HEADING)`), carved from the end of the section it sat in.
 *
 * Lists in history, medication, allergy, review-of-systems or procedure sections are what those sections say
 * (past problems, drugs, steps) and are never taken. A list whose items all open with a plan word ("Continue...",
 * "Follow up...") states no diagnosis and is not taken either.
 */
import type { NoteSection } from '../encounter.ts';
import {
  ASSESSMENT_SECTION_NAMES,
  INFERRED_LIST_SECTION,
  INFERRED_PROBLEMS_SECTION,
  INFERRED_PROSE_IMPRESSION,
  isPlanStatement,
} from './note-vocabulary.ts';

/** Sections a numbered list may close with a diagnosis list: the plan, the exam and results after which it comes. */
const LIST_MAY_FOLLOW = new Set([
  'PLAN',
  'RECOMMENDATIONS',
  'DISPOSITION',
  'PHYSICAL EXAMINATION',
  'PHYSICAL EXAM',
  'PE',
  'OBJECTIVE',
  'VITAL SIGNS',
  'VITALS',
  'RESULTS',
  'LABORATORY DATA',
  'FINDINGS',
]);

/** Sections that open a problem list's plan; problems under them are the visit's assessment. */
const PROBLEMS_MAY_SIT_IN = new Set([...LIST_MAY_FOLLOW, 'HISTORY OF PRESENT ILLNESS', 'HPI', 'SUBJECTIVE', 'HISTORY']);

const PROBLEM_LINE =
  /^[ \t]*(?:#[ \t]*\d{0,2}[ \t]*[.):-]?[ \t]*(?=[A-Za-z])|problem[ \t]*#?[ \t]*\d{1,2}[ \t]*[:.)-])/gim;
const NUMBERED_LINE = /^[ \t]*\d{1,2}[.)][ \t]+(?=\S)/gm;

interface Block {
  start: number;
  end: number;
}

/** Where a statement of a numbered line begins, after its marker. */
function statementsOf(text: string, block: Block, marker: RegExp): string[] {
  const statements: string[] = [];
  const pattern = new RegExp(marker.source, marker.flags);
  for (const match of text.slice(block.start, block.end).matchAll(pattern)) {
    const from = block.start + match.index + match[0].length;
    const lineEnd = text.indexOf('\n', from);
    statements.push(text.slice(from, lineEnd < 0 || lineEnd > block.end ? block.end : lineEnd));
  }
  return statements;
}

function containing(sections: readonly NoteSection[], offset: number): NoteSection | undefined {
  return sections.find((section) => offset >= section.start && offset < section.end);
}

/** The first line at or after `from` matching `pattern` at a line start, inside [from, to). */
function firstLine(text: string, pattern: RegExp, from: number, to: number): number | undefined {
  const search = new RegExp(pattern.source, pattern.flags);
  search.lastIndex = from;
  for (let match = search.exec(text); match && match.index < to; match = search.exec(text)) {
    if (match.index >= from) return match.index;
  }
  return undefined;
}

/** Whether the line before the one starting at `lineStart` is blank (only spaces). */
function followsBlankLine(text: string, lineStart: number, floor: number): boolean {
  let i = lineStart - 1; // the line break ending the previous line
  if (i < floor || text[i] !== '\n') return false;
  i -= 1;
  if (text[i] === '\r') i -= 1;
  while (i >= floor && (text[i] === ' ' || text[i] === '\t')) i -= 1;
  return i < floor || text[i] === '\n';
}

/** Where a numbered line starts and its marker (`1. `), in text order. */
interface NumberedLine {
  index: number;
  marker: string;
}

/**
 * Every numbered line of the text, found in one pass: each lies on one line and starts at a line's start, so those
 * inside a section are the ones a search from the section's start would find, and the sections are not searched
 * one by one to the text's end.
 */
function numberedLines(text: string): NumberedLine[] {
  const search = new RegExp(NUMBERED_LINE.source, NUMBERED_LINE.flags);
  return [...text.matchAll(search)].map((match) => ({ index: match.index, marker: match[0] }));
}

/** The numbered block that ends a section: its first item follows a blank line (or opens the section). */
function closingNumberedBlock(text: string, section: NoteSection, lines: readonly NumberedLine[]): Block | undefined {
  let start: number | undefined;
  // The first numbered line at or after the section's start, by halving.
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (lines[middle]!.index < section.start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.index >= section.end) break;
    if (!/^[ \t]*1[.)]/.test(line.marker)) continue;
    const opensSection = line.index === section.start;
    if (opensSection || followsBlankLine(text, line.index, section.start)) start = line.index;
  }
  return start === undefined ? undefined : { start, end: section.end };
}

/** The sections with `block` cut from the end of `host` and made a section of its own. */
function carve(
  text: string,
  sections: readonly NoteSection[],
  host: NoteSection,
  block: Block,
  name: string,
): NoteSection[] {
  const result: NoteSection[] = [];
  for (const section of sections) {
    if (section !== host) {
      result.push(section);
      continue;
    }
    let end = block.start;
    while (end > section.start && /[\s,]/.test(text[end - 1]!)) end -= 1;
    if (end > section.start) result.push({ ...section, end });
  }
  result.push({ name, start: block.start, end: block.end });
  return result.sort((a, b) => a.start - b.start);
}

/**
 * How dictation states its diagnosis in a sentence: "My impression is ...", "The assessment today is ...", "I think
 * this is ...", and, opening a sentence, "Diagnosis is ...", "Final diagnosis: ...", "Impression: ...". The words
 * after the phrase, to the sentence's end, are the visit's assessment. Words of doubt ("I suspect", "probably",
 * "most consistent with") are not among the openings: what follows them stays uncertain, and the dictation is read
 * whole, so the signs and symptoms it records are coded as outpatient guidelines ask for an uncertain diagnosis
 * (OCG IV.H). ("The diagnosis is" after "differential" opens no sentence and is not taken.)
 */
const PROSE_IMPRESSION =
  /(?:\b(?:(?:my|the|our)[ \t]+(?:clinical[ \t]+|working[ \t]+|overall[ \t]+)?(?:impression|assessment|diagnosis)(?:[ \t]+today)?[ \t]+(?:is|was)(?:[ \t]+that)?|I[ \t]+(?:think|believe)[ \t]+(?:that[ \t]+)?(?:this|it)[ \t]+(?:is|represents))|(?:^|[.!?])[ \t]*(?:final[ \t]+|clinical[ \t]+)?(?:impression|assessment|diagnosis)(?:[ \t]+today)?(?:[ \t]+(?:is|was)|[ \t]*:))[ \t]+(?=[A-Za-z])/gim;

/** The end of the sentence starting at `from`: a full stop, `?` or `!` before a space or the end, or a line break. */
function sentenceEnd(text: string, from: number): number {
  const end = /[.!?](?=\s|$)|\n/g;
  end.lastIndex = from;
  const match = end.exec(text);
  return match ? match.index : text.length;
}

/** The statements of diagnosis a dictation with no heading makes in its own sentences. */
function proseImpressions(text: string): NoteSection[] {
  const found: NoteSection[] = [];
  let searchFrom = 0;
  const pattern = new RegExp(PROSE_IMPRESSION.source, PROSE_IMPRESSION.flags);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const start = match.index + match[0].length;
    if (start < searchFrom) continue;
    const end = sentenceEnd(text, start);
    if (end > start) found.push({ name: INFERRED_PROSE_IMPRESSION, start, end });
    searchFrom = end;
    pattern.lastIndex = Math.max(pattern.lastIndex, end);
  }
  return found;
}

export function inferAssessmentSections(text: string, sections: readonly NoteSection[]): NoteSection[] {
  if (sections.some((section) => ASSESSMENT_SECTION_NAMES.has(section.name))) return [...sections];
  // With no heading at all the whole note is read as one statement list, unless it says its diagnosis in a sentence.
  if (sections.length === 0) return proseImpressions(text);
  const firstSectionStart = Math.min(...sections.map((section) => section.start));

  const problem = firstLine(text, PROBLEM_LINE, firstSectionStart, text.length);
  if (problem !== undefined) {
    const host = containing(sections, problem);
    if (host && PROBLEMS_MAY_SIT_IN.has(host.name)) {
      const block = { start: problem, end: host.end };
      if (statementsOf(text, block, PROBLEM_LINE).some((statement) => !isPlanStatement(statement)))
        return carve(text, sections, host, block, INFERRED_PROBLEMS_SECTION);
    }
  }

  const lines = numberedLines(text);
  for (const section of [...sections].reverse()) {
    if (!LIST_MAY_FOLLOW.has(section.name)) continue;
    const block = closingNumberedBlock(text, section, lines);
    if (!block) continue;
    if (statementsOf(text, block, NUMBERED_LINE).some((statement) => !isPlanStatement(statement)))
      return carve(text, sections, section, block, INFERRED_LIST_SECTION);
  }
  return [...sections];
}
