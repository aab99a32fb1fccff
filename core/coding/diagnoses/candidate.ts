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
  /** Written in a primary section (assessment, diagnoses) or as a structured code, rather than inferred. */
  primary: boolean;
}
