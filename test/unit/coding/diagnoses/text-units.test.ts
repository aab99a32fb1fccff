import { describe, expect, it } from 'vitest';
import { PhraseTrie } from '#core/coding/text/phrase-trie';
import { splitSentences } from '#core/coding/text/sentences';
import { phraseWords, rawTokens, tokenize } from '#core/coding/text/tokenize';

describe('tokenize', () => {
  it('lower-cases words and keeps their offsets into the text (before abbreviations are expanded)', () => {
    const text = 'Pt with HTN, BMI 32.5; on a-fib meds.';
    const tokens = rawTokens(text);
    expect(tokens.map((t) => t.norm)).toEqual([
      'pt',
      'with',
      'htn',
      ',',
      'bmi',
      '32.5',
      ';',
      'on',
      'a',
      'fib',
      'meds',
      '.',
    ]);
    for (const token of tokens) expect(text.slice(token.start, token.end).toLowerCase()).toBe(token.norm);
  });

  it('joins apostrophes inside words and drops them elsewhere', () => {
    expect(phraseWords("Hashimoto's thyroiditis")).toEqual(['hashimotos', 'thyroiditis']);
    expect(phraseWords("'quoted'")).toEqual(['quoted']);
  });

  it('skips characters outside the word and punctuation sets, astral ones included', () => {
    const text = 'fever 😷 ✓ cough';
    expect(tokenize(text).map((t) => [t.norm, text.slice(t.start, t.end)])).toEqual([
      ['fever', 'fever'],
      ['cough', 'cough'],
    ]);
  });

  it('tokenizes a slice with offsets relative to the whole text', () => {
    const text = 'HPI: cough. ASSESSMENT: asthma';
    const [token] = tokenize(text, 24);
    expect(token).toEqual({ norm: 'asthma', start: 24, end: 30, word: true });
  });
});

describe('splitSentences', () => {
  const pieces = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

  it('ends sentences at line breaks and at a full stop before a capital', () => {
    expect(pieces('1. Hypertension. Continue lisinopril.\n2. Asthma')).toEqual([
      '1. Hypertension.',
      'Continue lisinopril.',
      '2. Asthma',
    ]);
  });

  it('does not end a sentence at an abbreviation, a decimal or a list number', () => {
    expect(pieces('GERD vs. gastritis, BMI 32.5 noted')).toEqual(['GERD vs. gastritis, BMI 32.5 noted']);
    expect(pieces('1. Asthma')).toEqual(['1. Asthma']);
  });

  it('gives nothing for blank text', () => {
    expect(splitSentences('  \n \n')).toEqual([]);
  });
});

describe('PhraseTrie', () => {
  const trie = new PhraseTrie<string>(['the', 'right']);
  trie.add(['knee', 'pain'], 'knee pain');
  trie.add(['pain', 'in', 'knee'], 'pain in knee');
  trie.add(['pain'], 'pain');

  it('matches the longest phrase at a position', () => {
    expect(trie.matchAll(tokenize('knee pain')).map((m) => m.values)).toEqual([['knee pain']]);
  });

  it('steps over filler words inside a phrase but never starts or ends on one', () => {
    const matches = trie.matchAll(tokenize('pain in the right knee'));
    expect(matches.map((m) => [m.first, m.end, m.values[0]])).toEqual([[0, 5, 'pain in knee']]);
    expect(trie.matchAll(tokenize('the pain the')).map((m) => m.values[0])).toEqual(['pain']);
  });

  it('refuses an empty phrase', () => {
    expect(() => trie.add([], 'nothing')).toThrow('a phrase needs at least one word');
  });
});
