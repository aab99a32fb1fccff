/**
 * Claims and their events share a partition (CLAIM#<id>): the claim item holds the current version, one EVENT item
 * per version holds the history, so the history is one Query and never part of the claim item's 400 KB.
 */
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { versionKey } from './version-key.ts';

export const claimPartition = (claimId: string) => `CLAIM#${claimId}`;
export const claimKey = (claimId: string) => ({ pk: claimPartition(claimId), sk: 'CLAIM' });
export const CLAIM_EVENT_PREFIX = 'EVENT#';
export const claimEventKey = (claimId: string, version: number) => ({
  pk: claimPartition(claimId),
  sk: `${CLAIM_EVENT_PREFIX}${versionKey(version)}`,
});

export const claimStatusPartition = (status: ClaimStatus) => `CLAIMSTATUS#${status}`;
export const workQueuePartition = (practiceId: string, owner: string) => `WORK#${practiceId}#${owner}`;

/** Index attributes of a claim item: by status (oldest change first) and, when someone must act, its work queue. */
export function claimIndexKeys(claim: Claim): Record<string, string> {
  const changed = `${claim.lastEvent.at}#${claim.id}`;
  return {
    gsi1pk: claimStatusPartition(claim.status),
    gsi1sk: changed,
    // Sparse: a claim nobody has to act on is in no work queue.
    ...(claim.owner === 'NONE'
      ? {}
      : { gsi2pk: workQueuePartition(claim.practiceId, claim.owner), gsi2sk: `${claim.status}#${changed}` }),
  };
}
