/**
 * Multi-word phrase lookup over tokens: a trie keyed by normalized words, built once when a lexicon loads, matched
 * longest-first at each position. Filler words (`the`, `right`, ...) may be skipped inside a phrase so that
 * `pain in the right knee` still matches the entry `pain in knee`; the skip never starts or ends a match.
 */
import type { Token } from './tokenize.ts';

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  values?: T[];
}

export interface PhraseMatch<T> {
  /** Token indexes, end exclusive. */
  first: number;
  end: number;
  values: readonly T[];
}

/** Filler words one phrase may step over at most (PhraseGate, tokenize.ts, steps over as many). */
export const MAX_SKIPS = 3;

export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map() };
  private readonly skippable: ReadonlySet<string>;

  constructor(skippable: Iterable<string> = []) {
    this.skippable = new Set(skippable);
  }

  add(words: readonly string[], value: T): void {
    if (words.length === 0) throw new Error('PhraseTrie.add: a phrase needs at least one word');
    let node = this.root;
    for (const word of words) {
      let child = node.children.get(word);
      if (!child) {
        child = { children: new Map() };
        node.children.set(word, child);
      }
      node = child;
    }
    if (node.values) node.values.push(value);
    else node.values = [value];
  }

  /** The longest phrase starting at token `first`, or undefined. */
  matchAt(tokens: readonly Token[], first: number, limit = tokens.length): PhraseMatch<T> | undefined {
    let node = this.root.children.get(tokens[first]!.norm);
    if (!node) return undefined;
    let best: PhraseMatch<T> | undefined = node.values ? { first, end: first + 1, values: node.values } : undefined;
    let skips = 0;
    for (let i = first + 1; i < limit; i++) {
      const norm = tokens[i]!.norm;
      const child: TrieNode<T> | undefined = node.children.get(norm);
      if (child) {
        node = child;
        if (node.values) best = { first, end: i + 1, values: node.values };
        continue;
      }
      if (this.skippable.has(norm) && skips < MAX_SKIPS) {
        skips += 1;
        continue;
      }
      break;
    }
    return best;
  }

  /** Longest, non-overlapping matches left to right over `tokens[from, to)`. */
  matchAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    let i = from;
    while (i < to) {
      const match = this.matchAt(tokens, i, to);
      if (match) {
        matches.push(match);
        i = match.end;
      } else i += 1;
    }
    return matches;
  }
}
