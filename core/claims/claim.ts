/**
 * The claim: what is billed, where it stands, and its full history. Built from a CodedEncounter; serialized to the
 * 837P by core/x12; moved between states only through the state machine in core/claims.
 */
import type { CodedDiagnosis, ServiceLine } from '#core/coding/coded-encounter';
import type { DocumentRef, Patient, PayerRef, ProviderRef, Subscriber } from '#core/documents/encounter';
import type { Cents } from '#core/kernel/money';
import type { Finding } from '#core/scrubbing/finding';

export const CLAIM_STATUSES = [
  'CODED',
  'NEEDS_REVIEW',
  'READY',
  'QUEUED',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PAID',
  'PARTIALLY_PAID',
  'DENIED',
  'PAID_INCORRECTLY',
  'CLOSED',
  'REVERSED',
  'CORRECTED',
  'VOIDED',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type NextActionOwner = 'CODER' | 'BILLER' | 'PAYER' | 'PATIENT' | 'NONE';

/** 1 original, 7 replacement of a prior claim, 8 void of a prior claim (CLM05-3). */
export type ClaimFrequency = '1' | '7' | '8';

export interface ClaimHistoryEntry {
  at: string;
  from?: ClaimStatus;
  to: ClaimStatus;
  reason?: string;
  actor: string;
}

export interface Claim {
  /** Patient control number, also CLM01: at most 20 characters (X12 element length). */
  id: string;
  encounter: DocumentRef;
  frequency: ClaimFrequency;
  /** Payer's claim control number of the claim being replaced or voided (REF*F8), for frequency 7 and 8. */
  originalClaimNumber?: string;
  status: ClaimStatus;
  owner: NextActionOwner;
  reasonCategory?: string;
  patient: Patient;
  subscriber: Subscriber;
  payer: PayerRef;
  billingProvider: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  placeOfService: string;
  priorAuthorization?: string;
  diagnoses: CodedDiagnosis[];
  /** Each line carries a line item control number (REF*6R) so the 835 can pay line by line. */
  lines: (ServiceLine & { controlNumber: string })[];
  totalChargeCents: Cents;
  findings: Finding[];
  version: number;
  history: ClaimHistoryEntry[];
}
