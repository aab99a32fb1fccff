/**
 * What every ClaimStore must do, whatever holds the claims. Run against the in-memory store (test/unit/storage) and
 * the DynamoDB store on dynalite (test/local/dynamodb-stores.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import type { ClaimStore } from '#core/storage/claim-store';
import { InvalidCursorError, VersionConflictError } from '#core/storage/errors';
import { readAllPages } from '#core/storage/page';
import { visitKeyOf } from '#core/storage/visit-key';
import { newClaim } from './claim-fixture.ts';

export function claimStoreConformance(name: string, store: () => ClaimStore): void {
  describe(`ClaimStore conformance: ${name}`, () => {
    it('creates a claim once; creating it again returns the stored claim unchanged', async () => {
      const claim = newClaim();

      const first = await store().create(claim);
      const second = await store().create({ ...claim, totalChargeCents: 1 });

      expect(first.created).toBe(true);
      expect(second).toMatchObject({
        created: false,
        claim: { id: claim.id, totalChargeCents: claim.totalChargeCents },
      });
      expect(await store().get(claim.id)).toEqual(claim);
    });

    it('carries the document and practice the claim belongs to', async () => {
      const claim = newClaim({ practiceId: 'maple-grove' });
      await store().create(claim);

      expect(await store().get(claim.id)).toMatchObject({ documentId: claim.documentId, practiceId: 'maple-grove' });
    });

    it('saves each transition and keeps every event as history, oldest first', async () => {
      const claim = newClaim();
      await store().create(claim);
      const ready = transition(claim, { to: 'READY', at: '2026-11-20T10:00:01.000Z', actor: 'test' });
      await store().save(ready);
      const queued = transition(ready, { to: 'QUEUED', at: '2026-11-20T10:00:02.000Z', actor: 'test' });
      await store().save(queued);

      expect(await store().get(claim.id)).toEqual(queued);
      const history = await readAllPages((page) => store().history(claim.id, page));
      expect(history.map((e) => [e.version, e.from, e.to])).toEqual([
        [1, undefined, 'CODED'],
        [2, 'CODED', 'READY'],
        [3, 'READY', 'QUEUED'],
      ]);
    });

    it('pages a long history without losing or repeating an event', async () => {
      let claim = newClaim();
      await store().create(claim);
      for (let i = 0; i < 12; i++) {
        const to = claim.status === 'CODED' ? 'NEEDS_REVIEW' : 'CODED';
        claim = transition(claim, { to, at: `2026-11-20T10:01:${String(i).padStart(2, '0')}.000Z`, actor: 'test' });
        await store().save(claim);
      }

      const first = await store().history(claim.id, { limit: 5 });
      const all = await readAllPages((page) => store().history(claim.id, { ...page, limit: 5 }));

      expect(first.items).toHaveLength(5);
      expect(first.cursor).toBeDefined();
      expect(all.map((e) => e.version)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    });

    it('refuses a save computed from a stale version with a VersionConflictError, keeping the winner', async () => {
      const claim = newClaim();
      await store().create(claim);
      const winner = transition(claim, { to: 'READY', at: '2026-11-20T10:00:01.000Z', actor: 'a' });
      const loser = transition(claim, { to: 'NEEDS_REVIEW', at: '2026-11-20T10:00:01.000Z', actor: 'b' });
      await store().save(winner);

      await expect(store().save(loser)).rejects.toBeInstanceOf(VersionConflictError);
      expect((await store().get(claim.id))?.status).toBe('READY');
    });

    it('refuses to save a claim that was never created', async () => {
      const claim = newClaim();
      const next = transition(claim, { to: 'READY', at: '2026-11-20T10:00:01.000Z', actor: 'a' });

      await expect(store().save(next)).rejects.toBeInstanceOf(VersionConflictError);
    });

    it('marks the QUEUED version as sent, and refuses once the claim moved on', async () => {
      const claim = newClaim();
      await store().create(claim);
      const ready = transition(claim, { to: 'READY', at: '2026-11-20T10:00:01.000Z', actor: 'test' });
      const queued = transition(ready, { to: 'QUEUED', at: '2026-11-20T10:00:02.000Z', actor: 'test' });
      await store().save(ready);
      await expect(store().markQueuedMessageSent(claim.id, ready.version, 'x')).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await store().save(queued);

      await store().markQueuedMessageSent(claim.id, queued.version, '2026-11-20T10:00:03.000Z');

      expect((await store().get(claim.id))?.queuedMessageSentAt).toBe('2026-11-20T10:00:03.000Z');
      await expect(store().markQueuedMessageSent(claim.id, queued.version + 1, 'x')).rejects.toBeInstanceOf(
        VersionConflictError,
      );
    });

    it("pages a practice's work queue by owner and status, never showing another practice's or owner's claims", async () => {
      const practiceId = `practice-${Math.random().toString(36).slice(2)}`;
      const toReview = async (owner: 'CODER' | 'BILLER', minute: number) => {
        const claim = newClaim({ practiceId });
        await store().create(claim);
        const next = transition(claim, {
          to: 'NEEDS_REVIEW',
          at: `2026-11-20T11:${String(minute).padStart(2, '0')}:00.000Z`,
          actor: 'test',
          owner,
        });
        await store().save(next);
        return next;
      };
      const coder = [];
      for (let minute = 0; minute < 7; minute++) coder.push(await toReview('CODER', minute));
      const biller = await toReview('BILLER', 30);
      const elsewhere = newClaim();
      await store().create(elsewhere);
      await store().save(transition(elsewhere, { to: 'NEEDS_REVIEW', at: '2026-11-20T11:00:00.000Z', actor: 't' }));

      const first = await store().workQueue({ practiceId, owner: 'CODER' }, { limit: 3 });
      const all = await readAllPages((page) =>
        store().workQueue({ practiceId, owner: 'CODER', status: 'NEEDS_REVIEW' }, { ...page, limit: 3 }),
      );

      expect(first.items.map((c) => c.id)).toEqual(coder.slice(0, 3).map((c) => c.id));
      expect(first.cursor).toBeDefined();
      expect(all.map((c) => c.id)).toEqual(coder.map((c) => c.id));
      expect((await store().workQueue({ practiceId, owner: 'BILLER' })).items.map((c) => c.id)).toEqual([biller.id]);
      expect((await store().workQueue({ practiceId, owner: 'CODER', status: 'READY' })).items).toEqual([]);
    });

    it('takes a claim out of the work queue when nobody has to act on it any more', async () => {
      const claim = newClaim();
      await store().create(claim);
      const review = transition(claim, { to: 'NEEDS_REVIEW', at: '2026-11-20T10:00:01.000Z', actor: 't' });
      await store().save(review);
      await store().save(transition(review, { to: 'READY', at: '2026-11-20T10:00:02.000Z', actor: 't' }));

      expect((await store().workQueue({ practiceId: claim.practiceId, owner: 'CODER' })).items).toEqual([]);
    });

    it('lists claims by status, oldest change first, and only those changed before a cut-off when asked', async () => {
      const early = newClaim({ at: '2001-01-01T00:00:00.000Z' });
      const late = newClaim({ at: '2001-01-01T00:05:00.000Z' });
      await store().create(late);
      await store().create(early);

      const coded = await readAllPages((page) => store().listByStatus({ status: 'CODED' }, page));
      const stuck = await readAllPages((page) =>
        store().listByStatus({ status: 'CODED', changedBefore: '2001-01-01T00:01:00.000Z' }, page),
      );

      const ids = coded.map((c) => c.id);
      expect(ids.indexOf(early.id)).toBeLessThan(ids.indexOf(late.id));
      expect(stuck.map((c) => c.id)).toContain(early.id);
      expect(stuck.map((c) => c.id)).not.toContain(late.id);
    });

    it('lists claims changed within a window, both ends of which are asked for', async () => {
      const before = newClaim({ at: '2002-02-02T00:00:00.000Z' });
      const inside = newClaim({ at: '2002-02-02T00:05:00.000Z' });
      const atEnd = newClaim({ at: '2002-02-02T00:10:00.000Z' });
      for (const claim of [before, inside, atEnd]) await store().create(claim);

      const window = await readAllPages((page) =>
        store().listByStatus(
          { status: 'CODED', changedFrom: '2002-02-02T00:05:00.000Z', changedBefore: '2002-02-02T00:10:00.000Z' },
          page,
        ),
      );

      expect(window.map((c) => c.id)).toEqual([inside.id]);
    });

    it('lists claims by the time they entered their status: a change that keeps the status does not move them', async () => {
      const claim = newClaim({ at: '2004-04-04T00:00:00.000Z' });
      await store().create(claim);
      const review = transition(claim, { to: 'NEEDS_REVIEW', at: '2004-04-04T00:01:00.000Z', actor: 't' });
      await store().save(review);
      const version = review.version + 1;
      await store().save({
        ...review,
        version,
        lastEvent: { version, at: '2004-04-04T09:00:00.000Z', from: 'NEEDS_REVIEW', to: 'NEEDS_REVIEW', actor: 'b' },
      });

      const waitingSinceMorning = await readAllPages((page) =>
        store().listByStatus(
          {
            status: 'NEEDS_REVIEW',
            changedFrom: '2004-04-04T00:00:00.000Z',
            changedBefore: '2004-04-04T00:02:00.000Z',
          },
          page,
        ),
      );

      expect(waitingSinceMorning.map((c) => c.id)).toEqual([claim.id]);
      expect(waitingSinceMorning[0]?.statusSince).toBe('2004-04-04T00:01:00.000Z');
    });

    it('lists claims in a status by first date of service, within the dates asked, earliest first', async () => {
      const year = 1900 + Math.floor(Math.random() * 90);
      const served = (claim: Claim, date: string): Claim => ({
        ...claim,
        lines: claim.lines.map((line) => ({ ...line, serviceDate: date })),
      });
      const early = served(newClaim(), `${year}-03-01`);
      const middle = served(newClaim(), `${year}-03-15`);
      const late = served(newClaim(), `${year}-04-01`);
      const undated = { ...newClaim(), lines: newClaim().lines.map(({ serviceDate: _d, ...line }) => line) };
      for (const claim of [late, undated, middle, early]) await store().create(claim);
      const review = transition(middle, { to: 'NEEDS_REVIEW', at: '2026-11-20T10:00:01.000Z', actor: 't' });
      await store().save(review);

      const coded = await readAllPages((page) =>
        store().listByServiceDate(
          { status: 'CODED', servedFrom: `${year}-01-01`, servedThrough: `${year}-03-31` },
          page,
        ),
      );
      const reviewed = await readAllPages((page) =>
        store().listByServiceDate({ status: 'NEEDS_REVIEW', servedThrough: `${year}-03-15` }, page),
      );
      const lastDayIncluded = await readAllPages((page) =>
        store().listByServiceDate(
          { status: 'CODED', servedFrom: `${year}-04-01`, servedThrough: `${year}-04-01` },
          page,
        ),
      );

      expect(coded.map((c) => c.id)).toEqual([early.id]);
      expect(reviewed.map((c) => c.id)).toContain(middle.id);
      expect(lastDayIncluded.map((c) => c.id)).toEqual([late.id]);
    });

    it('lists QUEUED claims whose message is unsent, and drops a claim from that list once it is marked sent', async () => {
      const queue = async (at: string) => {
        const claim = newClaim({ at });
        await store().create(claim);
        const ready = transition(claim, { to: 'READY', at, actor: 't' });
        await store().save(ready);
        const queued = transition(ready, { to: 'QUEUED', at, actor: 't' });
        await store().save(queued);
        return queued;
      };
      const unsent = await queue('2003-03-03T00:00:00.000Z');
      const sent = await queue('2003-03-03T00:01:00.000Z');
      const recent = await queue('2003-03-03T00:09:00.000Z');
      await store().markQueuedMessageSent(sent.id, sent.version, '2003-03-03T00:01:01.000Z');

      const outbox = await readAllPages((page) =>
        store().listUnsent({ queuedBefore: '2003-03-03T00:05:00.000Z' }, page),
      );
      const everything = (await readAllPages((page) => store().listUnsent({}, page))).map((c) => c.id);

      expect(outbox.map((c) => c.id)).toEqual([unsent.id]);
      expect(everything).toContain(recent.id);
      expect(everything).not.toContain(sent.id);
      expect((await store().get(sent.id))?.status).toBe('QUEUED');
      const queuedIds = (await readAllPages((page) => store().listByStatus({ status: 'QUEUED' }, page))).map(
        (c) => c.id,
      );
      expect(queuedIds).toEqual(expect.arrayContaining([unsent.id, sent.id, recent.id]));
    });

    it('finds the claims for one visit by its visit key', async () => {
      const first = newClaim({ memberId: `VISIT${Math.random().toString(36).slice(2, 8)}` });
      const second = { ...newClaim({ memberId: first.subscriber.memberId }), id: `${first.id.slice(0, 18)}X2` };
      await store().create(first);
      await store().create(second);

      const found = await store().findByVisit(visitKeyOf(first)!);

      expect(found.map((c) => c.id).sort()).toEqual([first.id, second.id].sort());
      expect(found.every((c) => c.status === 'CODED')).toBe(true);
    });

    it('refuses a cursor it never handed out', async () => {
      await expect(
        store().workQueue({ practiceId: 'p', owner: 'CODER' }, { cursor: 'not-a-cursor' }),
      ).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
