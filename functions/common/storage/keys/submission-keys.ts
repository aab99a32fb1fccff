/**
 * Submissions of a claim, one item per claim version sent: the submission side writes it with a conditional put
 * before it sends the 837P, so a repeated queue message for the same claim id and version is recognised and
 * dropped (see contracts for the message's dedupe key).
 */
import { claimPartition } from './claim-keys.ts';
import { versionKey } from './version-key.ts';

export const submissionKey = (claimId: string, version: number) => ({
  pk: claimPartition(claimId),
  sk: `SUBMISSION#${versionKey(version)}`,
});

/** The note that a claim version's submission message went to the dead-letter queue (beside its claim record). */
export const submissionDeadLetterKey = (claimId: string, version: number) => ({
  pk: claimPartition(claimId),
  sk: `DEADLETTER#SUBMISSION#${versionKey(version)}`,
});
