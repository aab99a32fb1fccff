/**
 * Word tokens with their offsets, the unit every matcher in the coder works on. One pass over the text with char
 * codes (no regular expressions): letters and digits make words (a dot between digits stays inside a number:
 * `32.5`), hyphens and apostrophes are dropped so `a-fib` matches `a fib` and `patient's` matches `patients`, and
 * the punctuation the context rules care about is kept as one-character tokens.
 */

export interface Token {
  /** Lower-cased word, or the punctuation character. */
  norm: string;
  /** UTF-16 offsets into the text the tokenizer was given, end exclusive. */
  start: number;
  end: number;
  /** Letters or digits (false for punctuation tokens). */
  word: boolean;
}

const KEPT_PUNCTUATION = new Set([',', ';', ':', '?', '(', ')', '/', '.', '!', '+', '&']);

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

/** Tokens of `text[from, to)`; offsets stay relative to the whole `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isWordCode(code)) {
      const start = i;
      let norm = '';
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
          norm += text.slice(segmentStart, i);
          i += 1;
          segmentStart = i;
          continue;
        }
        break;
      }
      norm += text.slice(segmentStart, i);
      tokens.push({ norm: norm.toLowerCase(), start, end: i, word: true });
      continue;
    }
    const char = text[i]!;
    if (KEPT_PUNCTUATION.has(char)) tokens.push({ norm: char, start: i, end: i + 1, word: false });
    i += 1;
  }
  return tokens;
}

/** The normalized words of a phrase, for building lexicons with the same rules as the text they will match. */
export function phraseWords(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.norm);
}
