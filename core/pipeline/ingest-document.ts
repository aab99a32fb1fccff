/**
 * Intake of one uploaded object: record it in the ledger, check the notification against the object, read it,
 * decide its format, and settle it (ACCEPTED for the coder, CODED / NEEDS_REVIEW after processing, or FAILED with a
 * specific reason and a copy in quarantine). Pure orchestration over ports; the Lambda supplies S3 and DynamoDB
 * adapters, tests supply in-memory ones.
 *
 * What leaves this function (its outcome, which the idempotency record stores, and the quarantine copy's metadata)
 * carries ids and reason codes only: a failure's message may quote the document (a parser naming what it found) and
 * is kept in the ledger entry alone, inside the encrypted domain table.
 */
import { createHash } from 'node:crypto';
import { type DetectionResult, detectFormat } from '#core/documents/detect';
import { documentIdOf } from '#core/intake/document-id';
import {
  type DocumentEntry,
  type DocumentFailureReason,
  type DocumentSettlement,
  receivedEntryOf,
  type StoredObject,
} from '#core/intake/document-ledger';
import type { Clock } from '#core/kernel/clock';
import type { DocumentLedgerStore } from '#core/storage/document-ledger-store';
import { DocumentAlreadySettledError } from '#core/storage/errors';

export interface DocumentObjects {
  /** Reads the object's bytes; resolves undefined when the object (version) no longer exists. */
  read(object: StoredObject): Promise<{ bytes: Uint8Array; contentType?: string } | undefined>;
  /**
   * Copies the object into quarantine, labelled with the document id and the reason code (object metadata is not
   * encrypted: never the message); returns the quarantine key.
   */
  quarantine(object: StoredObject, label: { documentId: string; reason: DocumentFailureReason }): Promise<string>;
}

/** A readable document, handed on to be coded. */
export interface ReadableDocument {
  documentId: string;
  object: StoredObject;
  format: NonNullable<DocumentEntry['format']>;
  text: string;
  /** What intake learnt of the bytes, kept on the entry when the document settles (or with its plan when split). */
  facts?: { sha256: string; contentType?: string };
}

/** What processing a readable document concluded: its ledger status and the claims it produced. */
export type ProcessingResult =
  | { status: 'CODED' | 'NEEDS_REVIEW'; claimIds: string[]; reviewReasons: string[] }
  | { status: 'FAILED'; reason: DocumentFailureReason; message: string }
  /** Planned in pieces, each coded by an invocation of its own; the last one settles the document. */
  | { status: 'SPLIT'; chunks: number; encounters: number };

/** Where documents may come from: one bucket, under one prefix. Anything else is refused. */
export interface IntakeSource {
  bucket: string;
  inboxPrefix: string;
}

export interface IntakePorts {
  ledger: DocumentLedgerStore;
  objects: DocumentObjects;
  clock: Clock;
  source: IntakeSource;
  maxDocumentBytes: number;
  /** Codes a readable document. Without it, readable documents rest ACCEPTED. */
  process?: (document: ReadableDocument) => Promise<ProcessingResult>;
}

/** What happened, in ids and codes only (see the note at the top). */
export type IntakeOutcome =
  | { kind: 'duplicate'; documentId: string; status: DocumentEntry['status'] }
  | { kind: 'accepted'; documentId: string; format: NonNullable<DocumentEntry['format']> }
  | { kind: 'coded'; documentId: string; status: 'CODED' | 'NEEDS_REVIEW'; claimIds: string[] }
  /** Left RECEIVED, planned in pieces that are coded one invocation each (core/pipeline/split-document). */
  | { kind: 'split'; documentId: string; chunks: number }
  | { kind: 'failed'; documentId: string; reason: DocumentFailureReason; quarantined: boolean };

export async function ingestDocument(object: StoredObject, ports: IntakePorts): Promise<IntakeOutcome> {
  const documentId = documentIdOf(object);
  const now = () => ports.clock.now().toISOString();
  const at = now();
  const { created, entry } = await ports.ledger.recordReceived(receivedEntryOf(object, documentId, at));
  // An entry that already left RECEIVED was settled by an earlier delivery of the same notification.
  if (!created && entry.status !== 'RECEIVED') return { kind: 'duplicate', documentId, status: entry.status };

  /** Settles the entry; if another delivery or the reconciler settled it meanwhile, theirs stands. */
  const settle = async (update: DocumentSettlement, outcome: IntakeOutcome): Promise<IntakeOutcome> => {
    try {
      await ports.ledger.settle(documentId, update, now());
      return outcome;
    } catch (error) {
      if (!(error instanceof DocumentAlreadySettledError)) throw error;
      const settled = await ports.ledger.get(documentId);
      return { kind: 'duplicate', documentId, status: settled?.status ?? 'FAILED' };
    }
  };
  const fail = async (
    reason: DocumentFailureReason,
    message: string,
    extra: Partial<DocumentSettlement> = {},
    options: { quarantine: boolean } = { quarantine: true },
  ) => {
    const quarantineKey = options.quarantine
      ? await ports.objects.quarantine(object, { documentId, reason })
      : undefined;
    return settle(
      { status: 'FAILED', failure: { reason, message }, ...(quarantineKey ? { quarantineKey } : {}), ...extra },
      { kind: 'failed', documentId, reason, quarantined: quarantineKey !== undefined },
    );
  };

  // A notification for another bucket or outside the inbox is not ours to read (and never copied).
  const refusal = refusalOf(object, ports.source);
  if (refusal) return fail('refused_notification', refusal, {}, { quarantine: false });

  // Decide on size before downloading: an oversized object is never read into memory.
  if (object.size > ports.maxDocumentBytes) {
    return fail(
      'too_large',
      `document is ${object.size} bytes; the limit is ${ports.maxDocumentBytes} bytes (split it or raise MAX_DOCUMENT_BYTES)`,
    );
  }
  const read = await ports.objects.read(object);
  if (!read) {
    return fail('object_missing', 'the object version was deleted before it could be read', {}, { quarantine: false });
  }
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  const facts = { sha256, ...(read.contentType ? { contentType: read.contentType } : {}) };
  if (read.bytes.length !== object.size) {
    return fail(
      'refused_notification',
      `the notification says ${object.size} bytes but the object has ${read.bytes.length}: it is not the object that was announced`,
      facts,
    );
  }
  const detection: DetectionResult = detectFormat(
    read.bytes,
    { key: object.key, ...(read.contentType ? { contentType: read.contentType } : {}) },
    { maxBytes: ports.maxDocumentBytes },
  );
  if (!detection.ok) return fail(detection.reason, detection.message, facts);

  if (ports.process) {
    const result = await ports.process({
      documentId,
      object,
      format: detection.format,
      text: detection.text,
      facts,
    });
    if (result.status === 'FAILED') return fail(result.reason, result.message, { ...facts, format: detection.format });
    if (result.status === 'SPLIT') return { kind: 'split', documentId, chunks: result.chunks };
    return settle(
      {
        status: result.status,
        format: detection.format,
        claimIds: result.claimIds,
        ...(result.reviewReasons.length > 0 ? { reviewReasons: result.reviewReasons } : {}),
        ...facts,
      },
      { kind: 'coded', documentId, status: result.status, claimIds: result.claimIds },
    );
  }

  return settle(
    { status: 'ACCEPTED', format: detection.format, ...facts },
    { kind: 'accepted', documentId, format: detection.format },
  );
}

/** Why a notification is refused before its object is read, or undefined when it names an inbox object. */
export function refusalOf(object: StoredObject, source: IntakeSource): string | undefined {
  if (object.bucket !== source.bucket) return `the notification names bucket ${object.bucket}, not the intake bucket`;
  if (!object.key.startsWith(source.inboxPrefix) || object.key.length === source.inboxPrefix.length)
    return `the object is outside ${source.inboxPrefix}; only documents under it are processed`;
  return undefined;
}
