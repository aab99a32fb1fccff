/**
 * Reading note text stays linear on hostile input (a 100,000-character dictated line, thousands of headings and
 * list items). The text units are measured by counted work: every read of a token is counted through a proxy, and
 * four times the input must cost about four times the reads, not sixteen. The whole reader is measured by a
 * generous growth ratio of CPU time, never by a wall-clock threshold.
 */
import { describe, expect, it } from 'vitest';
import { readNote } from '#core/coding/diagnoses/read-text';
import { clinicalLexicon } from '#core/coding/lexicon/index';
import { clauseOfTokens, clauseSpans, clauseStarts } from '#core/coding/text/clauses';
import { findTriggers, indexTriggers, mentionContext, wordCounts } from '#core/coding/text/context';
import { type Token, tokenize } from '#core/coding/text/tokenize';
import { parseClinicalNote } from '#core/documents/note/parse-note';

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

function cpuSecondsOf(work: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 5; round++) {
    const started = process.cpuUsage();
    work();
    const used = process.cpuUsage(started);
    best = Math.min(best, (used.user + used.system) / 1e6);
  }
  return best;
}

describe('reading note text on hostile input', () => {
  it('splits clauses and finds each mention its context with work linear in the tokens', () => {
    const small = readsFor(1_500);
    const large = readsFor(6_000);
    // Linear is 4x; quadratic would be 16x.
    expect(large / small).toBeLessThan(4.5);
  });

  it('reads a 100,000-character dictated line and a note of thousands of headings in linear time', () => {
    const lexicon = clinicalLexicon();
    const line = (n: number) => () => readNote(hostileLine(n), [], lexicon);
    // Warm-up on both sizes first (the lexicon compile and the JIT), then the best of five rounds each. Linear is
    // 4x, quadratic 16x; the margin absorbs garbage collection and a CPU shared with other work.
    line(6_000)();
    line(1_500)();
    expect(hostileLine(6_000).length).toBeGreaterThan(100_000);
    expect(cpuSecondsOf(line(6_000)) / cpuSecondsOf(line(1_500))).toBeLessThan(10);

    const headings = (n: number) =>
      Array.from(
        { length: n },
        (_, i) => `${['ASSESSMENT', 'PLAN', 'HPI', 'A/P'][i % 4]}:\n${(i % 9) + 1}. Hypertension, which is stable.`,
      ).join('\n');
    const parsedAndRead = (n: number) => {
      const text = headings(n);
      return () => {
        const parsed = parseClinicalNote(text, { key: 'headings.txt' });
        if (!parsed.ok) throw new Error(parsed.message);
        readNote(text, parsed.encounters[0]!.sections ?? [], lexicon);
      };
    };
    parsedAndRead(2_400)();
    parsedAndRead(600)();
    expect(cpuSecondsOf(parsedAndRead(2_400)) / cpuSecondsOf(parsedAndRead(600))).toBeLessThan(10);
  }, 120_000);
});
