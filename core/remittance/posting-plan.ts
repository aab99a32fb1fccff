/**
 * The posting plan for one 835 transaction: a pure decision, computed before anything is written, so an 835 is
 * either posted whole or not at all.
 * - It does not balance (line, claim or transaction level, checked by core/x12, never forced), or the same payment
 *   key appears twice in it: quarantine, with every reason, and nothing to post.
 * - Otherwise every claim payment is planned: posted to its claim, reported as a duplicate (its key was posted from
 *   an earlier file), or an unmatched-remittance work item when the claim is not ours. PLB items go to the provider
 *   ledger. The plan's money adds up to BPR02 exactly (see `totals`).
 * Writing the plan is the handler's job: each claim payment and ledger entry carries its key, so a conditional write
 * per key makes a retried or redelivered plan complete the rest without posting anything twice.
 */
import { denialMapping } from '#core/denials/mapping';
import { type CalendarDate, fromCompactDate } from '#core/kernel/calendar-date';
import type { Cents } from '#core/kernel/money';
import type { Imbalance } from '#core/x12/835/balance';
import type { Remittance } from '#core/x12/835/remittance';
import { buildClaimPaymentPosting, type ClaimPaymentPosting, money } from './claim-payment-posting.ts';
import { payerIdsOf, payerKeyOf, paymentKeyOf } from './payment-key.ts';
import type { PostingContext } from './posting-inputs.ts';
import { type ProviderLedgerEntry, providerLedgerEntries } from './provider-ledger.ts';

export interface RemittanceSummary {
  /** ST02 of the 835. */
  controlNumber: string;
  payerKey: string;
  payerName: string;
  /** TRN02: the check or EFT trace number the deposit carries. */
  traceNumber: string;
  /** BPR04: ACH, CHK, BOP, FWT, NON. */
  paymentMethod: string;
  /** BPR16. */
  paymentDate: CalendarDate | string;
  /** BPR02 signed by BPR03 (a debit is negative). */
  totalPaidCents: Cents;
  claimPaymentCount: number;
}

export type QuarantineReasonCode = 'IMBALANCE' | 'DUPLICATE_PAYMENT_IN_FILE';

export interface QuarantineReason {
  code: QuarantineReasonCode;
  message: string;
  imbalance?: Imbalance;
}

export interface QuarantinePlan {
  decision: 'quarantine';
  remittance: RemittanceSummary;
  reasons: QuarantineReason[];
  /** The work item that brings a person to it. */
  workItem: WorkItem;
  plannedAt: string;
}

export interface WorkItem {
  category: 'quarantined_remittance' | 'unmatched_remittance';
  owner: 'BILLER';
  reason: string;
}

export interface UnmatchedClaimPayment {
  paymentKey: string;
  /** CLP01 as the payer sent it. */
  patientControlNumber: string;
  payerClaimControlNumber?: string;
  claimStatusCode: string;
  chargeCents: Cents;
  paidCents: Cents;
  workItem: WorkItem;
}

export interface DuplicateClaimPayment {
  paymentKey: string;
  claimId: string;
  paidCents: Cents;
}

export interface PostPlan {
  decision: 'post';
  remittance: RemittanceSummary;
  claimPayments: ClaimPaymentPosting[];
  duplicates: DuplicateClaimPayment[];
  unmatched: UnmatchedClaimPayment[];
  providerLedger: ProviderLedgerEntry[];
  totals: PostingTotals;
  mappingVersion: string;
  plannedAt: string;
}

/** postedToClaims + unmatched + alreadyPosted + providerLedgerEffect = deposit (BPR02), always. */
export interface PostingTotals {
  postedToClaimsCents: Cents;
  unmatchedCents: Cents;
  alreadyPostedCents: Cents;
  providerLedgerEffectCents: Cents;
  depositCents: Cents;
}

export type PostingPlan = QuarantinePlan | PostPlan;

export function planRemittancePosting(remittance: Remittance, context: PostingContext): PostingPlan {
  const plannedAt = context.clock.now().toISOString();
  const payerKey = payerKeyOf(remittance);
  const traceNumber = remittance.trace.number;
  const summary: RemittanceSummary = {
    controlNumber: remittance.controlNumber,
    payerKey,
    payerName: remittance.payer.name,
    traceNumber,
    paymentMethod: remittance.payment.method,
    paymentDate: fromCompactDate(remittance.payment.date) ?? remittance.payment.date,
    totalPaidCents:
      remittance.payment.creditDebit === 'D' ? -remittance.payment.totalPaid : remittance.payment.totalPaid,
    claimPaymentCount: remittance.claims.length,
  };

  const reasons: QuarantineReason[] = remittance.balance.imbalances.map((imbalance) => ({
    code: 'IMBALANCE',
    message: imbalance.message,
    imbalance,
  }));
  const keys = remittance.claims.map((claim) => paymentKeyOf(payerKey, traceNumber, claim));
  const seen = new Map<string, number>();
  keys.forEach((key, index) => {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    const claim = remittance.claims[index]!;
    reasons.push({
      code: 'DUPLICATE_PAYMENT_IN_FILE',
      message:
        `claim ${claim.patientControlNumber} (payer claim ${claim.payerClaimControlNumber ?? 'none'}) is paid twice in this 835 ` +
        `(segments ${remittance.claims[first]!.position} and ${claim.position}): one payment or two cannot be told apart`,
    });
  });
  if (reasons.length > 0) {
    return {
      decision: 'quarantine',
      remittance: summary,
      reasons,
      workItem: {
        category: 'quarantined_remittance',
        owner: 'BILLER',
        reason:
          `835 ${traceNumber} from ${remittance.payer.name} (${money(summary.totalPaidCents)}) was not posted: ` +
          `${reasons.length} problem${reasons.length === 1 ? '' : 's'}, first: ${reasons[0]!.message}`,
      },
      plannedAt,
    };
  }

  const payerIds = payerIdsOf(remittance);
  const claimPayments: ClaimPaymentPosting[] = [];
  const duplicates: DuplicateClaimPayment[] = [];
  const unmatched: UnmatchedClaimPayment[] = [];
  remittance.claims.forEach((payment, index) => {
    const paymentKey = keys[index]!;
    if (context.isPosted(paymentKey)) {
      duplicates.push({ paymentKey, claimId: payment.patientControlNumber, paidCents: payment.paidAmount });
      return;
    }
    const claim = context.findClaim(payment.patientControlNumber);
    if (!claim) {
      unmatched.push({
        paymentKey,
        patientControlNumber: payment.patientControlNumber,
        ...(payment.payerClaimControlNumber ? { payerClaimControlNumber: payment.payerClaimControlNumber } : {}),
        claimStatusCode: payment.status,
        chargeCents: payment.chargeAmount,
        paidCents: payment.paidAmount,
        workItem: {
          category: 'unmatched_remittance',
          owner: 'BILLER',
          reason:
            `Payment of ${money(payment.paidAmount)} on 835 ${traceNumber} names claim ${payment.patientControlNumber}, ` +
            'which ClaimFlow does not know: find the claim (typo, claim sent outside ClaimFlow) and post it by hand, or return the money.',
        },
      });
      return;
    }
    const contractPayerIds = [...new Set([...payerIds, ...claim.payerIds])];
    claimPayments.push(buildClaimPaymentPosting(payment, claim, paymentKey, contractPayerIds, context.contracts));
  });
  const providerLedger = providerLedgerEntries(`${payerKey}|${traceNumber}`, remittance.providerAdjustments);
  const totals: PostingTotals = {
    postedToClaimsCents: sum(claimPayments.map((p) => p.paidCents)),
    unmatchedCents: sum(unmatched.map((u) => u.paidCents)),
    alreadyPostedCents: sum(duplicates.map((d) => d.paidCents)),
    providerLedgerEffectCents: sum(providerLedger.map((entry) => entry.depositEffectCents)),
    depositCents: remittance.payment.totalPaid,
  };
  return {
    decision: 'post',
    remittance: summary,
    claimPayments,
    duplicates,
    unmatched,
    providerLedger,
    totals,
    mappingVersion: denialMapping().version,
    plannedAt,
  };
}

function sum(values: readonly Cents[]): Cents {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
