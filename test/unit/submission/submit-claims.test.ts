/**
 * Submitting claims: every clean claim is sent exactly once, in one interchange per submitter and receiver, and ends
 * SUBMITTED with what was sent; a claim that cannot be built or is refused up front goes to a biller with the reason;
 * a fault at any step leaves the message to be retried, and the retry finishes without sending anything twice.
 */
import { describe, expect, it } from 'vitest';
import { TransientClearinghouseError } from '#core/clearinghouse/clearinghouse';
import { MAX_RETRY_SECONDS, retryDelaySeconds } from '#core/submission/retry-schedule';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../sandbox/independent-validator.ts';
import { IDENTITY } from '../sandbox/sandbox-fixtures.ts';
import { type FaultPoint, messageFor, queuedClaim, submissionWorld, transient } from './submission-harness.ts';

const LEASE = 5 * 60_000;

describe('submitting a batch of queued claims', () => {
  it('sends clean claims in one interchange and records what was sent on each claim', async () => {
    const claims = [queuedClaim('CLMA0001'), queuedClaim('CLMA0002'), queuedClaim('CLMA0003')];
    const world = submissionWorld(claims);

    const results = await world.deliver(claims.map((c) => messageFor(c)));

    expect(results.map((r) => r.kind)).toEqual(['submitted', 'submitted', 'submitted']);
    const sends = world.clearinghouse.firstSends();
    expect(sends).toHaveLength(1);
    const read = read837P(sends[0]!);
    expect(read.transactions.flatMap((t) => t.claims.map((c) => c.id))).toEqual(['CLMA0001', 'CLMA0002', 'CLMA0003']);
    for (const claim of claims) {
      const stored = await world.store.get(claim.id);
      expect(stored).toMatchObject({ status: 'SUBMITTED', owner: 'PAYER', version: 5 });
      expect(stored?.submission).toMatchObject({
        interchangeControlNumber: 1,
        groupControlNumber: 1,
        transactionControlNumber: '0001',
        lineControlNumbers: [`${claim.id}-1`, `${claim.id}-2`],
        clearinghouse: 'sandbox',
        archiveKey: 'submissions/ZZ-CLAIMFLOW/2026-11-23/000000001.x12',
      });
      expect(stored?.submission?.submissionId).toMatch(/^SUB/);
    }
    // The archive holds exactly the bytes the clearinghouse received; the line control numbers travel as REF*6R.
    expect(world.archive.objects.get('submissions/ZZ-CLAIMFLOW/2026-11-23/000000001.x12')).toBe(sends[0]);
    expect(sends[0]).toContain('REF*6R*CLMA0002-2~');
  });

  it('draws new control numbers for each interchange', async () => {
    const first = queuedClaim('CLMB0001');
    const second = queuedClaim('CLMB0002');
    const world = submissionWorld([first, second]);

    await world.deliver([messageFor(first)]);
    await world.deliver([messageFor(second)]);

    const numbers = world.clearinghouse.firstSends().map((text) => read837P(text).transactions[0]!.controlNumber);
    expect(numbers).toEqual(['0001', '0002']);
    expect((await world.store.get(second.id))?.submission?.interchangeControlNumber).toBe(2);
  });

  it('acknowledges a stale or repeated message without sending again', async () => {
    const claim = queuedClaim('CLMC0001');
    const world = submissionWorld([claim]);

    const [first, same] = await world.deliver([messageFor(claim, 1), messageFor(claim, 2)]);
    const [later] = await world.deliver([messageFor(claim, 3)]);
    const [older] = await world.deliver([{ messageId: 'old', claimId: claim.id, version: 3 }]);

    expect([first?.kind, same?.kind, later?.kind, older?.kind]).toEqual([
      'submitted',
      'submitted',
      'duplicate',
      'duplicate',
    ]);
    expect(world.clearinghouse.calls).toHaveLength(1);
  });

  it('sends a claim the front-end edits refuse to a biller with the reason, and submits the others', async () => {
    const good = queuedClaim('CLMD0001');
    const refused = queuedClaim('CLMD0002', {}, 'FE0001234');
    const world = submissionWorld([good, refused]);

    const results = await world.deliver([messageFor(good), messageFor(refused)]);

    expect(results.map((r) => r.kind)).toEqual(['submitted', 'needs_review']);
    const stored = await world.store.get(refused.id);
    expect(stored).toMatchObject({
      status: 'NEEDS_REVIEW',
      owner: 'BILLER',
      reasonCategory: 'rejected_by_clearinghouse',
    });
    expect(stored?.lastEvent.reason).toContain('front-end edits refused the claim');
    expect(stored?.submission).toBeUndefined();
  });

  it('sends a claim the 837P cannot carry to a biller without holding back the others', async () => {
    const good = queuedClaim('CLME0001');
    const broken = queuedClaim('CLME0002', { billingProvider: { organizationName: 'NO NPI CLINIC' } });
    const world = submissionWorld([good, broken]);

    const results = await world.deliver([messageFor(broken), messageFor(good)]);

    expect(results.map((r) => r.kind)).toEqual(['needs_review', 'submitted']);
    const stored = await world.store.get(broken.id);
    expect(stored).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER', reasonCategory: 'claim_build_error' });
    expect(stored?.lastEvent.reason).toMatch(/billingProvider/);
    expect(read837P(world.clearinghouse.firstSends()[0]!).transactions[0]!.claims.map((c) => c.id)).toEqual([
      'CLME0001',
    ]);
  });

  it('sends the claims of an interchange the clearinghouse refuses whole to a biller with its reason', async () => {
    const claim = queuedClaim('CLMF0001');
    const misaddressed = { ...IDENTITY, interchangeReceiver: { qualifier: 'ZZ' as const, id: 'SOMEONEELSE' } };
    const world = submissionWorld([claim], misaddressed);

    const [result] = await world.deliver([messageFor(claim)]);

    expect(result).toMatchObject({ kind: 'needs_review', reasonCategory: 'submission_refused' });
    const stored = await world.store.get(claim.id);
    expect(stored).toMatchObject({ status: 'NEEDS_REVIEW', owner: 'BILLER' });
    expect(stored?.lastEvent.reason).toMatch(/ISA08 "SOMEONEELSE" is not this clearinghouse/);
    expect((await world.records.getInterchange('ZZ-CLAIMFLOW:000000001'))?.status).toBe('REFUSED');
  });
});

describe('faults', () => {
  const steps: FaultPoint[] = [
    { port: 'counters', method: 'reserve', when: 'before' },
    { port: 'counters', method: 'reserve', when: 'after' },
    { port: 'records', method: 'claim', when: 'before' },
    { port: 'records', method: 'claim', when: 'after' },
    { port: 'records', method: 'createInterchange', when: 'before' },
    { port: 'records', method: 'createInterchange', when: 'after' },
    { port: 'archive', method: 'putIfAbsent', when: 'before' },
    { port: 'archive', method: 'putIfAbsent', when: 'after' },
    { port: 'clearinghouse', method: 'submit', when: 'before' },
    { port: 'clearinghouse', method: 'submit', when: 'after' },
    { port: 'records', method: 'recordReceipt', when: 'before' },
    { port: 'records', method: 'recordReceipt', when: 'after' },
    { port: 'claims', method: 'save', when: 'before' },
    { port: 'claims', method: 'save', when: 'after' },
  ];

  it.each(steps.map((fault) => [`${fault.when} ${fault.port}.${fault.method}`, fault] as const))(
    'a crash %s: the retry finishes and every claim is sent once',
    async (_where, fault) => {
      const claims = [queuedClaim('CLMG0001'), queuedClaim('CLMG0002')];
      const world = submissionWorld(claims);
      const messages = claims.map((c) => messageFor(c));

      const first = await world.deliver(messages, fault);
      expect(first.some((r) => r.kind === 'retry')).toBe(true);
      // Redelivered after the visibility timeout (past the lease), as many times as it takes.
      let pending = messages.filter((m) => first.find((r) => r.messageId === m.messageId)?.kind === 'retry');
      for (let attempt = 0; pending.length > 0 && attempt < 3; attempt++) {
        world.advance(LEASE + 60_000);
        const again = await world.deliver(pending);
        pending = pending.filter((m) => again.find((r) => r.messageId === m.messageId)?.kind === 'retry');
      }

      expect(pending).toEqual([]);
      for (const claim of claims) expect((await world.store.get(claim.id))?.status).toBe('SUBMITTED');
      const sent = world.clearinghouse.firstSends().flatMap((t) => read837P(t).transactions.flatMap((x) => x.claims));
      expect(sent.map((c) => c.id).sort()).toEqual(['CLMG0001', 'CLMG0002']);
    },
  );

  it('a crash after the send: the redelivery resends the same bytes with the same key and gets the first receipt', async () => {
    const claim = queuedClaim('CLMH0001');
    const world = submissionWorld([claim]);

    await world.deliver([messageFor(claim)], { port: 'records', method: 'recordReceipt', when: 'before' });
    expect((await world.store.get(claim.id))?.status).toBe('QUEUED');
    const [result] = await world.deliver([messageFor(claim, 2)]);

    expect(result?.kind).toBe('submitted');
    const [sent, resent] = world.clearinghouse.calls;
    expect(resent).toMatchObject({ idempotencyKey: sent?.idempotencyKey, body: sent?.body, replayed: true });
    expect(world.clearinghouse.firstSends()).toHaveLength(1);
  });

  it('the same message delivered twice at once is sent once', async () => {
    const claim = queuedClaim('CLMI0001');
    const world = submissionWorld([claim]);

    const [a, b] = await Promise.all([world.deliver([messageFor(claim, 1)]), world.deliver([messageFor(claim, 2)])]);
    const kinds = [a[0]?.kind, b[0]?.kind].sort();
    // One delivery sends; the other either loses the race (retried later) or finds the claim done.
    expect(kinds[1]).toBe('submitted');
    world.advance(LEASE + 60_000);
    const [later] = await world.deliver([messageFor(claim, 3)]);

    expect(later?.kind).toBe('duplicate');
    expect(world.clearinghouse.firstSends()).toHaveLength(1);
    expect((await world.store.get(claim.id))?.status).toBe('SUBMITTED');
  });

  it('a clearinghouse that is down leaves every claim queued for retry, then sends each once when it is back', async () => {
    const claims = [queuedClaim('CLMJ0001'), queuedClaim('CLMJ0002')];
    const world = submissionWorld(claims);
    const messages = claims.map((c) => messageFor(c));
    const down: FaultPoint = { port: 'clearinghouse', method: 'submit', when: 'before', error: transient };

    for (let minute = 0; minute < 3; minute++) {
      const results = await world.deliver(messages, down);
      expect(results.map((r) => r.kind)).toEqual(['retry', 'retry']);
      expect(results[0]).toMatchObject({ reason: expect.stringContaining('503') });
      world.advance(60_000);
    }
    for (const claim of claims) expect((await world.store.get(claim.id))?.status).toBe('QUEUED');
    const results = await world.deliver(messages);

    expect(results.map((r) => r.kind)).toEqual(['submitted', 'submitted']);
    expect(world.clearinghouse.firstSends()).toHaveLength(1);
  });

  it('backs each retry off further, and notes the last delivery in the ledger before the dead-letter queue', async () => {
    const [claim] = [queuedClaim('CLMK0001')];
    const world = submissionWorld([claim!]);
    const down: FaultPoint = { port: 'clearinghouse', method: 'submit', when: 'before', error: transient };
    const delays: number[] = [];
    for (let receiveCount = 1; receiveCount <= 5; receiveCount++) {
      const [result] = await world.deliver([{ ...messageFor(claim!), receiveCount }], down, { maxReceiveCount: 5 });
      if (result?.kind !== 'retry') throw new Error(`expected a retry, got ${result?.kind}`);
      expect(result.deadLettered).toBe(receiveCount === 5);
      delays.push(result.retryInSeconds);
      if (receiveCount < 5) expect(await world.records.getDeadLetter(claim!.id, 4)).toBeUndefined();
    }

    // 30 s, then three times longer each time; the last delivery is not retried: the queue dead-letters it.
    expect(delays).toEqual([30, 90, 270, 810, 0]);
    expect(await world.records.getDeadLetter(claim!.id, 4)).toEqual({
      claimId: claim!.id,
      version: 4,
      messageId: messageFor(claim!).messageId,
      receiveCount: 5,
      reason: expect.stringContaining('503'),
      at: expect.any(String),
    });
    expect((await world.store.get(claim!.id))?.status).toBe('QUEUED');
    expect(world.clearinghouse.firstSends()).toHaveLength(0);
  });

  it('waits as long as the clearinghouse asks when its Retry-After is longer than the backoff', async () => {
    const claim = queuedClaim('CLMK0002');
    const world = submissionWorld([claim]);
    const throttled: FaultPoint = {
      port: 'clearinghouse',
      method: 'submit',
      when: 'before',
      error: () => new TransientClearinghouseError('sandbox clearinghouse answered 429', 429, 600_000),
    };
    const [result] = await world.deliver([{ ...messageFor(claim), receiveCount: 1 }], throttled);
    expect(result).toMatchObject({ kind: 'retry', retryInSeconds: 600, deadLettered: false });
  });

  it('refuses to submit when the interchange counter would pass 999999999', async () => {
    const claim = queuedClaim('CLMK0001');
    const world = submissionWorld([claim]);
    await world.counters.reserve('ZZ-CLAIMFLOW', 'interchange', 999_999_999);

    const [result] = await world.deliver([messageFor(claim)]);

    expect(result).toMatchObject({ kind: 'retry', reason: expect.stringContaining('exhausted') });
    expect(world.clearinghouse.calls).toHaveLength(0);
    expect((await world.store.get(claim.id))?.status).toBe('QUEUED');
  });

  it('leaves a claim another delivery is still putting in an interchange to that delivery until its lease ends', async () => {
    const claim = queuedClaim('CLML0001');
    const world = submissionWorld([claim]);
    // A delivery claimed the claim, then died before it sealed its interchange.
    await world.deliver([messageFor(claim)], { port: 'records', method: 'createInterchange', when: 'before' });

    const [early] = await world.deliver([messageFor(claim, 2)]);
    expect(early).toMatchObject({ kind: 'retry', reason: expect.stringContaining('another delivery') });
    world.advance(LEASE);
    const [late] = await world.deliver([messageFor(claim, 3)]);

    expect(late?.kind).toBe('submitted');
    expect((await world.records.getInterchange('ZZ-CLAIMFLOW:000000001'))?.status).toBe('ABANDONED');
    expect((await world.store.get(claim.id))?.submission?.interchangeControlNumber).toBe(2);
  });
});

describeWithValidator('the 837s submit-claims sends, through pyx12', () => {
  it('are valid X12 for the independent validator', async () => {
    const claims = [queuedClaim('CLMV0001'), queuedClaim('CLMV0002', { priorAuthorization: 'AUTH778' })];
    const world = submissionWorld(claims);
    await world.deliver(claims.map((c) => messageFor(c)));

    const [sent] = world.clearinghouse.firstSends();
    const { valid, report } = validateX12({ submitted: sent! });
    expect(report).not.toMatch(/error/i);
    expect(valid).toBe(true);
  });
});

describe('the retry schedule', () => {
  it("grows threefold from 30 s and never passes SQS's 12-hour visibility limit, even for absurd counts", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n))).toEqual([30, 90, 270, 810]);
    expect(retryDelaySeconds(50)).toBe(MAX_RETRY_SECONDS);
    expect(retryDelaySeconds(Number.MAX_SAFE_INTEGER)).toBe(MAX_RETRY_SECONDS);
    expect(retryDelaySeconds(1, 100 * 86_400_000)).toBe(MAX_RETRY_SECONDS);
    expect(retryDelaySeconds(0)).toBe(30);
    expect(retryDelaySeconds(Number.NaN)).toBe(30);
  });
});
