/**
 * Submission dead letters on the twin, with AWS-like timing (test/support/submission-fault-twin.ts: submit-claims
 * reaches the sandbox clearinghouse through a network fault):
 *
 * - the clearinghouse down beyond every retry: the message reaches the dead-letter queue, the submission ledger notes
 *   it, SubmissionsDeadLettered counts it (alarmed), and a redrive once the clearinghouse is back sends it once;
 * - the same, but the last delivery dies before it can note anything: the reconciler notes it, and counts it once.
 *
 * A twin of its own (not twin-submission-faults'), so that this file's backoff runs beside the other's specs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBMISSION_DEAD_LETTER_FOUND } from '#core/pipeline/reconcile';
import { redrive } from '#local/cli/redrive';
import { type SubmissionFaultTwin, startSubmissionFaultTwin } from '#test/support/submission-fault-twin';
import { until } from '#test/support/until';

let faults: SubmissionFaultTwin;

beforeAll(async () => {
  faults = await startSubmissionFaultTwin();
});

afterAll(async () => {
  await faults?.stop();
});

describe('submission dead letters on the twin', () => {
  it('dead-letters a claim the clearinghouse is down for beyond every retry, notes it, and sends it once on redrive', async () => {
    faults.proxy.mode = 'down';
    const claimId = await faults.uploadVisit('GONE');
    await until(() => faults.submissionQueues().deadLetters >= 1, 'the message reaches the dead-letter queue', 400_000);

    const queued = await faults.claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    expect(await faults.records.getDeadLetter(claimId, queued!.version)).toMatchObject({
      claimId,
      version: queued!.version,
      receiveCount: 5,
      reason: expect.stringMatching(/^TransientClearinghouseError: sandbox clearinghouse unreachable/),
    });
    // The metric is flushed as the invocation ends, which may be just after the queue moved the message.
    await until(() => faults.twin.metrics.sum('SubmissionsDeadLettered') >= 1, 'the dead letter is counted', 30_000);
    expect(faults.twin.metrics.sum('SubmissionsDeadLettered')).toBe(1);
    const alarmed = Object.values(faults.twin.stack.template.Resources).some(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && JSON.stringify(r.Properties).includes('SubmissionsDeadLettered'),
    );
    expect(alarmed).toBe(true);
    expect(faults.receivedWith(claimId)).toEqual([]);

    faults.proxy.mode = 'pass';
    const { main, dead } = faults.submissionQueues();
    const moved = await redrive(faults.twin.sqs, { queueUrl: main.url, deadLetterQueueUrl: dead.url }, 10);
    expect(moved.moved).toBe(1);
    await faults.claimIn(claimId, 'SUBMITTED');
    await faults.twin.waitUntilDrained();
    expect(faults.receivedWith(claimId)).toHaveLength(1);
    expect(faults.submissionQueues().deadLetters).toBe(0);
  }, 600_000);

  it('notes a claim whose last delivery died before it could note the dead letter, through the reconciler', async () => {
    const deadLetteredBefore = faults.twin.metrics.sum('SubmissionsDeadLettered');
    const submitClaims = [...faults.twin.runtimes].find(([id]) => id.includes('SubmitClaims'))![1];
    faults.proxy.mode = 'down';
    const invocationsBefore = submitClaims.invocations;
    const claimId = await faults.uploadVisit('DIESLAST');
    // Four deliveries fail against the clearinghouse, with the queue's backoff between them.
    await until(
      () => submitClaims.invocations - invocationsBefore >= 4 && submitClaims.inFlight === 0,
      'four deliveries failed',
      400_000,
    );
    // The last one is held at the clearinghouse's door and its execution environment killed: nothing after the send
    // runs, so submit-claims never notes the dead letter.
    // (The mailbox poller talks to the clearinghouse through the proxy too: the send is the request with a key.)
    const mark = faults.proxy.requests.length;
    faults.proxy.mode = 'hold';
    await until(
      () =>
        submitClaims.inFlight > 0 &&
        faults.proxy.requests.slice(mark).some((r) => r.fate === 'hold' && r.idempotencyKey),
      'the last delivery is at the clearinghouse door',
      300_000,
    );
    expect(submitClaims.crash()).toBe(1);
    faults.proxy.mode = 'down';

    await until(() => faults.submissionQueues().deadLetters >= 1, 'the message reaches the dead-letter queue', 300_000);
    const queued = await faults.claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    let noted: Awaited<ReturnType<typeof faults.records.getDeadLetter>>;
    await until(
      async () => {
        noted = await faults.records.getDeadLetter(claimId, queued!.version);
        return noted !== undefined;
      },
      'the reconciler notes the dead letter',
      300_000,
    );
    expect(noted!).toMatchObject({ claimId, version: queued!.version, reason: SUBMISSION_DEAD_LETTER_FOUND });
    // Noted and counted once, however many times the reconciler has looked at the queue since.
    await until(
      () => faults.twin.metrics.sum('SubmissionsDeadLettered') > deadLetteredBefore,
      'the dead letter is counted',
      60_000,
    );
    // The reconciler looks at the queue again (its schedule, scaled): still counted once.
    const reconciler = [...faults.twin.runtimes].find(([id]) => id.includes('Reconcile'))![1];
    const looked = reconciler.invocations;
    await until(
      () => reconciler.invocations > looked && reconciler.inFlight === 0,
      'the reconciler looked at the queue again',
      120_000,
    );
    expect(faults.twin.metrics.sum('SubmissionsDeadLettered') - deadLetteredBefore).toBe(1);
    expect(faults.receivedWith(claimId)).toEqual([]);
  }, 900_000);
});
