/**
 * A scrub result, as the claim records it (core/scrubbing produces them). `error` blocks submission, `warning` does
 * not, `repaired` records a deterministic non-clinical fix.
 */
export type FindingSeverity = 'error' | 'warning' | 'repaired';

export type FindingOwner = 'CODER' | 'BILLER';

export interface Finding {
  /** Stable, documented rule id, e.g. `CODE-BILLABLE`, `NCCI-PTP`, `NPI-CHECK-DIGIT`. */
  id: string;
  severity: FindingSeverity;
  /** A sentence a biller understands. */
  message: string;
  /** The claim field or line concerned, e.g. `billingProvider.npi`, `lines[2].modifiers`. */
  field: string;
  suggestedFix?: string;
  /** Where the edit comes from: guideline, CMS table, payer rule (with version). */
  source: string;
  owner: FindingOwner;
}
