/**
 * The context of a concept mention inside its sentence (ConText, Harkema et al. 2009, our own implementation): is
 * it negated, uncertain, historical, about a family member, or hypothetical? Triggers are found longest-first with
 * a phrase trie compiled once; a `pre` trigger reaches forward up to PRE_WINDOW words, a `post` trigger looks back
 * only over punctuation (or its bridge words), a `both` trigger does either, and a terminating word ends the scope.
 */
import { CONTEXT_TRIGGERS, type ContextCategory, type TriggerDefinition } from './context-triggers.ts';
import { PhraseTrie } from './phrase-trie.ts';
import { phraseWords, type Token } from './tokenize.ts';

export type { ContextCategory } from './context-triggers.ts';

const PRE_WINDOW = 10;

/** When several apply, the first here is reported: a relative's disease is never the patient's, whatever else. */
const PRIORITY: readonly ContextCategory[] = ['family', 'hypothetical', 'negated', 'uncertain', 'historical'];

export interface TriggerHit {
  definition: TriggerDefinition;
  /** Token indexes, end exclusive. */
  first: number;
  end: number;
}

export interface MentionContext {
  /** Every category that applies, with the trigger that made it apply. */
  categories: Map<ContextCategory, TriggerHit>;
  /** The category that decides whether the mention is coded (see PRIORITY), undefined when none applies. */
  decisive?: ContextCategory;
}

let compiled: PhraseTrie<TriggerDefinition> | undefined;

function triggerTrie(): PhraseTrie<TriggerDefinition> {
  if (!compiled) {
    const trie = new PhraseTrie<TriggerDefinition>();
    for (const definition of CONTEXT_TRIGGERS) trie.add(phraseWords(definition.phrase), definition);
    compiled = trie;
  }
  return compiled;
}

/**
 * Triggers in `tokens[from, to)`, skipping tokens that belong to concept mentions (`covered[i]` true): a trigger word
 * inside a concept name (`without` in `diabetes without complications`) is part of the name, not a trigger.
 */
export function findTriggers(tokens: readonly Token[], from: number, to: number, covered: Uint8Array): TriggerHit[] {
  const trie = triggerTrie();
  const hits: TriggerHit[] = [];
  // A trigger ends before the next token a concept covers: "no history of" before the concept "history of smoking"
  // is the trigger "no" (the longest trigger running into the concept is not a trigger, and hid the shorter one).
  const uncoveredUntil = new Int32Array(to - from + 1);
  uncoveredUntil[to - from] = to;
  for (let k = to - 1; k >= from; k--) uncoveredUntil[k - from] = covered[k - from] ? k : uncoveredUntil[k - from + 1]!;
  let i = from;
  while (i < to) {
    if (covered[i - from]) {
      i += 1;
      continue;
    }
    const match = trie.matchAt(tokens, i, uncoveredUntil[i - from]!);
    if (!match) {
      i += 1;
      continue;
    }
    for (const definition of match.values) hits.push({ definition, first: i, end: match.end });
    i = Math.max(match.end, i + 1);
  }
  return hits;
}

function onlyBridgeBetween(
  tokens: readonly Token[],
  from: number,
  to: number,
  bridge: ReadonlySet<string> | undefined,
): boolean {
  for (let k = from; k < to; k++) {
    const token = tokens[k]!;
    if (token.word && !bridge?.has(token.norm)) return false;
  }
  return true;
}

/** The widest reach of any pre trigger, in words. */
const MAX_WINDOW = Math.max(PRE_WINDOW, ...CONTEXT_TRIGGERS.map((definition) => definition.window ?? 0));
/** A post trigger reaches back over at most this many (bridge) words: "influenza a and b test negative". */
const MAX_BRIDGE_WORDS = 6;

/**
 * A sentence's (or clause's) triggers made ready for many mentions: the count of words before each token, so the
 * words between two points cost nothing to count, and the triggers' positions for a binary search. Triggers from
 * findTriggers never overlap (same-span triggers aside), so the nearest ones are the only ones that can apply:
 * every mention costs the triggers within reach of it, never all of them (linear on a hostile 100,000-character
 * line).
 */
export interface TriggerIndex {
  tokens: readonly Token[];
  hits: readonly TriggerHit[];
  /** words[i]: word tokens before token i (length tokens.length + 1). */
  words: Uint32Array;
}

export function indexTriggers(
  tokens: readonly Token[],
  hits: readonly TriggerHit[],
  words?: Uint32Array,
): TriggerIndex {
  return { tokens, hits, words: words ?? wordCounts(tokens) };
}

/** For each token index, the number of word tokens before it. */
export function wordCounts(tokens: readonly Token[]): Uint32Array {
  const words = new Uint32Array(tokens.length + 1);
  for (let i = 0; i < tokens.length; i++) words[i + 1] = words[i]! + (tokens[i]!.word ? 1 : 0);
  return words;
}

/** Index of the first hit whose `key` is at least `value` (hits are in token order). */
function firstAtLeast(hits: readonly TriggerHit[], value: number, key: 'first' | 'end'): number {
  let low = 0;
  let high = hits.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (hits[mid]![key] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** A pseudo trigger on the same words hides the others ("no change" is not a negation). */
function hiddenByPseudo(hits: readonly TriggerHit[], at: number): boolean {
  const hit = hits[at]!;
  for (let k = at - 1; k >= 0 && hits[k]!.first === hit.first; k--)
    if (hits[k]!.definition.kind === 'pseudo' && hits[k]!.end === hit.end) return true;
  for (let k = at + 1; k < hits.length && hits[k]!.first === hit.first; k++)
    if (hits[k]!.definition.kind === 'pseudo' && hits[k]!.end === hit.end) return true;
  return false;
}

/** The context of the mention spanning tokens `[first, end)`, given the sentence's (or clause's) triggers. */
export function mentionContext(
  tokens: readonly Token[],
  triggers: readonly TriggerHit[] | TriggerIndex,
  first: number,
  end: number,
): MentionContext {
  const index = 'hits' in triggers ? triggers : indexTriggers(tokens, triggers);
  const { hits, words } = index;
  const applicable: TriggerHit[] = [];
  // Before the mention, nearest first: a terminator ends the reach of every trigger before it.
  let terminatorAt = -1;
  for (let k = firstAtLeast(hits, first + 1, 'end') - 1; k >= 0; k--) {
    const hit = hits[k]!;
    if (terminatorAt >= 0 && hit.end <= terminatorAt) break;
    if (words[first]! - words[hit.end]! > MAX_WINDOW) break;
    const { kind, direction } = hit.definition;
    if (kind === 'terminate') {
      terminatorAt = hit.first;
      continue;
    }
    if (kind === 'pseudo' || hiddenByPseudo(hits, k) || direction === 'post') continue;
    if (words[first]! - words[hit.end]! <= (hit.definition.window ?? PRE_WINDOW)) applicable.unshift(hit);
  }
  // After the mention, nearest first: only punctuation (or the trigger's bridge words) may lie between.
  terminatorAt = -1;
  for (let k = firstAtLeast(hits, end, 'first'); k < hits.length; k++) {
    const hit = hits[k]!;
    if (terminatorAt >= 0 && hit.first >= terminatorAt) break;
    if (words[hit.first]! - words[end]! > MAX_BRIDGE_WORDS) break;
    const { kind, direction } = hit.definition;
    if (kind === 'terminate') {
      terminatorAt = hit.end;
      continue;
    }
    if (kind === 'pseudo' || hiddenByPseudo(hits, k) || direction === 'pre') continue;
    if (onlyBridgeBetween(tokens, end, hit.first, hit.definition.bridge)) applicable.push(hit);
  }
  const categories = new Map<ContextCategory, TriggerHit>();
  for (const hit of applicable) {
    const kind = hit.definition.kind as ContextCategory;
    if (!categories.has(kind)) categories.set(kind, hit);
  }
  const decisive = PRIORITY.find((category) => categories.has(category));
  return { categories, ...(decisive ? { decisive } : {}) };
}
