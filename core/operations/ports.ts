/**
 * What the operator use cases need, as ports: the same stores and submission outbox the pipeline uses, a clock, and
 * the edit library bound to the practice's configuration. The CLI on the twin and the operations API in AWS build
 * these from their own adapters; inputs and results are plain JSON.
 */
import type { ClaimSubmissions } from '#core/claims/claim-ports';
import type { Clock } from '#core/kernel/clock';
import type { ClaimStore } from '#core/storage/claim-store';
import type { VisitReservations } from '#core/storage/visit-reservations';
import type { SubmissionArchive } from '#core/submission/submission-archive';
import type { ClaimRescrubber } from './rescrub.ts';

export interface OperationsPorts {
  claims: ClaimStore;
  visits: VisitReservations;
  /** The outbox intake queues claims through: an approved claim is published exactly as intake publishes it. */
  submissions: ClaimSubmissions;
  clock: Clock;
  /** The edit library intake scrubs with, run again on a stored claim. */
  rescrub: ClaimRescrubber;
  /** The archive of the 837P interchanges sent (for `claims show`); without it the view names the archive key. */
  archive?: Pick<SubmissionArchive, 'get'>;
  /** Acknowledgments and payments posted to a claim, once response processing records them. */
  responses?: ClaimResponsesReader;
}

/** An acknowledgment (999 or 277CA) as `claims show` lists it. */
export interface AcknowledgmentView {
  at: string;
  kind: '999' | '277CA';
  disposition: string;
  reason: string;
  payerClaimNumber?: string;
}

/** A payment (835 claim payment) as `claims show` lists it; amounts in cents. */
export interface PaymentView {
  at: string;
  payerClaimNumber?: string;
  status: string;
  chargeCents: number;
  paidCents: number;
  patientResponsibilityCents: number;
  /** Claim-level adjustments, and line adjustments with their 1-based line. */
  adjustments: { group: string; reason: string; amountCents: number; line?: number; description?: string }[];
  remarks: string[];
}

export interface ClaimResponsesReader {
  forClaim(claimId: string): Promise<{ acknowledgments: AcknowledgmentView[]; payments: PaymentView[] }>;
}

/** Who acted: an operator's name or principal, recorded on every change it makes. */
export type Actor = string;

const ACTOR = /^[\w.@:/+-][\w.@:/+ -]{0,127}$/;

export function checkActor(actor: unknown): Actor {
  if (typeof actor !== 'string' || !ACTOR.test(actor))
    throw new TypeError(
      'the actor must be 1-128 letters, digits, spaces or . @ : / + - _ (who is acting, e.g. "coder:ana" or an IAM principal)',
    );
  return actor;
}
