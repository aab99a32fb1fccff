/** The scrubber's duplicate lookup answered by any claim store, through its claims-by-visit index. */
import type { Claim } from '#core/claims/claim';
import { DUPLICATE_STATUSES, type PriorClaimMatch, type PriorClaims } from '#core/scrubbing/prior-claims';
import type { ClaimStore } from './claim-store.ts';
import { visitKeyOf } from './visit-key.ts';

export function priorClaimsIn(store: Pick<ClaimStore, 'findByVisit'>): PriorClaims {
  return {
    async findDuplicates(claim: Claim): Promise<PriorClaimMatch[]> {
      const visitKey = visitKeyOf(claim);
      if (!visitKey) return [];
      const candidates = await store.findByVisit(visitKey);
      return candidates
        .filter((c) => c.id !== claim.id && DUPLICATE_STATUSES.includes(c.status))
        .map((c) => ({ claimId: c.id, status: c.status }));
    },
  };
}
