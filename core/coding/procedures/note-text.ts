/**
 * Small text helpers the procedure rules share: sentence spans with offsets into `Encounter.noteText`, whether a
 * sentence reports a service as done (not planned, offered, declined), and evidence built from a span.
 */
import { type GatedText, type KeywordGate, keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/** What `\s` matches in a JavaScript regular expression, for one UTF-16 code unit. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** A capital, a digit or `(`: a new sentence may start there. */
function opensSentence(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 40;
}

/** A-Z, space, `&` or `/`: what a heading's words after its first letter are made of. */
function isHeadingChar(code: number): boolean {
  return (code >= 65 && code <= 90) || code === 32 || code === 38 || code === 47;
}

/**
 * Length of a leading capitalised heading at `at` ("PROCEDURE: "), 0 when there is none: what the regular expression
 * `^[A-Z][A-Z &/]{1,40}:[ \t]*` matches there. A colon is no heading character, so the run of them after the first
 * letter must be 1 to 40 long and end at the colon.
 */
function headingLength(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first < 65 || first > 90) return 0;
  let i = at + 1;
  while (i < text.length && i - at <= 41 && isHeadingChar(text.charCodeAt(i))) i += 1;
  const run = i - at - 1;
  if (run < 1 || run > 40 || text.charCodeAt(i) !== 58) return 0;
  i += 1;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i += 1;
  return i - at;
}

function pushSpan(spans: Span[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s += 1;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e -= 1;
  // A leading capitalised heading names the section; it is not part of the sentence. Read on the whole text from
  // `s`: the heading's words cannot run past `e` to a colon (a span ends before a line break or after a stop).
  const heading = s < e ? headingLength(text, s) : 0;
  if (heading > 0 && s + heading < e) s += heading;
  if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
}

/**
 * Where a span may end: `.`, `!`, `?` or `;` before white space, or a line break. The regular expression scans the
 * text in native code; the few places it stops at are then read char by char (a boundary needs an opener after the
 * white space). Global, walked with `test` from lastIndex 0 (no match arrays): it matches one character, so the
 * place is lastIndex - 1.
 */
const MAY_END = /[.!?;](?=\s)|\n/g;

/**
 * Sentences, and also lines: notes are line-oriented (numbered assessment items, `Procedure: ...`), so a line
 * break always ends a span. Offsets are UTF-16 code units, as `noteText` is indexed. A boundary is white space after
 * `.`, `!`, `?` or `;` that a capital, a digit or `(` follows, or a run of line breaks.
 */
export function sentencesOf(text: string): Span[] {
  const spans: Span[] = [];
  const length = text.length;
  let from = 0;
  MAY_END.lastIndex = 0;
  while (MAY_END.test(text)) {
    const found = MAY_END.lastIndex - 1;
    if (text.charCodeAt(found) !== 10) {
      // After a stop: the white space and what follows it.
      const at = found + 1;
      let next = at + 1;
      while (next < length && isSpace(text.charCodeAt(next))) next += 1;
      if (next < length && opensSentence(text.charCodeAt(next))) {
        pushSpan(spans, text, from, at);
        from = next;
        MAY_END.lastIndex = next;
      }
      // Else no boundary here; a line break in that white space is found next.
      continue;
    }
    let next = found + 1;
    while (next < length && text.charCodeAt(next) === 10) next += 1;
    pushSpan(spans, text, from, found);
    from = next;
    MAY_END.lastIndex = next;
  }
  pushSpan(spans, text, from, length);
  return spans;
}

/** Declined, refused, deferred, not done: the service did not happen whatever else the sentence says. */
const NOT_DONE =
  /\b(declin(?:ed|es|ing)|refus(?:ed|es|ing)|defer(?:red|s)?|postponed|not (?:done|given|performed|administered|obtained|indicated)|unable to (?:obtain|perform)|contraindicated|held|history of|in the past|previously|(?:last|previous|prior) (?:week|month|year|visit))\b/i;
/**
 * "3 weeks ago": also not done at this visit. Apart from NOT_DONE, and written from the unit word back to the number,
 * so that both get keyword gates (a pattern that may start with any digit has none, and would run on every sentence).
 */
const TIME_AGO = /(?<=\b\d+ )\b(?:days|weeks|months|years) ago\b/i;
/** Future or conditional: planned, ordered elsewhere, recommended, offered, due, if needed. */
const NOT_YET =
  /\b(will (?:\w+ ){0,3}(?:give|administer|perform|schedule|return|obtain|order|get|consider|check|repeat|draw|refer)|schedul(?:e|ed|ing)|next (?:visit|appointment|time)|recommend(?:ed|s)?|consider(?:ed|ing)?|offered|due for|discussed|plan(?:s|ned)? (?:to|for)|if (?:needed|symptoms|no improvement|persists|worse)|return (?:for|in)|referr?(?:ed|al)? (?:to|for)|order(?:ed|s)?|sent (?:out|to)|at (?:the )?(?:lab|pharmacy|hospital))\b/i;
/** Past-tense signals that override "offered"/"discussed" in the same sentence ("offered and administered"). */
const DONE =
  /\b(given|administered|performed|done|obtained|completed|removed|injected|drawn|placed|applied|treated|excised|drained|incised|repaired|irrigated|positive|negative|result(?:s|ed)?|shows?|showed|reveal(?:s|ed)|interpreted)\b/i;

const NOT_DONE_GATE = keywordGate(NOT_DONE);
const TIME_AGO_GATE = keywordGate(TIME_AGO);
const NOT_YET_GATE = keywordGate(NOT_YET);

/** The gate's pattern on the sentence, run only where the gated text may hold its words. */
function gatedTest(gate: KeywordGate, sentence: string, gated?: GatedText, span?: { start: number; end: number }) {
  return (!gated || !span || gated.mayMatch(gate, span.start, span.end)) && gate.pattern.test(sentence);
}

/**
 * Whether a sentence reports the service as performed at this visit. Given the note's gated text and the sentence's
 * span in it, the patterns run only where their words are (text/keyword-gate.ts).
 */
export function reportsDone(sentence: string, gated?: GatedText, span?: { start: number; end: number }): boolean {
  if (gatedTest(NOT_DONE_GATE, sentence, gated, span) || gatedTest(TIME_AGO_GATE, sentence, gated, span)) return false;
  if (gatedTest(NOT_YET_GATE, sentence, gated, span))
    return DONE.test(sentence) && !/\bwill\b|\bnext (?:visit|time)\b/i.test(sentence);
  return true;
}

export function textEvidence(text: string, start: number, end: number, rule: string): Evidence {
  return { kind: 'text', start, end, quote: text.slice(start, end), rule };
}

/** The sentence holding an offset (for evidence of a match that is only part of a sentence). */
export function sentenceAt(sentences: readonly Span[], offset: number): Span | undefined {
  let low = 0;
  let high = sentences.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = sentences[mid]!;
    if (offset < span.start) high = mid - 1;
    else if (offset >= span.end) low = mid + 1;
    else return span;
  }
  return undefined;
}

export type Laterality = 'right' | 'left' | 'bilateral';

/** Laterality written in a span: "bilateral"/"both" wins, then right or left alone; both sides named = bilateral. */
export function lateralityIn(text: string): Laterality | undefined {
  if (/\b(bilateral(?:ly)?|both (?:ears|knees|shoulders|hips|sides|wrists|ankles|elbows)|B\/L)\b/i.test(text))
    return 'bilateral';
  // "right away" and "left over" are not sides; single letters (R/O, L4-L5) are too ambiguous to read.
  const right = /\b(?:right|rt)\b(?! away| now)/i.test(text);
  const left = /\b(?:left|lt)\b(?! over)/i.test(text);
  if (right && left) return 'bilateral';
  if (right) return 'right';
  if (left) return 'left';
  return undefined;
}

/** Number words up to twenty, for "removed three skin tags". */
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  a: 1,
  an: 1,
  single: 1,
};

export function countOf(word: string): number | undefined {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBER_WORDS[word.toLowerCase()];
}

export const COUNT_WORD = `(\\d{1,2}|${Object.keys(NUMBER_WORDS).join('|')})`;
