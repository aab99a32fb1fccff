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
  let i = from;
  while (i < to) {
    if (covered[i - from]) {
      i += 1;
      continue;
    }
    const match = trie.matchAt(tokens, i, to);
    if (!match) {
      i += 1;
      continue;
    }
    let end = match.end;
    for (let k = i; k < match.end; k++)
      if (covered[k - from]) {
        end = k;
        break;
      }
    if (end === match.end) for (const definition of match.values) hits.push({ definition, first: i, end: match.end });
    i = Math.max(end, i + 1);
  }
  return hits;
}

function wordsBetween(tokens: readonly Token[], from: number, to: number): number {
  let words = 0;
  for (let k = from; k < to; k++) if (tokens[k]!.word) words += 1;
  return words;
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

function terminatedBetween(triggers: readonly TriggerHit[], from: number, to: number): boolean {
  return triggers.some((t) => t.definition.kind === 'terminate' && t.first >= from && t.end <= to);
}

function blockedByPseudo(triggers: readonly TriggerHit[], hit: TriggerHit): boolean {
  return triggers.some((t) => t.definition.kind === 'pseudo' && t.first <= hit.first && t.end >= hit.end && t !== hit);
}

/** The context of the mention spanning tokens `[first, end)`, given the sentence's triggers. */
export function mentionContext(
  tokens: readonly Token[],
  triggers: readonly TriggerHit[],
  first: number,
  end: number,
): MentionContext {
  const categories = new Map<ContextCategory, TriggerHit>();
  for (const hit of triggers) {
    const { kind, direction } = hit.definition;
    if (kind === 'pseudo' || kind === 'terminate' || blockedByPseudo(triggers, hit)) continue;
    const before = hit.end <= first;
    const after = hit.first >= end;
    let applies = false;
    // A two-way trigger reaches forward like a pre trigger and back like a post trigger.
    if (before && (direction === 'pre' || direction === 'both'))
      applies =
        wordsBetween(tokens, hit.end, first) <= (hit.definition.window ?? PRE_WINDOW) &&
        !terminatedBetween(triggers, hit.end, first);
    else if (after && (direction === 'post' || direction === 'both'))
      applies =
        onlyBridgeBetween(tokens, end, hit.first, hit.definition.bridge) &&
        !terminatedBetween(triggers, end, hit.first);
    if (applies && !categories.has(kind)) categories.set(kind, hit);
  }
  const decisive = PRIORITY.find((category) => categories.has(category));
  return { categories, ...(decisive ? { decisive } : {}) };
}
