/**
 * The remittance ledger: what was posted from 835s, so a deposit can be reconciled with what was posted.
 * - A payment record per 835 transaction (one check or EFT): payer, trace number (TRN02), method, date, amount and
 *   how the amount divides (posted to claims, unmatched, already posted, provider ledger).
 * - A claim payment record per CLP loop, keyed by its payment key (payer | TRN02 | CLP01 | CLP07 [| reversal]): the
 *   amounts, adjustments and lines as posted. Written with a condition on the key: it is the commit point of posting
 *   one claim payment, so the same payment in two files (webhook and mailbox, a payer's resend) is posted once.
 *   An unmatched payment (CLP01 names no claim of ours) is kept the same way, without a claim id: money is never
 *   dropped.
 * Queryable by claim and by check. Ids, codes and amounts only: no patient names or member ids.
 * Implementations: core/storage/memory and functions/common/storage; both pass
 * test/unit/storage/conformance/remittance-stores.ts.
 */
import type { Cents } from '#core/kernel/money';
import type { Page, PageRequest } from './page.ts';

export interface RemittancePaymentRecord {
  payerKey: string;
  payerName: string;
  /** TRN02: the check or EFT trace number on the deposit. */
  traceNumber: string;
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  paymentMethod: string;
  /** BPR16 (YYYY-MM-DD). */
  paymentDate: string;
  /** BPR02 signed by BPR03. */
  totalPaidCents: Cents;
  /** ST02 of the 835. */
  controlNumber: string;
  claimPaymentCount: number;
  postedToClaimsCents: Cents;
  unmatchedCents: Cents;
  alreadyPostedCents: Cents;
  providerLedgerEffectCents: Cents;
  /** The response file (SHA-256 of its X12) this record was first written from. */
  fileId: string;
  recordedAt: string;
}

export interface LedgerAdjustment {
  group: string;
  reason: string;
  amountCents: Cents;
  quantity?: number;
  /** Line number (1-based) for a line adjustment; absent at claim level. */
  line?: number;
}

export interface LedgerLine {
  /** Our REF*6R when the service payment was matched to one of our lines. */
  controlNumber?: string;
  procedureCode: string;
  modifiers: string[];
  chargeCents: Cents;
  paidCents: Cents;
  allowedCents?: Cents;
  units?: number;
  serviceDate?: string;
  remarkCodes: string[];
}

export interface ClaimPaymentRecord {
  /** payer | TRN02 | CLP01 | CLP07 [| reversal]. */
  paymentKey: string;
  payerKey: string;
  traceNumber: string;
  paymentDate: string;
  /** Our claim; absent for an unmatched payment. */
  claimId?: string;
  /** CLP01 as the payer sent it. */
  patientControlNumber: string;
  /** CLP07. */
  payerClaimNumber?: string;
  /** CLP02. */
  claimStatusCode: string;
  kind: 'payment' | 'reversal' | 'unmatched';
  /** The outcome posting decided (paid_in_full, denied, ...); absent for unmatched. */
  outcome?: string;
  /** The claim status the payment implies (PAID, DENIED, ...), when it implies one. */
  claimStatus?: string;
  chargeCents: Cents;
  paidCents: Cents;
  allowedCents?: Cents;
  patientShare: {
    totalCents: Cents;
    deductibleCents: Cents;
    coinsuranceCents: Cents;
    copayCents: Cents;
    otherCents: Cents;
  };
  adjustments: LedgerAdjustment[];
  remarkCodes: string[];
  lines: LedgerLine[];
  fileId: string;
  postedAt: string;
}

export type PostOutcome = { posted: true } | { posted: false; held: ClaimPaymentRecord };

export interface RemittanceLedger {
  /** Records the payment (check/EFT) unless one for its payer and trace exists; returns the stored one either way. */
  recordPayment(record: RemittancePaymentRecord): Promise<{ created: boolean; record: RemittancePaymentRecord }>;
  getPayment(payerKey: string, traceNumber: string): Promise<RemittancePaymentRecord | undefined>;
  /**
   * Posts a claim payment unless its payment key is posted (the commit point); when it is, returns the record held.
   * The by-claim copy is derived and written idempotently after it, so calling again after a crash completes it.
   */
  postClaimPayment(record: ClaimPaymentRecord): Promise<PostOutcome>;
  getClaimPayment(payerKey: string, traceNumber: string, paymentKey: string): Promise<ClaimPaymentRecord | undefined>;
  /** Claim payments (and reversals) posted to one claim, in payment key order. */
  claimPaymentsForClaim(claimId: string, page?: PageRequest): Promise<Page<ClaimPaymentRecord>>;
  /** Every claim payment of one check/EFT (matched or not), in payment key order: what the deposit is made of. */
  claimPaymentsForCheck(payerKey: string, traceNumber: string, page?: PageRequest): Promise<Page<ClaimPaymentRecord>>;
}
