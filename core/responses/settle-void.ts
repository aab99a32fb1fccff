/**
 * A void (frequency 8, REF*F8 naming the payer's claim number) asks the payer to take back what it paid on the
 * original. Payers answer a void with a 277CA acknowledging it and, in a later 835, a reversal (CLP02 22) of the
 * original's payment; they send no payment of the void claim itself. So:
 *
 * - on the original, that reversal is what the void asked for: it is recorded "as void claim X asked" and retires the
 *   original (CORRECTED: the void stands in its place), with no conflict for a biller;
 * - the void claim is settled by it: ACCEPTED → CLOSED ("void accepted: payer reversed claim Y's payment of $X"),
 *   whichever arrives first, the void's 277CA or the original's reversal. Until both are on file it stays as it is;
 *   a void the payer accepts and never acts on is raised once for a biller by follow-up (core/followup,
 *   `follow_up_void_not_acknowledged`), not chased as a claim waiting for its payment.
 *
 * Once closed, the void no longer holds the visit: a later upload of it is a new original claim (frequency 1), which
 * takes the visit's identities and reservation over from the void (core/pipeline/replace-earlier-claim.ts).
 */
import type { Claim } from '#core/claims/claim';
import { canTransition, transition } from '#core/claims/state-machine';
import type { Clock } from '#core/kernel/clock';
import { money } from '#core/remittance/claim-payment-posting';
import { replayResponses } from '#core/remittance/replay-responses';
import type { ClaimResponseEvents } from '#core/storage/claim-response-events';
import type { ClaimStore } from '#core/storage/claim-store';

/** A claim a replacement or a void retired, or a void retires once the payer reverses it. */
export function reversalAsked(claim: Claim): boolean {
  const kind = claim.replacedBy?.kind;
  if (claim.status === 'CORRECTED') return kind === 'replacement' || kind === 'void';
  // A paid, closed or accepted original keeps its status after its void is sent (core/operations/void-claim):
  // the payer's reversal is what retires it.
  return kind === 'void' && canTransition(claim.status, 'CORRECTED');
}

/** The frequency-8 claim sent to void another, with the claim it voids. */
export function isVoidClaim(claim: Claim): claim is Claim & { replaces: { claimId: string; kind: 'void' } } {
  return claim.frequency === '8' && claim.replaces?.kind === 'void';
}

/**
 * A void the payer settled (CLOSED: it accepted the void and reversed the original): nothing of the visit stands at the
 * payer any more, so the visit is free for a new original claim (core/pipeline/replace-earlier-claim.ts). A void
 * still on its way or waiting for the payer (QUEUED, SUBMITTED, ACCEPTED) keeps the visit.
 */
export function isSettledVoid(claim: Claim): claim is Claim & { replaces: { claimId: string; kind: 'void' } } {
  return isVoidClaim(claim) && claim.status === 'CLOSED';
}

export interface SettleVoidPorts {
  claims: Pick<ClaimStore, 'get' | 'save'>;
  events: Pick<ClaimResponseEvents, 'list'>;
  clock: Clock;
}

/**
 * Closes the void claim `voidClaimId` once the payer accepted it and reversed the original's payment. Idempotent: a
 * void claim not ACCEPTED (closed already, still SUBMITTED, rejected) or whose original is not reversed is left as
 * it is. A lost race surfaces as the store's VersionConflictError, for the caller's retry.
 */
export async function closeAcceptedVoid(
  voidClaimId: string,
  ports: SettleVoidPorts,
  actor: string,
): Promise<Claim | undefined> {
  const claim = await ports.claims.get(voidClaimId);
  if (!claim || !isVoidClaim(claim) || claim.status !== 'ACCEPTED') return undefined;
  const originalId = claim.replaces.claimId;
  const replay = replayResponses({ claimId: originalId, status: 'SUBMITTED' }, await ports.events.list(originalId));
  // The payment the void names (REF*F8): an earlier reversal and re-adjudication of the original does not count.
  const named = claim.originalClaimNumber;
  const reversed = replay.payments.filter(
    (p) => p.reversedBy !== undefined && (named === undefined || p.payerClaimNumber === named),
  );
  if (reversed.length === 0) return undefined;
  const cents = reversed.reduce((sum, p) => sum + p.paidCents, 0);
  const closed = transition(claim, {
    to: 'CLOSED',
    at: ports.clock.now().toISOString(),
    actor,
    reason: `void accepted: payer reversed claim ${originalId}'s payment of ${money(cents)}`,
    reasonCategory: 'void_accepted',
  });
  await ports.claims.save(closed);
  return closed;
}
