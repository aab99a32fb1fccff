/** What every VisitReservations store must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { VisitReservations } from '#core/storage/visit-reservations';

export function visitReservationsConformance(name: string, visits: () => VisitReservations): void {
  describe(`VisitReservations conformance: ${name}`, () => {
    it('lets the first claim reserve a visit and tells every later claim who holds it', async () => {
      const visit = randomUUID();

      const first = await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:00:00.000Z');
      const second = await visits().reserve(visit, 'CLAIM-B', '2026-11-20T10:00:01.000Z');

      expect(first).toEqual({ visitKey: visit, claimId: 'CLAIM-A', reservedAt: '2026-11-20T10:00:00.000Z' });
      expect(second.claimId).toBe('CLAIM-A');
    });

    it('answers the holder reserving again as a success (a retry after a crash)', async () => {
      const visit = randomUUID();
      await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:00:00.000Z');

      expect((await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:05:00.000Z')).claimId).toBe('CLAIM-A');
    });

    it('gives a visit to exactly one of many claims racing for it', async () => {
      const visit = randomUUID();
      const claims = Array.from({ length: 8 }, (_, i) => `CLAIM-${i}`);

      const results = await Promise.all(claims.map((id) => visits().reserve(visit, id, '2026-11-20T10:00:00.000Z')));

      const holders = new Set(results.map((r) => r.claimId));
      expect(holders.size).toBe(1);
      expect((await visits().get(visit))?.claimId).toBe([...holders][0]);
    });

    it('frees a visit only when its holder releases it, and lets another claim reserve it then', async () => {
      const visit = randomUUID();
      await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:00:00.000Z');

      expect(await visits().release(visit, 'CLAIM-B', '2026-11-20T10:01:00.000Z')).toBe(false);
      expect((await visits().get(visit))?.claimId).toBe('CLAIM-A');

      expect(await visits().release(visit, 'CLAIM-A', '2026-11-20T10:02:00.000Z')).toBe(true);
      expect(await visits().get(visit)).toBeUndefined();
      // Releasing again (a retry) frees nothing and says so.
      expect(await visits().release(visit, 'CLAIM-A', '2026-11-20T10:02:30.000Z')).toBe(false);
      expect((await visits().reserve(visit, 'CLAIM-C', '2026-11-20T10:03:00.000Z')).claimId).toBe('CLAIM-C');
      // The first holder's late release cannot free the visit its successor holds now.
      expect(await visits().release(visit, 'CLAIM-A', '2026-11-20T10:04:00.000Z')).toBe(false);
      expect((await visits().get(visit))?.claimId).toBe('CLAIM-C');
    });

    it('passes a visit from its holder to a replacing claim, and only from its holder', async () => {
      const visit = randomUUID();
      await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:00:00.000Z');

      const refused = await visits().transfer(visit, 'CLAIM-B', 'CLAIM-C', '2026-11-20T10:01:00.000Z');
      expect(refused?.claimId).toBe('CLAIM-A');

      const passed = await visits().transfer(visit, 'CLAIM-A', 'CLAIM-R', '2026-11-20T10:02:00.000Z');
      expect(passed).toEqual({ visitKey: visit, claimId: 'CLAIM-R', reservedAt: '2026-11-20T10:02:00.000Z' });
      expect((await visits().get(visit))?.claimId).toBe('CLAIM-R');
      expect((await visits().reserve(visit, 'CLAIM-A', '2026-11-20T10:03:00.000Z')).claimId).toBe('CLAIM-R');
      // A retry of the same transfer finds the replacing claim holding the visit.
      expect((await visits().transfer(visit, 'CLAIM-A', 'CLAIM-R', '2026-11-20T10:04:00.000Z'))?.claimId).toBe(
        'CLAIM-R',
      );
    });

    it('transfers nothing when nobody holds the visit', async () => {
      const visit = randomUUID();
      expect(await visits().transfer(visit, 'CLAIM-A', 'CLAIM-R', '2026-11-20T10:00:00.000Z')).toBeUndefined();
      expect(await visits().get(visit)).toBeUndefined();
    });
  });
}
