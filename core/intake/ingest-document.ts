/**
 * Intake of one uploaded object: record it in the ledger, read it, decide its format, and settle it (ACCEPTED for
 * the coder, or FAILED with a specific reason and a copy in quarantine). Pure orchestration over ports; the Lambda
 * supplies S3 and DynamoDB adapters, tests supply in-memory ones.
 */
import { createHash } from 'node:crypto';
import { type DetectionResult, detectFormat } from '#core/documents/detect';
import { documentIdOf } from './document-id.ts';
import type {
  DocumentEntry,
  DocumentFailureReason,
  DocumentLedgerStore,
  DocumentSettlement,
  StoredObject,
} from './document-ledger.ts';

export interface DocumentObjects {
  /** Reads the object's bytes; resolves undefined when the object (version) no longer exists. */
  read(object: StoredObject): Promise<{ bytes: Uint8Array; contentType?: string } | undefined>;
  /** Copies the object into quarantine with its reason; returns the quarantine key. */
  quarantine(object: StoredObject, failure: { reason: DocumentFailureReason; message: string }): Promise<string>;
}

/** A readable document, handed on to be coded. */
export interface ReadableDocument {
  documentId: string;
  object: StoredObject;
  format: NonNullable<DocumentEntry['format']>;
  text: string;
}

/** What processing a readable document concluded: its ledger status and the claims it produced. */
export type ProcessingResult =
  | { status: 'CODED' | 'NEEDS_REVIEW'; claimIds: string[]; reviewReasons: string[] }
  | { status: 'FAILED'; reason: DocumentFailureReason; message: string };

export interface IntakePorts {
  ledger: DocumentLedgerStore;
  objects: DocumentObjects;
  now: () => Date;
  maxDocumentBytes: number;
  /** Codes a readable document. Without it, readable documents rest ACCEPTED. */
  process?: (document: ReadableDocument) => Promise<ProcessingResult>;
}

export type IntakeOutcome =
  | { kind: 'duplicate'; documentId: string; status: DocumentEntry['status'] }
  | { kind: 'accepted'; documentId: string; format: NonNullable<DocumentEntry['format']>; text: string }
  | { kind: 'coded'; documentId: string; status: 'CODED' | 'NEEDS_REVIEW'; claimIds: string[] }
  | { kind: 'failed'; documentId: string; reason: DocumentFailureReason; message: string; quarantineKey: string };

export async function ingestDocument(object: StoredObject, ports: IntakePorts): Promise<IntakeOutcome> {
  const documentId = documentIdOf(object);
  const at = ports.now().toISOString();
  const { created, entry } = await ports.ledger.recordReceived({
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
  });
  // An entry that already left RECEIVED was settled by an earlier delivery of the same notification.
  if (!created && entry.status !== 'RECEIVED') return { kind: 'duplicate', documentId, status: entry.status };

  const fail = async (reason: DocumentFailureReason, message: string, extra: Partial<DocumentSettlement> = {}) => {
    const quarantineKey = await ports.objects.quarantine(object, { reason, message });
    await ports.ledger.settle(
      documentId,
      { status: 'FAILED', failure: { reason, message }, quarantineKey, ...extra },
      ports.now().toISOString(),
    );
    return { kind: 'failed', documentId, reason, message, quarantineKey } as const;
  };

  // Decide on size before downloading: an oversized object is never read into memory.
  if (object.size > ports.maxDocumentBytes) {
    return fail(
      'too_large',
      `document is ${object.size} bytes; the limit is ${ports.maxDocumentBytes} bytes (split it or raise MAX_DOCUMENT_BYTES)`,
    );
  }
  const read = await ports.objects.read(object);
  if (!read) {
    await ports.ledger.settle(
      documentId,
      {
        status: 'FAILED',
        failure: { reason: 'object_missing', message: 'the object version was deleted before it could be read' },
      },
      ports.now().toISOString(),
    );
    return {
      kind: 'failed',
      documentId,
      reason: 'object_missing',
      message: 'the object version was deleted before it could be read',
      quarantineKey: '',
    };
  }
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  const facts = { sha256, ...(read.contentType ? { contentType: read.contentType } : {}) };
  const detection: DetectionResult = detectFormat(
    read.bytes,
    { key: object.key, ...(read.contentType ? { contentType: read.contentType } : {}) },
    { maxBytes: ports.maxDocumentBytes },
  );
  if (!detection.ok) return fail(detection.reason, detection.message, facts);

  if (ports.process) {
    const result = await ports.process({ documentId, object, format: detection.format, text: detection.text });
    if (result.status === 'FAILED') return fail(result.reason, result.message, { ...facts, format: detection.format });
    await ports.ledger.settle(
      documentId,
      {
        status: result.status,
        format: detection.format,
        claimIds: result.claimIds,
        ...(result.reviewReasons.length > 0 ? { reviewReasons: result.reviewReasons } : {}),
        ...facts,
      },
      ports.now().toISOString(),
    );
    return { kind: 'coded', documentId, status: result.status, claimIds: result.claimIds };
  }

  await ports.ledger.settle(
    documentId,
    { status: 'ACCEPTED', format: detection.format, ...facts },
    ports.now().toISOString(),
  );
  return { kind: 'accepted', documentId, format: detection.format, text: detection.text };
}
