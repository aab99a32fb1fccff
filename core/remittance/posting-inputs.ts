/**
 * What posting needs to know about our side, expressed as ClaimFlow-neutral shapes so core/remittance does not
 * depend on how claims are stored. The handler loads the claims an 835 names (by CLP01) and the payment keys
 * already posted, then calls the pure planner with them.
 */

import type { ContractRateBook } from '#core/config/contract-rates';
import type { CalendarDate } from '#core/kernel/calendar-date';
import type { Clock } from '#core/kernel/clock';
import type { Cents } from '#core/kernel/money';

/** One of our claims as posting sees it (maps 1:1 from core/claims Claim). */
export interface ClaimForPosting {
  /** CLM01, echoed in CLP01. */
  id: string;
  /** Payer ids we know this claim's payer by (837 2010BB NM109); used to find its contract. */
  payerIds: string[];
  totalChargeCents: Cents;
  lines: LineForPosting[];
  /** Claim-level date of service (first line's date when lines have none). */
  serviceDate?: CalendarDate;
}

export interface LineForPosting {
  /** REF*6R line item control number we sent. */
  controlNumber: string;
  procedureCode: string;
  modifiers: string[];
  units: number;
  chargeCents: Cents;
  serviceDate?: CalendarDate;
}

export interface PostingContext {
  /** Our claim for a CLP01, or undefined when we do not know it (an unmatched-remittance work item). */
  findClaim(patientControlNumber: string): ClaimForPosting | undefined;
  /** Whether a payment key was already posted from an earlier file (the ledger's record of dedupe keys). */
  isPosted(paymentKey: string): boolean;
  /** Payer contract rates for underpayment detection; absent: no underpayment check. */
  contracts?: ContractRateBook;
  clock: Clock;
}
