/**
 * Our clinical lexicon: concepts a clinician writes in an assessment (with their abbreviations and common
 * phrasings), each with the ICD-10-CM codes it leads to. The lexicon only PROPOSES codes: the tabular list of the
 * release in effect confirms them (billable on the date), and the encounter-wide rules combine them.
 */

export type ConceptKind = 'disease' | 'symptom' | 'factor';

export type Laterality = 'right' | 'left' | 'bilateral';

/** What the sentence around a mention says about specificity. */
export interface Modifiers {
  laterality?: Laterality;
  acute: boolean;
  chronic: boolean;
  exacerbation: boolean;
  /** CKD stage as written, normalized: `1`..`5`, `3a`, `3b`. */
  stage?: string;
  /** 7th character for the episode of care: A initial (active treatment), D subsequent, S sequela. */
  episode: 'A' | 'D' | 'S';
  /** The sentence's normalized words joined by single spaces, padded with a space at both ends. */
  text: string;
}

/** One way to code a mention: every code in `codes` is assigned together (e.g. both knees). */
export interface CodeChoice {
  codes: string[];
  /** Less specific than the documentation (a fallback when the release lacks the specific code): review. */
  lessSpecific?: boolean;
  /** The documentation is ambiguous for this concept: the message goes to review. */
  ambiguity?: string;
}

export interface ConceptDefinition {
  id: string;
  kind: ConceptKind;
  /** Words as a clinician writes them; matched case-insensitively, hyphens as spaces. */
  phrases: readonly string[];
  /** Codes by preference: the first choice whose codes are all billable on the date wins. */
  resolve: string | ((modifiers: Modifiers) => CodeChoice[]);
  /** A chronic condition: "history of" with current treatment in the sentence is the current condition. */
  chronic?: boolean;
  /** Personal history Z code for a resolved condition (Z85-Z87). */
  historyCode?: string;
  /**
   * What "status post", "history of" or "prior" makes of it when that depends on the sentence (the side of an
   * amputation): a status Z code. Takes precedence over `historyCode`.
   */
  historyResolve?: (modifiers: Modifiers) => CodeChoice[];
  /** Family history Z code (Z80-Z84). */
  familyCode?: string;
  /** Symptom concepts integral to this condition, not coded beside it. */
  integral?: readonly string[];
  /** Conditions (of any kind) its code includes as manifestations: not coded beside it. */
  manifestations?: readonly string[];
  /** Only ever a secondary code (Z79, Z68, ...): never first-listed. */
  secondaryOnly?: boolean;
  /** An encounter for a service (vaccine, screening): coded only when the sentence does not put it in the future. */
  service?: boolean;
  /** Qualifier words the Index gives its codes although their titles do not say them ("acute" mucopurulent). */
  accounts?: readonly string[];
}

/** A choice list from a laterality table; `bilateral` may be two codes when the classification has no bilateral one. */
export function byLaterality(
  modifiers: Modifiers,
  table: { right: string; left: string; bilateral: string | readonly string[]; unspecified: string },
): CodeChoice[] {
  switch (modifiers.laterality) {
    case 'right':
      return [{ codes: [table.right] }];
    case 'left':
      return [{ codes: [table.left] }];
    case 'bilateral':
      return [{ codes: typeof table.bilateral === 'string' ? [table.bilateral] : [...table.bilateral] }];
    default:
      return [{ codes: [table.unspecified] }];
  }
}

export function has(modifiers: Modifiers, words: string): boolean {
  return modifiers.text.includes(` ${words} `);
}

/**
 * The code with its 7th character for the episode of care, padded with placeholder X to six characters first:
 * `S16.1` + A is `S16.1XXA`, `S93.401` + D is `S93.401D`.
 */
export function withEpisode(base: string, episode: Modifiers['episode']): string {
  const [category = '', rest = ''] = base.split('.');
  return `${category}.${rest.padEnd(3, 'X')}${episode}`;
}
