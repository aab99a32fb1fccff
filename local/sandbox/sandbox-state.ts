/**
 * The sandbox's persisted state: what it received (submissions and their receipts, keyed by idempotency key), what
 * the payer decided, what it owes (scheduled acknowledgments, payments waiting for the next payment cycle,
 * provider-level adjustments) and what it sent (response files and their webhook deliveries). Plain JSON so it
 * can be saved whole after every change.
 */
import type { ResponseKind, SubmissionReceipt } from '#core/clearinghouse/clearinghouse';
import type { ClaimPaymentInput, ProviderAdjustmentInput } from '#core/x12/835/build-835';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import type { AdjudicationOutcome, BenefitLedger, FollowUp } from './adjudicate.ts';

export const STATE_VERSION = 1;

/** Who sent a batch: where its responses are addressed (ISA06/GS02 of the 837 and its 1000A submitter). */
export interface SubmitterAddress {
  qualifier: string;
  id: string;
  applicationCode: string;
  name: string;
  etin: string;
}

export interface SubmissionRecord {
  id: string;
  idempotencyKey: string;
  /** SHA-256 of the body: a reused key with another body is refused. */
  bodyHash: string;
  receivedAt: string;
  receipt: SubmissionReceipt;
  submitter: SubmitterAddress;
  /** BHT03 of the 837's (first) transaction: echoed as the 277CA's batch reference. */
  batchReference: string;
  /** The 999 inputs, one per functional group, built when the 999 task runs. */
  groups: { functionalId: string; controlNumber: string; version: string; transactions: unknown[] }[];
  /** Requests with the same key and body answered from this receipt afterwards. */
  replays?: number;
}

export type ClaimStage = 'accepted' | 'rejected-by-payer' | 'adjudicated' | 'paid' | 'reversed' | 'replaced';

export interface PayerClaimRecord {
  /** submission id + "/" + CLM01. */
  key: string;
  submissionId: string;
  claimId: string;
  payerId: string;
  stage: ClaimStage;
  claim: Claim837P;
  receivedAt: string;
  payerClaimNumber?: string;
  outcome?: AdjudicationOutcome;
  rejection?: string;
  /** The latest payment sent (or waiting for the cycle) for this claim: what a reversal negates. */
  payment?: ClaimPaymentInput;
  followUp?: FollowUp;
}

export type TaskKind = 'acknowledge-999' | 'acknowledge-277ca';

export interface ScheduledTask {
  seq: number;
  dueAt: number;
  kind: TaskKind;
  submissionId: string;
}

/** A claim payment (or reversal) waiting for the payer's next payment cycle. */
export interface PendingPayment {
  seq: number;
  payerId: string;
  payeeNpi: string;
  submitterId: string;
  claimKey: string;
  kind: 'payment' | 'reversal' | 'correction';
  payment: ClaimPaymentInput;
  /** Cycles to wait first (follow-ups happen the cycle after the original payment). */
  notBeforeCycle: number;
}

export interface PendingProviderAdjustment {
  seq: number;
  payerId: string;
  payeeNpi: string;
  submitterId: string;
  item: ProviderAdjustmentInput['items'][number];
  notBeforeCycle: number;
}

export interface ResponseFileRecord {
  id: string;
  kind: ResponseKind;
  availableAt: string;
  submissionId?: string;
  submitterId: string;
  sizeBytes: number;
  /** Mailbox order. */
  seq: number;
  /** For 835s: the money it moves (BPR02) and its trace, shown by `sandbox status`. */
  totalPaidCents?: number;
  traceNumber?: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface DeliveryRecord {
  seq: number;
  fileId: string;
  /** webhook-id: the same for every attempt and for chaos duplicates, so receivers can dedupe. */
  webhookId: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  deliveredAt?: string;
  /** True for the extra copy chaos sends. */
  duplicate: boolean;
}

export interface SandboxState {
  version: typeof STATE_VERSION;
  seed: number;
  randomState: number;
  counters: {
    interchange: number;
    group: number;
    transaction: number;
    submission: number;
    file: number;
    icn: number;
    trace: number;
    seq: number;
    paymentCycle: number;
  };
  idempotency: Record<string, string>;
  submissions: Record<string, SubmissionRecord>;
  claims: Record<string, PayerClaimRecord>;
  /** Claim keys by payer claim number, for replacement claims and reversals. */
  claimsByIcn: Record<string, string>;
  ledger: BenefitLedger;
  tasks: ScheduledTask[];
  pendingPayments: PendingPayment[];
  pendingProviderAdjustments: PendingProviderAdjustment[];
  /** Money the payer still has to recover per payer|payee|submitter (carried by PLB FB between 835s). */
  forwardBalances: Record<string, number>;
  nextPaymentCycleAt?: number;
  submitters: Record<string, SubmitterAddress>;
  files: ResponseFileRecord[];
  deliveries: DeliveryRecord[];
}

export function initialState(seed: number): SandboxState {
  return {
    version: STATE_VERSION,
    seed,
    randomState: seed >>> 0,
    counters: {
      interchange: 1,
      group: 1,
      transaction: 1,
      submission: 1,
      file: 1,
      icn: 1,
      trace: 1,
      seq: 1,
      paymentCycle: 0,
    },
    idempotency: {},
    submissions: {},
    claims: {},
    claimsByIcn: {},
    ledger: { deductibleMet: {}, paidServices: {} },
    tasks: [],
    pendingPayments: [],
    pendingProviderAdjustments: [],
    forwardBalances: {},
    submitters: {},
    files: [],
    deliveries: [],
  };
}
