/** NCCI practitioner edits as CMS publishes them: procedure-to-procedure (PTP) pairs and medically unlikely edits. */
import type { IsoDate } from '#core/documents/encounter';

/** 0 = the pair may never be billed together; 1 = allowed with an NCCI-associated modifier; 9 = edit not applicable. */
export type PtpModifierIndicator = '0' | '1' | '9';

export interface PtpEdit {
  /** Column 1 code (the comprehensive code, paid). */
  column1: string;
  /** Column 2 code (the component code, denied when billed with column 1 unless a modifier applies). */
  column2: string;
  /** CMS marks edits in existence before 1996 with '*'. */
  priorTo1996: boolean;
  effective: IsoDate;
  /** Absent while the edit is active ('*' in the file). The edit no longer applies on and after this date. */
  deletion?: IsoDate;
  modifierIndicator: PtpModifierIndicator;
  rationale: string;
}

/** MUE adjudication indicator: 1 line edit, 2 date of service edit (policy), 3 date of service edit (clinical). */
export type MueAdjudicationIndicator = '1' | '2' | '3';

export interface MueEdit {
  code: string;
  /** Maximum units of service for one beneficiary (per line for MAI 1, per date of service for MAI 2/3). */
  value: number;
  indicator: MueAdjudicationIndicator;
  /** The indicator's text as CMS writes it, e.g. "2 Date of Service Edit: Policy". */
  indicatorText: string;
  rationale: string;
}
