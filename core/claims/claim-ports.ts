/** Queueing claims for submission; the SQS adapter lives in functions/common. Storage ports are in core/storage. */

/**
 * The submission message names a claim and the QUEUED version it was sent for; the pair is its identity. The same
 * pair may be sent twice (a crash between sending and recording that it was sent), so the submission side submits
 * only a claim still QUEUED at that version and records each (claim id, version) it submitted with a conditional
 * write before sending: a repeat is dropped, never billed twice.
 */
export interface ClaimQueuedMessage {
  claimId: string;
  version: number;
}

/** The deduplication identity of a submission message. */
export function submissionIdentity(message: ClaimQueuedMessage): string {
  return `${message.claimId}#${message.version}`;
}

export interface ClaimSubmissions {
  /** Sends the message for a claim saved QUEUED at `message.version`. */
  publish(message: ClaimQueuedMessage): Promise<void>;
}
