/**
 * A document uploaded again for the same visit (the same source id, or the same patient, provider, date of service
 * and payer) replaces the claim the earlier upload made while that claim has not been submitted: the earlier claim is
 * VOIDED as superseded, linked to the new one, and the visit passes to the new claim. Once the payer has adjudicated
 * the earlier claim, the new one is its corrected claim (frequency 7 with REF*F8, or a new original after a
 * rejection); while it is with the payer, the new claim waits for a biller. Nothing is ever sent twice.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { fixedClock } from '#core/kernel/clock';
import { approveClaim, OperationError, type OperationsPorts, rescrubberFor, voidClaim } from '#core/operations/index';
import { readAllPages } from '#core/storage/page';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { visitKeyOf } from '#core/storage/visit-key';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { Crash, cleanVisit, Pipeline, TODAY } from './harness.ts';

async function claimOf(pipeline: Pipeline, documentId: string): Promise<Claim> {
  const entry = await pipeline.ledger.get(documentId);
  const claim = entry?.claimIds?.[0] ? await pipeline.claims.get(entry.claimIds[0]) : undefined;
  if (!claim) throw new Error(`document ${documentId} made no claim`);
  return claim;
}

/** A visit whose only procedure code is not a code at all: the scrubber sends it to review. */
const withBadCode = (encounterId: string) =>
  cleanVisit(encounterId, { procedures: [{ code: '99999', units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] }] });

/** Moves a stored claim through the payer's statuses, as responses would. */
async function moveTo(pipeline: Pipeline, claim: Claim, path: ClaimStatus[], patch: Partial<Claim> = {}) {
  let current = (await pipeline.claims.get(claim.id))!;
  for (const to of path) {
    const version = current.version + 1;
    current = {
      ...current,
      ...patch,
      status: to,
      version,
      lastEvent: { version, at: '2026-11-23T12:30:00.000Z', from: current.status, to, actor: 'responses' },
    };
    await pipeline.claims.save(current);
  }
  return current;
}

describe('a document uploaded again for a visit not yet submitted', () => {
  it('with the same source id: the new claim supersedes the earlier one and is the one sent', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/visit.json', withBadCode('V-20')));
    const earlier = await claimOf(pipeline, first.documentId);
    expect(earlier.status).toBe('NEEDS_REVIEW');

    const second = await pipeline.deliver(pipeline.put('inbox/visit-fixed.json', cleanVisit('V-20')));

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({
      status: 'QUEUED',
      frequency: '1',
      replaces: { claimId: earlier.id, kind: 'superseded' },
    });
    expect(await pipeline.claims.get(earlier.id)).toMatchObject({
      status: 'VOIDED',
      reasonCategory: 'superseded',
      replacedBy: { claimId: replacing.id, kind: 'superseded' },
      lastEvent: { actor: 'code-encounter', action: 'supersede' },
    });
    expect(pipeline.sentIdentities()).toEqual([`${replacing.id}#${replacing.version}`]);
  });

  it('with the same patient, provider, date and payer under another id: the visit passes to the new claim', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-21')));
    const earlier = await claimOf(pipeline, first.documentId);
    // The earlier claim reached READY (it holds the visit) but a biller pulled it back before it was queued.
    const pulled = await moveTo(pipeline, earlier, []);
    await pipeline.claims.save({
      ...pulled,
      status: 'NEEDS_REVIEW',
      version: pulled.version + 1,
      lastEvent: {
        version: pulled.version + 1,
        at: '2026-11-23T12:10:00.000Z',
        from: pulled.status,
        to: 'NEEDS_REVIEW',
        actor: 'biller',
      },
    });
    pipeline.sent.length = 0;

    const second = await pipeline.deliver(pipeline.put('inbox/b.json', cleanVisit('V-21-corrected')));

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({ status: 'QUEUED', replaces: { claimId: earlier.id, kind: 'superseded' } });
    expect((await pipeline.claims.get(earlier.id))?.status).toBe('VOIDED');
    expect((await pipeline.visits.get(visitKeyOf(replacing)!))?.claimId).toBe(replacing.id);
    expect(pipeline.sentIdentities()).toEqual([`${replacing.id}#${replacing.version}`]);
  });

  it('is finished by the retry after a crash at any write, superseding once and sending once', async () => {
    const probe = new Pipeline();
    await probe.deliver(probe.put('inbox/visit.json', withBadCode('V-22')));
    await probe.deliver(probe.put('inbox/visit-fixed.json', cleanVisit('V-22')));
    const writes = probe.writes;
    expect(writes).toContain('claims.save');

    for (let crashBefore = 1; crashBefore <= writes.length; crashBefore++) {
      const pipeline = new Pipeline();
      const first = await pipeline.deliver(pipeline.put('inbox/visit.json', withBadCode('V-22')));
      const object = pipeline.put('inbox/visit-fixed.json', cleanVisit('V-22'));
      await expect(
        pipeline.deliver(object, { crashBefore }),
        `crash before ${writes[crashBefore - 1]}`,
      ).rejects.toThrow(Crash);

      const second = await pipeline.deliver(object);

      const earlier = await claimOf(pipeline, first.documentId);
      const replacing = await claimOf(pipeline, second.documentId);
      const where = `after a crash before write ${crashBefore} (${writes[crashBefore - 1]})`;
      expect(earlier, where).toMatchObject({ status: 'VOIDED', replacedBy: { claimId: replacing.id } });
      expect(replacing, where).toMatchObject({
        status: 'QUEUED',
        replaces: { claimId: earlier.id, kind: 'superseded' },
      });
      expect(pipeline.sentIdentities(), where).toEqual([`${replacing.id}#${replacing.version}`]);
    }
  });
});

describe('a document uploaded again for a visit already submitted', () => {
  it('after a denial, becomes the replacement claim (frequency 7, REF*F8) and the earlier claim CORRECTED', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-30')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'ACCEPTED', 'DENIED'], { payerClaimNumber: 'SHP0000000777' });

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-30').replace('three days', 'four days')),
    );

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: 'SHP0000000777',
      replaces: { claimId: earlier.id, kind: 'replacement' },
    });
    expect(await pipeline.claims.get(earlier.id)).toMatchObject({
      status: 'CORRECTED',
      replacedBy: { claimId: replacing.id, kind: 'replacement' },
    });
    expect((await pipeline.visits.get(visitKeyOf(replacing)!))?.claimId).toBe(replacing.id);
  });

  it('after a rejection, goes out as a new original (frequency 1)', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-31')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'REJECTED']);

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-31').replace('three days', 'two days')),
    );

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({ status: 'QUEUED', frequency: '1', replaces: { kind: 'resubmission' } });
    expect(replacing.originalClaimNumber).toBeUndefined();
    expect((await pipeline.claims.get(earlier.id))?.status).toBe('CORRECTED');
  });

  it('after payment, a document billing something else becomes the replacement (frequency 7, REF*F8)', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-34')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'ACCEPTED', 'PAID'], { payerClaimNumber: 'SHP0000000888' });

    const recharged = [{ code: '99213', units: 1, charge: '150.00', diagnosisCodes: ['J06.9'] }];
    const second = await pipeline.deliver(pipeline.put('inbox/b.json', cleanVisit('V-34', { procedures: recharged })));

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: 'SHP0000000888',
      totalChargeCents: 15_000,
      replaces: { claimId: earlier.id, kind: 'replacement' },
    });
    expect(await pipeline.claims.get(earlier.id)).toMatchObject({
      status: 'CORRECTED',
      replacedBy: { claimId: replacing.id, kind: 'replacement' },
      lastEvent: { from: 'PAID', to: 'CORRECTED', actor: 'code-encounter' },
    });
    expect(pipeline.sent).toHaveLength(2);
  });

  it.each(['PAID', 'CLOSED'] as const)(
    'after a %s claim, a document billing exactly the same waits for a biller: nothing is sent',
    async (status) => {
      const pipeline = new Pipeline();
      const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit(`V-35-${status}`)));
      const earlier = await claimOf(pipeline, first.documentId);
      const path = status === 'PAID' ? ['SUBMITTED', 'ACCEPTED', 'PAID'] : ['SUBMITTED', 'ACCEPTED', 'PAID', 'CLOSED'];
      await moveTo(pipeline, earlier, path as ClaimStatus[], { payerClaimNumber: 'SHP0000000889' });

      const second = await pipeline.deliver(
        pipeline.put('inbox/b.json', cleanVisit(`V-35-${status}`).replace('three days', 'three full days')),
      );

      const waiting = await claimOf(pipeline, second.documentId);
      expect(waiting).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'corrected_document', owner: 'BILLER' });
      expect(waiting.lastEvent.reason).toMatch(/bills exactly the same, so there is nothing to correct/);
      expect((await pipeline.claims.get(earlier.id))?.status).toBe(status);
      expect(pipeline.sent).toHaveLength(1);
    },
  );

  it('after a denial with no payer claim number, waits for a biller and says what is missing', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-36')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'ACCEPTED', 'DENIED']);

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-36').replace('three days', 'four days')),
    );

    const waiting = await claimOf(pipeline, second.documentId);
    expect(waiting).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'corrected_document' });
    expect(waiting.lastEvent.reason).toMatch(/is DENIED at the payer but has no payer claim number .* REF\*F8/);
    expect((await pipeline.claims.get(earlier.id))?.status).toBe('DENIED');
  });

  it('while the payer has it, waits for a biller, naming the claim it corrects; nothing more is sent', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-32')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED']);

    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-32').replace('three days', 'five days')),
    );

    const replacing = await claimOf(pipeline, second.documentId);
    expect(replacing).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'corrected_document', owner: 'BILLER' });
    expect(replacing.lastEvent.reason).toBe(
      `claim ${earlier.id} for this visit is SUBMITTED at the payer; this later document corrects it once the payer has adjudicated it`,
    );
    expect((await pipeline.claims.get(earlier.id))?.status).toBe('SUBMITTED');
    expect(pipeline.sent).toHaveLength(1);
  });
});

/** The operator use cases over the pipeline's own stores (what `claims approve` runs with). */
function operationsOn(pipeline: Pipeline): OperationsPorts {
  const clock = fixedClock(TODAY);
  return {
    claims: pipeline.claims,
    visits: pipeline.visits,
    submissions: { publish: async (message) => void pipeline.sent.push(message) },
    clock,
    rescrub: rescrubberFor({
      codeSets: starterCodeSets(),
      config: parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample'),
      payerRules: loadPayerRulesDirectory(SAMPLE_PAYER_RULES),
      priorClaims: priorClaimsIn(pipeline.claims),
      today: () => TODAY.toISOString().slice(0, 10),
    }),
  };
}

describe('approving a later document that waits for its earlier claim (corrected_document)', () => {
  it('is refused while the payer has not adjudicated the earlier claim, and changes nothing', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-40')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'ACCEPTED'], { payerClaimNumber: 'SHP0000000901' });
    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-40').replace('three days', 'four days')),
    );
    const waiting = await claimOf(pipeline, second.documentId);
    const before = [await pipeline.claims.get(earlier.id), await pipeline.claims.get(waiting.id)];

    const refused = await approveClaim({ claimId: waiting.id, actor: 'biller:sam' }, operationsOn(pipeline)).catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(OperationError);
    expect(refused).toMatchObject({ kind: 'illegal_action' });
    expect((refused as Error).message).toMatch(
      /cannot go out yet as the corrected claim of this visit: claim \S+ for this visit is ACCEPTED at the payer; this later document corrects it once the payer has adjudicated it/,
    );
    expect([await pipeline.claims.get(earlier.id), await pipeline.claims.get(waiting.id)]).toEqual(before);
    expect(pipeline.sent).toHaveLength(1);
  });

  it('once the payer has denied the earlier claim, goes out as its replacement (frequency 7, REF*F8)', async () => {
    const pipeline = new Pipeline();
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-41')));
    const earlier = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, earlier, ['SUBMITTED', 'ACCEPTED'], { payerClaimNumber: 'SHP0000000902' });
    const second = await pipeline.deliver(
      pipeline.put('inbox/b.json', cleanVisit('V-41').replace('three days', 'four days')),
    );
    const waiting = await claimOf(pipeline, second.documentId);
    expect(waiting.reasonCategory).toBe('corrected_document');
    await moveTo(pipeline, earlier, ['DENIED']);

    const approved = await approveClaim(
      { claimId: waiting.id, actor: 'biller:sam', reason: 'denial received' },
      operationsOn(pipeline),
    );

    expect(approved.claim).toMatchObject({
      id: waiting.id,
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: 'SHP0000000902',
      replaces: { claimId: earlier.id, kind: 'replacement' },
    });
    expect(await pipeline.claims.get(earlier.id)).toMatchObject({
      status: 'CORRECTED',
      replacedBy: { claimId: waiting.id, kind: 'replacement' },
      lastEvent: { from: 'DENIED', to: 'CORRECTED', actor: 'biller:sam' },
    });
    expect((await pipeline.visits.get(visitKeyOf(waiting)!))?.claimId).toBe(waiting.id);
    expect(pipeline.sent.map((m) => m.claimId)).toEqual([earlier.id, waiting.id]);
  });
});

/**
 * A paid claim voided at the payer (frequency 8): while the void waits for the payer, the visit is still billed; once
 * the payer settled it (the void claim CLOSED, the original retired by the payer's reversal, core/responses/
 * settle-void.ts), nothing of the visit stands, and a later upload of the same visit is a new original claim.
 */
describe('a document uploaded again after the claim was voided at the payer', () => {
  /** The visit billed, paid, voided by a biller, and the void claim on its way (the visit passes to it). */
  async function voidedVisit(pipeline: Pipeline, encounterId: string) {
    const first = await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit(encounterId)));
    const original = await claimOf(pipeline, first.documentId);
    await moveTo(pipeline, original, ['SUBMITTED', 'ACCEPTED', 'PAID'], { payerClaimNumber: 'SHP0000000950' });
    const voided = await voidClaim(
      { claimId: original.id, actor: 'biller:sam', reason: 'billed under the wrong payer' },
      operationsOn(pipeline),
    );
    return { original, voidClaim: voided.voidClaim! };
  }

  /** What settle-void leaves once the payer accepted the void and reversed the original. */
  async function settle(pipeline: Pipeline, original: Claim, voidClaim: Claim) {
    await moveTo(pipeline, voidClaim, ['SUBMITTED', 'ACCEPTED', 'CLOSED']);
    await moveTo(pipeline, original, ['CORRECTED']);
  }

  /** The same visit exported again (other bytes than the first upload, which intake would take as that document). */
  const again = (pipeline: Pipeline, encounterId: string) =>
    pipeline.put('inbox/billed-again.json', cleanVisit(encounterId).replace('three days', 'three full days'));

  it('goes out as a new original (frequency 1, its own id, no REF*F8) once the void settled, and says why', async () => {
    const pipeline = new Pipeline();
    const { original, voidClaim: sentVoid } = await voidedVisit(pipeline, 'V-50');
    await settle(pipeline, original, sentVoid);

    const second = await pipeline.deliver(again(pipeline, 'V-50'));

    const fresh = await claimOf(pipeline, second.documentId);
    expect(fresh).toMatchObject({ status: 'QUEUED', frequency: '1' });
    expect([original.id, sentVoid.id]).not.toContain(fresh.id);
    expect(fresh.originalClaimNumber).toBeUndefined();
    expect(fresh.replaces).toBeUndefined();
    expect(fresh.findings?.map((f) => f.id)).not.toContain('DUPLICATE-CLAIM');
    const history = await readAllPages((page) => pipeline.claims.history(fresh.id, page));
    expect(history.map((e) => e.reason)).toContain(
      `new original claim: claim ${original.id} of this visit was voided by claim ${sentVoid.id}, which the payer accepted and settled, so nothing of the visit stands at the payer`,
    );
    expect((await pipeline.visits.get(visitKeyOf(fresh)!))?.claimId).toBe(fresh.id);
    // The void and the original are left as the payer settled them.
    expect((await pipeline.claims.get(sentVoid.id))?.status).toBe('CLOSED');
    expect((await pipeline.claims.get(original.id))?.status).toBe('CORRECTED');
    expect(pipeline.sent.map((m) => m.claimId)).toEqual([original.id, sentVoid.id, fresh.id]);
  });

  it('waits for a biller while the payer has not settled the void: the visit is still billed', async () => {
    const pipeline = new Pipeline();
    const { original, voidClaim: sentVoid } = await voidedVisit(pipeline, 'V-51');
    await moveTo(pipeline, sentVoid, ['SUBMITTED', 'ACCEPTED']);

    const second = await pipeline.deliver(again(pipeline, 'V-51'));

    const waiting = await claimOf(pipeline, second.documentId);
    expect(waiting).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER', frequency: '1' });
    expect(waiting.lastEvent.reason).toMatch(
      new RegExp(`claim ${sentVoid.id} for this visit is ACCEPTED at the payer`),
    );
    expect(pipeline.sent.map((m) => m.claimId)).toEqual([original.id, sentVoid.id]);
  });

  it('is finished by the retry after a crash at any write: one new original, sent once, its reason noted once', async () => {
    const probe = new Pipeline();
    const settled = await voidedVisit(probe, 'V-52');
    await settle(probe, settled.original, settled.voidClaim);
    await probe.deliver(again(probe, 'V-52'));
    const writes = probe.writes;
    expect(writes).toEqual(expect.arrayContaining(['claims.save', 'visits.transfer']));

    for (let crashBefore = 1; crashBefore <= writes.length; crashBefore++) {
      const pipeline = new Pipeline();
      const { original, voidClaim: sentVoid } = await voidedVisit(pipeline, 'V-52');
      await settle(pipeline, original, sentVoid);
      const object = again(pipeline, 'V-52');
      const where = `after a crash before write ${crashBefore} (${writes[crashBefore - 1]})`;
      await expect(pipeline.deliver(object, { crashBefore }), where).rejects.toThrow(Crash);

      const second = await pipeline.deliver(object);

      const fresh = await claimOf(pipeline, second.documentId);
      expect(fresh, where).toMatchObject({ status: 'QUEUED', frequency: '1' });
      expect(fresh.replaces, where).toBeUndefined();
      const history = await readAllPages((page) => pipeline.claims.history(fresh.id, page));
      expect(
        history.filter((e) => e.reason?.startsWith('new original claim:')),
        where,
      ).toHaveLength(1);
      expect((await pipeline.visits.get(visitKeyOf(fresh)!))?.claimId, where).toBe(fresh.id);
      // One submission identity (a message sent again after a crash carries the same one, which submission dedupes).
      expect(pipeline.sentIdentities(), where).toEqual([
        `${original.id}#${original.version}`,
        `${sentVoid.id}#${sentVoid.version}`,
        `${fresh.id}#${fresh.version}`,
      ]);
    }
  });
});
