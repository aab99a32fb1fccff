/**
 * Failures per sender: a sender whose deliveries keep failing authentication (a forged or wrong signature, a
 * timestamp outside the tolerance or unreadable, a replayed id) is refused for the rest of a fixed window, so a prober
 * cannot try signatures without limit and each try costs one read, not an HMAC and a secret fetch.
 *
 * The sender is the source address API Gateway saw, kept only as a digest (`senderKeyOf`): the counter names no
 * address (the API's access log has it, for an operator who must find the sender). A clearinghouse has one secret
 * and a handful of addresses; an attacker forging from the same address as the clearinghouse would delay its
 * deliveries until the window ends, never lose them: a 429 with Retry-After is retried by Standard Webhooks senders.
 *
 * Windows are fixed (aligned on the epoch), so the count is one item per sender and window, with a deterministic
 * key; a sender can fail at most `2 × maxFailures − 1` times across a window boundary. Counting stops at the limit
 * (a conditional write), so a flood cannot grow the item.
 */
import { WEBHOOK_SENDER_FAILURE_LIMIT } from '#contracts/http-routes';
import type { WebhookRefusal } from './receive-webhook.ts';

export interface SenderFailurePolicy {
  /** Length of a counting window. */
  windowSeconds: number;
  /** Failures in one window after which the sender is refused until the window ends. */
  maxFailures: number;
}

/** The deployed policy (contracts/http-routes.ts says why these numbers). */
export const DEFAULT_SENDER_FAILURE_POLICY: SenderFailurePolicy = WEBHOOK_SENDER_FAILURE_LIMIT;

/** The refusals that count against a sender: the ones that say it could not prove who it is or when it signed. */
export const COUNTED_REFUSALS: ReadonlySet<WebhookRefusal> = new Set<WebhookRefusal>([
  'invalid_signature',
  'stale_timestamp',
  'invalid_timestamp',
  'replayed_id',
]);

export interface SenderFailureCounter {
  /** Failures counted for the sender in the window that starts at `windowStart` (ISO); 0 when none. */
  failures(senderKey: string, windowStart: string): Promise<number>;
  /**
   * Counts one more failure in the window, unless `cap` are counted already (a conditional write); the record may be
   * deleted after `expiresAt` (epoch seconds, DynamoDB TTL). Resolves with the count after the call.
   */
  recordFailure(senderKey: string, windowStart: string, cap: number, expiresAt: number): Promise<number>;
}

export interface FailureWindow {
  /** ISO instant the window started. */
  start: string;
  /** Seconds until the window ends (at least 1): the Retry-After of a refused sender. */
  secondsLeft: number;
  /** When the counter may be deleted: one window after this one ends (epoch seconds). */
  expiresAt: number;
}

export function failureWindow(now: Date, policy: SenderFailurePolicy): FailureWindow {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const startSeconds = nowSeconds - (nowSeconds % policy.windowSeconds);
  const endSeconds = startSeconds + policy.windowSeconds;
  return {
    start: new Date(startSeconds * 1000).toISOString(),
    secondsLeft: Math.max(1, endSeconds - nowSeconds),
    expiresAt: endSeconds + policy.windowSeconds,
  };
}

/** The counter's name for a sender: a digest of its address, never the address. */
export function senderKeyOf(sourceAddress: string, sha256: (bytes: Uint8Array) => string): string {
  return sha256(new TextEncoder().encode(`webhook-sender:${sourceAddress}`)).slice(0, 32);
}
