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

/** The hash of a token's norm, one character at a time: FNV-1a (32 bits, as int32 so it stays a small integer). */
const HASH_SEED = 2166136261 | 0;
const FNV_PRIME = 16777619;

function hashOf(norm: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < norm.length; i++) hash = Math.imul(hash ^ norm.charCodeAt(i), FNV_PRIME);
  return hash;
}

/** By char code, up to the accented Latin letters: the lower case of a word character (not 0), 0 for any other. */
const WORD_LOWER = new Uint16Array(0x250);
for (let code = 0; code < WORD_LOWER.length; code++)
  if (isWordCode(code)) WORD_LOWER[code] = code >= 65 && code <= 90 ? code + 32 : code;

/** A set of token norms as bits of their hashes: a token outside it is ruled out without making its string. */
class HashBits {
  private static readonly SIZE = 1 << 16;
  private readonly bits = new Uint32Array(HashBits.SIZE / 32);

  constructor(norms: Iterable<string>) {
    for (const norm of norms) {
      const hash = hashOf(norm);
      this.bits[(hash >>> 5) & (HashBits.SIZE / 32 - 1)]! |= 1 << (hash & 31);
    }
  }

  mayHold(hash: number): boolean {
    return (this.bits[(hash >>> 5) & (HashBits.SIZE / 32 - 1)]! & (1 << (hash & 31))) !== 0;
  }
}

/** A lead token waiting for the token after it (PhraseGate.starts). */
interface PendingLead {
  start: number;
  follow: ReadonlySet<string>;
  skips: number;
}

/**
 * Where a phrase of a list (the lexicon's) may start in a text, found without making tokens: most sentences outside
 * an assessment name nothing the lexicon knows, and tokenizing each only to find no match was most of reading a note.
 * A phrase starts at a token that is its first word or a clinical abbreviation's first token (an abbreviation may
 * expand to any of the phrase's words); when that token is no phrase on its own, the next token must be a second
 * word of one of its phrases or an abbreviation's first token, after at most `maxSkips` words the matcher steps
 * over. Tokens are cut as `tokenize` cuts them (words and kept punctuation) and hashed on the way, so only a token
 * whose hash is a lead's (or, after a lead, a next token's) gets its string made. The answer may hold a start where
 * no phrase matches (two tokens are checked, not the whole phrase); it never misses one where a phrase does.
 */
export class PhraseGate {
  /** Lead tokens: null when the token alone may be a phrase, else the tokens that may come next. */
  private readonly leads = new Map<string, ReadonlySet<string> | null>();
  private readonly leadBits: HashBits;
  /** First tokens of the abbreviations (their expansion may be any phrase word). */
  private readonly abbreviated = new Set<string>();
  private readonly skippable: ReadonlySet<string>;
  /** Every token that keeps a lead going: second words, abbreviations' first tokens, skippable words. */
  private readonly nextBits: HashBits;

  constructor(
    phrases: Iterable<readonly string[]>,
    skippable: Iterable<string>,
    private readonly maxSkips: number,
  ) {
    this.skippable = new Set(skippable);
    const follows = new Map<string, Set<string>>();
    const alone = new Set<string>();
    const addLead = (words: readonly string[]) => {
      if (words.length === 1) alone.add(words[0]!);
      else if (words.length > 1) follows.set(words[0]!, (follows.get(words[0]!) ?? new Set()).add(words[1]!));
    };
    for (const words of phrases) addLead(words);
    for (const forms of abbreviationForms().values())
      for (const form of forms) {
        this.abbreviated.add(form.tokens[0]!);
        addLead(form.tokens);
      }
    for (const word of [...alone, ...follows.keys()]) this.leads.set(word, alone.has(word) ? null : follows.get(word)!);
    this.leadBits = new HashBits(this.leads.keys());
    this.nextBits = new HashBits([
      ...[...follows.values()].flatMap((words) => [...words]),
      ...this.abbreviated,
      ...this.skippable,
    ]);
  }

  /** Offsets (ascending) of the tokens of `text[from, to)` where a phrase may start; empty when none may. */
  starts(text: string, from: number, to: number): number[] {
    const found: number[] = [];
    let pending: PendingLead[] | undefined;
    let i = from;
    while (i < to) {
      const code = text.charCodeAt(i);
      const start = i;
      let hash = HASH_SEED;
      // A token with a character outside ASCII is always looked up by its string (its lower case is not code + 32).
      let ascii = true;
      if (code < WORD_LOWER.length && WORD_LOWER[code] !== 0) {
        while (i < to) {
          const c = text.charCodeAt(i);
          const lower = c < WORD_LOWER.length ? WORD_LOWER[c]! : 0;
          if (lower !== 0) {
            if (c >= 128) ascii = false;
            hash = Math.imul(hash ^ lower, FNV_PRIME);
            i += 1;
            continue;
          }
          // As rawTokens: a decimal point inside a number, an apostrophe inside a word (dropped) keep the word going.
          const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
          if (c === 46 && isDigit(text.charCodeAt(i - 1)) && isDigit(next)) {
            hash = Math.imul(hash ^ c, FNV_PRIME);
            i += 1;
            continue;
          }
          if ((c === 39 || c === 0x2019) && isWordCode(next)) {
            i += 1;
            continue;
          }
          break;
        }
      } else if (code < 128 && KEPT_CODES[code] === 1) {
        hash = Math.imul(hash ^ code, FNV_PRIME);
        i += 1;
      } else {
        i += 1;
        continue;
      }
      const lead = !ascii || this.leadBits.mayHold(hash);
      if (pending !== undefined && ascii && !this.nextBits.mayHold(hash)) pending = undefined;
      if (!lead && pending === undefined) continue;
      const norm = tokenNorm(text, start, i);
      if (pending !== undefined) pending = this.advance(pending, norm, found);
      const follow = lead ? this.leads.get(norm) : undefined;
      if (follow === null) found.push(start);
      else if (follow !== undefined) {
        pending ??= [];
        pending.push({ start, follow, skips: 0 });
      }
    }
    // A lead found through its next token may come after a later lead found alone.
    if (found.length > 1) found.sort((a, b) => a - b);
    return found;
  }

  /** The waiting leads after one more token: a lead whose phrase may go on is found; a skippable word is stepped over. */
  private advance(pending: PendingLead[], norm: string, found: number[]): PendingLead[] | undefined {
    let kept = 0;
    for (const lead of pending) {
      if (lead.follow.has(norm) || this.abbreviated.has(norm)) found.push(lead.start);
      else if (this.skippable.has(norm) && lead.skips < this.maxSkips) {
        lead.skips += 1;
        pending[kept++] = lead;
      }
    }
    pending.length = kept;
    return kept === 0 ? undefined : pending;
  }
}

/** The norm rawTokens gives the token at `text[start, end)`: lower case, inner apostrophes dropped. */
function tokenNorm(text: string, start: number, end: number): string {
  const written = text.slice(start, end);
  return (written.includes("'") || written.includes('’') ? written.replace(/['’]/g, '') : written).toLowerCase();
}
