/** What every DocumentLedgerStore must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DocumentEntry } from '#core/intake/document-ledger';
import type { DocumentLedgerStore } from '#core/storage/document-ledger-store';
import { DocumentAlreadySettledError, ItemNotFoundError } from '#core/storage/errors';
import { readAllPages } from '#core/storage/page';

function received(receivedAt = '2026-11-20T10:00:00.000Z'): DocumentEntry {
  const documentId = `doc-${randomUUID()}`;
  return {
    documentId,
    bucket: 'intake',
    key: `inbox/${documentId}.txt`,
    versionId: 'v1',
    size: 10,
    eTag: 'etag',
    status: 'RECEIVED',
    receivedAt,
    recordedAt: receivedAt,
    updatedAt: receivedAt,
  };
}

export function documentLedgerConformance(name: string, ledger: () => DocumentLedgerStore): void {
  describe(`DocumentLedgerStore conformance: ${name}`, () => {
    it('records a document once; a second record returns the stored entry', async () => {
      const entry = received();

      const first = await ledger().recordReceived(entry);
      const second = await ledger().recordReceived({ ...entry, size: 99 });

      expect(first).toEqual({ created: true, entry });
      expect(second).toMatchObject({ created: false, entry: { documentId: entry.documentId, size: 10 } });
    });

    it('settles a RECEIVED entry once; settling it again is a DocumentAlreadySettledError', async () => {
      const entry = received();
      await ledger().recordReceived(entry);

      await ledger().settle(
        entry.documentId,
        { status: 'FAILED', failure: { reason: 'empty', message: 'the object is empty' } },
        '2026-11-20T10:00:01.000Z',
      );

      expect(await ledger().get(entry.documentId)).toMatchObject({
        status: 'FAILED',
        failure: { reason: 'empty' },
        updatedAt: '2026-11-20T10:00:01.000Z',
      });
      await expect(
        ledger().settle(entry.documentId, { status: 'CODED' }, '2026-11-20T10:00:02.000Z'),
      ).rejects.toBeInstanceOf(DocumentAlreadySettledError);
    });

    it('refuses to settle or annotate an entry that does not exist', async () => {
      await expect(ledger().settle('doc-missing', { status: 'CODED' }, 'x')).rejects.toBeInstanceOf(ItemNotFoundError);
      await expect(ledger().note('doc-missing', { kind: 'reconcile_attempt', at: 'x' })).rejects.toBeInstanceOf(
        ItemNotFoundError,
      );
    });

    it('lists entries by status in arrival order, page by page, and only those received before a cut-off', async () => {
      const entries = Array.from({ length: 5 }, (_, i) => received(`2002-02-02T00:0${i}:00.000Z`));
      for (const entry of [...entries].reverse()) await ledger().recordReceived(entry);

      const all = await readAllPages((page) => ledger().listByStatus({ status: 'RECEIVED' }, { ...page, limit: 2 }));
      const stuck = await readAllPages((page) =>
        ledger().listByStatus({ status: 'RECEIVED', receivedBefore: '2002-02-02T00:02:00.000Z' }, page),
      );

      const ids = entries.map((e) => e.documentId);
      expect(all.map((e) => e.documentId).filter((id) => ids.includes(id))).toEqual(ids);
      expect(stuck.map((e) => e.documentId).filter((id) => ids.includes(id))).toEqual(ids.slice(0, 2));
    });

    it('moves an entry between status lists as it settles', async () => {
      const entry = received('2003-03-03T00:00:00.000Z');
      await ledger().recordReceived(entry);
      await ledger().settle(entry.documentId, { status: 'CODED', claimIds: ['C1'] }, '2003-03-03T00:00:01.000Z');

      const inReceived = await readAllPages((page) => ledger().listByStatus({ status: 'RECEIVED' }, page));
      const inCoded = await readAllPages((page) => ledger().listByStatus({ status: 'CODED' }, page));

      expect(inReceived.map((e) => e.documentId)).not.toContain(entry.documentId);
      expect(inCoded.find((e) => e.documentId === entry.documentId)).toMatchObject({ claimIds: ['C1'] });
    });

    it('notes a dead-lettered notification and counts reconcile attempts without settling the entry', async () => {
      const entry = received();
      await ledger().recordReceived(entry);

      await ledger().note(entry.documentId, {
        kind: 'dead_lettered',
        at: '2026-11-20T11:00:00.000Z',
        messageId: 'm-1',
        receiveCount: 3,
      });
      await ledger().note(entry.documentId, { kind: 'reconcile_attempt', at: '2026-11-20T11:01:00.000Z' });
      await ledger().note(entry.documentId, { kind: 'reconcile_attempt', at: '2026-11-20T11:02:00.000Z' });

      expect(await ledger().get(entry.documentId)).toMatchObject({
        status: 'RECEIVED',
        deadLetter: { at: '2026-11-20T11:00:00.000Z', messageId: 'm-1', receiveCount: 3 },
        reconcileAttempts: 2,
      });
    });

    it('keeps the first manifest of a split document; a finished piece moves its progress and clears the attempts', async () => {
      const entry = received();
      await ledger().recordReceived(entry);
      const split = {
        chunks: 3,
        encounters: 700,
        format: 'csv-superbill' as const,
        sha256: 'a'.repeat(64),
        plannedAt: '2026-11-20T10:00:01.000Z',
        progressAt: '2026-11-20T10:00:01.000Z',
      };

      await ledger().note(entry.documentId, { kind: 'split_planned', at: split.plannedAt, split });
      await ledger().note(entry.documentId, {
        kind: 'split_planned',
        at: '2026-11-20T10:00:02.000Z',
        split: { ...split, chunks: 9, plannedAt: '2026-11-20T10:00:02.000Z' },
      });
      await ledger().note(entry.documentId, { kind: 'reconcile_attempt', at: '2026-11-20T11:00:00.000Z' });
      await ledger().note(entry.documentId, { kind: 'chunk_done', at: '2026-11-20T11:00:05.000Z' });

      const noted = await ledger().get(entry.documentId);
      expect(noted).toMatchObject({
        status: 'RECEIVED',
        split: { ...split, progressAt: '2026-11-20T11:00:05.000Z' },
      });
      expect(noted?.reconcileAttempts).toBeUndefined();
    });
  });
}
