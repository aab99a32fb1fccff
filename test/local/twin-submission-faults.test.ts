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
 * - a claim its front-end edits refuse: NEEDS_REVIEW for a biller with the sandbox's reason;
 * - the clearinghouse down beyond every retry: the message reaches the dead-letter queue, the submission ledger notes
 *   it, SubmissionsDeadLettered counts it (alarmed), and a redrive once the clearinghouse is back sends it once;
 * - the same, but the last delivery dies before it can note anything: the reconciler notes it, and counts it once.
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClearinghouseConnection, SECRET_ROLES } from '#contracts/secrets';
import type { Claim } from '#core/claims/claim';
import { SUBMISSION_DEAD_LETTER_FOUND } from '#core/pipeline/reconcile';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { redrive } from '#local/cli/redrive';
import type { LocalTwin } from '#local/twin/twin';
import { FaultProxy } from '#test/support/fault-proxy';
import { ledgerEntries, startTestTwin } from '#test/support/twin';
import { until } from '#test/support/until';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

const dateOfService = daysAgo(7);

/** A clean visit of its own patient and member, so that no two visits of this file are the same visit. */
function visitJson(tag: string, memberId: string): string {
  return cleanVisitJson({
    encounterId: `V-${tag}`,
    patient: {
      lastName: `Faultcase${tag.replace(/[^A-Za-z]/g, '')}`,
      firstName: 'Robin',
      birthDate: '1979-03-14',
      sex: 'F',
      address: { lines: ['12 Elm Street'], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    memberId,
    dateOfService,
    noteText: 'Sore throat for three days. Assessment: acute upper respiratory infection.',
  });
}

let twin: LocalTwin;
let proxy: FaultProxy;
let claims: DynamoDbClaimStore;
let records: DynamoDbSubmissionRecords;
const logLines: string[] = [];

/** Uploads a visit and waits until the stack has made its claim; returns the claim id. */
async function uploadVisit(tag: string, memberId = `SBX${randomUUID().replace(/-/g, '').slice(0, 9)}`) {
  const key = `inbox/submission-faults/${tag}.json`;
  await twin.s3.send(
    new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: visitJson(tag, memberId) }),
  );
  let claimId: string | undefined;
  await until(async () => {
    const entry = (await ledgerEntries(twin)).find((e) => e.key === key);
    claimId = entry?.claimIds?.[0];
    return claimId !== undefined;
  }, `the claim of ${tag} exists`);
  return claimId!;
}

async function claimIn(claimId: string, ...statuses: Claim['status'][]): Promise<Claim> {
  let claim: Claim | undefined;
  await until(
    async () => {
      claim = await claims.get(claimId);
      return claim !== undefined && statuses.includes(claim.status);
    },
    `claim ${claimId} is ${statuses.join(' or ')}`,
  );
  return claim!;
}

/** The sandbox's own log of what it took in, for one claim. */
function receivedWith(claimId: string) {
  return twin
    .clearinghouse!.sandbox.received()
    .filter((s) => s.accepted.includes(claimId) || s.rejected.includes(claimId));
}

function submissionQueues() {
  const queues = twin.queues().filter((q) => q.logicalId.startsWith('ClaimSubmissionQueue'));
  const main = queues.find((q) => !q.deadLetterQueue)!;
  const dead = queues.find((q) => q.deadLetterQueue)!;
  return { main, dead, deadLetters: dead.visible + dead.inFlight };
}

beforeAll(async () => {
  proxy = await FaultProxy.start();
  twin = await startTestTwin({ log: (_fn, _stream, text) => void logLines.push(text) });
  // submit-claims reaches the twin's sandbox through the fault proxy: the connection secret names the proxy, as an
  // operator would point it at another endpoint.
  proxy.forwardTo(twin.clearinghouse!.url);
  const connection = twin.secrets.byRole(SECRET_ROLES.clearinghouseConnection)!;
  twin.secrets.put(
    connection.arn,
    JSON.stringify({ ...parseClearinghouseConnection(connection.value), url: proxy.url }),
  );
  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  claims = new DynamoDbClaimStore(documents, twin.outputs.TableName!);
  records = new DynamoDbSubmissionRecords(documents, twin.outputs.TableName!);
});

afterAll(async () => {
  await proxy?.close();
  await twin?.stop();
});

describe('submission faults on the twin', () => {
  it('sends a claim once when the invocation dies after the send and before the status update', async () => {
    proxy.mode = 'answer-lost';
    const claimId = await uploadVisit('CRASH');
    // The sandbox took the interchange in and answered; the answer never came back.
    await until(() => proxy.requests.some((r) => r.fate === 'answer-lost' && r.status === 201), 'the first send');
    proxy.mode = 'pass';

    const claim = await claimIn(claimId, 'SUBMITTED');
    const [received, ...more] = receivedWith(claimId);
    expect(more).toEqual([]);
    // The redelivery resent the sealed interchange under its key and got the first receipt back.
    expect(received!.replays).toBeGreaterThanOrEqual(1);
    expect(claim.submission?.submissionId).toBe(received!.submissionId);
    expect(claim.submission?.idempotencyKey).toBe(received!.idempotencyKey);
    const sends = proxy.requestsFor(received!.idempotencyKey);
    expect(sends.map((r) => r.fate)).toEqual(['answer-lost', ...sends.slice(1).map(() => 'pass')]);
    // The invocation was killed at the function's timeout, as Lambda kills it: no handler code ran after the send.
    expect(logLines.some((line) => line.includes('invocation failed') && line.includes('Task timed out'))).toBe(true);
  }, 180_000);

  it('sends a claim once when the same message is delivered to two invocations at once', async () => {
    proxy.mode = 'hold';
    const claimId = await uploadVisit('TWICE');
    // The queue's delivery is at the clearinghouse's door; the same message now reaches a second invocation, as SQS
    // may deliver a message twice.
    await proxy.held(1);
    const queued = await claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    const submitClaims = [...twin.runtimes].find(([id]) => id.includes('SubmitClaims'))![1];
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
    await proxy.held(2);
    proxy.mode = 'pass';
    proxy.release();

    expect(await second).toEqual({ batchItemFailures: [] });
    await claimIn(claimId, 'SUBMITTED');
    await twin.waitUntilDrained();
    const [received, ...more] = receivedWith(claimId);
    expect(more).toEqual([]);
    expect(received!.replays).toBe(1);
    expect(
      (await claims.history(claimId)).items.filter((e) => e.to === 'SUBMITTED' && e.from !== 'SUBMITTED'),
    ).toHaveLength(1);
  }, 180_000);

  it('keeps claims waiting while the clearinghouse is down for a minute, then sends each once', async () => {
    const firstRefused = proxy.requests.length;
    proxy.mode = 'down';
    const claimIds = [await uploadVisit('DOWN-A'), await uploadVisit('DOWN-B')];
    await until(() => proxy.requests.slice(firstRefused).some((r) => r.fate === 'down'), 'a send was refused');
    // A minute of AWS time at the twin's scale.
    await new Promise((resolve) => setTimeout(resolve, 60_000 * (1 / 10)));
    for (const claimId of claimIds) expect((await claims.get(claimId))?.status).toBe('QUEUED');
    proxy.mode = 'pass';

    for (const claimId of claimIds) await claimIn(claimId, 'SUBMITTED');
    await twin.waitUntilDrained();
    for (const claimId of claimIds) expect(receivedWith(claimId)).toHaveLength(1);
    expect(submissionQueues().deadLetters).toBe(0);
    // The failed deliveries were given the first step of the backoff, not the queue's six-minute visibility.
    expect(logLines.some((line) => line.includes('will be retried') && line.includes('"retryInSeconds":30'))).toBe(
      true,
    );
  }, 240_000);

  it('sends a claim the front-end edits refuse to a biller with the sandbox reason', async () => {
    const claimId = await uploadVisit('FRONTEND', `FE${randomUUID().replace(/-/g, '').slice(0, 9)}`);

    const claim = await claimIn(claimId, 'NEEDS_REVIEW');
    expect(claim).toMatchObject({ owner: 'BILLER', reasonCategory: 'rejected_by_clearinghouse' });
    expect(claim.lastEvent.reason).toMatch(/^front-end edits refused the claim: FRONT_END_EDIT: /);
    expect(receivedWith(claimId).map((s) => s.rejected)).toEqual([[claimId]]);
  }, 120_000);

  it('dead-letters a claim the clearinghouse is down for beyond every retry, notes it, and sends it once on redrive', async () => {
    proxy.mode = 'down';
    const claimId = await uploadVisit('GONE');
    await until(() => submissionQueues().deadLetters >= 1, 'the message reaches the dead-letter queue', 400_000);

    const queued = await claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    expect(await records.getDeadLetter(claimId, queued!.version)).toMatchObject({
      claimId,
      version: queued!.version,
      receiveCount: 5,
      reason: expect.stringMatching(/^TransientClearinghouseError: sandbox clearinghouse unreachable/),
    });
    // The metric is flushed as the invocation ends, which may be just after the queue moved the message.
    await until(() => twin.metrics.sum('SubmissionsDeadLettered') >= 1, 'the dead letter is counted', 30_000);
    expect(twin.metrics.sum('SubmissionsDeadLettered')).toBe(1);
    const alarmed = Object.values(twin.stack.template.Resources).some(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && JSON.stringify(r.Properties).includes('SubmissionsDeadLettered'),
    );
    expect(alarmed).toBe(true);
    expect(receivedWith(claimId)).toEqual([]);

    proxy.mode = 'pass';
    const { main, dead } = submissionQueues();
    const moved = await redrive(twin.sqs, { queueUrl: main.url, deadLetterQueueUrl: dead.url }, 10);
    expect(moved.moved).toBe(1);
    await claimIn(claimId, 'SUBMITTED');
    await twin.waitUntilDrained();
    expect(receivedWith(claimId)).toHaveLength(1);
    expect(submissionQueues().deadLetters).toBe(0);
  }, 600_000);

  it('notes a claim whose last delivery died before it could note the dead letter, through the reconciler', async () => {
    const deadLetteredBefore = twin.metrics.sum('SubmissionsDeadLettered');
    const submitClaims = [...twin.runtimes].find(([id]) => id.includes('SubmitClaims'))![1];
    proxy.mode = 'down';
    const invocationsBefore = submitClaims.invocations;
    const claimId = await uploadVisit('DIESLAST');
    // Four deliveries fail against the clearinghouse, with the queue's backoff between them.
    await until(
      () => submitClaims.invocations - invocationsBefore >= 4 && submitClaims.inFlight === 0,
      'four deliveries failed',
      400_000,
    );
    // The last one is held at the clearinghouse's door and its execution environment killed: nothing after the send
    // runs, so submit-claims never notes the dead letter.
    // (The mailbox poller talks to the clearinghouse through the proxy too: the send is the request with a key.)
    const mark = proxy.requests.length;
    proxy.mode = 'hold';
    await until(
      () => submitClaims.inFlight > 0 && proxy.requests.slice(mark).some((r) => r.fate === 'hold' && r.idempotencyKey),
      'the last delivery is at the clearinghouse door',
      300_000,
    );
    expect(submitClaims.crash()).toBe(1);
    proxy.mode = 'down';

    await until(() => submissionQueues().deadLetters >= 1, 'the message reaches the dead-letter queue', 300_000);
    const queued = await claims.get(claimId);
    expect(queued?.status).toBe('QUEUED');
    let noted: Awaited<ReturnType<typeof records.getDeadLetter>>;
    await until(
      async () => {
        noted = await records.getDeadLetter(claimId, queued!.version);
        return noted !== undefined;
      },
      'the reconciler notes the dead letter',
      300_000,
    );
    expect(noted!).toMatchObject({ claimId, version: queued!.version, reason: SUBMISSION_DEAD_LETTER_FOUND });
    // Noted and counted once, however many times the reconciler has looked at the queue since.
    await until(
      () => twin.metrics.sum('SubmissionsDeadLettered') > deadLetteredBefore,
      'the dead letter is counted',
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 60_000 * (1 / 10)));
    expect(twin.metrics.sum('SubmissionsDeadLettered') - deadLetteredBefore).toBe(1);
    expect(receivedWith(claimId)).toEqual([]);
  }, 900_000);
});
