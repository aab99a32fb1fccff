/**
 * Claims and their events share a partition (CLAIM#<id>): the claim item holds the current version, one EVENT item
 * per version holds the history, so the history is one Query and never part of the claim item's 400 KB.
 */
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { firstServiceDate, statusSinceOf } from '#core/claims/service-dates';
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
/** QUEUED claims whose submission message is not yet recorded as sent: the system's own work (byWorkQueue). */
export const UNSENT_PARTITION = 'OUTBOX#QUEUED';
export const claimServiceDatePartition = (status: ClaimStatus) => `CLAIMDOS#${status}`;

/**
 * Index attributes of a claim item: by status (longest in it first); in byWorkQueue, its work queue when someone must
 * act, or the outbox while its QUEUED message is unsent (a QUEUED claim is nobody's work but the system's); and by
 * status and first date of service (deadlines such as timely filing count from it).
 */
export function claimIndexKeys(claim: Claim): Record<string, string> {
  const changed = `${claim.lastEvent.at}#${claim.id}`;
  const served = firstServiceDate(claim);
  return {
    gsi1pk: claimStatusPartition(claim.status),
    // By the time it entered the status: a note or an edit does not make a claim new in its status.
    gsi1sk: `${statusSinceOf(claim)}#${claim.id}`,
    // Sparse: a claim nobody has to act on is in no work queue.
    ...(claim.status === 'QUEUED'
      ? claim.queuedMessageSentAt === undefined
        ? { gsi2pk: UNSENT_PARTITION, gsi2sk: changed }
        : {}
      : claim.owner === 'NONE'
        ? {}
        : { gsi2pk: workQueuePartition(claim.practiceId, claim.owner), gsi2sk: `${claim.status}#${changed}` }),
    ...(served ? { gsi3pk: claimServiceDatePartition(claim.status), gsi3sk: `${served}#${claim.id}` } : {}),
  };
}
