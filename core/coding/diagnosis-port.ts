/**
 * The contract with the diagnosis coder (`core/coding/diagnoses/index.ts`, owned by the diagnosis engineer):
 * `codeDiagnoses(encounter, { codeSets, date })` returns this. The procedure side depends only on this shape, so
 * `codeEncounterWith` can be driven by any function of it (tests give fixed diagnoses).
 */
import type { CodeSets } from '#core/codesets/index';
import type { Encounter, IsoDate } from '#core/documents/encounter';
import type { CodedDiagnosis, ReviewReason } from './coded-encounter.ts';

export type ExclusionReason = 'negated' | 'uncertain' | 'family' | 'historical' | 'hypothetical';

/** A mention in the note that was deliberately not coded, and why (offsets into `Encounter.noteText`). */
export interface ExcludedMention {
  text: string;
  start: number;
  end: number;
  why: ExclusionReason;
}

export interface DiagnosisCoding {
  /** Ordered, first-listed first. */
  diagnoses: CodedDiagnosis[];
  reviewReasons: ReviewReason[];
  excluded: ExcludedMention[];
}

export interface DiagnosisPorts {
  codeSets: CodeSets;
  date: IsoDate;
}

export type DiagnosisCoder = (encounter: Encounter, ports: DiagnosisPorts) => DiagnosisCoding;
