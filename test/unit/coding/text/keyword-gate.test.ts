/**
 * Keyword gates (core/coding/text/keyword-gate.ts): the literals derived from a pattern are a necessary condition
 * for a match, so a rule that skips the pattern where none of them is written never loses a match. Checked on the
 * shapes of the coder's own patterns against hand-picked and generated texts, and by the patterns the gate must
 * refuse to vouch for.
 */
import { describe, expect, it } from 'vitest';
import { GatedText, keywordGate } from '#core/coding/text/keyword-gate';

/** Shapes the procedure and E/M rules use: word lists, optional letters, lookarounds, trailing classes. */
const PATTERNS = [
  /\b(ceftriaxone|rocephin)\b/i,
  /\b(cyanocobalamin|vitamin b-?12|b-?12)\b/i,
  /\bdurolane\b|\bgenvisc(?: 850)?\b|\b(hyalgan|supartz(?: fx)?|visco-?3)\b/i,
  /\b(x-?rays?|radiograph)\b(?! of the chest)/i,
  /\b(?:12[- ]lead )?(ecg|ekg|electrocardiogram)\b/i,
  /\b(?:without|no|denies|not)\s+(?:\w+\s+){0,2}?(?:exacerbations?|flares?|worsening|progression)\b/i,
  /\b(stress test|treadmill test|stress echo\w*)\b/i,
  /\bvitamin d (?:level|25)/i,
  /(?<=[.!?;]) end\b/i,
  /\b(phq|gad)-?\d/i,
  /^PROCEDURE:/,
  /\b(hpv(?: vaccine)?|gardasil(?:[- ]?9)?)\b/i,
];

const FRAGMENTS = [
  'ceftriaxone',
  'Rocephin',
  'ROCEPHIN',
  'b12',
  'B-12',
  'vitamin b12',
  'Vitamin B-12',
  'durolane',
  'genvisc 850',
  'Supartz FX',
  'visco3',
  'x-ray',
  'Xrays',
  'radiograph of the chest',
  '12-lead ECG',
  'EKG',
  'no',
  'not',
  'without',
  'recent',
  'exacerbation',
  'Flares',
  'stress echocardiogram',
  'Vitamin D level',
  'end',
  'END',
  'PHQ-9',
  'gad7',
  'PROCEDURE:',
  'procedure:',
  'Gardasil-9',
  'hpv',
  'İ',
  '\u212a',
  'x',
  '-',
  ' ',
  ' ',
  '. ',
  ';',
  '\n',
  '(',
  ')',
];

function randomText(seed: number, length: number): string {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state;
  };
  return Array.from({ length }, () => FRAGMENTS[next() % FRAGMENTS.length]).join(next() % 3 === 0 ? '' : ' ');
}

describe('keyword gates', () => {
  it('derive the words every match starts with, lower-cased, optional letters spelled both ways', () => {
    expect(keywordGate(/\b(ceftriaxone|rocephin)\b/i).literals?.sort()).toEqual(['ceftriaxone', 'rocephin']);
    expect(keywordGate(/\b(b-?12)\b/i).literals?.sort()).toEqual(['b-12', 'b12']);
    expect(keywordGate(/\b(?:12[- ]lead )?(ecg|ekg)\b/i).literals?.sort()).toEqual([
      '12 lead ecg',
      '12 lead ekg',
      '12-lead ecg',
      '12-lead ekg',
      'ecg',
      'ekg',
    ]);
    // Only what starts a match: "stress echo" then any letters.
    expect(keywordGate(/\b(stress echo\w*)\b/i).literals).toEqual(['stress echo']);
    expect(keywordGate(/\b(ceftriaxone|rocephin)\b/i).wordStart).toBe(true);
    expect(keywordGate(/(ceftriaxone|rocephin)/i).wordStart).toBe(false);
  });

  it('refuse patterns whose matches they cannot vouch for', () => {
    for (const pattern of [/\w+in\b/i, /[a-z]+ test/i, /(a)\1/, /x*y/, /ab/u, /ab/g, /ab/y, /\u0041b/, /a|b*/, /./]) {
      expect(keywordGate(pattern).literals, String(pattern)).toBeUndefined();
      expect(new GatedText('anything').mayMatch(keywordGate(pattern))).toBe(true);
    }
  });

  it('never say no where the pattern matches (generated texts, every span)', () => {
    let gated = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, 12);
      const view = new GatedText(text);
      for (const pattern of PATTERNS) {
        const gate = keywordGate(pattern);
        expect(gate.literals, String(pattern)).toBeDefined();
        for (let start = 0; start < text.length; start += 7)
          for (const end of [start + 5, start + 20, start + 60, text.length]) {
            const span = {
              start,
              end: Math.min(end, text.length),
              text: text.slice(start, Math.min(end, text.length)),
            };
            const may = view.mayMatch(gate, span.start, span.end);
            if (pattern.test(span.text)) expect(may, `${pattern} in ${JSON.stringify(span.text)}`).toBe(true);
            if (!may) gated += 1;
          }
      }
    }
    // The gates do skip work: most spans lack the words.
    expect(gated).toBeGreaterThan(10_000);
  });

  it('say no only for spans without the words, at word starts when the pattern starts with \\b', () => {
    const gate = keywordGate(/\b(ceftriaxone|rocephin)\b/i);
    const text = 'Pain improved. Ceftriaxone 1 g IM given. Noted xrocephin typo. (Rocephin) again.';
    const view = new GatedText(text);
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length, text: s });
    expect(view.test(gate, at('Pain improved.'))).toBe(false);
    expect(view.test(gate, at('Ceftriaxone 1 g IM given.'))).toBe(true);
    expect(view.mayMatch(gate, at('Noted xrocephin typo.').start, at('Noted xrocephin typo.').end)).toBe(false);
    expect(view.test(gate, at('(Rocephin) again.'))).toBe(true);
    // A span that holds only part of the word.
    expect(view.mayMatch(gate, text.indexOf('Ceftriaxone'), text.indexOf('Ceftriaxone') + 5)).toBe(false);
  });

  it('answer each text for itself when several are asked in turn (the word-start index is shared)', () => {
    const gate = keywordGate(/\b(ceftriaxone|rocephin)\b/i);
    const other = keywordGate(/\b(kenalog|toradol)\b/i);
    const a = new GatedText('Rocephin given.');
    const b = new GatedText('Toradol given. Nothing else.');
    expect(a.mayMatch(gate)).toBe(true);
    expect(b.mayMatch(gate)).toBe(false);
    expect(a.mayMatch(other)).toBe(false);
    expect(b.mayMatch(other, 0, 14)).toBe(true);
    expect(b.mayMatch(other, 15)).toBe(false);
  });

  it('answer for a gate made after a text was first asked (all word-start gates are found in one pass)', () => {
    const first = keywordGate(/\b(ceftriaxone|rocephin)\b/i);
    const text = new GatedText('Rocephin given. Ketorolac 30 mg IM.');
    expect(text.mayMatch(first)).toBe(true);
    const later = keywordGate(/\b(toradol|ketorolac)\b/i);
    expect(text.mayMatch(later, 16)).toBe(true);
    expect(text.mayMatch(later, 0, 15)).toBe(false);
    expect(text.mayMatch(first, 16)).toBe(false);
  });

  it('find every word start of every gate, where literals overlap or one begins another', () => {
    const long = keywordGate(/\bover the counter\b/i);
    const inner = keywordGate(/\bthe counter\b/i);
    const short = keywordGate(/\bcbc\b/i);
    const longer = keywordGate(/\bcbc with diff(?:erential)?\b/i);
    const text = new GatedText('Tylenol over the counter. CBC with diff ordered.');
    // "the counter" begins inside "over the counter"; "cbc" begins "cbc with diff".
    expect(text.mayMatch(long, 0, 24)).toBe(true);
    expect(text.mayMatch(inner, 13, 24)).toBe(true);
    expect(text.mayMatch(inner, 0, 12)).toBe(false);
    expect(text.mayMatch(short, 26)).toBe(true);
    expect(text.mayMatch(longer, 26)).toBe(true);
    expect(text.mayMatch(longer, 0, 25)).toBe(false);
  });

  it('do not gate texts whose lower case does not line up with them', () => {
    const gate = keywordGate(/\bkenalog\b/i);
    expect(new GatedText('İ no drug here').mayMatch(gate)).toBe(true);
    expect(new GatedText('\u212a no drug here').mayMatch(gate)).toBe(true);
    expect(new GatedText('no drug here').mayMatch(gate)).toBe(false);
  });
});
