/**
 * The phrase gate (PhraseGate, core/coding/text/tokenize.ts) finds where a lexicon phrase may start without
 * tokenizing; the note reader skips every sentence outside the assessment where it finds none. So it must find the
 * start of every phrase the lexicon's trie matches, whatever the text: checked on every sentence of our gold notes,
 * on every lexicon phrase and clinical abbreviation written in a sentence, and on the tokenizer's edge cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS_JSON, compileAbbreviations } from '#core/coding/lexicon/abbreviations';
import { ALL_CONCEPTS, clinicalLexicon } from '#core/coding/lexicon/index';
import { MEDICATION_PHRASES } from '#core/coding/lexicon/medications';
import { splitSentences } from '#core/coding/text/sentences';
import { rawTokens, tokenize } from '#core/coding/text/tokenize';

const lexicon = clinicalLexicon();

/** The offsets where the trie's matches start in `text[from, to)`. */
function matchStarts(text: string, from = 0, to = text.length): number[] {
  const tokens = tokenize(text, from, to);
  return lexicon.trie.matchAll(tokens).map((match) => tokens[match.first]!.start);
}

/** Every start the trie matches is one the gate gives. */
function expectGateHolds(text: string, from = 0, to = text.length): void {
  const starts = new Set(lexicon.gate.starts(text, from, to));
  for (const start of matchStarts(text, from, to))
    expect(starts.has(start), `"${text.slice(from, to)}" at ${start}`).toBe(true);
}

function goldNoteTexts(): string[] {
  const goldDir = join(process.cwd(), 'eval', 'coding', 'gold');
  return readdirSync(goldDir)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as {
        cases: { document: { lines?: string[]; text?: string } }[];
      };
      return gold.cases.map((c) => (c.document.lines ? c.document.lines.join('\n') : (c.document.text ?? '')));
    });
}

describe('phrase gate', () => {
  it('finds the start of a phrase, stepping over the words the matcher steps over', () => {
    const text = 'Seen today. Pain in the right knee after a fall.';
    expect(matchStarts(text)).not.toEqual([]);
    expectGateHolds(text);
  });

  it('finds nothing in a sentence that names nothing the lexicon knows, so the reader can skip it', () => {
    const text = 'The patient was taken to the operating room and placed supine on the table.';
    expect(matchStarts(text)).toEqual([]);
    expect(lexicon.gate.starts(text, 0, text.length)).toEqual([]);
  });

  it('finds phrases written through an abbreviation, in capitals, with apostrophes and accents', () => {
    for (const text of [
      'PMH: HTN, DM2, A fib and CHF.',
      's/p CABG; w/o complications',
      "Hashimoto's thyroiditis; HASHIMOTO'S THYROIDITIS; Hashimoto’s thyroiditis",
      'Crohn’s disease. Sjögren syndrome. Ménière disease.',
      'BMI 32.5, type II diabetes, stage 3a CKD',
    ])
      expectGateHolds(text);
  });

  it('finds every lexicon phrase and every abbreviation written in a sentence', () => {
    const phrases = [
      ...ALL_CONCEPTS.flatMap((concept) => concept.phrases),
      ...Object.values(MEDICATION_PHRASES).flat(),
      ...compileAbbreviations(ABBREVIATIONS_JSON, (written) => rawTokens(written)).map((form) => form.written),
    ];
    for (const phrase of phrases) {
      expectGateHolds(`Noted ${phrase} today.`);
      expectGateHolds(`The left ${phrase}, the right ${phrase.toUpperCase()}`);
    }
  });

  it('finds every phrase the trie matches in every sentence of the gold notes', () => {
    const texts = goldNoteTexts();
    expect(texts.length).toBeGreaterThan(100);
    for (const text of texts) {
      expectGateHolds(text);
      for (const sentence of splitSentences(text)) expectGateHolds(text, sentence.start, sentence.end);
    }
  });
});
