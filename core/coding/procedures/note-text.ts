/**
 * Small text helpers the procedure rules share: sentence spans with offsets into `Encounter.noteText`, whether a
 * sentence reports a service as done (not planned, offered, declined), and evidence built from a span.
 */
import { type GatedText, keywordGate } from '#core/coding/text/keyword-gate';
import type { Evidence } from '../coded-encounter.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * Sentences, and also lines: notes are line-oriented (numbered assessment items, `Procedure: ...`), so a line
 * break always ends a span. Offsets are UTF-16 code units, as `noteText` is indexed.
 */
export function sentencesOf(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /(?<=[.!?;])\s+(?=[A-Z0-9(])|\n+/g;
  let from = 0;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s += 1;
    while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
    // A leading capitalised heading ("PROCEDURE: ...") names the section; it is not part of the sentence.
    const heading = /^[A-Z][A-Z &/]{1,40}:[ \t]*/.exec(text.slice(s, e));
    if (heading && s + heading[0].length < e) s += heading[0].length;
    if (e > s) spans.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (const match of text.matchAll(boundary)) {
    push(from, match.index);
    from = match.index + match[0].length;
  }
  push(from, text.length);
  return spans;
}

/** Declined, refused, deferred, not done: the service did not happen whatever else the sentence says. */
const NOT_DONE =
  /\b(declin(?:ed|es|ing)|refus(?:ed|es|ing)|defer(?:red|s)?|postponed|not (?:done|given|performed|administered|obtained|indicated)|unable to (?:obtain|perform)|contraindicated|held|history of|in the past|previously|(?:last|previous|prior) (?:week|month|year|visit)|\d+ (?:days|weeks|months|years) ago)\b/i;
/** Future or conditional: planned, ordered elsewhere, recommended, offered, due, if needed. */
const NOT_YET =
  /\b(will (?:\w+ ){0,3}(?:give|administer|perform|schedule|return|obtain|order|get|consider|check|repeat|draw|refer)|schedul(?:e|ed|ing)|next (?:visit|appointment|time)|recommend(?:ed|s)?|consider(?:ed|ing)?|offered|due for|discussed|plan(?:s|ned)? (?:to|for)|if (?:needed|symptoms|no improvement|persists|worse)|return (?:for|in)|referr?(?:ed|al)? (?:to|for)|order(?:ed|s)?|sent (?:out|to)|at (?:the )?(?:lab|pharmacy|hospital))\b/i;
/** Past-tense signals that override "offered"/"discussed" in the same sentence ("offered and administered"). */
const DONE =
  /\b(given|administered|performed|done|obtained|completed|removed|injected|drawn|placed|applied|treated|excised|drained|incised|repaired|irrigated|positive|negative|result(?:s|ed)?|shows?|showed|reveal(?:s|ed)|interpreted)\b/i;

const NOT_DONE_GATE = keywordGate(NOT_DONE);
const NOT_YET_GATE = keywordGate(NOT_YET);

/**
 * Whether a sentence reports the service as performed at this visit. Given the note's gated text and the sentence's
 * span in it, the patterns run only where their words are (text/keyword-gate.ts).
 */
export function reportsDone(sentence: string, gated?: GatedText, span?: { start: number; end: number }): boolean {
  const has = (gate: typeof NOT_DONE_GATE) =>
    (!gated || !span || gated.mayMatch(gate, span.start, span.end)) && gate.pattern.test(sentence);
  if (has(NOT_DONE_GATE)) return false;
  if (has(NOT_YET_GATE)) return DONE.test(sentence) && !/\bwill\b|\bnext (?:visit|time)\b/i.test(sentence);
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
