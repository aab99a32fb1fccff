/** The scrubber's duplicate lookup over the claims' duplicate-key index. */
import type { Claim } from '#core/claims/claim';
import { DUPLICATE_STATUSES, type PriorClaimMatch, type PriorClaims } from '#core/scrubbing/prior-claims';
import { type DynamoDbClaimStore, duplicateKeyDigest } from './dynamodb-claim-store.ts';

export class DynamoDbPriorClaims implements PriorClaims {
  constructor(private readonly claims: DynamoDbClaimStore) {}

  async findDuplicates(claim: Claim): Promise<PriorClaimMatch[]> {
    const digest = duplicateKeyDigest(claim);
    if (!digest) return [];
    const candidates = await this.claims.findByDuplicateKey(digest);
    return candidates
      .filter((c) => c.id !== claim.id && DUPLICATE_STATUSES.includes(c.status))
      .map((c) => ({ claimId: c.id, status: c.status }));
  }
}
