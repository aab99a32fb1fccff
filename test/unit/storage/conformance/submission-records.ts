/** What every SubmissionRecords store must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { InterchangeRecord, SubmissionRecords } from '#core/storage/submission-records';

const AT = '2026-11-23T15:00:00.000Z';

function sealedInterchange(id: string, claimId: string): InterchangeRecord {
  return {
    id,
    status: 'PENDING',
    createdAt: AT,
    sealed: {
      senderId: 'ZZ-CLAIMFLOW',
      claims: [{ claimId, version: 4 }],
      interchangeControlNumber: 17,
      groupControlNumber: 9,
      transactionControlNumbers: ['0003'],
      idempotencyKey: `cf837:${id}`,
      archiveKey: `submissions/${id}.x12`,
    },
  };
}

export function submissionRecordsConformance(name: string, records: () => SubmissionRecords): void {
  describe(`SubmissionRecords conformance: ${name}`, () => {
    it('puts a claim version in exactly one of many interchanges racing for it', async () => {
      const claimId = `C${randomUUID().slice(0, 12)}`;
      const candidates = Array.from({ length: 6 }, (_, i) => `ZZ-X:${randomUUID()}:${i}`);

      const outcomes = await Promise.all(
        candidates.map((interchangeId) => records().claim({ claimId, version: 4, interchangeId, claimedAt: AT })),
      );

      const winners = outcomes.filter((o) => o.won);
      expect(winners).toHaveLength(1);
      const held = await records().getClaim(claimId, 4);
      for (const outcome of outcomes) if (!outcome.won) expect(outcome.record).toEqual(held);
      expect(await records().getClaim(claimId, 5)).toBeUndefined();
    });

    it('moves a claim version out of an abandoned interchange only when its record still names that one', async () => {
      const claimId = `C${randomUUID().slice(0, 12)}`;
      await records().claim({ claimId, version: 4, interchangeId: 'ZZ-X:A', claimedAt: AT });

      const wrong = await records().claim({ claimId, version: 4, interchangeId: 'ZZ-X:C', claimedAt: AT }, 'ZZ-X:B');
      const right = await records().claim({ claimId, version: 4, interchangeId: 'ZZ-X:D', claimedAt: AT }, 'ZZ-X:A');

      expect(wrong).toMatchObject({ won: false, record: { interchangeId: 'ZZ-X:A' } });
      expect(right).toEqual({ won: true });
      expect((await records().getClaim(claimId, 4))?.interchangeId).toBe('ZZ-X:D');
    });

    it('creates an interchange once: sealing and fencing off race, and the first write stands', async () => {
      const id = `ZZ-X:${randomUUID()}`;
      const [sealed, fenced] = await Promise.all([
        records().createInterchange(sealedInterchange(id, 'C1')),
        records().createInterchange({ id, status: 'ABANDONED', createdAt: AT }),
      ]);

      expect([sealed.created, fenced.created].filter(Boolean)).toHaveLength(1);
      const stored = await records().getInterchange(id);
      expect(stored).toEqual(sealed.created ? sealedInterchange(id, 'C1') : { id, status: 'ABANDONED', createdAt: AT });
      expect((sealed.created ? fenced : sealed).record).toEqual(stored);
    });

    it('records a receipt on a pending interchange once, and a repeat changes nothing', async () => {
      const id = `ZZ-X:${randomUUID()}`;
      await records().createInterchange(sealedInterchange(id, 'C1'));
      const receipt = {
        submissionId: 'SUB00000001',
        receivedAt: AT,
        accepted: ['C1'],
        rejected: [{ claimId: 'C2', reasons: [{ code: 'TR3_RULE', message: 'no NPI', field: 'billingProvider.npi' }] }],
      };

      await records().recordReceipt(id, receipt);
      await records().recordReceipt(id, { ...receipt, submissionId: 'SUB-OTHER' });

      expect(await records().getInterchange(id)).toEqual({ ...sealedInterchange(id, 'C1'), status: 'SENT', receipt });
      await expect(records().recordRefusal(id, { message: 'late', at: AT })).rejects.toThrow(/SENT, not PENDING/);
    });

    it('records a refusal on a pending interchange, and refuses to settle an abandoned or absent one', async () => {
      const id = `ZZ-X:${randomUUID()}`;
      await records().createInterchange(sealedInterchange(id, 'C1'));
      await records().recordRefusal(id, { code: 'WRONG_RECEIVER', message: 'not us', at: AT });
      expect(await records().getInterchange(id)).toMatchObject({
        status: 'REFUSED',
        refusal: { code: 'WRONG_RECEIVER' },
      });

      const abandoned = `ZZ-X:${randomUUID()}`;
      await records().createInterchange({ id: abandoned, status: 'ABANDONED', createdAt: AT });
      const receipt = { submissionId: 'S', receivedAt: AT, accepted: [], rejected: [] };
      await expect(records().recordReceipt(abandoned, receipt)).rejects.toThrow(/ABANDONED/);
      await expect(records().recordReceipt(`ZZ-X:${randomUUID()}`, receipt)).rejects.toThrow(/absent/);
    });

    it('finds the sealed interchange that carried a functional group by sender and GS06 (what a 999 names)', async () => {
      const id = `ZZ-X:${randomUUID()}`;
      const senderId = `ZZ-${randomUUID().slice(0, 8)}`;
      const interchange = sealedInterchange(id, 'C1');
      interchange.sealed = { ...interchange.sealed!, senderId, groupControlNumber: 41 };
      await records().createInterchange(interchange);

      expect(await records().findInterchangeByGroup(senderId, 41)).toEqual(interchange);
      expect(await records().findInterchangeByGroup(senderId, 42)).toBeUndefined();
      expect(await records().findInterchangeByGroup('ZZ-SOMEONE-ELSE', 41)).toBeUndefined();
    });

    it('keeps the latest dead-letter note of a claim version, apart from its claim record and other versions', async () => {
      const claimId = `C${randomUUID().slice(0, 12)}`;
      await records().claim({ claimId, version: 4, interchangeId: 'ZZ-X:A', claimedAt: AT });
      const note = {
        claimId,
        version: 4,
        messageId: 'm-1',
        receiveCount: 5,
        reason: 'TransientClearinghouseError: down',
        at: AT,
      };

      await records().recordDeadLetter(note);
      await records().recordDeadLetter({ ...note, messageId: 'm-2', receiveCount: 6 });

      expect(await records().getDeadLetter(claimId, 4)).toEqual({ ...note, messageId: 'm-2', receiveCount: 6 });
      expect(await records().getDeadLetter(claimId, 5)).toBeUndefined();
      expect((await records().getClaim(claimId, 4))?.interchangeId).toBe('ZZ-X:A');
    });
  });
}
