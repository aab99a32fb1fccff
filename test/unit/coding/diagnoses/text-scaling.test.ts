/**
 * Reading note text stays linear on hostile input (a 100,000-character dictated line of negations, openers and
 * risks). Measured by counted work, never by time: every read of a token is counted through a proxy, and four
 * times the input must cost about four times the reads, not sixteen (the context rules once compared every mention
 * with every trigger of its sentence: 2,000 items took 5.8 s).
 */
import { describe, expect, it } from 'vitest';
import { clinicalLexicon } from '#core/coding/lexicon/index';
import { clauseOfTokens, clauseSpans, clauseStarts } from '#core/coding/text/clauses';
import { findTriggers, indexTriggers, mentionContext, wordCounts } from '#core/coding/text/context';
import { type Token, tokenize } from '#core/coding/text/tokenize';

/** A sentence of `n` items, negations, openers and risks mixed, with no sentence end: one clause-heavy line. */
function hostileLine(n: number): string {
  const items = ['no fever', 'cough', 'which is stable', 'history of kidney stones', 'the risks include bleeding'];
  return Array.from({ length: n }, (_, i) => items[i % items.length]).join(', ');
}

/** The tokens behind a proxy that counts every indexed read. */
function countedTokens(tokens: Token[]): { tokens: Token[]; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(tokens, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
      return Reflect.get(target, key, receiver);
    },
  });
  return { tokens: proxy, reads: () => reads };
}

/** Token reads of clause splitting, trigger finding and the context of every concept mention of the line. */
function readsFor(n: number): number {
  const text = hostileLine(n);
  const counted = countedTokens(tokenize(text));
  const { tokens } = counted;
  const matches = clinicalLexicon().trie.matchAll(tokens);
  const covered = new Uint8Array(tokens.length);
  for (const match of matches) covered.fill(1, match.first, match.end);
  const starts = clauseStarts(tokens);
  clauseSpans(tokens, { start: 0, end: text.length }, starts);
  const clauseOf = clauseOfTokens(tokens.length, starts);
  const words = wordCounts(tokens);
  const indexes = starts.map((from, k) => {
    const to = k + 1 < starts.length ? starts[k + 1]! : tokens.length;
    return indexTriggers(tokens, findTriggers(tokens, from, to, covered.subarray(from, to)), words);
  });
  for (const match of matches) mentionContext(tokens, indexes[clauseOf[match.first]!]!, match.first, match.end);
  expect(matches.length).toBeGreaterThan(n / 2);
  return counted.reads();
}

describe('reading note text on hostile input', () => {
  it('splits clauses and finds each mention its context with work linear in the tokens', () => {
    expect(hostileLine(6_000).length).toBeGreaterThan(100_000);
    const small = readsFor(1_500);
    const large = readsFor(6_000);
    // Linear is 4x; quadratic would be 16x.
    expect(large / small).toBeLessThan(4.5);
  });
});
