/**
 * Where the document ledger lives: one entry per uploaded object version. Implementations: core/storage/memory and
 * the DynamoDB adapter in functions/common/storage; both pass test/unit/storage/document-ledger-conformance.ts.
 */
import type { DocumentEntry, DocumentSettlement, DocumentSplit, DocumentStatus } from '#core/intake/document-ledger';
import type { Page, PageRequest } from './page.ts';

export interface DocumentStatusQuery {
  status: DocumentStatus;
  /** Only entries received before this ISO timestamp (the reconciler's "stuck" cut-off). */
  receivedBefore?: string;
}

/** Facts about a document's processing that do not settle it. */
export type DocumentNote =
  | { kind: 'dead_lettered'; at: string; messageId: string; receiveCount: number }
  | { kind: 'reconcile_attempt'; at: string }
  /** The document is coded in pieces: its manifest (the first one written stands: planning again gives the same). */
  | { kind: 'split_planned'; at: string; split: DocumentSplit }
  /** A piece of a split document was finished (moves `split.progressAt`, clears the reconciler's attempts). */
  | { kind: 'chunk_done'; at: string };

export interface DocumentLedgerStore {
  /** Creates the entry unless one exists for this document id; returns the entry that is now stored. */
  recordReceived(entry: DocumentEntry): Promise<{ created: boolean; entry: DocumentEntry }>;
  /** Moves an entry out of RECEIVED; throws DocumentAlreadySettledError if it left RECEIVED already. */
  settle(documentId: string, update: DocumentSettlement, at: string): Promise<void>;
  get(documentId: string): Promise<DocumentEntry | undefined>;
  /** Entries in one status, oldest arrival first. */
  listByStatus(query: DocumentStatusQuery, page?: PageRequest): Promise<Page<DocumentEntry>>;
  /** Records a note on the entry; throws ItemNotFoundError when there is none. */
  note(documentId: string, note: DocumentNote): Promise<void>;
}
