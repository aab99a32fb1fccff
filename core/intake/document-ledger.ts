/**
 * The document ledger: every object that lands in the inbox gets exactly one entry, and every entry ends in a
 * status with a reason. Nothing uploaded is ever silently lost.
 */
import type { DocumentFormat } from '#core/documents/encounter';

/**
 * RECEIVED: recorded, being processed (a crash leaves it here, and the retry picks it up).
 * ACCEPTED: readable, format known, waiting for the coder. CODED / NEEDS_REVIEW: the coder's verdict.
 * FAILED: cannot be processed; the reason says why and a copy sits in quarantine.
 */
export const DOCUMENT_STATUSES = ['RECEIVED', 'ACCEPTED', 'CODED', 'NEEDS_REVIEW', 'FAILED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Statuses a document can rest in: it has been accounted for. */
export const SETTLED_DOCUMENT_STATUSES: readonly DocumentStatus[] = ['ACCEPTED', 'CODED', 'NEEDS_REVIEW', 'FAILED'];

export type DocumentFailureReason =
  | 'empty'
  | 'too_large'
  | 'binary'
  | 'undecodable'
  | 'unknown_format'
  | 'object_missing'
  /** A known format, malformed: the message names the resource, segment, row or field. */
  | 'unparseable'
  | 'no_encounters'
  /** Parsing succeeded but coding or building a visit's claim threw (a defect, reported with the visit's number). */
  | 'coding_failed'
  /** Grows past a bound (encounters per document, lines per claim, digits in an amount, claim size). */
  | 'too_many_encounters'
  | 'too_many_lines'
  | 'amount_out_of_range'
  | 'claim_too_large'
  /** One visit of a document coded in pieces holds more data than a piece is allowed to store. */
  | 'visit_too_large'
  /** The notification names another bucket, a key outside the inbox, or a size the object does not have. */
  | 'refused_notification'
  /** Processing kept failing (an outage outlasting the retries, a defect); the reconciler settled it. */
  | 'processing_abandoned';

/** Which stored object a notification speaks of. */
export interface StoredObject {
  bucket: string;
  key: string;
  versionId?: string;
  size: number;
  eTag: string;
  /** When the object was created, from the notification (ISO timestamp). */
  eventTime: string;
}

export interface DocumentEntry {
  documentId: string;
  bucket: string;
  key: string;
  versionId?: string;
  size: number;
  eTag: string;
  status: DocumentStatus;
  sha256?: string;
  contentType?: string;
  format?: DocumentFormat;
  failure?: { reason: DocumentFailureReason; message: string };
  quarantineKey?: string;
  /** Claims made from the document's encounters (a split document lists them on its pieces instead: too many here). */
  claimIds?: string[];
  /** Why the document needs a person, when it is NEEDS_REVIEW (categories, never PHI). */
  reviewReasons?: string[];
  /** The notification reached the dead-letter queue (set by the reconciler; `claimflow dlq redrive` retries it). */
  deadLetter?: { at: string; messageId: string; receiveCount: number };
  /** How often the reconciler found the document stuck in RECEIVED and sent it back to be processed. */
  reconcileAttempts?: number;
  /** The document is coded in pieces (core/pipeline/split-document): its manifest, set once it is planned. */
  split?: DocumentSplit;
  receivedAt: string;
  recordedAt: string;
  updatedAt: string;
}

/**
 * A document with more visits than one invocation codes is coded in pieces ("chunks") of consecutive visits, one
 * invocation each; it stays RECEIVED until the last piece is done. The pieces themselves (their visits as parsed, and
 * each one's result) are items of their own (core/storage/document-chunks.ts); the entry keeps what they add up to.
 */
export interface DocumentSplit {
  chunks: number;
  encounters: number;
  /** The facts of the document as read when it was planned, for its settlement by the last piece. */
  format: DocumentFormat;
  sha256?: string;
  contentType?: string;
  plannedAt: string;
  /** When a piece was last finished: a split making progress is not stuck, however long ago it arrived. */
  progressAt: string;
}

/** The first entry of a stored object: RECEIVED, at `at` (intake and the reconciler record it the same way). */
export function receivedEntryOf(object: StoredObject, documentId: string, at: string): DocumentEntry {
  return {
    documentId,
    bucket: object.bucket,
    key: object.key,
    ...(object.versionId ? { versionId: object.versionId } : {}),
    size: object.size,
    eTag: object.eTag,
    status: 'RECEIVED',
    receivedAt: object.eventTime,
    recordedAt: at,
    updatedAt: at,
  };
}

export type DocumentSettlement = Pick<DocumentEntry, 'status'> &
  Partial<
    Pick<
      DocumentEntry,
      'sha256' | 'contentType' | 'format' | 'failure' | 'quarantineKey' | 'claimIds' | 'reviewReasons'
    >
  >;

/** The stored object an entry speaks of, as its notification named it (to quarantine it, or to notify again). */
export function storedObjectOf(entry: DocumentEntry): StoredObject {
  return {
    bucket: entry.bucket,
    key: entry.key,
    ...(entry.versionId ? { versionId: entry.versionId } : {}),
    size: entry.size,
    eTag: entry.eTag,
    eventTime: entry.receivedAt,
  };
}
