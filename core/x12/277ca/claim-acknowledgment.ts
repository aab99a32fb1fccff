/**
 * The typed 277CA health care claim acknowledgment (005010X214): information source (HL 20) -> information
 * receiver (21) -> billing provider (19) -> patient (PT), with the claim-level statuses the payer or clearinghouse
 * assigned. The patient level's TRN02 echoes our CLM01.
 */
import type { Cents } from '#core/kernel/money';
import type { AmountValue, DateValue, EntityName, QuantityValue, Reference } from '../fields.ts';
import type { X12Issue } from '../x12-error.ts';
import { CLAIM_STATUS_CATEGORIES, type ClaimStatusCategory, type OUTCOME_PRECEDENCE } from './status-categories.ts';

export interface ClaimAcknowledgment {
  controlNumber: string;
  implementationGuide: string | undefined;
  /** BHT: hierarchical structure 0085, purpose 08, reference id, date, time, type TH. */
  beginning: {
    structure: string;
    purpose: string;
    referenceId: string;
    date: string;
    time?: string;
    type?: string;
    position: number;
  };
  sources: InformationSource[];
  /** Every patient-level claim in file order (also reachable through the hierarchy). */
  claims: ClaimStatus[];
  /**
   * TR3 content problems found while reading (any mode): a status category outside code list 507 (STC_CATEGORY),
   * a level whose required STC is missing (STC_MISSING).
   */
  issues: X12Issue[];
}

/** What every hierarchical level carries. */
export interface HierarchyLevel {
  /** HL01. */
  id: string;
  /** HL02. */
  parentId?: string;
  position: number;
  name?: EntityName;
  /** TRN02 at this level (batch or claim trace). */
  traceNumber?: string;
  statuses: StatusInfo[];
  references: Reference[];
  dates: DateValue[];
  quantities: QuantityValue[];
  amounts: AmountValue[];
}

export interface InformationSource extends HierarchyLevel {
  receivers: InformationReceiver[];
}

export interface InformationReceiver extends HierarchyLevel {
  providers: BillingProvider[];
}

export interface BillingProvider extends HierarchyLevel {
  patients: ClaimStatus[];
}

/**
 * What the claim's statuses mean together, the most serious first: rejected, retry_later (E1/E2), information_requested
 * (R*, P3/P4), finalized (F*), accepted (A2/A5, DR02/DR08), pending (P*), received (A0/A1, DR01), unknown (no status, or
 * only categories outside the code list).
 */
export type ClaimOutcome = (typeof OUTCOME_PRECEDENCE)[number];

export interface ClaimStatus extends HierarchyLevel {
  /** TRN02 at the patient level: our CLM01 patient control number. */
  patientControlNumber: string;
  /** REF*1K payer claim control number, once the payer accepted the claim. */
  payerClaimNumber?: string;
  /** REF*D9 clearinghouse trace number. */
  clearinghouseTraceNumber?: string;
  /** The most serious outcome among the categories of the claim's statuses and its lines' statuses. */
  outcome: ClaimOutcome;
  lines: ServiceLineStatus[];
}

export interface ServiceLineStatus {
  position: number;
  /** SVC01 composite as sent: qualifier, code, modifiers. */
  procedure: { qualifier: string; code: string; modifiers: string[] };
  chargeAmount: Cents;
  statuses: StatusInfo[];
  references: Reference[];
  dates: DateValue[];
}

/** One status from STC01 (or the additional STC10/STC11). */
export interface StatusCode {
  /** Health care claim status category code as sent (A1 received, A2 accepted, A3/A6/A7/A8 rejected...). */
  category: string;
  /** The category's family, outcome and meaning (code list 507), or `known: false` for a code outside the list. */
  categoryInfo: ClaimStatusCategory;
  /** Health care claim status code (e.g. 20 accepted for processing, 562 entity's NPI). */
  status: string;
  /** Entity identifier the status is about (e.g. 85 billing provider). */
  entity?: string;
  /** Code list qualifier (NCPDP reject codes). */
  codeListQualifier?: string;
}

export interface StatusInfo {
  position: number;
  codes: StatusCode[];
  /** STC02 status information effective date. */
  date?: string;
  /** STC03 action code (WQ accept, U reject). */
  actionCode?: string;
  /** STC04 total claim charge. */
  chargeAmount?: Cents;
  /** STC12 free-form message. */
  message?: string;
  /** Whether any of its categories rejects the claim (A3, A4, A6-A8, DR03-DR07, D0, E0, E3, E4, F5). */
  rejected: boolean;
}

/** STC categories that mean the claim was not accepted and must be corrected and resubmitted. */
export const REJECTION_CATEGORIES: ReadonlySet<string> = new Set(
  Object.entries(CLAIM_STATUS_CATEGORIES)
    .filter(([, definition]) => definition.outcome === 'rejected')
    .map(([code]) => code),
);
