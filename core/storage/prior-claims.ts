/** The scrubber's duplicate lookup answered by any claim store, through its claims-by-visit index. */
import type { Claim } from '#core/claims/claim';
import {
  billsAsDuplicate,
  DUPLICATE_STATUSES,
  type PriorClaimMatch,
  type PriorClaims,
} from '#core/scrubbing/prior-claims';
import type { ClaimStore } from './claim-store.ts';
import { visitKeyOf } from './visit-key.ts';

export function priorClaimsIn(store: Pick<ClaimStore, 'findByVisit' | 'get'>): PriorClaims {
  return {
    async findDuplicates(claim: Claim): Promise<PriorClaimMatch[]> {
      const visitKey = visitKeyOf(claim);
      if (!visitKey) return [];
      const candidates = await store.findByVisit(visitKey);
      const matches: PriorClaimMatch[] = [];
      for (const candidate of candidates) {
        if (candidate.id === claim.id || !DUPLICATE_STATUSES.includes(candidate.status)) continue;
        // The index holds ids and statuses; whether the match is a void claim (which bills nothing) is on the claim.
        // Read only for a match in a duplicate status, which is rare.
        const stored = await store.get(candidate.id);
        if (stored && billsAsDuplicate(stored)) matches.push({ claimId: stored.id, status: stored.status });
      }
      return matches;
    },
  };
}
