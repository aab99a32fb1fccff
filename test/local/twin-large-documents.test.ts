/**
 * A document of thousands of visits on the twin, with AWS-like timing (the function's timeout, the queue's visibility
 * and the reconciler's schedule scaled alike): code-encounter plans it in pieces and codes one piece per message on
 * the intake queue. Two faults strike between and inside pieces:
 *
 * - the invocation that finished a piece dies before the message for the next one is sent (the message is taken off
 *   the queue): nothing moves until the scheduled reconciler finds the split stalled and resumes it from its first
 *   piece not done;
 * - the execution environment is killed in the middle of a piece: its message comes back (or the reconciler resends
 *   it) and the piece is coded again, finding the claims it had made.
 *
 * The end state: the document settled (NEEDS_REVIEW: most visits of the export lack a member id), every piece DONE,
 * every visit exactly one claim, each clean one QUEUED once (one submission identity per claim on the held submission
 * queue), and nothing left in the intake queue or its dead-letter queue.
 */

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import type { DocumentEntry } from '#core/intake/document-ledger';
import { readAllPages } from '#core/storage/page';
import { visitKeyOf } from '#core/storage/visit-key';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbDocumentChunks } from '#functions/common/storage/dynamodb-document-chunks';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin } from '#test/support/twin';

const VISITS = 2_100;
const PIECE = 10;
const CLEAN_EVERY = 7;
const DAY = 86_400_000;
const dateOfService = new Date(Date.now() - 9 * DAY).toISOString().slice(0, 10);

/**
 * A ClaimFlow JSON export of `count` visits, each of its own patient (no two are the same visit): every CLEAN_EVERY-th
 * one clean (coded, scrubbed, queued), the others without a member id (to review as missing information), as a day's
 * export mixes them; the review path is also the cheaper one, which keeps the test's work within reason.
 */
function export_(count: number): string {
  const encounters = Array.from({ length: count }, (_, i) => ({
    encounterId: `BIG-${i}`,
    patient: {
      lastName: `Largedoc${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`,
      firstName: 'Avery',
      birthDate: '1970-05-20',
      sex: 'F',
      address: { lines: ['5 Birch Road'], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    ...(i % CLEAN_EVERY === 0 ? { subscriber: { memberId: `LRG${String(i).padStart(8, '0')}` } } : {}),
    payer: { payerId: 'SANDBOX1' },
    billingProvider: { npi: '1987654328' },
    renderingProvider: { npi: '1456789019', lastName: 'Ortiz', firstName: 'Lena' },
    placeOfService: '11',
    dateOfService,
    newPatient: false,
    totalTimeMinutes: 25,
    diagnoses: [{ code: 'J06.9' }],
    procedures: [{ code: '99213', units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] }],
    noteText: 'Sore throat for three days. Assessment: acute upper respiratory infection.',
  }));
  return JSON.stringify({ claimflowVersion: '1', encounters });
}

let twin: LocalTwin;
let claims: DynamoDbClaimStore;
let chunks: DynamoDbDocumentChunks;
const logLines: string[] = [];

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function queue(prefix: string, dead: boolean) {
  return twin.queues().find((q) => q.logicalId.startsWith(prefix) && q.deadLetterQueue === dead)!;
}

async function entryOf(key: string): Promise<DocumentEntry | undefined> {
  return (await ledgerEntries(twin)).find((e) => e.key === key);
}

async function piecesDone(documentId: string): Promise<number> {
  const states = await readAllPages((page) => chunks.states(documentId, page));
  return states.filter((s) => s.status === 'DONE').length;
}

/** Every message on a queue nobody consumes, read (and left invisible) once. */
async function drainHeld(url: string): Promise<string[]> {
  const bodies: string[] = [];
  for (;;) {
    const { Messages = [] } = await twin.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 3600,
        WaitTimeSeconds: 0,
      }),
    );
    if (Messages.length === 0) return bodies;
    bodies.push(...Messages.map((m) => m.Body!));
  }
}

beforeAll(async () => {
  twin = await startTestTwin({
    log: (_fn, _stream, text) => void logLines.push(text),
    // Stuck after ten seconds instead of half an hour, so the test need not wait; the logic is the deployed one, run
    // by the template's schedule (its period scaled by the twin's time scale).
    customize: (stack) => {
      stack.reconciliation.reconcile.function.addEnvironment('RECONCILE_STUCK_AFTER_SECONDS', '10');
      // A piece killed by the machine's load (work is not scaled) must not use up the attempts a real stall gets.
      stack.reconciliation.reconcile.function.addEnvironment('RECONCILE_MAX_ATTEMPTS', '20');
      // The twin scales the function's timeout (60 s → 6 s) but not its work: on a shared two-core machine 250 visits
      // take longer than 6 s, so pieces are sized to the twin as a deployment sizes them to its functions.
      stack.intake.codeEncounter.function.addEnvironment('ENCOUNTERS_PER_CHUNK', String(PIECE));
    },
  });
  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  claims = new DynamoDbClaimStore(documents, twin.outputs.TableName!);
  chunks = new DynamoDbDocumentChunks(documents, twin.outputs.TableName!);
});

afterAll(async () => {
  await twin?.stop();
});

describe('a document of thousands of visits on the twin', () => {
  it('is coded in pieces through a lost message between pieces and a crash inside one: every visit billed once', async () => {
    // Submission is held: what was queued stays on the claim-submission queue to be counted.
    const submission = queue('ClaimSubmissionQueue', false);
    await twin.eventSources.find((s) => s.definition.queueUrl === submission.url)!.stop();
    const intake = queue('IntakeQueue', false);
    const intakeSource = twin.eventSources.find((s) => s.definition.queueUrl === intake.url)!;
    const codeEncounter = [...twin.runtimes].find(([id]) => id.includes('CodeEncounter'))![1];

    const key = 'inbox/large/day-export.json';
    await twin.s3.send(
      new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: export_(VISITS) }),
    );
    await until(async () => (await entryOf(key))?.split !== undefined, 'the document is planned in pieces', 120_000);
    const { documentId, split } = (await entryOf(key))!;
    expect(split).toMatchObject({ chunks: Math.ceil(VISITS / PIECE), encounters: VISITS, format: 'claimflow-json' });
    console.log(`planned in ${split!.chunks} pieces`);

    // Fault 1: the invocation that finished piece 2 dies before the next piece's message is sent. The intake queue is
    // paused once two pieces are done, and the message for the next piece is taken off it.
    await until(async () => (await piecesDone(documentId)) >= 2, 'two pieces are done', 300_000);
    await intakeSource.stop();
    const lost: string[] = [];
    for (;;) {
      const { Messages = [] } = await twin.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: intake.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        lost.push(message.Body!);
        await twin.sqs.send(new DeleteMessageCommand({ QueueUrl: intake.url, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    expect(lost.map((body) => JSON.parse(body).kind)).toEqual(['document-chunk']);
    const stalledAt = await piecesDone(documentId);
    console.log(`the message after piece ${stalledAt} was lost`);
    intakeSource.start();

    // Nothing moves until the scheduled reconciler finds the split stalled and resumes it.
    await until(async () => (await piecesDone(documentId)) > stalledAt, 'the reconciler resumed the split', 300_000);
    expect(twin.metrics.sum('ItemsReconciled')).toBeGreaterThanOrEqual(1);

    // Fault 2: the execution environment is killed in the middle of the next piece.
    let killed = 0;
    await until(
      () => {
        killed += codeEncounter.crash();
        return killed > 0;
      },
      'a piece is cut short',
      120_000,
    );

    console.log(`killed ${killed} invocation(s) at ${await piecesDone(documentId)} pieces done`);
    let reported = Date.now();
    await until(
      async () => {
        if (Date.now() - reported > 60_000) {
          reported = Date.now();
          const failures = logLines.filter((line) => line.includes('record failed'));
          console.log(
            `${await piecesDone(documentId)} of ${split!.chunks} pieces done; ${failures.length} failed records, last: ${failures.at(-1)?.slice(0, 300) ?? 'none'}`,
          );
        }
        return (await entryOf(key))?.status !== 'RECEIVED';
      },
      'the document is settled',
      1_500_000,
    );
    const settled = (await entryOf(key))!;
    expect({ status: settled.status, failure: settled.failure }).toEqual({
      status: 'NEEDS_REVIEW',
      failure: undefined,
    });
    expect(settled.reviewReasons).toContain('missing_information');
    expect(await piecesDone(documentId)).toBe(split!.chunks);

    // Every visit exactly one claim: the clean ones QUEUED with their message sent, the others in review; one
    // submission identity per queued claim, and none for any other.
    const states = await readAllPages((page) => chunks.states(documentId, page));
    const claimIds = states.flatMap((s) => s.result?.claimIds ?? []);
    expect(claimIds).toHaveLength(VISITS);
    expect(new Set(claimIds).size).toBe(VISITS);
    const all: Claim[] = [];
    for (const id of claimIds) all.push((await claims.get(id))!);
    const stored = all.filter((c) => c.status === 'QUEUED');
    expect(stored).toHaveLength(Math.ceil(VISITS / CLEAN_EVERY));
    expect(stored.every((c) => c.queuedMessageSentAt !== undefined)).toBe(true);
    expect(all.filter((c) => c.status !== 'QUEUED').every((c) => c.status === 'NEEDS_REVIEW')).toBe(true);
    expect(new Set(stored.map((c) => visitKeyOf(c))).size).toBe(stored.length);
    const identities = new Set(
      (await drainHeld(submission.url)).map((body) => {
        const message = JSON.parse(body) as { claimId: string; version: number };
        return `${message.claimId}#${message.version}`;
      }),
    );
    expect([...identities].sort()).toEqual(stored.map((c) => `${c.id}#${c.version}`).sort());

    // Nothing stuck: the intake queue and its dead-letter queue are empty once the twin is idle.
    await until(
      () => {
        const [main, dead] = [queue('IntakeQueue', false), queue('IntakeQueue', true)];
        return main.visible + main.inFlight + main.delayed + dead.visible + dead.inFlight === 0;
      },
      'the intake queues are empty',
      120_000,
    );
    const durations = codeEncounter.completed.filter((c) => !c.error).map((c) => c.durationMs);
    console.log(
      `${VISITS} visits in ${split!.chunks} pieces; code-encounter invocations: ${codeEncounter.invocations}, failed ${codeEncounter.errors}, slowest ${Math.round(Math.max(...durations))} ms`,
    );
  }, 2_400_000);
});
