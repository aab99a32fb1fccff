/**
 * When a submission message that must be retried comes back: exponential backoff on its delivery count, so a short
 * clearinghouse outage delays claims by seconds to minutes instead of a whole visibility timeout, and a long one
 * spreads the retries out instead of hammering a service that is down. The clearinghouse's own Retry-After wins when
 * it asks for longer. With the queue's five deliveries the schedule waits 30 s, 1.5, 4.5 and 13.5 min: about 20
 * minutes of outage before a message is given up on (dead-lettered, alarmed, recorded, and redriven by an operator).
 */

/** First retry after this long; each later one waits FACTOR times longer. */
export const FIRST_RETRY_SECONDS = 30;
export const FACTOR = 3;
/** SQS's longest visibility timeout (12 hours). */
export const MAX_RETRY_SECONDS = 43_200;

/** Seconds until the delivery numbered `receiveCount` (1 for the first) is retried. */
export function retryDelaySeconds(receiveCount: number, retryAfterMs?: number): number {
  const attempt = Number.isSafeInteger(receiveCount) && receiveCount >= 1 ? receiveCount : 1;
  // Bounded before it is raised to a power, so a huge receive count never overflows.
  const exponent = Math.min(attempt - 1, 20);
  const backoff = Math.min(FIRST_RETRY_SECONDS * FACTOR ** exponent, MAX_RETRY_SECONDS);
  const asked = retryAfterMs !== undefined && retryAfterMs > 0 ? Math.ceil(retryAfterMs / 1000) : 0;
  return Math.min(Math.max(backoff, asked), MAX_RETRY_SECONDS);
}
