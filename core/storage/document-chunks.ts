/**
 * The pieces of a document coded in pieces (core/pipeline/split-document.ts): each holds a run of consecutive visits
 * as the parser gave them, so a piece is coded without reading or parsing the document again, and, once done, what it
 * produced. Items of the encrypted domain table (they hold document content). Implementations: core/storage/memory
 * and functions/common/storage; both pass test/unit/storage/conformance/document-chunks.ts.
 */
import type { Page, PageRequest } from './page.ts';

/** What coding a piece produced. */
export interface ChunkResult {
  claimIds: string[];
  /** Why its visits need a person (categories, never PHI). */
  reviewReasons: string[];
  at: string;
}

/** A piece as planned: visits `first` to `first + count - 1` of the document. */
export interface PlannedChunk {
  documentId: string;
  index: number;
  first: number;
  count: number;
  /** The piece's encounters as a JSON array, exactly as parsed (source positions and digest included). */
  encountersJson: string;
}

export type ChunkStatus = 'PENDING' | 'DONE';

export interface DocumentChunk extends PlannedChunk {
  status: ChunkStatus;
  result?: ChunkResult;
}

/** A piece without its content: what resuming and settling a split read. */
export type ChunkState = Omit<DocumentChunk, 'encountersJson'>;

export interface DocumentChunkStore {
  /** Stores a planned piece PENDING unless it exists (planning again writes the same pieces; a done one stays done). */
  plan(chunk: PlannedChunk): Promise<void>;
  get(documentId: string, index: number): Promise<DocumentChunk | undefined>;
  /** PENDING → DONE with its result; when it is DONE already the first result stands and this is a no-op. */
  complete(documentId: string, index: number, result: ChunkResult): Promise<void>;
  /** The pieces of a document in order, without their content. */
  states(documentId: string, page?: PageRequest): Promise<Page<ChunkState>>;
}
