/**
 * One webhook delivery attempt, signed the Standard Webhooks way with the `standardwebhooks` package:
 * `webhook-id` (stable across retries and duplicates, the receiver's dedupe key), `webhook-timestamp` (this
 * attempt's time, so a late retry is not stale) and `webhook-signature` (HMAC-SHA256 over id.timestamp.body).
 * The body is JSON holding the raw X12 and what it is, identical on every attempt of one file (its timestamp is when
 * the file became available), so a retry after a lost answer is the same message.
 */
import { Webhook } from 'standardwebhooks';
import type { ResponseFile } from '#core/clearinghouse/clearinghouse';

export interface WebhookTarget {
  url: string;
  /** Shared secret, "whsec_" + base64. */
  secret: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Sends a request and resolves with the HTTP status; rejects on network faults and timeouts. */
export type WebhookTransport = (request: WebhookRequest) => Promise<{ status: number }>;

export const WEBHOOK_EVENT_TYPE = 'x12.response.available';

export interface WebhookPayload {
  type: typeof WEBHOOK_EVENT_TYPE;
  timestamp: string;
  data: ResponseFile;
}

export const fetchTransport: WebhookTransport = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(request.timeoutMs),
    redirect: 'error',
  });
  // Drain the body so the connection is reused; its content does not matter.
  await response.arrayBuffer().catch(() => undefined);
  return { status: response.status };
};

export function signedRequest(
  target: WebhookTarget,
  webhookId: string,
  at: Date,
  file: ResponseFile,
  timeoutMs: number,
): WebhookRequest {
  // The payload's timestamp is the event's (when the file became available), the header's is this attempt's: the
  // body is the same bytes on every retry, so a receiver that kept a lost-answer attempt recognises the retry.
  const payload: WebhookPayload = { type: WEBHOOK_EVENT_TYPE, timestamp: file.availableAt, data: file };
  const body = JSON.stringify(payload);
  return {
    url: target.url,
    headers: {
      'content-type': 'application/json',
      'webhook-id': webhookId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(target.secret).sign(webhookId, at, body),
      'user-agent': 'claimflow-sandbox/1',
    },
    body,
    timeoutMs,
  };
}

/** Attempt once: ok on any 2xx; anything else (status, network fault, timeout) is a reason to retry. */
export async function deliverOnce(
  target: WebhookTarget,
  transport: WebhookTransport,
  webhookId: string,
  at: Date,
  file: ResponseFile,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    const { status } = await transport(signedRequest(target, webhookId, at, file, timeoutMs));
    if (status >= 200 && status < 300) return { ok: true };
    return { ok: false, error: `HTTP ${status}` };
  } catch (error) {
    const name = (error as Error).name;
    return {
      ok: false,
      error: name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : `${name}: ${(error as Error).message}`,
    };
  }
}
