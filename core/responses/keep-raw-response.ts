/**
 * Keeping one clearinghouse response for the response side, whoever brought it (the webhook, the mailbox poller):
 * archive the exact bytes under `responses/raw/`, then put a pointer to them on the remittance queue. Pure: the
 * archive and the queue are ports.
 *
 * The order is the guarantee both callers build on: nothing is acknowledged to the sender (a 2xx, a mailbox marker)
 * unless the bytes are archived and the pointer queued. A failure of either says which stage failed and keeps
 * nothing else; the caller's retry runs the whole path again. The archive key is derived from a date and the body's
 * hash, so a retry overwrites identical bytes, and process-remittance dedupes files by the SHA-256 of their X12, so a
 * pointer queued twice (a retry after a lost acknowledgement, the same file by webhook and by mailbox) applies once.
 */
import { RESPONSES_RAW_PREFIX } from '#contracts/bucket-layout';
import type { RemittancePointerMessage } from '#contracts/messages';

/** Media types a clearinghouse delivers responses as; `application/json` is the envelope our sandbox sends. */
export const ACCEPTED_CONTENT_TYPES = ['application/edi-x12', 'text/plain', 'application/json'] as const;
export type AcceptedContentType = (typeof ACCEPTED_CONTENT_TYPES)[number];

/** Where raw responses are kept exactly as received (S3 in AWS). */
export interface RawResponseArchive {
  readonly bucket: string;
  /** Stores the bytes under `key`; resolves with the object version when the store versions objects. */
  put(key: string, body: Uint8Array, contentType: AcceptedContentType): Promise<{ versionId?: string }>;
}

export interface RemittanceQueue {
  send(message: RemittancePointerMessage): Promise<void>;
}

/** Who handed us the response: the pointer names it so a file can be traced back to its delivery. */
export type ResponseOrigin = { webhookId: string } | { mailboxFileId: string };

export interface RawResponse {
  body: Uint8Array;
  contentType: AcceptedContentType;
  /** Lowercase hex SHA-256 of `body`. */
  sha256: string;
  /** When it was received (ISO 8601); its day is part of the archive key. */
  receivedAt: string;
  origin: ResponseOrigin;
}

export type KeepOutcome =
  | { kept: true; key: string; versionId?: string }
  | { kept: false; stage: 'archive' | 'queue'; key: string };

export async function keepRawResponse(
  response: RawResponse,
  ports: { archive: RawResponseArchive; queue: RemittanceQueue },
): Promise<KeepOutcome> {
  const key = rawResponseKey(response.receivedAt, response.sha256, response.contentType);
  let versionId: string | undefined;
  try {
    ({ versionId } = await ports.archive.put(key, response.body, response.contentType));
  } catch {
    return { kept: false, stage: 'archive', key };
  }
  try {
    await ports.queue.send({
      bucket: ports.archive.bucket,
      key,
      ...(versionId === undefined ? {} : { versionId }),
      sha256: response.sha256,
      bytes: response.body.byteLength,
      ...response.origin,
      receivedAt: response.receivedAt,
    });
  } catch {
    return { kept: false, stage: 'queue', key };
  }
  return { kept: true, key, ...(versionId === undefined ? {} : { versionId }) };
}

/** `responses/raw/YYYY/MM/DD/<sha256>.<ext>`: by day for lifecycle rules and browsing, by content so retries converge. */
export function rawResponseKey(receivedAt: string, sha256: string, contentType: AcceptedContentType): string {
  const day = receivedAt.slice(0, 10).replaceAll('-', '/');
  const extension = contentType === 'application/json' ? 'json' : 'x12';
  return `${RESPONSES_RAW_PREFIX}${day}/${sha256}.${extension}`;
}
