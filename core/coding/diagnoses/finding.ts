/**
 * A condition the documentation supports, before the tabular list confirms its code: the concept, what it is
 * (current, personal history, family history), the code choices by preference and the evidence behind it.
 */
import type { Evidence } from '#core/coding/coded-encounter';
import type { CodeChoice, ConceptDefinition, Modifiers } from '#core/coding/lexicon/index';

export type FindingStatus = 'current' | 'history' | 'family';

export interface Finding {
  concept: ConceptDefinition;
  status: FindingStatus;
  /** Codes by preference; the first choice whose codes are all billable on the date is assigned. */
  choices: CodeChoice[];
  modifiers: Modifiers;
  evidence: Evidence[];
  /** Offset of the first statement: assessment order is the default first-listed order. */
  position: number;
  confidence: number;
  /** Stated in the chief complaint too (or a symptom of it is): a first-listed candidate. */
  inChiefComplaint: boolean;
  /** Only ever secondary (Z79, Z68, Z87...). */
  secondaryOnly: boolean;
}
