/**
 * A diagnosis on its way to the claim: proposed by a rule (structured code, lexicon concept, index term, Comprehend
 * Medical), confirmed against the tabular list, then filtered and ordered by the encounter-wide rules.
 */
import type { Evidence } from '#core/coding/coded-encounter';

export interface DiagnosisCandidate {
  /** Undotted ICD-10-CM code, confirmed billable on the date of service. */
  code: string;
  title: string;
  release: string;
  confidence: number;
  evidence: Evidence[];
  /** Lexicon concept the code came from, when it came from text; the encounter-wide rules reason on concepts. */
  concept?: string;
  /** Position of the statement in the document (note offset or structured index): ties in first-listed order. */
  position: number;
  /** May be first-listed: false for codes that are only ever secondary (Z79, Z68, N18 after E11.22, history). */
  primary: boolean;
  /** The chief complaint names it (or a symptom of it): the first-listed candidate. */
  answersChiefComplaint?: boolean;
}
