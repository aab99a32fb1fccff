/**
 * Claims submitted per second on the local twin: ClaimFlow JSON visits uploaded to the inbox, coded and queued by
 * code-encounter, then sent by submit-claims through the claim-submission queue (SQS emulator, batches of up to 10,
 * two at a time) to the sandbox clearinghouse over HTTP, each interchange archived in S3 and every claim SUBMITTED in
 * DynamoDB. Side by side in the same run, with the same claims as the twin stored them:
 *  - the peer: building the same 837Ps in-process, in batches of 10 (what making the files costs);
 *  - the submission core in-process (core/submission with in-memory stores, the sandbox called in-process), so the
 *    report separates what the plumbing costs (S3, SQS, DynamoDB, HTTP, worker hops) from the work.
 * The twin's submission rate is the stage alone: submit-claims' event source is held while every visit is coded and
 * queued, then released, and the backlog timed until ClaimsSubmitted counts every claim (coding's own rate is printed
 * for scale). Every claim must be SUBMITTED exactly once (its history) and received once by the sandbox.
 * Run: `npm run bench -- twin-submission` (BENCH_CLAIMS=N for another count, default 200).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '#core/claims/claim';
import { parsePracticeConfig } from '#core/config/practice-config';
import { fixedClock } from '#core/kernel/clock';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryControlNumberCounters } from '#core/storage/memory/control-number-counters';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { InMemorySubmissionArchive } from '#core/submission/submission-archive';
import { submitClaims } from '#core/submission/submit-claims';
import { build837P } from '#core/x12/837p/builder';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import { listDocuments } from '#local/cli/list-documents';
import { loadSandboxData } from '#local/sandbox/payer-data';
import { Sandbox } from '#local/sandbox/sandbox';
import { MemorySandboxStore } from '#local/sandbox/state-store';
import { LocalTwin } from '#local/twin/twin';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 200);
const UPLOAD_CONCURRENCY = 16;
const BATCH = 10;
const dateOfService = daysAgo(5);
const identity = parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample').submitter;

function visit(i: number): string {
  return cleanVisitJson({
    encounterId: `BENCH-${i}`,
    patient: {
      lastName: `Bench${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + (Math.floor(i / 26) % 26))}`,
      firstName: 'Pat',
      birthDate: '1970-01-01',
      sex: 'F',
      address: { lines: ['1 Bench Road'], city: 'Springfield', state: 'IL', postalCode: '62701' },
    },
    memberId: `SBX${String(500_000_000 + i)}`,
    dateOfService,
    noteText: 'Sore throat for three days. Assessment: acute upper respiratory infection.',
  });
}

const rate = (n: number, ms: number) => (n / ms) * 1000;

async function twinRun(): Promise<{ claims: Claim[]; codingMs: number; submissionMs: number }> {
  const twin = await LocalTwin.start({ outdir: mkdtempSync(join(tmpdir(), 'claimflow-bench-')) });
  try {
    const bucket = twin.outputs.IntakeBucketName!;
    const submissionQueue = twin
      .queues()
      .find((q) => q.logicalId.startsWith('ClaimSubmissionQueue') && !q.deadLetterQueue)!.url;
    // The submission stage is measured on its own: its event source waits until every claim is queued, then runs
    // the whole backlog (otherwise the rate measured is coding's, which feeds it one claim at a time).
    const source = twin.eventSources.find((s) => s.definition.queueUrl === submissionQueue);
    if (!source) throw new Error('no event source consumes the claim-submission queue');
    await source.stop();
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
        while (next < CLAIMS) {
          const i = next++;
          await twin.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `inbox/bench/v${i}.json`, Body: visit(i) }));
        }
      }),
    );
    const queued = () => twin.queues().find((q) => q.url === submissionQueue)?.visible ?? 0;
    while (queued() < CLAIMS) {
      if (Date.now() - started > 900_000) throw new Error(`only ${queued()} of ${CLAIMS} claims were queued`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const codingMs = Date.now() - started;

    const submitting = Date.now();
    source.start();
    while (twin.metrics.sum('ClaimsSubmitted') < CLAIMS) {
      if (Date.now() - submitting > 900_000) throw new Error('the backlog was not submitted within 15 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const submissionMs = Date.now() - submitting;
    await twin.waitUntilDrained({ timeoutMs: 300_000, settleMs: 100 });

    const documents = DynamoDBDocumentClient.from(twin.dynamodb);
    const store = new DynamoDbClaimStore(documents, twin.outputs.TableName!);
    const ids = (await listDocuments(documents, twin.outputs.TableName!)).flatMap((e) => e.claimIds ?? []);
    const claims = (await Promise.all(ids.map((id) => store.get(id)))).filter((c): c is Claim => c !== undefined);
    if (claims.length !== CLAIMS) throw new Error(`expected ${CLAIMS} claims, found ${claims.length}`);
    const received = twin.clearinghouse!.sandbox.received().flatMap((s) => s.accepted);
    if (received.length !== CLAIMS) throw new Error(`the sandbox received ${received.length} claims, not ${CLAIMS}`);
    // Each claim was SUBMITTED exactly once (the response side may have moved it on since: ACCEPTED, PAID, ...).
    for (const claim of claims) {
      const submitted = (await store.history(claim.id, { limit: 100 })).items.filter((e) => e.to === 'SUBMITTED');
      if (submitted.length !== 1) throw new Error(`claim ${claim.id} was SUBMITTED ${submitted.length} times`);
    }
    return { claims, codingMs, submissionMs };
  } finally {
    await twin.stop();
  }
}

/** The peer: the same claims' 837Ps built in-process, in the event source's batches. */
async function buildInProcess(claims: Claim[]): Promise<number> {
  const controlNumbers = new InMemoryControlNumbers();
  const started = performance.now();
  for (let start = 0; start < claims.length; start += BATCH) {
    await build837P(claims.slice(start, start + BATCH), {
      identity,
      controlNumbers,
      now: new Date(),
      maxClaimsPerTransaction: BATCH,
    });
  }
  return performance.now() - started;
}

/** The submission core with in-memory stores and the sandbox in-process, the claims back at their QUEUED version. */
async function submitInProcess(claims: Claim[]): Promise<number> {
  const store = new InMemoryClaimStore();
  const queued = claims.map((c) => ({
    ...c,
    status: 'QUEUED' as const,
    owner: 'NONE' as const,
    submission: undefined,
  }));
  for (const claim of queued) await store.create(claim);
  const sandbox = new Sandbox({ data: loadSandboxData(), store: new MemorySandboxStore() });
  const ports = {
    claims: store,
    records: new InMemorySubmissionRecords(),
    counters: new InMemoryControlNumberCounters(),
    archive: new InMemorySubmissionArchive(),
    clearinghouse: { name: 'sandbox', submit: async (batch: string, key: string) => sandbox.submit(batch, key) },
    clock: fixedClock(new Date()),
    identityFor: () => identity,
  };
  const started = performance.now();
  for (let start = 0; start < queued.length; start += BATCH) {
    const results = await submitClaims(
      queued.slice(start, start + BATCH).map((c) => ({ messageId: c.id, claimId: c.id, version: c.version })),
      ports,
    );
    const failed = results.filter((r) => r.kind !== 'submitted');
    if (failed.length > 0)
      throw new Error(`in-process submission: ${failed.length} not submitted (${failed[0]?.kind})`);
  }
  return performance.now() - started;
}

const twin = await twinRun();
const buildMs = await buildInProcess(twin.claims);
const coreMs = await submitInProcess(twin.claims);
const twinRate = rate(CLAIMS, twin.submissionMs);
const row = (label: string, perSecond: number, ms: number) =>
  `${label.padEnd(62)} ${perSecond.toFixed(1).padStart(9)} claims/s  (${ms.toFixed(0)} ms)`;
process.stdout.write(
  [
    `${CLAIMS} claims, one ClaimFlow JSON visit each; submission batches of up to ${BATCH}, two at a time on the twin`,
    row('twin, upload -> QUEUED (intake and coding, for scale)', rate(CLAIMS, twin.codingMs), twin.codingMs),
    row('twin, the queued backlog -> SUBMITTED (queue, function, HTTP)', twinRate, twin.submissionMs),
    row('in-process: core/submission, in-memory stores, sandbox in-process', rate(CLAIMS, coreMs), coreMs),
    row('in-process: build the same 837Ps (peer)', rate(CLAIMS, buildMs), buildMs),
    `ratio in-process build / twin submission: ${(rate(CLAIMS, buildMs) / twinRate).toFixed(1)}x`,
    `ratio in-process submission core / twin submission: ${(rate(CLAIMS, coreMs) / twinRate).toFixed(1)}x ` +
      '(the cost of S3, SQS, DynamoDB, HTTP and worker hops)',
    `load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}`,
    '',
  ].join('\n'),
);
