/**
 * The one place claim statuses change. Every transition is checked against the table below; an illegal transition
 * is an error, never a silent overwrite. Each transition also says who owns the next action and why.
 */
import type { Claim, ClaimStatus, NextActionOwner } from './claim.ts';

/** Where each status may go next. Terminal statuses (CORRECTED, VOIDED) go nowhere. */
export const CLAIM_TRANSITIONS: Readonly<Record<ClaimStatus, readonly ClaimStatus[]>> = {
  CODED: ['NEEDS_REVIEW', 'READY', 'VOIDED'],
  NEEDS_REVIEW: ['CODED', 'READY', 'VOIDED'],
  READY: ['QUEUED', 'NEEDS_REVIEW', 'VOIDED'],
  QUEUED: ['SUBMITTED', 'NEEDS_REVIEW'],
  SUBMITTED: ['ACCEPTED', 'REJECTED'],
  // A 277CA may reject a claim the 999 accepted; an 835 settles an accepted claim. A void claim (frequency 8) is
  // never paid by an 835 of its own: it CLOSES once the payer reverses the claim it voids (core/responses/settle-void).
  ACCEPTED: ['PAID', 'PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY', 'REJECTED', 'CLOSED'],
  REJECTED: ['NEEDS_REVIEW', 'CORRECTED', 'VOIDED'],
  // A paid claim found wrong later (a coding error, an overpayment to refund) is corrected by a replacement claim
  // (frequency 7): the payer reverses the original and re-adjudicates the replacement.
  PAID: ['CLOSED', 'REVERSED', 'PAID_INCORRECTLY', 'CORRECTED'],
  // Payers settle a claim again without reversing it first: an appeal paid in full, the difference of an
  // underpayment, a denial overturned (a later 835 with a new payment on the same claim).
  PARTIALLY_PAID: ['CLOSED', 'REVERSED', 'CORRECTED', 'NEEDS_REVIEW', 'PAID', 'PAID_INCORRECTLY'],
  DENIED: ['NEEDS_REVIEW', 'CORRECTED', 'CLOSED', 'REVERSED', 'PAID', 'PARTIALLY_PAID', 'PAID_INCORRECTLY'],
  PAID_INCORRECTLY: ['CORRECTED', 'REVERSED', 'CLOSED', 'NEEDS_REVIEW', 'PAID'],
  // A reversal (CLP02 22) is followed by the re-adjudication, which may end in any outcome.
  REVERSED: ['CORRECTED', 'CLOSED', 'NEEDS_REVIEW', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY'],
  CLOSED: ['REVERSED', 'CORRECTED'],
  CORRECTED: [],
  VOIDED: [],
};

/** Who acts next in each status, unless a transition says otherwise. */
const DEFAULT_OWNER: Readonly<Record<ClaimStatus, NextActionOwner>> = {
  CODED: 'NONE',
  NEEDS_REVIEW: 'CODER',
  READY: 'NONE',
  QUEUED: 'NONE',
  SUBMITTED: 'PAYER',
  ACCEPTED: 'PAYER',
  REJECTED: 'BILLER',
  PAID: 'NONE',
  PARTIALLY_PAID: 'PATIENT',
  DENIED: 'BILLER',
  PAID_INCORRECTLY: 'BILLER',
  REVERSED: 'BILLER',
  CLOSED: 'NONE',
  CORRECTED: 'NONE',
  VOIDED: 'NONE',
};

export class IllegalClaimTransitionError extends Error {
  constructor(
    readonly claimId: string,
    readonly from: ClaimStatus,
    readonly to: ClaimStatus,
  ) {
    const allowed = CLAIM_TRANSITIONS[from];
    super(
      `claim ${claimId} cannot go from ${from} to ${to}; from ${from} it may go to ${allowed.length ? allowed.join(', ') : 'nothing (terminal)'}`,
    );
    this.name = 'IllegalClaimTransitionError';
  }
}

export interface TransitionRequest {
  to: ClaimStatus;
  at: string;
  actor: string;
  reason?: string;
  owner?: NextActionOwner;
  /** Why a person must act, e.g. `low_confidence_coding`, `scrub_error`, `denied_bundling`. */
  reasonCategory?: string;
}

export function canTransition(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

/** Returns the claim after the transition (a new object, version + 1, the transition as its last event). */
export function transition(claim: Claim, request: TransitionRequest): Claim {
  if (!canTransition(claim.status, request.to))
    throw new IllegalClaimTransitionError(claim.id, claim.status, request.to);
  const owner = request.owner ?? DEFAULT_OWNER[request.to];
  // The sent marker belongs to the QUEUED version only; a later version starts without it.
  const { reasonCategory: _previous, queuedMessageSentAt: _sent, ...rest } = claim;
  const version = claim.version + 1;
  return {
    ...rest,
    status: request.to,
    owner,
    ...(request.reasonCategory ? { reasonCategory: request.reasonCategory } : {}),
    version,
    statusSince: request.at,
    lastEvent: {
      version,
      at: request.at,
      from: claim.status,
      to: request.to,
      actor: request.actor,
      ...(request.reason ? { reason: request.reason } : {}),
    },
  };
}

export interface AnnotationRequest {
  at: string;
  actor: string;
  reason: string;
  /** A new owner of the next action (e.g. BILLER when a response contradicts the claim's life). */
  owner?: NextActionOwner;
  reasonCategory?: string;
}

/**
 * A history entry without a status change (a 999 accepting the claim's set, a 277CA that only acknowledges receipt,
 * an acceptance that arrives after the payment, a response that contradicts the claim's life): a new version whose
 * event goes from the status to itself, so the claim's history shows every response it received.
 */
export function annotate(claim: Claim, request: AnnotationRequest): Claim {
  const { queuedMessageSentAt: _sent, ...rest } = claim;
  const version = claim.version + 1;
  return {
    ...rest,
    ...(request.owner ? { owner: request.owner } : {}),
    ...(request.reasonCategory ? { reasonCategory: request.reasonCategory } : {}),
    version,
    lastEvent: {
      version,
      at: request.at,
      from: claim.status,
      to: claim.status,
      actor: request.actor,
      reason: request.reason,
    },
  };
}
