/** Document ledger entries: one item per document, indexed by status in arrival order. */
import type { DocumentStatus } from '#core/intake/document-ledger';

export const documentKey = (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'DOC' });

// The index sort key never changes (arrival order); only the partition moves with the status.
export const documentStatusKeys = (status: DocumentStatus, receivedAt: string, documentId: string) => ({
  gsi1pk: documentStatusPartition(status),
  gsi1sk: `${receivedAt}#${documentId}`,
});

export const documentStatusPartition = (status: DocumentStatus) => `DOCSTATUS#${status}`;

/** The pieces of a split document, on its partition, in order (core/storage/document-chunks.ts). */
export const DOCUMENT_CHUNK_PREFIX = 'CHUNK#';
export const documentChunkKey = (documentId: string, index: number) => ({
  ...documentKey(documentId),
  sk: `${DOCUMENT_CHUNK_PREFIX}${String(index).padStart(6, '0')}`,
});
