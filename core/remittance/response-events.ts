/**
 * Responses about one claim as events: what a 999, a 277CA or an 835 said, with the key that makes a redelivered
 * response the same event. Built from the plans (see the `eventsFrom*` functions) and replayed by
 * replay-responses.ts in one deterministic order, whatever order they arrived in.
 */
import type { Owner } from '#core/denials/schema';
import type { Cents } from '#core/kernel/money';
import type { ClaimAcknowledgmentPlan } from './claim-acknowledgment-plan.ts';
import type { OutcomeClaimStatus, OutcomeKind } from './claim-outcome.ts';
import type { ImplementationAcknowledgmentPlan, SyntaxVerdict } from './implementation-acknowledgment-plan.ts';
import type { PostPlan } from './posting-plan.ts';

interface EventBase {
  /** Same response, same key: a duplicate delivery is one event. */
  key: string;
  claimId: string;
  /** The response's own date (YYYY-MM-DD or an ISO instant): the 999/277CA date, the 835 payment date (BPR16). */
  at: string;
  /**
   * When the sender produced the file (its GS04+GS05, `CCYYMMDDHHMM[SS]`): orders two responses of one day, such as
   * a payment and, in a later 835 of the same day, its reversal and re-adjudication.
   */
  producedAt?: string;
  /** Order within its file (CLP position for 835 claim payments), so a reversal precedes its re-adjudication. */
  sequence?: number;
  /** Submission attempt the response is about (1 for the first 837 of this claim). */
  round?: number;
}

export interface SyntaxAckEvent extends EventBase {
  type: 'syntax_ack';
  verdict: SyntaxVerdict;
  owner: Owner;
  category: string;
  reason: string;
}

export interface ClaimAckEvent extends EventBase {
  type: 'claim_ack';
  disposition: 'accepted' | 'rejected' | 'acknowledged';
  payerClaimNumber?: string;
  owner: Owner;
  category: string;
  reason: string;
}

export interface PaymentEvent extends EventBase {
  type: 'payment';
  payerClaimNumber?: string;
  claimStatus: OutcomeClaimStatus;
  outcome: OutcomeKind;
  owner: Owner;
  category: string;
  reason: string;
  paidCents: Cents;
  patientShareCents: Cents;
}

export interface ReversalEvent extends EventBase {
  type: 'reversal';
  /** CLP07 of the payment being reversed. */
  payerClaimNumber?: string;
  /** The take-back (negative). */
  paidCents: Cents;
  reason: string;
}

export type ResponseEvent = SyntaxAckEvent | ClaimAckEvent | PaymentEvent | ReversalEvent;

export function eventsFromImplementationAcknowledgment(
  plan: ImplementationAcknowledgmentPlan,
  at: string,
  round = 1,
): SyntaxAckEvent[] {
  return plan.decisions.map((decision) => ({
    type: 'syntax_ack',
    key: decision.eventKey,
    claimId: decision.claimId,
    at,
    round,
    verdict: decision.verdict,
    owner: decision.owner,
    category: decision.category,
    reason: decision.reason,
  }));
}

export function eventsFromClaimAcknowledgment(plan: ClaimAcknowledgmentPlan, at: string, round = 1): ClaimAckEvent[] {
  return plan.decisions.map((decision) => ({
    type: 'claim_ack',
    key: decision.eventKey,
    claimId: decision.claimId,
    at: decision.effectiveDate ?? at,
    round,
    disposition: decision.disposition,
    ...(decision.payerClaimNumber && decision.disposition === 'accepted'
      ? { payerClaimNumber: decision.payerClaimNumber }
      : {}),
    owner: decision.owner,
    category: decision.category,
    reason: decision.reason,
  }));
}

/** Claim payments of a post plan (duplicates and unmatched payments are not events for a claim). */
export function eventsFromPostPlan(plan: PostPlan, round = 1): (PaymentEvent | ReversalEvent)[] {
  const at = plan.remittance.paymentDate;
  return plan.claimPayments.flatMap((payment, sequence): (PaymentEvent | ReversalEvent)[] => {
    const base = {
      key: payment.paymentKey,
      claimId: payment.claimId,
      at,
      sequence,
      round,
      ...(payment.payerClaimControlNumber ? { payerClaimNumber: payment.payerClaimControlNumber } : {}),
    };
    if (payment.kind === 'reversal') {
      return [{ ...base, type: 'reversal', paidCents: payment.paidCents, reason: payment.outcome.reason }];
    }
    const claimStatus = payment.outcome.claimStatus;
    if (claimStatus === undefined) return [];
    return [
      {
        ...base,
        type: 'payment',
        claimStatus,
        outcome: payment.outcome.kind,
        owner: payment.outcome.owner,
        category: payment.outcome.category,
        reason: payment.outcome.reason,
        paidCents: payment.paidCents,
        patientShareCents: payment.patientShare.totalCents,
      },
    ];
  });
}
