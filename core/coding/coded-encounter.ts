/** The coder's output: the Encounter plus codes, each with its evidence, the rule that produced it and a confidence. */

import type { Encounter, IsoDate, MissingInformation } from '#core/documents/encounter';
import type { Cents } from '#core/kernel/money';

export interface Evidence {
  /** `text` for a span of the note, `field` for a structured element of the source. */
  kind: 'text' | 'field';
  /** For `text`: offsets into `Encounter.noteText` (UTF-16 code units) and the quoted span. */
  start?: number;
  end?: number;
  quote?: string;
  /** For `field`: the structured path, e.g. `Condition[2].code.coding[0]`. */
  path?: string;
  /** Stable id of the coding rule that produced the code, e.g. `dx.text.concept-match`, `em.time`. */
  rule: string;
}

export interface CodedDiagnosis {
  code: string;
  description?: string;
  confidence: number;
  evidence: Evidence[];
  /** Code set release used, e.g. `icd10cm-2025`. */
  codeSetVersion: string;
}

export interface ServiceLine {
  code: string;
  system: 'CPT' | 'HCPCS';
  modifiers: string[];
  units: number;
  chargeCents: Cents;
  /** 1-based pointers into `diagnoses`, at most 4, first is primary for the line. */
  diagnosisPointers: number[];
  serviceDate?: IsoDate;
  confidence: number;
  evidence: Evidence[];
  codeSetVersion: string;
  /** NDC for drug lines, when documented. */
  ndc?: string;
}

export type ReviewReasonCategory =
  | 'low_confidence_coding'
  | 'missing_information'
  | 'conflicting_documentation'
  | 'unsupported_code'
  | 'scrub_error';

export interface ReviewReason {
  category: ReviewReasonCategory;
  message: string;
  field?: string;
}

export interface CodedEncounter {
  encounter: Encounter;
  /** ICD-10-CM, first-listed first, at most 12 go on a claim. */
  diagnoses: CodedDiagnosis[];
  lines: ServiceLine[];
  missing: MissingInformation[];
  review: { required: boolean; reasons: ReviewReason[] };
}
