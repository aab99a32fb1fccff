/**
 * Sentences (and list items) of a stretch of note text: the scope of every context rule. A line break ends a
 * sentence (assessment items are one per line), and so do `.` and `!`
 * followed by a space and a capital, a digit or the end, unless the word before is an abbreviation (`vs.`, `Dr.`)
 * or a list number (`1.`).
 */

export interface TextSpan {
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'vs',
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'eg',
  'ie',
  'approx',
  'pt',
  'hx',
  'dx',
  'sx',
  'etc',
]);

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0xa0;
}

/** A-Z, a-z, 0-9 or `.`. */
function isWordOrDot(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 46;
}

function wordBefore(text: string, dot: number, lineStart: number): string {
  let i = dot;
  while (i > lineStart && isWordOrDot(text.charCodeAt(i - 1))) i -= 1;
  return text.slice(i, dot);
}

/** A capital, a digit, `(` or `"`: what may open the next sentence. */
function opensSentence(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 40 || code === 34;
}

function pushTrimmed(spans: TextSpan[], text: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s += 1;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e -= 1;
  if (e > s) spans.push({ start: s, end: e });
}

export function splitSentences(text: string, from = 0, to = text.length): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = from;
  let lineStart = from;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      pushTrimmed(spans, text, start, i);
      start = i + 1;
      lineStart = i + 1;
      continue;
    }
    if (code !== 46 && code !== 33) continue;
    const next = i + 1 < to ? text.charCodeAt(i + 1) : -1;
    // ".," is a line break some exports flattened ("1. UTI.,2. GERD."): it ends the item.
    if (code === 46 && next === 44) {
      pushTrimmed(spans, text, start, i + 1);
      start = i + 2;
      i += 1;
      continue;
    }
    if (next !== -1 && !isSpace(next)) continue;
    if (code === 46) {
      const before = wordBefore(text, i, lineStart);
      const lower = before.replace(/\./g, '').toLowerCase();
      if (ABBREVIATIONS.has(lower)) continue;
      // "1." opening a list item is a number, not the end of a sentence.
      if (/^\d{1,2}$/.test(before) && text.slice(lineStart, i - before.length).trim() === '') continue;
    }
    let j = i + 1;
    while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j += 1;
    const after = j < to ? text.charCodeAt(j) : -1;
    if (after === -1 || after === 10 || after === 13 || opensSentence(after)) {
      pushTrimmed(spans, text, start, i + 1);
      start = i + 1;
    }
  }
  pushTrimmed(spans, text, start, to);
  return spans;
}
