/**
 * Bill each visit once: whatever crashes, whatever runs at the same time, one visit gives at most one QUEUED claim,
 * and each queued claim's message goes out with one identity (claim id + version) that the submission side dedupes on.
 */
import { describe, expect, it } from 'vitest';
import { readAllPages } from '#core/storage/page';
import { Crash, cleanVisit, Pipeline } from './harness.ts';

async function claimOf(pipeline: Pipeline, documentId: string) {
  const entry = await pipeline.ledger.get(documentId);
  return entry?.claimIds?.[0] ? pipeline.claims.get(entry.claimIds[0]) : undefined;
}

describe('a crash between any two writes of the pipeline', () => {
  it('is finished by the retry: the document settles, the claim is queued once, its message has one identity', async () => {
    const clean = new Pipeline();
    await clean.deliver(clean.put('inbox/visit.json', cleanVisit('V-1')));
    const writes = clean.writes;
    expect(writes).toEqual([
      'ledger.recordReceived',
      'claims.create',
      // The visit's identities (its source id; patient, provider, date and payer), for a later upload to find it.
      'visits.reserve',
      'visits.reserve',
      'visits.reserve',
      'claims.save',
      'visits.reserve',
      'claims.save',
      'submissions.publish',
      'claims.markQueuedMessageSent',
      'ledger.settle',
    ]);

    for (let crashBefore = 1; crashBefore <= writes.length; crashBefore++) {
      const pipeline = new Pipeline();
      const object = pipeline.put('inbox/visit.json', cleanVisit('V-1'));
      await expect(pipeline.deliver(object, { crashBefore }), `crash before write ${crashBefore}`).rejects.toThrow(
        Crash,
      );

      const outcome = await pipeline.deliver(object);

      expect(outcome, `after a crash before ${writes[crashBefore - 1]}`).toMatchObject({
        kind: 'coded',
        status: 'CODED',
      });
      const claim = await claimOf(pipeline, outcome.documentId);
      expect(claim?.status).toBe('QUEUED');
      expect(claim?.queuedMessageSentAt).toBeDefined();
      expect(pipeline.sentIdentities()).toEqual([`${claim!.id}#${claim!.version}`]);
      // Sent twice only when the crash fell after the send and before it was recorded: same identity, deduped.
      const resent = writes[crashBefore - 1] === 'claims.markQueuedMessageSent';
      expect(pipeline.sent).toHaveLength(resent ? 2 : 1);
      const history = await readAllPages((page) => pipeline.claims.history(claim!.id, page));
      expect(history.map((e) => e.to)).toEqual(['CODED', 'READY', 'QUEUED']);
    }
  });

  it('is finished by the retry after two crashes in a row at different points', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/visit.json', cleanVisit('V-2'));
    await expect(pipeline.deliver(object, { crashBefore: 4 })).rejects.toThrow(Crash);
    await expect(pipeline.deliver(object, { crashBefore: 3 })).rejects.toThrow(Crash);

    const outcome = await pipeline.deliver(object);

    expect(outcome).toMatchObject({ kind: 'coded', status: 'CODED' });
    expect(pipeline.sent).toHaveLength(1);
  });

  it('answers a delivery after the document settled as a duplicate, sending nothing again', async () => {
    const pipeline = new Pipeline();
    const object = pipeline.put('inbox/visit.json', cleanVisit('V-3'));
    await pipeline.deliver(object);

    const again = await pipeline.deliver({ ...object, eventTime: '2026-11-23T13:00:00.000Z' });

    expect(again).toMatchObject({ kind: 'duplicate', status: 'CODED' });
    expect(pipeline.sent).toHaveLength(1);
  });
});

describe('the same visit in two documents', () => {
  // The scrubber's duplicate edit asks an index that may lag (DynamoDB GSIs are eventually consistent); here it sees
  // nothing at all, so the reservation alone must keep the second claim from being queued.
  const laggingIndex = { findDuplicates: async () => [] };

  it('processed at the same time under two keys: one claim queued and sent once, the other superseded or held', async () => {
    const pipeline = new Pipeline();
    const first = pipeline.put('inbox/visit.json', cleanVisit('V-10'));
    const second = pipeline.put('inbox/resent/visit-copy.json', cleanVisit('V-10-resent'));

    const outcomes = await Promise.all([
      pipeline.deliver(first, { priorClaims: laggingIndex }),
      pipeline.deliver(second, { priorClaims: laggingIndex }),
    ]);

    // The later upload of the visit takes over from the earlier one's claim (core/pipeline/replace-earlier-claim):
    // whichever way the race falls, exactly one claim is queued and sent once, and the other says why it is not.
    const claims = await Promise.all(outcomes.map((o) => claimOf(pipeline, o.documentId)));
    const queued = claims.filter((c) => c?.status === 'QUEUED');
    expect(queued).toHaveLength(1);
    const other = claims.find((c) => c?.status !== 'QUEUED')!;
    expect(
      other.status === 'VOIDED' ? other.replacedBy : { status: other.status, reasonCategory: other.reasonCategory },
    ).toEqual(
      other.status === 'VOIDED'
        ? { claimId: queued[0]!.id, kind: 'superseded' }
        : { status: 'NEEDS_REVIEW', reasonCategory: expect.stringMatching(/^(duplicate_claim|corrected_document)$/) },
    );
    expect(pipeline.sentIdentities()).toEqual([`${queued[0]!.id}#${queued[0]!.version}`]);
  });

  it('as two versions of one key with the same bytes: both name the one claim, billed once', async () => {
    const pipeline = new Pipeline();
    const v1 = pipeline.put('inbox/visit.json', cleanVisit('V-11'));
    const v2 = { ...v1, versionId: 'v2', eTag: 'etag-v2' };

    const outcomes = await Promise.all([
      pipeline.deliver(v1, { priorClaims: laggingIndex }),
      pipeline.deliver(v2, { priorClaims: laggingIndex }),
    ]);

    expect(new Set(outcomes.map((o) => o.documentId)).size).toBe(2);
    // The claim id derives from the document text (core/claims/build-claim), so a re-upload of the same bytes is the
    // same claim, not a second one to catch as a duplicate.
    const claims = await Promise.all(outcomes.map((o) => claimOf(pipeline, o.documentId)));
    expect(new Set(claims.map((c) => c?.id)).size).toBe(1);
    expect(claims[0]?.status).toBe('QUEUED');
    expect(pipeline.sent).toHaveLength(1);
  });

  it('one after the other, the first already queued: the second waits for a biller as its correction', async () => {
    const pipeline = new Pipeline();
    await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-12')));

    const second = await pipeline.deliver(pipeline.put('inbox/b.json', cleanVisit('V-12-again')));

    expect(await claimOf(pipeline, second.documentId)).toMatchObject({
      status: 'NEEDS_REVIEW',
      reasonCategory: 'corrected_document',
      owner: 'BILLER',
    });
    expect(pipeline.sent).toHaveLength(1);
  });

  it('a different visit of the same patient (another provider the same day) is billed on its own', async () => {
    const pipeline = new Pipeline();
    await pipeline.deliver(pipeline.put('inbox/a.json', cleanVisit('V-13')));
    const other = cleanVisit('V-14', {
      procedures: [{ code: '99214', units: 1, charge: '180.00', diagnosisCodes: ['J06.9'] }],
    })
      .replace('1456789019', '1765432103')
      .replace('"Ortiz"', '"Okafor"');

    const outcome = await pipeline.deliver(pipeline.put('inbox/b.json', other));

    expect((await claimOf(pipeline, outcome.documentId))?.status).toBe('QUEUED');
    expect(pipeline.sentIdentities()).toHaveLength(2);
  });
});
