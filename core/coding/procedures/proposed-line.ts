/**
 * What each procedure rule proposes before the encounter-level passes (E/M decision, modifiers, NCCI, pointers,
 * charges) turn proposals into service lines. `context.ts` builds the shared view of the note the rules read.
 */
import type { IsoDate } from '#core/documents/encounter';
import type { Evidence } from '../coded-encounter.ts';
import type { Laterality } from './note-text.ts';

export type LineKind =
  | 'em'
  | 'preventive'
  | 'prolonged'
  | 'injection-admin'
  | 'drug'
  | 'vaccine'
  | 'vaccine-admin'
  | 'test'
  | 'minor-procedure'
  | 'psychotherapy'
  | 'counselling'
  | 'structured';

export interface ProposedLine {
  code: string;
  system: 'CPT' | 'HCPCS';
  units: number;
  modifiers: string[];
  kind: LineKind;
  confidence: number;
  evidence: Evidence[];
  /** Documented side, for RT/LT/50 on procedures where laterality applies. */
  laterality?: Laterality;
  /** ICD-10-CM prefixes most relevant to this service (`J02`, `R07.0`, `Z23`), best first, for pointers. */
  relevantDiagnoses?: string[];
  /** ICD-10-CM prefixes this line must not point to (a problem E/M beside a preventive visit: not Z00/Z01). */
  avoidDiagnoses?: string[];
  /** Diagnosis codes the structured source links to this line, in its order (pointers follow them first). */
  linkedDiagnoses?: string[];
  /** Where the note describes the service, for pointers to diagnoses written nearby. */
  anchor?: { start: number; end: number };
  serviceDate?: IsoDate;
  /** Charge the source document states for the line; the fee schedule is used when absent. */
  sourceChargeCents?: number;
}
