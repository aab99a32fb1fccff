/**
 * The procedure rules' sentence spans (sentencesOf, core/coding/procedures/note-text.ts) are read in one pass over
 * the char codes. Their definition is the regular expression below (a boundary is white space after `.`, `!`, `?` or
 * `;` before a capital, a digit or `(`, or a run of line breaks; a leading capitalised heading is not part of the
 * sentence): the spans must be exactly the ones it gives, on hand-picked notes and on generated texts built from
 * the characters that matter (stops, white space of every kind, capitals, colons, headings).
 */
import { describe, expect, it } from 'vitest';
import { type Span, sentencesOf } from '#core/coding/procedures/note-text';

function byDefinition(text: string): Span[] {
  const spans: Span[] = [];
  const boundary = /(?<=[.!?;])\s+(?=[A-Z0-9(])|\n+/g;
  let from = 0;
  const push = (start: number, end: number) => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s += 1;
    while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
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

const PIECES = [
  'PROCEDURE:',
  'PLAN: ',
  'A/P:\t',
  'ASSESSMENT & PLAN:',
  'CC:',
  'X:',
  'Knee injection performed',
  'pt tolerated well',
  '1. ',
  '(see above)',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\r\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u2028',
  '.',
  '!',
  '?',
  ';',
  ':',
  ',',
  'A',
  'B12',
  'a',
  '9',
  '(',
  'ABC DEF GHI JKL MNO PQR STU VWX YZA BCD EFG',
  // A heading's words after its first letter: 40 at most (with the 41st letter, no heading).
  'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMN',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNO',
];

function randomText(seed: number, pieces: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < pieces; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += PIECES[state % PIECES.length];
  }
  return text;
}

describe('sentencesOf', () => {
  it('splits at stops before a capital, digit or parenthesis and at line breaks, leaving section headings out', () => {
    const text = 'PROCEDURE: Knee injection. Tolerated well; (no bleeding)\n\nPLAN:  Return in 2 weeks. vs. later';
    expect(sentencesOf(text).map((span) => span.text)).toEqual([
      'Knee injection.',
      'Tolerated well;',
      '(no bleeding)',
      'Return in 2 weeks. vs. later',
    ]);
  });

  it('gives the spans its regular-expression definition gives, on generated texts', () => {
    for (let seed = 1; seed <= 5000; seed++) {
      const text = randomText(seed, 1 + (seed % 40));
      expect(sentencesOf(text), JSON.stringify(text)).toEqual(byDefinition(text));
    }
  });
});
