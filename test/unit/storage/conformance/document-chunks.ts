/** What every DocumentChunkStore must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentChunkStore, PlannedChunk } from '#core/storage/document-chunks';
import { ItemNotFoundError } from '#core/storage/errors';
import { readAllPages } from '#core/storage/page';

function piece(documentId: string, index: number): PlannedChunk {
  return {
    documentId,
    index,
    first: index * 250,
    count: 250,
    encountersJson: JSON.stringify([{ source: { index: index * 250 }, note: 'é'.repeat(10) }]),
  };
}

export function documentChunksConformance(name: string, chunks: () => DocumentChunkStore): void {
  describe(`DocumentChunkStore conformance: ${name}`, () => {
    it('stores a planned piece PENDING with its content, once: planning again never resets it', async () => {
      const documentId = `doc-${randomUUID()}`;
      await chunks().plan(piece(documentId, 0));
      await chunks().complete(documentId, 0, { claimIds: ['C1'], reviewReasons: [], at: '2026-11-20T10:00:00.000Z' });

      await chunks().plan({ ...piece(documentId, 0), encountersJson: '[]' });

      expect(await chunks().get(documentId, 0)).toEqual({
        ...piece(documentId, 0),
        status: 'DONE',
        result: { claimIds: ['C1'], reviewReasons: [], at: '2026-11-20T10:00:00.000Z' },
      });
      expect(await chunks().get(documentId, 1)).toBeUndefined();
    });

    it('keeps the first result of a piece finished twice', async () => {
      const documentId = `doc-${randomUUID()}`;
      await chunks().plan(piece(documentId, 0));

      await chunks().complete(documentId, 0, { claimIds: ['C1'], reviewReasons: ['scrub_error'], at: 'first' });
      await chunks().complete(documentId, 0, { claimIds: ['C9'], reviewReasons: [], at: 'second' });

      expect((await chunks().get(documentId, 0))?.result).toEqual({
        claimIds: ['C1'],
        reviewReasons: ['scrub_error'],
        at: 'first',
      });
    });

    it('refuses to finish a piece that was never planned', async () => {
      await expect(
        chunks().complete(`doc-${randomUUID()}`, 0, { claimIds: [], reviewReasons: [], at: 'x' }),
      ).rejects.toBeInstanceOf(ItemNotFoundError);
    });

    it("lists a document's pieces in order, page by page, without their content and without other documents'", async () => {
      const documentId = `doc-${randomUUID()}`;
      const other = `doc-${randomUUID()}`;
      for (const index of [11, 2, 0, 10, 1]) await chunks().plan(piece(documentId, index));
      await chunks().plan(piece(other, 0));
      await chunks().complete(documentId, 2, { claimIds: ['C2'], reviewReasons: [], at: 'x' });

      const states = await readAllPages((page) => chunks().states(documentId, { ...page, limit: 2 }));

      expect(states.map((s) => [s.index, s.status])).toEqual([
        [0, 'PENDING'],
        [1, 'PENDING'],
        [2, 'DONE'],
        [10, 'PENDING'],
        [11, 'PENDING'],
      ]);
      expect(states[2]).toEqual({
        documentId,
        index: 2,
        first: 500,
        count: 250,
        status: 'DONE',
        result: { claimIds: ['C2'], reviewReasons: [], at: 'x' },
      });
      expect(states.some((s) => 'encountersJson' in s)).toBe(false);
    });
  });
}
