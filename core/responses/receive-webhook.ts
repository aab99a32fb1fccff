/**
 * Receiving one clearinghouse webhook delivery (999, 277CA, 835), signed the Standard Webhooks way. Pure: the
 * webhook-id store, the raw archive, the remittance queue and the clock are ports, so the same rules run in the
 * Lambda, on the twin and in tests.
 *
 * Order of checks, cheapest and least revealing first: the sender's failures in the current window (a sender that
 * failed authentication too often is refused 429 until the window ends: sender-failures.ts), size, content type,
 * required headers, timestamp (against the injected Clock, 5 minutes either way), signature, then the id. Nothing is
 * kept for a refused delivery; a refusal that says the sender could not authenticate is counted against it.
 *
 * Order of effects, so that nothing is acknowledged that is not kept: archive the raw body under `responses/raw/`,
 * then enqueue a pointer to it (keep-raw-response.ts, the same path the mailbox poller takes), then record the
 * webhook-id. A failure of the archive or the queue answers 5xx with nothing recorded, and the sender's retry (same
 * id) runs the whole path again: the archive key is derived from the body's hash, so a retry overwrites identical
 * bytes, and the consumer dedupes files by content.
 *
 * Redelivery of an id (Standard Webhooks: senders retry the same id after any failure, including a lost 2xx):
 * - the id is recorded with the same body hash → 200 `duplicate`, nothing done again (idempotent acknowledgement);
 * - the id is recorded with a different body → 400 `replayed_id` (a different message under a kept id is replay or
 *   tampering, and must not overwrite what the first one meant).
 * A captured request replayed later than the tolerance fails the timestamp check (400 `stale_timestamp`).
 *
 * The id record and every error hold ids, sizes, hashes and keys only: never the body, which carries PHI.
 */
import { Webhook } from 'standardwebhooks';
import { MAX_WEBHOOK_BODY_BYTES } from '#contracts/bucket-layout';
import type { WEBHOOK_REFUSALS } from '#contracts/metrics';
import type { Clock } from '#core/kernel/clock';
import {
  ACCEPTED_CONTENT_TYPES,
  type AcceptedContentType,
  keepRawResponse,
  type RawResponseArchive,
  type RemittanceQueue,
} from './keep-raw-response.ts';
import {
  COUNTED_REFUSALS,
  DEFAULT_SENDER_FAILURE_POLICY,
  failureWindow,
  type SenderFailureCounter,
  type SenderFailurePolicy,
  senderKeyOf,
} from './sender-failures.ts';

export {
  ACCEPTED_CONTENT_TYPES,
  type AcceptedContentType,
  type RawResponseArchive,
  type RemittanceQueue,
  rawResponseKey,
} from './keep-raw-response.ts';

/** Seconds a delivery's `webhook-timestamp` may differ from our clock, either way (Standard Webhooks default). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/** What the id store keeps per delivered id: enough to answer a redelivery, nothing of the body. */
export interface WebhookReceipt {
  webhookId: string;
  sha256: string;
  bytes: number;
  key: string;
  receivedAt: string;
}

export interface WebhookIdStore {
  get(webhookId: string): Promise<WebhookReceipt | undefined>;
  /** Records the receipt unless one exists for its id (a conditional write); false when one existed. */
  putIfAbsent(receipt: WebhookReceipt): Promise<boolean>;
}

export interface WebhookPorts {
  ids: WebhookIdStore;
  archive: RawResponseArchive;
  queue: RemittanceQueue;
  clock: Clock;
  /** Authentication failures per sender; without it (or without a sender) nothing is counted. */
  senders?: SenderFailureCounter;
  /** SHA-256 as lowercase hex (node:crypto in functions, injected so core stays runtime-neutral). */
  sha256(bytes: Uint8Array): string;
}

export interface WebhookSettings {
  /** The signing secret, `whsec_` + base64. */
  secret: string;
  maxBodyBytes?: number;
  toleranceSeconds?: number;
  senderFailures?: SenderFailurePolicy;
}

/** One HTTP delivery: header names in any case, the body exactly as received. */
export interface WebhookDelivery {
  headers: Record<string, string | undefined>;
  body: Uint8Array;
  /** Who sent it: the source address the API saw (only its digest is stored). */
  sender?: string;
}

/** Why a delivery was refused: each is one metric dimension value and one clear message to the sender. */
export type WebhookRefusal = (typeof WEBHOOK_REFUSALS)[number];

export type WebhookOutcome =
  | { kind: 'accepted'; status: 202; webhookId: string; key: string; sha256: string; bytes: number }
  | { kind: 'duplicate'; status: 200; webhookId: string; key: string }
  | {
      kind: 'refused';
      status: 400 | 401 | 413 | 415 | 429;
      reason: WebhookRefusal;
      message: string;
      /** A 429: seconds until the sender's window ends. */
      retryAfterSeconds?: number;
      /** A refusal counted against the sender: its failures in the window, this one included. */
      senderFailures?: number;
    }
  | { kind: 'not_kept'; status: 500 | 503; stage: 'archive' | 'queue' | 'record'; message: string };

// Standard Webhooks ids are opaque but short and printable; anything else is refused before it reaches a key or log.
const WEBHOOK_ID = /^[\x21-\x7e]{1,256}$/;
const TIMESTAMP = /^\d{1,12}$/;

export async function receiveWebhook(
  delivery: WebhookDelivery,
  settings: WebhookSettings,
  ports: WebhookPorts,
): Promise<WebhookOutcome> {
  const { senders } = ports;
  if (senders === undefined || delivery.sender === undefined) return receiveFrom(delivery, settings, ports);
  const policy = settings.senderFailures ?? DEFAULT_SENDER_FAILURE_POLICY;
  const senderKey = senderKeyOf(delivery.sender, ports.sha256);
  const window = failureWindow(ports.clock.now(), policy);
  if ((await senders.failures(senderKey, window.start)) >= policy.maxFailures) {
    return {
      ...refused(
        429,
        'too_many_failures',
        `too many deliveries from this sender failed authentication; retry in ${window.secondsLeft} seconds`,
      ),
      retryAfterSeconds: window.secondsLeft,
    };
  }
  const outcome = await receiveFrom(delivery, settings, ports);
  if (outcome.kind !== 'refused' || !COUNTED_REFUSALS.has(outcome.reason)) return outcome;
  const senderFailures = await senders.recordFailure(senderKey, window.start, policy.maxFailures, window.expiresAt);
  return { ...outcome, senderFailures };
}

async function receiveFrom(
  delivery: WebhookDelivery,
  settings: WebhookSettings,
  ports: WebhookPorts,
): Promise<WebhookOutcome> {
  const maxBytes = settings.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES;
  const tolerance = settings.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS;
  const headers = lowerCased(delivery.headers);

  if (delivery.body.byteLength > maxBytes) {
    return refused(413, 'payload_too_large', `body is ${delivery.body.byteLength} bytes; the limit is ${maxBytes}`);
  }
  const contentType = acceptedContentType(headers['content-type']);
  if (contentType === undefined) {
    return refused(415, 'unsupported_content_type', `content-type must be one of ${ACCEPTED_CONTENT_TYPES.join(', ')}`);
  }
  const webhookId = headers['webhook-id'];
  const timestampHeader = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!webhookId || !timestampHeader || !signature) {
    return refused(400, 'missing_headers', 'webhook-id, webhook-timestamp and webhook-signature are required');
  }
  if (!WEBHOOK_ID.test(webhookId)) {
    return refused(400, 'invalid_webhook_id', 'webhook-id must be 1 to 256 printable ASCII characters');
  }
  if (!TIMESTAMP.test(timestampHeader)) {
    return refused(400, 'invalid_timestamp', 'webhook-timestamp must be whole seconds since the epoch');
  }
  const sentAt = Number(timestampHeader);
  const now = Math.floor(ports.clock.now().getTime() / 1000);
  if (Math.abs(now - sentAt) > tolerance) {
    return refused(400, 'stale_timestamp', `webhook-timestamp is more than ${tolerance} seconds from our clock`);
  }
  const text = new TextDecoder().decode(delivery.body);
  if (!signatureMatches(settings.secret, webhookId, sentAt, text, signature)) {
    return refused(401, 'invalid_signature', 'webhook-signature does not match the body');
  }
  if (contentType === 'application/json' && !isResponseEnvelope(text)) {
    return refused(400, 'invalid_envelope', 'a JSON body must be a response envelope with the X12 in data.x12');
  }

  const sha256 = ports.sha256(delivery.body);
  const bytes = delivery.body.byteLength;
  const known = await ports.ids.get(webhookId);
  if (known !== undefined) return redelivery(known, sha256);

  const receivedAt = ports.clock.now().toISOString();
  const kept = await keepRawResponse(
    { body: delivery.body, contentType, sha256, receivedAt, origin: { webhookId } },
    ports,
  );
  if (!kept.kept) {
    return kept.stage === 'archive'
      ? notKept(500, 'archive', 'the response could not be archived; retry the delivery')
      : notKept(503, 'queue', 'the response could not be queued for processing; retry the delivery');
  }
  const { key } = kept;
  let recorded: boolean;
  try {
    recorded = await ports.ids.putIfAbsent({ webhookId, sha256, bytes, key, receivedAt });
  } catch {
    // The file is archived and queued (the consumer dedupes by content), but the id is not kept: a retry must
    // find the same outcome, so ask for one rather than acknowledge an id we cannot recognise again.
    return notKept(500, 'record', 'the delivery could not be recorded; retry the delivery');
  }
  if (!recorded) {
    // A concurrent delivery of the same id won the write; answer as that redelivery would.
    const winner = await ports.ids.get(webhookId);
    if (winner !== undefined) return redelivery(winner, sha256);
  }
  return { kind: 'accepted', status: 202, webhookId, key, sha256, bytes };
}

function redelivery(known: WebhookReceipt, sha256: string): WebhookOutcome {
  if (known.sha256 === sha256) return { kind: 'duplicate', status: 200, webhookId: known.webhookId, key: known.key };
  return refused(400, 'replayed_id', 'this webhook-id was already delivered with a different body');
}

/**
 * The package's `verify` judges the timestamp against the wall clock, which would make the tolerance untestable and
 * wrong in replays; so our Clock judges the timestamp (above) and the package computes the HMAC over
 * `id.timestamp.body` with the sender's timestamp (`sign`). Any of the space-separated `v1,` signatures may match
 * (the sender rotating secrets); each is compared in constant time.
 */
function signatureMatches(secret: string, id: string, sentAt: number, body: string, header: string): boolean {
  const expected = new Webhook(secret).sign(id, new Date(sentAt * 1000), body);
  let matched = false;
  for (const candidate of header.split(' ')) {
    if (candidate.startsWith('v1,') && constantTimeEqual(candidate, expected)) matched = true;
  }
  return matched;
}

/** Compares two strings in time that depends on their lengths only. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

function acceptedContentType(header: string | undefined): AcceptedContentType | undefined {
  const mediaType = header?.split(';')[0]?.trim().toLowerCase();
  return ACCEPTED_CONTENT_TYPES.find((accepted) => accepted === mediaType);
}

/** The sandbox's envelope: `{ type: "x12.response.available", data: { id, kind, x12 } }`. */
function isResponseEnvelope(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof value !== 'object' || value === null) return false;
  const { type, data } = value as { type?: unknown; data?: unknown };
  if (type !== 'x12.response.available' || typeof data !== 'object' || data === null) return false;
  const { id, x12 } = data as { id?: unknown; x12?: unknown };
  return typeof id === 'string' && id.length > 0 && typeof x12 === 'string' && x12.length > 0;
}

function lowerCased(headers: Record<string, string | undefined>): Record<string, string | undefined> {
  const result: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) result[name.toLowerCase()] = value;
  return result;
}

function refused(
  status: 400 | 401 | 413 | 415 | 429,
  reason: WebhookRefusal,
  message: string,
): Extract<WebhookOutcome, { kind: 'refused' }> {
  return { kind: 'refused', status, reason, message };
}

function notKept(
  status: 500 | 503,
  stage: 'archive' | 'queue' | 'record',
  message: string,
): Extract<WebhookOutcome, { kind: 'not_kept' }> {
  return { kind: 'not_kept', status, stage, message };
}
