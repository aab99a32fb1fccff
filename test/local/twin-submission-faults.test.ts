/**
 * Submission faults on the twin, with AWS-like timing (the function's timeout, the queue's visibility and every
 * backoff scaled alike): documents are uploaded, coded and queued by the stack, and submit-claims sends their claims
 * to the sandbox clearinghouse through a network fault (test/support/fault-proxy.ts). What the sandbox received is
 * the evidence that nothing was sent twice:
 *
 * - the answer to a send is lost and the invocation dies at its timeout: the redelivery resends the same interchange
 *   under the same idempotency key, the sandbox answers from its first receipt, and the claim is SUBMITTED once;
 * - the same message delivered to two invocations at once: one submission at the sandbox;
 * - the clearinghouse down for a minute: claims wait, retried with backoff, then go; none lost, none dead-lettered;
 * - a claim its front-end edits refuse: NEEDS_REVIEW for a biller with the sandbox's reason.
 *
 * The clearinghouse down beyond every retry (the dead-letter queue) is twin-submission-dead-letters.test.ts, on a twin
 * of its own, so that its twenty minutes of backoff (two at the tests' scale) run beside these.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SubmissionFaultTwin, startSubmissionFaultTwin } from '#test/support/submission-fault-twin';
import { until } from '#test/support/until';

let faults: SubmissionFaultTwin;

beforeAll(async () => {
  faults = await startSubmissionFaultTwin();
});

afterAll(async () => {
  await faults?.stop();
});

describe('submission faults on the twin', () => {
  it('sends a claim once when the invocation dies after the send and before the status update', async () => {
    faults.proxy.mode = 'answer-lost';
    const claimId = await faults.uploadVisit('CRASH');
    // The sandbox took the interchange in and answered; the answer never came back.
    await until(
      () => faults.proxy.requests.some((r) => r.fate === 'answer-lost' && r.status === 201),
      'the first send',
    );
    faults.proxy.mode = 'pass';

    const claim = await faults.claimIn(claimId, 'SUBMITTED');
    const [received, ...more] = faults.receivedWith(claimId);
    expect(more).toEqual([]);
    // The redelivery resent the sealed interchange under its key and got the first receipt back.
    expect(received!.replays).toBeGreaterThanOrEqual(1);
    expect(claim.submission?.submissionId).toBe(received!.submissionId);
    expect(claim.submission?.idempotencyKey).toBe(received!.idempotencyKey);
    const sends = faults.proxy.requestsFor(received!.idempotencyKey);
    expect(sends.map((r) => r.fate)).toEqual(['answer-lost', ...sends.slice(1).map(() => 'pass')]);
    // The invocation was killed at the function's timeout, as Lambda kills it: no handler code ran after the send.
    expect(faults.logLines.some((line) => line.includes('invocation failed') && line.includes('Task timed out'))).toBe(
      true,
    );
  }, 180_000);

  it('sends a claim once when the same message is delivered to two invocations at once', async () => {
    faults.proxy.mode = 'hold';
    const claimId = await faults.uploadVisit('TWICE');
    // The queue's delivery is at the clearinghouse's door; the same message now reaches a second invocation, as SQS
    // may deliver a message twice.
    await faults.proxy.held(1);
    const queued = await faults.claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    const submitClaims = [...faults.twin.runtimes].find(([id]) => id.includes('SubmitClaims'))![1];
    const second = submitClaims.invoke({
      Records: [
        {
          messageId: `duplicate-${randomUUID()}`,
          receiptHandle: 'a-second-delivery',
          body: JSON.stringify({ claimId, version: queued!.version }),
          attributes: { ApproximateReceiveCount: '2' },
          messageAttributes: {},
          eventSource: 'aws:sqs',
        },
      ],
    });
    // Both deliveries are sending at the same moment (the second resumes the interchange the first sealed).
    await faults.proxy.held(2);
    faults.proxy.mode = 'pass';
    faults.proxy.release();

    expect(await second).toEqual({ batchItemFailures: [] });
    await faults.claimIn(claimId, 'SUBMITTED');
    await faults.twin.waitUntilDrained();
    const [received, ...more] = faults.receivedWith(claimId);
    expect(more).toEqual([]);
    expect(received!.replays).toBe(1);
    expect(
      (await faults.claims.history(claimId)).items.filter((e) => e.to === 'SUBMITTED' && e.from !== 'SUBMITTED'),
    ).toHaveLength(1);
  }, 180_000);

  it('keeps claims waiting while the clearinghouse is down for a minute, then sends each once', async () => {
    const firstRefused = faults.proxy.requests.length;
    faults.proxy.mode = 'down';
    const claimIds = [await faults.uploadVisit('DOWN-A'), await faults.uploadVisit('DOWN-B')];
    await until(() => faults.proxy.requests.slice(firstRefused).some((r) => r.fate === 'down'), 'a send was refused');
    // A minute of AWS time at the twin's scale.
    await new Promise((resolve) => setTimeout(resolve, 60_000 * (1 / 10)));
    for (const claimId of claimIds) expect((await faults.claims.get(claimId))?.status).toBe('QUEUED');
    faults.proxy.mode = 'pass';

    for (const claimId of claimIds) await faults.claimIn(claimId, 'SUBMITTED');
    await faults.twin.waitUntilDrained();
    for (const claimId of claimIds) expect(faults.receivedWith(claimId)).toHaveLength(1);
    expect(faults.submissionQueues().deadLetters).toBe(0);
    // The failed deliveries were given the first step of the backoff, not the queue's six-minute visibility.
    expect(
      faults.logLines.some((line) => line.includes('will be retried') && line.includes('"retryInSeconds":30')),
    ).toBe(true);
  }, 240_000);

  it('sends a claim the front-end edits refuse to a biller with the sandbox reason', async () => {
    const claimId = await faults.uploadVisit('FRONTEND', `FE${randomUUID().replace(/-/g, '').slice(0, 9)}`);

    const claim = await faults.claimIn(claimId, 'NEEDS_REVIEW');
    expect(claim).toMatchObject({ owner: 'BILLER', reasonCategory: 'rejected_by_clearinghouse' });
    expect(claim.lastEvent.reason).toMatch(/^front-end edits refused the claim: FRONT_END_EDIT: /);
    expect(faults.receivedWith(claimId).map((s) => s.rejected)).toEqual([[claimId]]);
  }, 120_000);
});
