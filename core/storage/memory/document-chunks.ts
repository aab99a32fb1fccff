/** The pieces of split documents held in memory, with the same contract as the DynamoDB store. */
import type { ChunkResult, ChunkState, DocumentChunk, DocumentChunkStore, PlannedChunk } from '../document-chunks.ts';
import { ItemNotFoundError } from '../errors.ts';
import type { Page, PageRequest } from '../page.ts';
import { pageOf, sortedBy } from './paging.ts';

export class InMemoryDocumentChunks implements DocumentChunkStore {
  readonly #chunks = new Map<string, DocumentChunk>();

  async plan(chunk: PlannedChunk): Promise<void> {
    const key = keyOf(chunk.documentId, chunk.index);
    if (!this.#chunks.has(key)) this.#chunks.set(key, { ...structuredClone(chunk), status: 'PENDING' });
  }

  async get(documentId: string, index: number): Promise<DocumentChunk | undefined> {
    const chunk = this.#chunks.get(keyOf(documentId, index));
    return chunk ? structuredClone(chunk) : undefined;
  }

  async complete(documentId: string, index: number, result: ChunkResult): Promise<void> {
    const chunk = this.#chunks.get(keyOf(documentId, index));
    if (!chunk) throw new ItemNotFoundError('document', `${documentId} piece ${index}`);
    if (chunk.status === 'DONE') return;
    chunk.status = 'DONE';
    chunk.result = structuredClone(result);
  }

  async states(documentId: string, page?: PageRequest): Promise<Page<ChunkState>> {
    const mine = [...this.#chunks.values()]
      .filter((chunk) => chunk.documentId === documentId)
      .map(({ encountersJson: _content, ...state }) => structuredClone(state));
    return pageOf(
      sortedBy(mine, (state) => keyOf(documentId, state.index)),
      page,
    );
  }
}

const keyOf = (documentId: string, index: number) => `${documentId}#${String(index).padStart(6, '0')}`;
