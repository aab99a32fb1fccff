/**
 * Guideline logic the lexicon's data refers to by name: it is code, not vocabulary.
 *
 * - The side of a laterality table (right, left, both, or not written), where "both" is two codes when the
 *   classification has no bilateral one.
 * - `episode-of-care`: the 7th character of an injury code for the episode of care (ICD-10-CM Official Guidelines
 *   I.C.19.a: A initial encounter while under active treatment, D subsequent, S sequela), with placeholder X to six
 *   characters first (guideline I.A.5).
 */
import { byLaterality, type CodeChoice, type Modifiers, withEpisode } from './concept.ts';

export interface LateralityTable {
  right: string;
  left: string;
  bilateral: string | readonly string[];
  unspecified: string;
}

export function lateralityChoices(modifiers: Modifiers, table: LateralityTable): CodeChoice[] {
  return byLaterality(modifiers, table);
}

export const EPISODES: readonly Modifiers['episode'][] = ['A', 'D', 'S'];

export const SEVENTH_CHARACTER_RULES = {
  'episode-of-care': (code: string, episode: Modifiers['episode']) => withEpisode(code, episode),
} as const;

export type SeventhCharacterRule = keyof typeof SEVENTH_CHARACTER_RULES;
