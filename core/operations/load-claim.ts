/** Reading the claim an action is about, and refusing actions on claims that are mid-flight. */
import type { Claim } from '#core/claims/claim';
import type { ClaimStore } from '#core/storage/claim-store';
import { illegal, invalid, notFound } from './errors.ts';

const CLAIM_ID = /^[A-Za-z0-9-]{1,38}$/;

export async function loadClaim(claims: Pick<ClaimStore, 'get'>, claimId: unknown): Promise<Claim> {
  if (typeof claimId !== 'string' || !CLAIM_ID.test(claimId))
    throw invalid('a claim id is 1-38 letters, digits or hyphens (CLM01, as `claimflow claims` lists it)');
  const claim = await claims.get(claimId);
  if (!claim) throw notFound(claimId);
  return claim;
}

/**
 * A QUEUED claim's submission message names its version: any new version would make submit-claims drop the message
 * as stale, so nothing changes a claim while it is being submitted.
 */
export function refuseWhileQueued(claim: Claim, what: string): void {
  if (claim.status === 'QUEUED')
    throw illegal(
      `claim ${claim.id} is QUEUED: it is being sent to the clearinghouse right now, so it cannot be ${what}; try again once it is SUBMITTED`,
    );
}

/** The claim that replaced this one, in words, for refusals on claims that no longer stand. */
export function replacedText(claim: Claim): string {
  return claim.replacedBy ? ` (${claim.replacedBy.kind} by claim ${claim.replacedBy.claimId})` : '';
}
