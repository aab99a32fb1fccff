/**
 * A voided claim gives its visit back. While a claim holds its visit's reservation no other claim for that visit can
 * be queued (advance-claim); once the claim is VOIDED nothing will ever bill it, so the visit must be free for the
 * claim that replaces it (a corrected document, a re-upload, a recode). Whoever voids a claim calls this after saving
 * the VOIDED version; the reconciler calls it too, for a void whose release a crash prevented.
 */
import type { Claim } from '#core/claims/claim';
import type { Clock } from '#core/kernel/clock';
import { visitKeyOf } from '#core/storage/visit-key';
import type { VisitReservations } from '#core/storage/visit-reservations';

export class ClaimNotVoidedError extends Error {
  constructor(
    readonly claimId: string,
    readonly status: string,
  ) {
    super(`claim ${claimId} is ${status}, not VOIDED: only a voided claim gives its visit back`);
    this.name = 'ClaimNotVoidedError';
  }
}

/**
 * Releases the visit `claim` holds, if it holds it. Returns true when this call freed the visit; false when the claim
 * held nothing (another claim holds the visit, it was released already, or the claim has no complete visit key).
 */
export async function releaseVisitOfVoidedClaim(
  claim: Claim,
  ports: { visits: VisitReservations; clock: Clock },
): Promise<boolean> {
  if (claim.status !== 'VOIDED') throw new ClaimNotVoidedError(claim.id, claim.status);
  const visitKey = visitKeyOf(claim);
  if (visitKey === undefined) return false;
  return ports.visits.release(visitKey, claim.id, ports.clock.now().toISOString());
}
