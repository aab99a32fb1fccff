/**
 * Word tokens with their offsets, the unit every matcher in the coder works on. One pass over the text with char
 * codes (no regular expressions): letters and digits make words (a dot between digits stays inside a number:
 * `32.5`), hyphens and apostrophes are dropped so `a-fib` matches `a fib` and `patient's` matches `patients`, and
 * the punctuation the context rules care about is kept as one-character tokens.
 */

import { ABBREVIATIONS_JSON, compileAbbreviations, type WrittenForm } from '#core/coding/lexicon/abbreviations';

export interface Token {
  /** Lower-cased word, or the punctuation character. */
  norm: string;
  /** For a word expanded from a clinical abbreviation (`HTN` → hypertension): the abbreviation as listed. */
  abbreviation?: string;
  /** UTF-16 offsets into the text the tokenizer was given, end exclusive. */
  start: number;
  end: number;
  /** Letters or digits (false for punctuation tokens). */
  word: boolean;
}

const KEPT_PUNCTUATION = new Set([',', ';', ':', '?', '(', ')', '/', '.', '!', '+', '&']);

/** The kept punctuation by char code (all ASCII), so the tokenizer asks without making a one-character string. */
const KEPT_CODES = new Uint8Array(128);
for (const char of KEPT_PUNCTUATION) KEPT_CODES[char.charCodeAt(0)] = 1;

function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    (code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7) // Latin letters with accents
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Tokens of `text[from, to)`, clinical abbreviations expanded; offsets stay relative to the whole `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  return expandAbbreviations(text, rawTokens(text, from, to));
}

/** Tokens as written, abbreviations left as they are (for reading the abbreviations file itself). */
export function rawTokens(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isWordCode(code)) {
      const start = i;
      // Only a word with an apostrophe inside is built piece by piece; any other is one slice.
      let norm: string | undefined;
      let segmentStart = i;
      while (i < to) {
        const c = text.charCodeAt(i);
        if (isWordCode(c)) {
          i += 1;
          continue;
        }
        // A decimal point inside a number, or an apostrophe inside a word, keeps the word going.
        const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
        if (c === 46 && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) {
          i += 1;
          continue;
        }
        if ((c === 39 || c === 0x2019) && isWordCode(next)) {
          norm = (norm ?? '') + text.slice(segmentStart, i);
          i += 1;
          segmentStart = i;
          continue;
        }
        break;
      }
      norm = norm === undefined ? text.slice(start, i) : norm + text.slice(segmentStart, i);
      tokens.push({ norm: norm.toLowerCase(), start, end: i, word: true });
      continue;
    }
    if (code < 128 && KEPT_CODES[code] === 1) tokens.push({ norm: text[i]!, start: i, end: i + 1, word: false });
    i += 1;
  }
  return tokens;
}

/** The normalized words of a phrase, for building lexicons with the same rules as the text they will match. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.norm);
}

/** Written forms by their first token, longest first (`w/o` before `w/`). */
let formsByFirst: Map<string, WrittenForm[]> | undefined;

/**
 * Which first two characters (ASCII) some form's first token starts with (the second is 0 for a one-character
 * token): most words are ruled out here, without hashing the word for the map.
 */
const firstTwo = new Uint8Array(128 * 128);

/** Index in `firstTwo` of a word's first two characters, or -1 when either is not ASCII (the map is asked). */
function firstTwoKey(word: string): number {
  const first = word.charCodeAt(0);
  const second = word.length > 1 ? word.charCodeAt(1) : 0;
  return first < 128 && second < 128 ? first * 128 + second : -1;
}

function abbreviationForms(): Map<string, WrittenForm[]> {
  if (formsByFirst) return formsByFirst;
  const byFirst = new Map<string, WrittenForm[]>();
  for (const form of compileAbbreviations(ABBREVIATIONS_JSON, (written) => rawTokens(written, 0, written.length))) {
    const list = byFirst.get(form.tokens[0]!) ?? [];
    list.push(form);
    byFirst.set(form.tokens[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  for (const first of byFirst.keys()) {
    const key = firstTwoKey(first);
    if (key >= 0) firstTwo[key] = 1;
  }
  formsByFirst = byFirst;
  return byFirst;
}

function writtenAt(text: string, tokens: readonly Token[], at: number, form: WrittenForm): boolean {
  if (at + form.tokens.length > tokens.length) return false;
  for (let k = 0; k < form.tokens.length; k++) {
    if (tokens[at + k]!.norm !== form.tokens[k]) return false;
    if (k === 0) continue;
    // `s/p` is written without spaces and `A fib` with one: "s / p" is not the abbreviation.
    const gap = text.slice(tokens[at + k - 1]!.end, tokens[at + k]!.start);
    if (form.spaced[k - 1] ? !/^[ \t]+$/.test(gap) : /\s/.test(gap)) return false;
  }
  const last = tokens[at + form.tokens.length - 1]!;
  if (form.caseSensitive && text.slice(tokens[at]!.start, last.end) !== form.written) return false;
  // `w/` and `s/p` end in a slash or letter; a word glued after them ("w/hypertension") is still theirs.
  return true;
}

function expandAbbreviations(text: string, tokens: Token[]): Token[] {
  const forms = abbreviationForms();
  let out: Token[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const norm = tokens[i]!.norm;
    const key = firstTwoKey(norm);
    const candidates = key >= 0 && firstTwo[key] === 0 ? undefined : forms.get(norm);
    let form: WrittenForm | undefined;
    if (candidates)
      for (const candidate of candidates)
        if (writtenAt(text, tokens, i, candidate)) {
          form = candidate;
          break;
        }
    if (!form) {
      out?.push(tokens[i]!);
      continue;
    }
    out ??= tokens.slice(0, i);
    const start = tokens[i]!.start;
    const end = tokens[i + form.tokens.length - 1]!.end;
    const abbreviation = form.written.toLowerCase();
    for (const word of form.expansion) out.push({ norm: word, start, end, word: true, abbreviation });
    i += form.tokens.length - 1;
  }
  return out ?? tokens;
}
