/**
 * The reconciler settles whatever a crash, an outage longer than the retries or a defect left in an intermediate
 * status: every document ends with a reason, every clean claim is queued with its message sent once.
 */
import { describe, expect, it } from 'vitest';
import { transition } from '#core/claims/state-machine';
import type { DocumentEntry, StoredObject } from '#core/intake/document-ledger';
import { fixedClock } from '#core/kernel/clock';
import { DEFAULT_PIPELINE_LIMITS } from '#core/pipeline/limits';
import {
  type DeadLetter,
  itemsReconciled,
  type ReconcilePorts,
  reconcile,
  SUBMISSION_DEAD_LETTER_FOUND,
  type SubmissionDeadLetterMessage,
} from '#core/pipeline/reconcile';
import type { ClaimStore } from '#core/storage/claim-store';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { readAllPages } from '#core/storage/page';
import { visitKeyOf } from '#core/storage/visit-key';
import { Crash, cleanVisit, cleanVisits, Pipeline, TODAY } from './harness.ts';

const LATER = new Date(TODAY.getTime() + 60 * 60 * 1000);
const OPTIONS = { stuckAfterMs: 30 * 60 * 1000, maxAttempts: 2, maxItemsPerKind: 50 };

function objectOf(entry: DocumentEntry): StoredObject {
  return {
    bucket: entry.bucket,
    key: entry.key,
    ...(entry.versionId ? { versionId: entry.versionId } : {}),
    size: entry.size,
    eTag: entry.eTag,
    eventTime: entry.receivedAt,
  };
}

function portsFor(
  pipeline: Pipeline,
  options: {
    deadLetters?: DeadLetter[];
    submissionDeadLetters?: SubmissionDeadLetterMessage[];
    records?: InMemorySubmissionRecords;
    resubmit?: (entry: DocumentEntry) => Promise<void>;
    at?: Date;
  } = {},
): ReconcilePorts & { resubmitted: string[] } {
  const resubmitted: string[] = [];
  return {
    resubmitted,
    ledger: pipeline.ledger,
    claims: pipeline.claims,
    visits: pipeline.visits,
    submissions: { publish: async (message) => void pipeline.sent.push(message) },
    objects: {
      quarantine: async (object, label) => {
        pipeline.quarantined.push({ key: object.key.replace('inbox/', 'quarantine/'), label });
        return object.key.replace('inbox/', 'quarantine/');
      },
    },
    clock: fixedClock(options.at ?? LATER),
    deadLetters: async () => options.deadLetters ?? [],
    chunks: pipeline.chunks,
    continueWith: async (next) => void pipeline.continuations.push(next),
    submissionDeadLetters: async () => options.submissionDeadLetters ?? [],
    submissionRecords: options.records ?? new InMemorySubmissionRecords(),
    resubmit: async (entry) => {
      resubmitted.push(entry.documentId);
      // By default the resubmitted notification is processed at once, as the intake function would.
      await (options.resubmit ?? (async (e: DocumentEntry) => void (await pipeline.deliver(objectOf(e)))))(entry);
    },
  };
}

async function documents(pipeline: Pipeline) {
  const all = [];
  for (const status of ['RECEIVED', 'CODED', 'NEEDS_REVIEW', 'FAILED', 'ACCEPTED'] as const)
    all.push(...(await readAllPages((page) => pipeline.ledger.listByStatus({ status }, page))));
  return all;
}

describe('the reconciler', () => {
  it('records dead-lettered notifications an outage kept out of the ledger, then gets each document processed', async () => {
    const pipeline = new Pipeline();
    const objects = [1, 2, 3].map((i) =>
      pipeline.put(`inbox/visit-${i}.json`, cleanVisit(`V-${i}`, { memberId: `M${i}00` })),
    );
    // DynamoDB was down for every delivery: nothing reached the ledger, the messages reached the DLQ.
    const deadLetters = objects.map((object, i) => ({ messageId: `m-${i}`, receiveCount: 3, objects: [object] }));

    const first = await reconcile(portsFor(pipeline, { deadLetters }), OPTIONS);

    expect(first).toMatchObject({ deadLettersRecorded: 3, documentsResubmitted: 3 });
    const settled = await documents(pipeline);
    expect(settled.map((d) => d.status)).toEqual(['CODED', 'CODED', 'CODED']);
    expect(settled.every((d) => d.deadLetter?.receiveCount === 3)).toBe(true);
    expect(pipeline.sentIdentities()).toHaveLength(3);

    // The next run finds the same messages still in the DLQ (left for redrive) and nothing new to do.
    const second = await reconcile(portsFor(pipeline, { deadLetters }), OPTIONS);
    expect(itemsReconciled(second)).toBe(0);
  });

  it('fails a document that keeps failing after its attempts, with a reason and a quarantine copy', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/poison.json', cleanVisit('V-9'));
    await expect(pipeline.deliver(object, { crashBefore: 2 })).rejects.toThrow(Crash);
    // Each resubmitted notification fails again in processing (a defect): the document stays RECEIVED.
    const failsAgain = async () => {};

    const runs = [];
    for (let run = 0; run < 3; run++) {
      runs.push(await reconcile(portsFor(pipeline, { resubmit: failsAgain }), OPTIONS));
    }

    expect(runs.map((r) => [r.documentsResubmitted, r.documentsAbandoned])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    const [entry] = await documents(pipeline);
    expect(entry).toMatchObject({
      status: 'FAILED',
      failure: { reason: 'processing_abandoned' },
      quarantineKey: 'quarantine/poison.json',
      reconcileAttempts: 2,
    });
    expect(pipeline.quarantined.at(-1)?.label).toEqual({
      documentId: entry!.documentId,
      reason: 'processing_abandoned',
    });
  });

  it('leaves a document alone while it may still be in processing', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/slow.json', cleanVisit('V-8'));
    await expect(pipeline.deliver(object, { crashBefore: 2 })).rejects.toThrow(Crash);

    const report = await reconcile(portsFor(pipeline, { at: new Date(TODAY.getTime() + 60_000) }), OPTIONS);

    expect(itemsReconciled(report)).toBe(0);
    expect((await documents(pipeline))[0]?.status).toBe('RECEIVED');
  });

  it('sends the message of a claim saved QUEUED whose send a crash prevented, once', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/visit.json', cleanVisit('V-7'));
    await pipeline.deliver(object);
    const writes = pipeline.writes;
    const second = new Pipeline();
    const again = second.put('inbox/visit.json', cleanVisit('V-7'));
    await expect(second.deliver(again, { crashBefore: writes.indexOf('submissions.publish') + 1 })).rejects.toThrow(
      Crash,
    );
    expect(second.sent).toHaveLength(0);

    const report = await reconcile(portsFor(second, { resubmit: async () => {} }), OPTIONS);

    expect(report).toMatchObject({ documentsResubmitted: 1, claimMessagesSent: 1 });
    expect(second.sent).toHaveLength(1);
    const [claim] = (await second.claims.listByStatus({ status: 'QUEUED' })).items;
    expect(claim?.queuedMessageSentAt).toBe(LATER.toISOString());
  });

  it('queues a claim left READY, re-checking its visit reservation first', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/visit.json', cleanVisit('V-6'));
    await pipeline.deliver(object);
    const crashAt = pipeline.writes.lastIndexOf('visits.reserve') + 1;
    const fresh = new Pipeline();
    await expect(
      fresh.deliver(fresh.put('inbox/visit.json', cleanVisit('V-6')), { crashBefore: crashAt }),
    ).rejects.toThrow(Crash);
    expect((await fresh.claims.listByStatus({ status: 'READY' })).items).toHaveLength(1);

    const report = await reconcile(portsFor(fresh, { resubmit: async () => {} }), OPTIONS);

    expect(report.claimsQueued).toBe(1);
    expect(fresh.sent).toHaveLength(1);
  });

  it("sends a claim left CODED by a document that stopped processing to the biller's review", async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/visit.json', cleanVisit('V-5'));
    await expect(pipeline.deliver(object, { crashBefore: 3 })).rejects.toThrow(Crash);
    const [entry] = await documents(pipeline);
    await pipeline.ledger.settle(entry!.documentId, { status: 'FAILED' }, TODAY.toISOString());

    const report = await reconcile(portsFor(pipeline), OPTIONS);

    expect(report.claimsToReview).toBe(1);
    const [claim] = (await pipeline.claims.listByStatus({ status: 'NEEDS_REVIEW' })).items;
    expect(claim).toMatchObject({ reasonCategory: 'processing_abandoned', owner: 'BILLER' });
  });

  it('finds an unsent QUEUED claim behind any number of sent ones, by querying the unsent ones only', async () => {
    const pipeline = new Pipeline();
    // Six claims queued and sent, still QUEUED (the clearinghouse is down, submit-claims keeps retrying them) ...
    for (let i = 0; i < 6; i++)
      await pipeline.deliver(pipeline.put(`inbox/sent-${i}.json`, cleanVisit(`S-${i}`, { memberId: `MS${i}` })));
    expect(pipeline.sent).toHaveLength(6);
    // ... and, queued after them, one whose send a crash prevented.
    const crashed = new Pipeline();
    const probe = crashed.put('inbox/unsent.json', cleanVisit('U-1', { memberId: 'MU1' }));
    await crashed.deliver(probe);
    const sendAt = crashed.writes.indexOf('submissions.publish') + 1;
    await expect(
      pipeline.deliver(pipeline.put('inbox/unsent.json', cleanVisit('U-1', { memberId: 'MU1' })), {
        crashBefore: sendAt,
      }),
    ).rejects.toThrow(Crash);
    const listed: string[] = [];
    const claims: ClaimStore = pipeline.claims;
    const watched = new Proxy(claims, {
      get(target, property) {
        const method = Reflect.get(target, property, target) as (...a: unknown[]) => unknown;
        return (...args: unknown[]) => {
          if (typeof property === 'string' && property.startsWith('list'))
            listed.push(`${property} ${JSON.stringify(args[0])}`);
          return method.apply(target, args);
        };
      },
    });

    // Read at most two claims of a kind per run: a filter over every QUEUED claim would see only sent ones.
    const report = await reconcile(
      { ...portsFor(pipeline, { resubmit: async () => {} }), claims: watched },
      { ...OPTIONS, maxItemsPerKind: 2 },
    );

    expect(report.claimMessagesSent).toBe(1);
    expect(pipeline.sent).toHaveLength(7);
    expect(listed.some((call) => call.startsWith('listUnsent'))).toBe(true);
    expect(listed.filter((call) => call.includes('"QUEUED"'))).toEqual([]);
  });

  it('gives back the visit of a claim voided without releasing it, so a new claim for the visit can be queued', async () => {
    const pipeline = new Pipeline();
    await pipeline.deliver(pipeline.put('inbox/visit.json', cleanVisit('V-4')));
    const [queued] = (await pipeline.claims.listByStatus({ status: 'QUEUED' })).items;
    const visitKey = visitKeyOf(queued!)!;
    // The claim is voided (here straight from NEEDS_REVIEW, as an operator would) and the release is lost to a crash.
    const review = transition(queued!, { to: 'NEEDS_REVIEW', at: TODAY.toISOString(), actor: 'biller' });
    await pipeline.claims.save(review);
    await pipeline.claims.save(transition(review, { to: 'VOIDED', at: TODAY.toISOString(), actor: 'biller' }));
    expect((await pipeline.visits.get(visitKey))?.claimId).toBe(queued!.id);

    const report = await reconcile(portsFor(pipeline), OPTIONS);
    const again = await reconcile(portsFor(pipeline), OPTIONS);

    expect(report.visitsReleased).toBe(1);
    expect(again.visitsReleased).toBe(0);
    expect(await pipeline.visits.get(visitKey)).toBeUndefined();
    // The same visit, sent again as a new document, is billable now.
    await pipeline.deliver(pipeline.put('inbox/visit-again.json', cleanVisit('V-4b')));
    const requeued = (await pipeline.claims.listByStatus({ status: 'QUEUED' })).items;
    expect(requeued).toHaveLength(1);
    expect(requeued[0]!.id).not.toBe(queued!.id);
  });

  describe('a document coded in pieces', () => {
    const limits = { ...DEFAULT_PIPELINE_LIMITS, encountersPerChunk: 3 };

    it('is resumed from its first piece not done when its pieces stopped moving, and ends CODED', async () => {
      const pipeline = new Pipeline();
      const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(7)), { limits });
      await pipeline.deliverChunk(pipeline.continuations.shift()!, { limits });
      // The invocation of piece 2 died and its message went to the DLQ: nothing moves any more.
      pipeline.continuations.length = 0;

      const report = await reconcile(portsFor(pipeline), OPTIONS);

      expect(report).toMatchObject({ splitsResumed: 1, documentsResubmitted: 0 });
      expect(pipeline.continuations).toEqual([{ documentId, chunk: 1 }]);
      await pipeline.drainChunks({ limits });
      const entry = await pipeline.ledger.get(documentId);
      expect(entry?.status).toBe('CODED');
      // Finishing a piece cleared the attempt: attempts count stalls since the last progress.
      expect(entry?.reconcileAttempts).toBeUndefined();
      expect(pipeline.sentIdentities()).toHaveLength(7);
    });

    it('is left alone while its pieces are moving, however long ago it arrived', async () => {
      const pipeline = new Pipeline();
      const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(7)), { limits });
      // Piece 1 finished five minutes before the reconciler runs; the document arrived an hour before.
      await pipeline.deliverChunk(pipeline.continuations.shift()!, {
        limits,
        clock: fixedClock(new Date(LATER.getTime() - 5 * 60_000)),
      });

      const report = await reconcile(portsFor(pipeline), OPTIONS);

      expect(itemsReconciled(report)).toBe(0);
      expect(pipeline.continuations).toEqual([{ documentId, chunk: 1 }]);
    });

    it('is settled by the reconciler when every piece is done but the settlement was lost to a crash', async () => {
      const pipeline = new Pipeline();
      const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(6)), { limits });
      await pipeline.deliverChunk(pipeline.continuations.shift()!, { limits });
      const last = pipeline.continuations.shift()!;
      const clean = new Pipeline();
      await clean.deliver(clean.put('inbox/batch.json', cleanVisits(6)), { limits });
      await clean.deliverChunk(clean.continuations.shift()!, { limits });
      await clean.deliverChunk(clean.continuations.shift()!, { limits });
      const settleAt = clean.writes.indexOf('ledger.settle') + 1;
      await expect(pipeline.deliverChunk(last, { limits, crashBefore: settleAt })).rejects.toThrow(Crash);

      const report = await reconcile(portsFor(pipeline), OPTIONS);

      expect(report.splitsResumed).toBe(1);
      expect(pipeline.continuations).toEqual([]);
      expect((await pipeline.ledger.get(documentId))?.status).toBe('CODED');
      expect(pipeline.sentIdentities()).toHaveLength(6);
    });

    it("records a piece's dead-lettered message on its document's entry, once", async () => {
      const pipeline = new Pipeline();
      const { documentId } = await pipeline.deliver(pipeline.put('inbox/batch.json', cleanVisits(7)), { limits });
      const deadLetters = [
        { messageId: 'piece-0', receiveCount: 3, objects: undefined, chunkOf: { documentId, chunk: 0 } },
      ];

      const first = await reconcile(portsFor(pipeline, { deadLetters }), OPTIONS);
      const second = await reconcile(portsFor(pipeline, { deadLetters }), OPTIONS);

      expect(first.deadLettersRecorded).toBe(1);
      expect(second.deadLettersRecorded).toBe(0);
      expect((await pipeline.ledger.get(documentId))?.deadLetter).toMatchObject({
        messageId: 'piece-0',
        receiveCount: 3,
      });
    });
  });

  describe('a claim-submission message in its dead-letter queue', () => {
    const letter = (messageId: string, version = 3): SubmissionDeadLetterMessage => ({
      messageId,
      receiveCount: 5,
      claim: { claimId: 'CLM-DLQ-1', version },
    });

    it('is noted in the submission ledger when its last delivery died before noting it, once', async () => {
      const pipeline = new Pipeline();
      const records = new InMemorySubmissionRecords();
      const submissionDeadLetters = [letter('m-last')];

      const first = await reconcile(portsFor(pipeline, { submissionDeadLetters, records }), OPTIONS);
      const second = await reconcile(portsFor(pipeline, { submissionDeadLetters, records }), OPTIONS);

      expect(first.submissionDeadLettersRecorded).toBe(1);
      expect(itemsReconciled(first)).toBe(1);
      expect(second.submissionDeadLettersRecorded).toBe(0);
      expect(await records.getDeadLetter('CLM-DLQ-1', 3)).toEqual({
        claimId: 'CLM-DLQ-1',
        version: 3,
        messageId: 'm-last',
        receiveCount: 5,
        reason: SUBMISSION_DEAD_LETTER_FOUND,
        at: LATER.toISOString(),
      });
    });

    it('is left as submit-claims noted it on its last delivery; a later message of the same claim version is noted', async () => {
      const pipeline = new Pipeline();
      const records = new InMemorySubmissionRecords();
      const noted = {
        claimId: 'CLM-DLQ-1',
        version: 3,
        messageId: 'm-first',
        receiveCount: 5,
        reason: 'TransientClearinghouseError: unreachable',
        at: TODAY.toISOString(),
      };
      await records.recordDeadLetter(noted);

      const same = await reconcile(
        portsFor(pipeline, { submissionDeadLetters: [letter('m-first')], records }),
        OPTIONS,
      );
      expect(same.submissionDeadLettersRecorded).toBe(0);
      expect(await records.getDeadLetter('CLM-DLQ-1', 3)).toEqual(noted);

      // Redriven, it failed every delivery again and the last one died: the new message is noted (the latest stands).
      const redriven = await reconcile(
        portsFor(pipeline, { submissionDeadLetters: [letter('m-redriven')], records }),
        OPTIONS,
      );
      expect(redriven.submissionDeadLettersRecorded).toBe(1);
      expect((await records.getDeadLetter('CLM-DLQ-1', 3))?.messageId).toBe('m-redriven');
    });

    it('is counted as unreadable when its body breaks the message contract', async () => {
      const pipeline = new Pipeline();
      const submissionDeadLetters = [{ messageId: 'm-bad', receiveCount: 5, claim: undefined }];

      const report = await reconcile(portsFor(pipeline, { submissionDeadLetters }), OPTIONS);

      expect(report).toMatchObject({ deadLettersUnreadable: 1, submissionDeadLettersRecorded: 0 });
    });
  });
});
