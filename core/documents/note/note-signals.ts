/**
 * Finds the header fields and section headings of a clinical note. Used to recognise a note and, by the parser,
 * to place its sections.
 */
import type { NoteSection } from '../encounter.ts';
import { findHeaderFields } from './header-fields.ts';
import { inferAssessmentSections } from './inferred-sections.ts';
import { CLINICAL_TERMS, NOTE_SECTION_HEADINGS, SOAP_LETTER_HEADINGS } from './note-vocabulary.ts';

export { findHeaderFields, type HeaderFieldMatch } from './header-fields.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/&]/g, '\\$&');
}

/** `ASSESSMENT / PLAN`, `a&p` → `ASSESSMENT/PLAN`, `A&P`: the key headings are looked up by. */
function headingKey(written: string): string {
  return written
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([/&+])\s*/g, '$1')
    .trim();
}

/** Every written form of every heading, mapped to its canonical name. */
const HEADING_FORMS = new Map<string, string>();
for (const [canonical, variants] of Object.entries(NOTE_SECTION_HEADINGS)) {
  for (const form of [canonical, ...variants]) {
    HEADING_FORMS.set(headingKey(form), canonical);
    // "X AND Y" is also written X/Y, X & Y, X+Y.
    if (form.includes(' AND '))
      for (const joint of ['/', '&', '+']) HEADING_FORMS.set(headingKey(form.replaceAll(' AND ', joint)), canonical);
  }
}

/** The canonical name of a written heading (`Assessment/Plan` → `ASSESSMENT AND PLAN`), or undefined. */
export function canonicalHeading(written: string): string | undefined {
  // Most headings are written as their key already (`ASSESSMENT`); a key is its own key, so look it up as it is first.
  return HEADING_FORMS.get(written) ?? HEADING_FORMS.get(headingKey(written));
}

/** The first word of a heading form (`ASSESSMENT` of `ASSESSMENT/PLAN`, `A` of `A&P`). */
const firstWordOf = (form: string) => /^[A-Z0-9-]+/.exec(form)![0];

const isBlankCode = (code: number) => code === 32 || code === 9;

/** A heading form as a pattern: its blanks match any run of blanks and tabs, its joints blanks around them. */
function formPattern(form: string): string {
  return escapeRegExp(form)
    .replace(/ /g, '[ \\t]+')
    .replace(/(\\\/|\\&|\\\+)/g, '[ \\t]*$1[ \\t]*');
}

/**
 * A capitalised heading inside a line, after a comma or full stop: transcription exports (MTSamples and others)
 * flatten line breaks to commas, leaving `...,PAST MEDICAL HISTORY:, ...` or `PREOPERATIVE DIAGNOSES,1. ...`.
 * Tried (sticky) only where a comma, full stop or line start, then blanks, is followed by a capital
 * (INLINE_CANDIDATE) whose word opens some heading.
 */
function inlineHeadingPattern(alternatives: string): RegExp {
  return new RegExp(`[ \\t]*(${alternatives})(?::|,(?=\\S))`, 'y');
}

/**
 * A section heading at the start of a line: any case when followed by a colon, or alone on its line in upper case
 * or marked as a heading (`## Assessment`, `**Plan**`). Group 1 is the mark, group 2 the heading with a colon,
 * group 3 the one alone on its line. Tried (sticky) only at a line start whose first word opens some heading.
 */
function lineHeadingPattern(alternatives: string): RegExp {
  return new RegExp(
    `[ \\t]*([#*]+[ \\t]*)?(?:(${alternatives})[ \\t]*\\**[ \\t]*:\\**|(${alternatives})[ \\t]*\\**[ \\t]*(?=\\r?\\n|\\r?$))`,
    'iy',
  );
}

/**
 * The two heading patterns by the first word of their forms. A heading's first word ends where the form's does (at
 * a blank, a joint, a colon, a comma or the line's end), so a place whose word is no form's first word holds no
 * heading and no pattern is tried there (most lines and commas of a note are not headings), and where it is one,
 * only the forms with that first word can match: each word's patterns hold those forms alone, a few alternatives to
 * try instead of every form of every heading. Longest form first, as in one pattern of them all, so
 * `ASSESSMENT AND PLAN` wins over `ASSESSMENT`.
 */
interface HeadingPatterns {
  atLineStart: RegExp;
  inline: RegExp;
}

const HEADING_PATTERNS = new Map<string, HeadingPatterns>();
{
  const formsByFirstWord = new Map<string, string[]>();
  for (const form of [...HEADING_FORMS.keys()].sort((a, b) => b.length - a.length)) {
    const word = firstWordOf(form);
    formsByFirstWord.set(word, [...(formsByFirstWord.get(word) ?? []), form]);
  }
  for (const [word, forms] of formsByFirstWord) {
    const alternatives = forms.map(formPattern).join('|');
    HEADING_PATTERNS.set(word, {
      atLineStart: lineHeadingPattern(alternatives),
      inline: inlineHeadingPattern(alternatives),
    });
  }
}

/** A node of the trie of first words: the nodes of the words going on with each character, by its slot (slotOf). */
interface WordNode {
  next: (WordNode | undefined)[];
  /** The patterns of the word ending here. */
  patterns?: HeadingPatterns;
}

/** No word character: the word has ended. */
const WORD_END = -1;
/** A lower-case letter where only capitals are read: the word goes on, and no first word is written so. */
const NOT_A_FIRST_WORD = -2;

/** A word character's slot in a trie node (A-Z, 0-9, `-`), lower case as upper case when `foldCase`. */
function slotOf(code: number, foldCase: boolean): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return foldCase ? code - 97 : NOT_A_FIRST_WORD;
  if (code >= 48 && code <= 57) return code - 48 + 26;
  return code === 45 ? 36 : WORD_END;
}

/** A trie node with a slot for each word character (26 letters, 10 digits and `-`), all filled in, so reads stay fast. */
const wordNode = (): WordNode => ({ next: new Array<WordNode | undefined>(37).fill(undefined) });

/** HEADING_PATTERNS' words as a trie, so a place of the text is matched against them without cutting its word out. */
const FIRST_WORDS: WordNode = wordNode();
for (const [word, patterns] of HEADING_PATTERNS) {
  let node = FIRST_WORDS;
  for (let i = 0; i < word.length; i++) {
    const slot = slotOf(word.charCodeAt(i), false);
    node = node.next[slot] ??= wordNode();
  }
  node.patterns = patterns;
}

/**
 * The patterns of the headings whose first word is the word at `from` (letters, digits, `-`), in any case when
 * `foldCase`, else in capitals only; undefined when that word is no heading's first word.
 */
function patternsAt(text: string, from: number, foldCase: boolean): HeadingPatterns | undefined {
  let node: WordNode | undefined = FIRST_WORDS;
  for (let at = from; node; at++) {
    const slot = slotOf(text.charCodeAt(at), foldCase);
    if (slot === WORD_END) return node.patterns;
    if (slot === NOT_A_FIRST_WORD) return undefined;
    node = node.next[slot];
  }
  return undefined;
}

/**
 * Where a flattened heading may start: a capital after a comma, a full stop or a line's start, and blanks (what
 * `/(?:^|[,.])[ \t]*(?=[A-Z])/gm` finds). Written with the line terminators themselves instead of a multiline `^`,
 * which the engine would test at every character; the text's first line is looked at apart.
 */
const INLINE_CANDIDATE = /[,.\n\r\u2028\u2029][ \t]*(?=[A-Z])/g;

/**
 * SOAP's one-letter headings, capitals only, at a line's start: what `/^[ \t]*([SOAP])[ \t]*:/gm` finds, found from
 * each colon looking back (a multiline `^` would be tested at every character of the note).
 */
function soapLetters(text: string): { letter: string; index: number; length: number }[] {
  const letters: { letter: string; index: number; length: number }[] = [];
  for (let colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
    let at = colon;
    while (at > 0 && isBlankCode(text.charCodeAt(at - 1))) at -= 1;
    const letter = text.charCodeAt(at - 1);
    // S, O, A, P
    if (at === 0 || (letter !== 83 && letter !== 79 && letter !== 65 && letter !== 80)) continue;
    let lineStart = at - 1;
    while (lineStart > 0 && isBlankCode(text.charCodeAt(lineStart - 1))) lineStart -= 1;
    if (lineStart > 0 && !isLineTerminatorCode(text.charCodeAt(lineStart - 1))) continue;
    letters.push({ letter: text[at - 1]!, index: lineStart, length: colon + 1 - lineStart });
  }
  return letters;
}

/** Line terminators as a multiline `^` knows them: LF, CR, U+2028, U+2029. */
function isLineTerminatorCode(code: number): boolean {
  return code === 10 || code === 13 || code === 0x2028 || code === 0x2029;
}

export interface SectionHeadingMatch {
  /** Canonical upper-case heading, e.g. `ASSESSMENT AND PLAN` for `A/P:`. */
  name: string;
  /** Start of the heading line and start of the section body. */
  headingStart: number;
  bodyStart: number;
}

/**
 * A table row whose first cell is a heading (`| Assessment | Acute bronchitis |`, `| Diagnosis | ICD-10 |`): EHR
 * exports and typed notes put sections in two-column tables. The section's body starts after that cell; `bar` is
 * the row's first `|`, `lineEnd` where its line ends.
 */
function tableRowHeading(text: string, bar: number, lineEnd: number): { name: string; bodyStart: number } | undefined {
  const next = text.indexOf('|', bar + 1);
  if (next < 0 || next > lineEnd) return undefined;
  const cell = text
    .slice(bar + 1, next)
    .replace(/^[\s*]+|[\s*:]+$/g, '')
    .trim();
  const name = cell === '' ? undefined : canonicalHeading(cell);
  return name ? { name, bodyStart: next + 1 } : undefined;
}

export function findSectionHeadings(text: string): SectionHeadingMatch[] {
  const headings: SectionHeadingMatch[] = [];
  for (let lineStart = 0; lineStart < text.length; ) {
    // Blanks and heading marks (`## `, `**`) skipped, the line's first word must open some heading.
    let wordStart = lineStart;
    for (let code = text.charCodeAt(wordStart); isBlankCode(code) || code === 35 || code === 42; )
      code = text.charCodeAt(++wordStart);
    const atLineStart = patternsAt(text, wordStart, true)?.atLineStart;
    if (atLineStart) {
      atLineStart.lastIndex = lineStart;
      const match = atLineStart.exec(text);
      if (match) {
        const marked = match[1] !== undefined;
        const withColon = match[2];
        const alone = match[3];
        const name = canonicalHeading(withColon ?? alone ?? '');
        // A heading alone on its line must be written in capitals or marked: `Plan` alone is ordinary prose.
        if (name && (alone === undefined || marked || alone === alone.toUpperCase()))
          headings.push({ name, headingStart: lineStart, bodyStart: lineStart + match[0].length });
      }
    }
    const lineEnd = text.indexOf('\n', lineStart);
    if (text.charCodeAt(wordStart) === 124) {
      const row = tableRowHeading(text, wordStart, lineEnd < 0 ? text.length : lineEnd);
      if (row) headings.push({ name: row.name, headingStart: lineStart, bodyStart: row.bodyStart });
    }
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  const lineHeadings = headings.length;
  const letters = soapLetters(text);
  // `P: 72` alone is a pulse; two of S, O, A, P at line starts make a SOAP note.
  if (new Set(letters.map((match) => match.letter)).size >= 2)
    for (const match of letters)
      headings.push({
        name: SOAP_LETTER_HEADINGS[match.letter]!,
        headingStart: match.index,
        bodyStart: match.index + match.length,
      });
  // Where a flattened heading may start, with the pattern of the headings its word opens.
  const inlineAt: { at: number; inline: RegExp }[] = [];
  // The text's first line: blanks, then a capital.
  let first = 0;
  while (isBlankCode(text.charCodeAt(first))) first += 1;
  const firstCode = text.charCodeAt(first);
  if (firstCode >= 65 && firstCode <= 90) {
    const inline = patternsAt(text, first, false)?.inline;
    if (inline) inlineAt.push({ at: first, inline });
  }
  // `test` leaves the candidate's end (its capital) in lastIndex.
  INLINE_CANDIDATE.lastIndex = 0;
  while (INLINE_CANDIDATE.test(text)) {
    const at = INLINE_CANDIDATE.lastIndex;
    const inline = patternsAt(text, at, false)?.inline;
    if (inline) inlineAt.push({ at, inline });
  }
  // A heading at a line start is already known from the line's pattern (or is a SOAP letter). Each family is in
  // text order and its spans do not overlap, so one pointer per family walks along with the candidates.
  const families = [headings.slice(0, lineHeadings), headings.slice(lineHeadings)];
  const next = [0, 0];
  for (const { at, inline } of inlineAt) {
    inline.lastIndex = at;
    const match = inline.exec(text);
    if (!match) continue;
    const headingStart = at + match[0].length - match[1]!.length - 1;
    const bodyStart = inline.lastIndex;
    if (knownAt(families, next, headingStart)) continue;
    const name = canonicalHeading(match[1]!);
    if (!name) continue;
    headings.push({ name, headingStart, bodyStart });
  }
  return headings.sort((a, b) => a.headingStart - b.headingStart);
}

/**
 * Whether `offset` falls in a heading span of one of the families (each in text order, its spans apart), moving
 * each family's pointer in `next` past the spans that end before it: offsets are asked in ascending order.
 */
function knownAt(families: readonly SectionHeadingMatch[][], next: number[], offset: number): boolean {
  for (let f = 0; f < families.length; f++) {
    const family = families[f]!;
    let at = next[f]!;
    while (at < family.length && family[at]!.bodyStart <= offset) at += 1;
    next[f] = at;
    const span = family[at];
    if (span !== undefined && span.headingStart <= offset) return true;
  }
  return false;
}

/** Headings whose section may hold problem-by-problem subheadings (`Plan:` under each problem). */
const COMBINED_ASSESSMENT = new Set(['ASSESSMENT AND PLAN', 'IMPRESSION AND PLAN']);
const ASSESSMENT_HEADINGS = new Set([...COMBINED_ASSESSMENT, 'ASSESSMENT', 'IMPRESSION', 'DIAGNOSES', 'DIAGNOSIS']);
const SUBHEADINGS_OF_A_PLAN = new Set(['PLAN', 'RECOMMENDATIONS', 'DISPOSITION']);
/**
 * An item number at a line's start (what `/^[ \t]*(?:#\s*(\d{1,2})|problem\s*#?\s*(\d{1,2})|(\d{1,2})[.)])/gim`
 * finds): at the span's start (sticky), then after each line terminator, written with the terminators themselves
 * instead of a multiline `^`, which the engine would test at every character.
 */
const ITEM = String.raw`[ \t]*(?:#\s*(\d{1,2})|problem\s*#?\s*(\d{1,2})|(\d{1,2})[.)])`;
const FIRST_NUMBERED_ITEM = new RegExp(ITEM, 'iy');
const NUMBERED_ITEM = new RegExp(String.raw`[\n\r\u2028\u2029]` + ITEM, 'gi');

/** Item numbers written at line starts in a span (`1.`, `#2`, `Problem 3:`). */
function itemNumbers(text: string, start: number, end: number): number[] {
  const span = text.slice(start, end);
  const numbers: number[] = [];
  const number = (match: RegExpExecArray) => Number(match[1] ?? match[2] ?? match[3]);
  FIRST_NUMBERED_ITEM.lastIndex = 0;
  const first = FIRST_NUMBERED_ITEM.exec(span);
  if (first) numbers.push(number(first));
  NUMBERED_ITEM.lastIndex = FIRST_NUMBERED_ITEM.lastIndex;
  for (let match = NUMBERED_ITEM.exec(span); match; match = NUMBERED_ITEM.exec(span)) numbers.push(number(match));
  return numbers;
}

/** Whether the heading's line opens with blanks: an indented heading is a subheading of the section above it. */
function indented(text: string, headingStart: number): boolean {
  const lineStart = text.lastIndexOf('\n', headingStart - 1) + 1;
  return lineStart < text.length && (text[lineStart] === ' ' || text[lineStart] === '\t');
}

/**
 * A plan's subheadings stay inside the assessment they belong to: under `ASSESSMENT AND PLAN`, a `Plan:` line is
 * a problem's plan, and so is any indented heading (`  Meds: amoxicillin ...`, `  Follow-up: 3 weeks`); under
 * `ASSESSMENT`, a `Plan:` followed by the next numbered problem is one too.
 */
function withPlanSubheadings(text: string, headings: readonly SectionHeadingMatch[]): SectionHeadingMatch[] {
  const kept: SectionHeadingMatch[] = [];
  let assessment: SectionHeadingMatch | undefined;
  // The last item number written since the assessment heading (each body is scanned once).
  let lastItem: number | undefined;
  for (let i = 0; i < headings.length; i++) {
    const heading = headings[i]!;
    // Item numbers matter only under an assessment: outside one they are not read (lastItem is set again when the
    // next assessment heading opens). The body runs to the next heading.
    const bodyEnd = headings[i + 1]?.headingStart ?? text.length;
    if (assessment && COMBINED_ASSESSMENT.has(assessment.name) && indented(text, heading.headingStart)) {
      lastItem = itemNumbers(text, heading.bodyStart, bodyEnd).at(-1) ?? lastItem;
      continue;
    }
    if (assessment && SUBHEADINGS_OF_A_PLAN.has(heading.name)) {
      const written = itemNumbers(text, heading.bodyStart, bodyEnd);
      const continues = lastItem !== undefined && written.includes(lastItem + 1);
      if (COMBINED_ASSESSMENT.has(assessment.name) || continues) {
        lastItem = written.at(-1) ?? lastItem;
        continue;
      }
    }
    assessment = ASSESSMENT_HEADINGS.has(heading.name) ? heading : undefined;
    lastItem = assessment ? itemNumbers(text, heading.bodyStart, bodyEnd).at(-1) : undefined;
    kept.push(heading);
  }
  return kept;
}

/**
 * The sections of a note: each heading's body (whitespace, and the commas transcription exports leave where line
 * breaks were, trimmed), plus an assessment found by its content when no heading names one.
 */
export function noteSections(text: string, found = findSectionHeadings(text)): NoteSection[] {
  const headings = withPlanSubheadings(text, found);
  const sections = headings.map((heading, i) => {
    const next = headings[i + 1];
    let start = heading.bodyStart;
    let end = next ? next.headingStart : text.length;
    while (start < end && /[\s,]/.test(text[start]!)) start += 1;
    while (end > start && /[\s,]/.test(text[end - 1]!)) end -= 1;
    return { name: heading.name, start, end };
  });
  return inferAssessmentSections(text, sections);
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
