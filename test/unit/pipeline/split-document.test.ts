/**
 * A document with more visits than one invocation codes is coded in pieces, one invocation per piece, and ends
 * settled once every piece is done: each visit billed once whatever crashes between pieces or inside one, whatever
 * message is delivered twice or to two invocations at once; read and parsed once, so the work grows with the document
 * and no faster.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES } from '#core/claims/claim';
import type { Encounter } from '#core/documents/encounter';
import { DEFAULT_PIPELINE_LIMITS, type PipelineLimits } from '#core/pipeline/limits';
import { planChunks } from '#core/pipeline/split-document';
import { readAllPages } from '#core/storage/page';
import { visitKeyOf } from '#core/storage/visit-key';
import { Crash, cleanVisits, Pipeline } from './harness.ts';

/** Three visits a piece: small documents show every boundary. */
const LIMITS: PipelineLimits = { ...DEFAULT_PIPELINE_LIMITS, encountersPerChunk: 3 };

async function allClaims(pipeline: Pipeline) {
  const claims = [];
  for (const status of CLAIM_STATUSES)
    claims.push(...(await readAllPages((page) => pipeline.claims.listByStatus({ status }, page))));
  return claims;
}

/** Every visit has exactly one claim, queued with its message sent under one identity, and nothing else was sent. */
async function expectEachVisitBilledOnce(pipeline: Pipeline, visits: number) {
  const claims = await allClaims(pipeline);
  expect(claims).toHaveLength(visits);
  expect(new Set(claims.map((c) => visitKeyOf(c))).size).toBe(visits);
  expect(claims.every((c) => c.status === 'QUEUED' && c.queuedMessageSentAt !== undefined)).toBe(true);
  expect(pipeline.sentIdentities().sort()).toEqual(claims.map((c) => `${c.id}#${c.version}`).sort());
}

function encounter(index: number, noteText = 'note'): Encounter {
  return {
    source: { key: 'inbox/x.json', format: 'claimflow-json', index },
    patient: {},
    diagnoses: [],
    procedures: [],
    noteText,
  };
}

describe('planning a document in pieces', () => {
  it('packs the visits in order, each in exactly one piece, within the visits and the bytes of a piece', () => {
    const encounters = Array.from({ length: 10 }, (_, i) => encounter(i, i === 4 ? 'x'.repeat(800) : 'note'));
    const limits = { ...LIMITS, chunkBytes: 1000 };

    const plan = planChunks(encounters, limits);

    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    // Visit 5 (about 930 bytes) fits no piece beside another: the piece before it closes early and it stands alone.
    expect(plan.pieces.map((p) => [p.first, p.count])).toEqual([
      [0, 3],
      [3, 1],
      [4, 1],
      [5, 3],
      [8, 2],
    ]);
    for (const piece of plan.pieces) {
      expect(new TextEncoder().encode(piece.encountersJson).length).toBeLessThanOrEqual(1000);
      const visits = JSON.parse(piece.encountersJson) as Encounter[];
      expect(visits.map((v) => v.source.index)).toEqual(Array.from({ length: piece.count }, (_, i) => piece.first + i));
    }
  });

  it('fails a visit that alone is larger than a piece may be, naming the visit', () => {
    const plan = planChunks([encounter(0), encounter(1, 'x'.repeat(2000))], { ...LIMITS, chunkBytes: 1000 });

    expect(plan).toMatchObject({ ok: false, reason: 'visit_too_large', message: expect.stringMatching(/^visit 2 /) });
  });

  it('fails a document whose visits together pass the bytes kept for one document', () => {
    const encounters = Array.from({ length: 50 }, (_, i) => encounter(i, 'x'.repeat(100)));

    const plan = planChunks(encounters, { ...LIMITS, splitBytes: 4000 });

    expect(plan).toMatchObject({ ok: false, reason: 'too_large' });
  });
});

describe('a document coded in pieces', () => {
  it('stays RECEIVED while its pieces are coded one message each, then settles CODED with every visit billed once', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/batch.json', cleanVisits(8));

    const outcome = await pipeline.deliver(object, { limits: LIMITS });

    expect(outcome).toMatchObject({ kind: 'split', chunks: 3 });
    const planned = await pipeline.ledger.get(outcome.documentId);
    expect(planned).toMatchObject({
      status: 'RECEIVED',
      split: { chunks: 3, encounters: 8, format: 'claimflow-json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(await allClaims(pipeline)).toEqual([]);
    expect(pipeline.continuations).toEqual([{ documentId: outcome.documentId, chunk: 0 }]);

    expect(await pipeline.drainChunks({ limits: LIMITS })).toBe(3);

    const settled = await pipeline.ledger.get(outcome.documentId);
    expect(settled).toMatchObject({ status: 'CODED', format: 'claimflow-json', sha256: planned?.split?.sha256 });
    await expectEachVisitBilledOnce(pipeline, 8);
    expect(pipeline.documentReads).toBe(1);
  });

  it('bills each visit once when any write of any piece crashes and the piece is delivered again', async () => {
    // How many writes each piece's delivery makes, from a run without faults.
    const clean = new Pipeline();
    await clean.deliver(clean.put('inbox/batch.json', cleanVisits(7)), { limits: LIMITS });
    const writesPerPiece: number[] = [];
    for (let next = clean.continuations.shift(); next; next = clean.continuations.shift()) {
      await clean.deliverChunk(next, { limits: LIMITS });
      writesPerPiece.push(clean.writes.length);
    }
    expect(writesPerPiece).toHaveLength(3);

    for (const [piece, writes] of writesPerPiece.entries()) {
      for (let crashBefore = 1; crashBefore <= writes; crashBefore++) {
        const pipeline = new Pipeline();
        const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(7)), {
          limits: LIMITS,
        });
        for (let done = 0; done < piece; done++)
          await pipeline.deliverChunk(pipeline.continuations.shift()!, { limits: LIMITS });
        const message = pipeline.continuations.shift()!;
        await expect(
          pipeline.deliverChunk(message, { limits: LIMITS, crashBefore }),
          `piece ${piece}, crash before write ${crashBefore}`,
        ).rejects.toThrow(Crash);

        // The queue delivers the message again; then the rest of the chain runs.
        pipeline.continuations.unshift(message);
        await pipeline.drainChunks({ limits: LIMITS });

        expect((await pipeline.ledger.get(documentId))?.status, `piece ${piece}, crash ${crashBefore}`).toBe('CODED');
        await expectEachVisitBilledOnce(pipeline, 7);
      }
    }
  });

  it('bills each visit once when a piece is delivered twice, one after the other or to two invocations at once', async () => {
    const pipeline = new Pipeline();
    const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(9)), { limits: LIMITS });

    const first = pipeline.continuations.shift()!;
    await Promise.all([
      pipeline.deliverChunk(first, { limits: LIMITS }),
      pipeline.deliverChunk(first, { limits: LIMITS }),
    ]);
    const second = pipeline.continuations.shift()!;
    await pipeline.deliverChunk(second, { limits: LIMITS });
    const again = await pipeline.deliverChunk(second, { limits: LIMITS });
    // A piece already done only passes the baton on.
    expect(again).toMatchObject({ kind: 'chunk_coded', chunk: 1, claims: 0 });
    await pipeline.drainChunks({ limits: LIMITS });

    expect((await pipeline.ledger.get(documentId))?.status).toBe('CODED');
    await expectEachVisitBilledOnce(pipeline, 9);
  });

  it('resumes from its first piece not done when the notification is delivered again, without planning anew', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/batch.json', cleanVisits(7));
    const { documentId } = await pipeline.deliver(object, { limits: LIMITS });
    await pipeline.deliverChunk(pipeline.continuations.shift()!, { limits: LIMITS });
    // The message for piece 1 was lost with the invocation that sent it.
    pipeline.continuations.length = 0;

    const again = await pipeline.deliver(object, { limits: LIMITS });

    expect(again).toMatchObject({ kind: 'split', chunks: 3 });
    expect(pipeline.writes).not.toContain('chunks.plan');
    expect(pipeline.continuations).toEqual([{ documentId, chunk: 1 }]);
    await pipeline.drainChunks({ limits: LIMITS });
    expect((await pipeline.ledger.get(documentId))?.status).toBe('CODED');
    await expectEachVisitBilledOnce(pipeline, 7);
  });

  it('fails the document when a later piece passes a claim bound: that piece makes no claim, earlier ones stand', async () => {
    const pipeline = new Pipeline();
    const typo = [{ code: '99213', units: 1, charge: '10000000.00', diagnosisCodes: ['J06.9'] }];
    const text = cleanVisits(7, { procedures: (i) => (i === 4 ? typo : undefined) });
    const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', text), { limits: LIMITS });

    await pipeline.drainChunks({ limits: LIMITS });

    const entry = await pipeline.ledger.get(documentId);
    expect(entry).toMatchObject({ status: 'FAILED', failure: { reason: 'amount_out_of_range' } });
    expect(entry?.failure?.message).toMatch(
      /^visit 5, line 1: the charge .* \(the document was coded in 3 pieces; this is piece 2; the claims of visits 1-3, made by the pieces before it, stand\)$/,
    );
    expect(entry?.quarantineKey).toBe('quarantine/batch.json');
    // Visits 1-3 (piece 1) were billed; nothing of piece 2 was stored, and piece 3 was never coded.
    expect((await allClaims(pipeline)).length).toBe(3);
    expect(pipeline.sentIdentities()).toHaveLength(3);
  });
});

describe('the work of a split document (counted, not timed)', () => {
  it('grows with the number of visits and no faster: the document is read once, each piece read back once', async () => {
    const limits = { ...DEFAULT_PIPELINE_LIMITS, encountersPerChunk: 10 };
    const work = async (visits: number) => {
      const pipeline = new Pipeline();
      await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(visits)), { limits });
      const pieces = await pipeline.drainChunks({ limits });
      expect((await allClaims(pipeline)).length).toBe(visits);
      return { reads: pipeline.documentReads, pieces, perVisit: pipeline.chunkBytesRead / visits };
    };

    const small = await work(40);
    const large = await work(160);

    expect([small.reads, large.reads]).toEqual([1, 1]);
    expect([small.pieces, large.pieces]).toEqual([4, 16]);
    // What the pieces read back per visit is the same at four times the size: linear, never a re-read of the document.
    expect(large.perVisit / small.perVisit).toBeGreaterThan(0.95);
    expect(large.perVisit / small.perVisit).toBeLessThan(1.05);
  });
});
