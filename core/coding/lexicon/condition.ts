/**
 * What a sentence must say for a case of a concept's resolution to apply, as data: words it contains (any of them),
 * a modifier read from the mention's clause (acute, chronic, exacerbation), the CKD stage, or a combination of
 * those (all of them, any of them, not). Compiled once into a predicate over the mention's modifiers.
 */
import { has, type Modifiers } from './concept.ts';

export type ConditionData =
  | { words: string[] }
  | { modifier: 'acute' | 'chronic' | 'exacerbation' }
  | { stage: string }
  | { all: ConditionData[] }
  | { any: ConditionData[] }
  | { not: ConditionData };

export type Condition = (modifiers: Modifiers) => boolean;

export function compileCondition(condition: ConditionData): Condition {
  if ('words' in condition) {
    const { words } = condition;
    return (modifiers) => words.some((w) => has(modifiers, w));
  }
  if ('modifier' in condition) {
    const { modifier } = condition;
    return (modifiers) => modifiers[modifier];
  }
  if ('stage' in condition) {
    const { stage } = condition;
    return (modifiers) => modifiers.stage === stage;
  }
  if ('all' in condition) {
    const all = condition.all.map(compileCondition);
    return (modifiers) => all.every((c) => c(modifiers));
  }
  if ('any' in condition) {
    const any = condition.any.map(compileCondition);
    return (modifiers) => any.some((c) => c(modifiers));
  }
  const inner = compileCondition(condition.not);
  return (modifiers) => !inner(modifiers);
}

/** Every word a condition reads (for the review page and the words the coder must keep around a mention). */
export function conditionWords(condition: ConditionData): string[] {
  if ('words' in condition) return condition.words;
  if ('all' in condition) return condition.all.flatMap(conditionWords);
  if ('any' in condition) return condition.any.flatMap(conditionWords);
  if ('not' in condition) return conditionWords(condition.not);
  return [];
}
