/**
 * What every MailboxCopies store must do (core/storage/mailbox-copies.ts). Run against the in-memory store and the
 * DynamoDB store (dynalite); each test uses its own mailbox name, so suites can share one table.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MailboxCopies, MailboxFileRef } from '#core/storage/mailbox-copies';
import { readAllPages } from '#core/storage/page';

const AT = '2026-11-23T15:00:00.000Z';
const COPY = { sha256: 'c'.repeat(64), key: 'responses/raw/2026/11/23/ccc.x12', copiedAt: AT };

function file(mailbox: string, fileId: string, availableAt = '2026-11-23T14:00:00.000Z'): MailboxFileRef {
  return { mailbox, fileId, kind: '835', availableAt };
}

export function mailboxCopiesConformance(name: string, store: () => MailboxCopies): void {
  describe(`MailboxCopies (${name})`, () => {
    const mailbox = () => `mbx-${randomUUID().slice(0, 8)}`;

    it('marks a file copied once: the second mark, from any run, answers false and changes nothing', async () => {
      const copies = store();
      const box = mailbox();
      expect(await copies.get(box, 'F1')).toBeUndefined();
      expect(await copies.markCopied(file(box, 'F1'), COPY)).toBe(true);
      expect(await copies.markCopied(file(box, 'F1'), { ...COPY, copiedAt: '2026-11-24T00:00:00.000Z' })).toBe(false);
      expect(await copies.get(box, 'F1')).toEqual({ ...file(box, 'F1'), status: 'COPIED', failures: 0, ...COPY });
    });

    it('counts failures on a PENDING file, lists it oldest first, and takes it out of the list once copied', async () => {
      const copies = store();
      const box = mailbox();
      const later = file(box, 'F2', '2026-11-23T14:30:00.000Z');
      const earlier = file(box, 'F9', '2026-11-23T14:10:00.000Z');
      expect(await copies.markFailed(later, { stage: 'fetch', at: AT })).toBe(1);
      expect(await copies.markFailed(earlier, { stage: 'archive', at: AT })).toBe(1);
      expect(await copies.markFailed(later, { stage: 'queue', at: AT })).toBe(2);

      const pending = await readAllPages((page) => copies.listPending(box, page));
      expect(pending.map((r) => [r.fileId, r.status, r.failures, r.lastFailure?.stage])).toEqual([
        ['F9', 'PENDING', 1, 'archive'],
        ['F2', 'PENDING', 2, 'queue'],
      ]);
      expect(await copies.listPending(mailbox())).toEqual({ items: [] });

      expect(await copies.markCopied(later, COPY)).toBe(true);
      expect((await readAllPages((page) => copies.listPending(box, page))).map((r) => r.fileId)).toEqual(['F9']);
      expect(await copies.get(box, 'F2')).toMatchObject({ status: 'COPIED', failures: 2, sha256: COPY.sha256 });
    });

    it('never turns a COPIED file back to PENDING', async () => {
      const copies = store();
      const box = mailbox();
      await copies.markCopied(file(box, 'F3'), COPY);
      expect(await copies.markFailed(file(box, 'F3'), { stage: 'queue', at: AT })).toBe(0);
      expect(await copies.get(box, 'F3')).toMatchObject({ status: 'COPIED' });
      expect(await copies.listPending(box)).toEqual({ items: [] });
    });

    it('pages the PENDING files', async () => {
      const copies = store();
      const box = mailbox();
      for (let i = 0; i < 5; i++)
        await copies.markFailed(file(box, `P${i}`, `2026-11-23T14:0${i}:00.000Z`), { stage: 'fetch', at: AT });
      const first = await copies.listPending(box, { limit: 2 });
      expect(first.items.map((r) => r.fileId)).toEqual(['P0', 'P1']);
      const rest = await readAllPages((page) =>
        copies.listPending(box, { ...page, cursor: page.cursor ?? first.cursor }),
      );
      expect(rest.map((r) => r.fileId)).toEqual(['P2', 'P3', 'P4']);
    });

    it('moves the read position only from where the mover read it', async () => {
      const copies = store();
      const box = mailbox();
      expect(await copies.readPosition(box)).toBeUndefined();
      expect(await copies.advanceReadPosition(box, undefined, 'F5', AT)).toBe(true);
      expect(await copies.advanceReadPosition(box, undefined, 'F6', AT)).toBe(false);
      expect(await copies.advanceReadPosition(box, 'F4', 'F6', AT)).toBe(false);
      expect(await copies.readPosition(box)).toBe('F5');
      expect(await copies.advanceReadPosition(box, 'F5', 'F8', AT)).toBe(true);
      expect(await copies.readPosition(box)).toBe('F8');
    });
  });
}
