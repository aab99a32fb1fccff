/**
 * Bodies of the messages ClaimFlow puts on its own queues. Producers build them with these types, consumers parse
 * them with these schemas at the edge; a message that does not parse is a bug or tampering, reported with where it
 * is wrong (never with its content).
 */
import { z } from 'zod';

/**
 * A READY claim to submit: the claim id and the version that was ready. The consumer submits only if the stored claim
 * is still at that version in QUEUED, so a duplicate or stale message never submits a claim twice; the pair is also
 * the message's deduplication identity.
 */
export const claimSubmissionMessage = z.strictObject({
  claimId: z.string().min(1).max(64),
  version: z.number().int().positive(),
});
export type ClaimSubmissionMessage = z.infer<typeof claimSubmissionMessage>;

/** The identity a submission message is deduplicated on (SQS MessageDeduplicationId, idempotency key). */
export function claimSubmissionIdentity(message: ClaimSubmissionMessage): string {
  return `${message.claimId}#${message.version}`;
}

/**
 * A clearinghouse response (999, 277CA or 835) archived under `responses/raw/` by the webhook or the mailbox poller,
 * to be read and posted by the remittance processor. The queue carries a pointer, never the body: bodies can exceed
 * SQS's 256 KB, and the archived object is the evidence. `sha256` lets the consumer refuse an object that changed
 * after it was archived. It names exactly one origin: the webhook delivery or the mailbox file it came from.
 */
export const remittancePointerMessage = z
  .strictObject({
    bucket: z.string().min(3).max(63),
    key: z.string().min(1).max(1024),
    versionId: z.string().min(1).optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256'),
    bytes: z.number().int().nonnegative(),
    /** The Standard Webhooks `webhook-id` the body arrived with: the sender's retries share it. */
    webhookId: z.string().min(1).max(256).optional(),
    /** The clearinghouse's id of the mailbox file the poller copied (stable however often it is fetched). */
    mailboxFileId: z.string().min(1).max(256).optional(),
    receivedAt: z.iso.datetime(),
  })
  .refine((pointer) => (pointer.webhookId === undefined) !== (pointer.mailboxFileId === undefined), {
    message: 'a pointer names exactly one origin: webhookId or mailboxFileId',
  });
export type RemittancePointerMessage = z.infer<typeof remittancePointerMessage>;

/**
 * One piece of a document coded in pieces (core/pipeline/split-document.ts), on the intake queue beside the S3
 * notifications: code-encounter codes that piece and sends the next. Ids only; the piece's visits are in the table.
 * The pair (document id, piece) is its identity: the consumer's idempotency key, and what a repeat shares.
 */
export const documentChunkMessage = z.strictObject({
  kind: z.literal('document-chunk'),
  documentId: z.string().min(1).max(2048),
  chunk: z.number().int().nonnegative(),
});
export type DocumentChunkMessage = z.infer<typeof documentChunkMessage>;

/** Whether an intake queue body is a piece message (anything else there is an S3 notification). */
export function isDocumentChunkBody(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'document-chunk';
}

/** Parses a queue message body, or throws an error that says where it is wrong without quoting it. */
export function parseMessage<S extends z.ZodType>(schema: S, body: string, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error(`${what}: message body is not JSON`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`${what}: message body is invalid: ${where}`);
  }
  return parsed.data;
}
