/**
 * Documents per second from upload to settled ledger entry on the local twin (S3 PUT -> notification -> SQS ->
 * code-encounter in a worker -> parse, code, scrub -> DynamoDB), beside the same pipeline called in-process with
 * in-memory stores, so the ratio shows what the plumbing (emulated S3/SQS/DynamoDB, SDK calls, worker hops) costs. Latency per document is the ledger's own
 * receivedAt -> updatedAt.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim } from '#core/claims/claim';
import { starterCodeSets } from '#core/codesets/starter/index';
import { parsePracticeConfig } from '#core/config/practice-config';
import { systemClock } from '#core/kernel/clock';
import { codeDocument } from '#core/pipeline/code-document';
import { ingestDocument } from '#core/pipeline/ingest-document';
import { scrubClaim } from '#core/scrubbing/index';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryDocumentLedger } from '#core/storage/memory/document-ledger';
import { InMemoryVisitReservations } from '#core/storage/memory/visit-reservations';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import { listDocuments } from '#local/cli/list-documents';
import { LocalTwin } from '#local/twin/twin';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 300);
const UPLOAD_CONCURRENCY = 16;

function note(i: number): string {
  return [
    `Patient: Bench Patient ${i}`,
    'Date of service: 2026-11-20',
    'CHIEF COMPLAINT: Follow-up of type 2 diabetes and hypertension.',
    'HPI: Doing well on metformin. Home glucose 110-140. No chest pain.',
    'ASSESSMENT: Type 2 diabetes mellitus without complications. Essential hypertension.',
    'PLAN: Continue metformin 500 mg twice daily, lisinopril 10 mg daily. A1c in 3 months.',
  ].join('\n');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function inProcessBaseline(): Promise<number> {
  const ledger = new InMemoryDocumentLedger();
  const bodies = Array.from({ length: DOCUMENTS }, (_, i) => new TextEncoder().encode(note(i)));
  // The same coding and scrubbing the function does, with in-memory stores instead of DynamoDB and SQS.
  const claims = new InMemoryClaimStore();
  const priorClaims = priorClaimsIn(claims);
  const config = parsePracticeConfig(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')), 'sample');
  const codeSets = starterCodeSets();
  const payerRules = loadPayerRulesDirectory(SAMPLE_PAYER_RULES);
  const pipeline = {
    codeSets,
    config,
    clock: systemClock,
    claims,
    visits: new InMemoryVisitReservations(),
    submissions: { publish: async () => {} },
    scrub: (claim: Claim, coded: Parameters<typeof scrubClaim>[1]) =>
      scrubClaim(claim, coded, { codeSets, config, payerRules, priorClaims, today: '2026-11-23' }),
  };
  const started = performance.now();
  for (let i = 0; i < DOCUMENTS; i += 1) {
    await ingestDocument(
      { bucket: 'b', key: `inbox/n${i}.txt`, versionId: 'v', size: bodies[i]!.length, eTag: 'e', eventTime: '' },
      {
        ledger,
        objects: { read: async () => ({ bytes: bodies[i]! }), quarantine: async () => 'q' },
        clock: systemClock,
        source: { bucket: 'b', inboxPrefix: 'inbox/' },
        maxDocumentBytes: 5 * 1024 * 1024,
        process: (document) => codeDocument(document, pipeline),
      },
    );
  }
  return DOCUMENTS / ((performance.now() - started) / 1000);
}

async function twinRun(): Promise<{ perSecond: number; p50: number; p99: number }> {
  const twin = await LocalTwin.start({ outdir: mkdtempSync(join(tmpdir(), 'claimflow-bench-')) });
  try {
    const bucket = twin.outputs.IntakeBucketName!;
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
        while (next < DOCUMENTS) {
          const i = next++;
          await twin.s3.send(new PutObjectCommand({ Bucket: bucket, Key: `inbox/bench/n${i}.txt`, Body: note(i) }));
        }
      }),
    );
    await twin.waitUntilDrained({ timeoutMs: 600_000, settleMs: 100 });
    const seconds = (performance.now() - started) / 1000;
    const entries = await listDocuments(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);
    if (entries.length !== DOCUMENTS) throw new Error(`expected ${DOCUMENTS} ledger entries, found ${entries.length}`);
    const latencies = entries.map((e) => Date.parse(e.updatedAt) - Date.parse(e.receivedAt)).sort((a, b) => a - b);
    return { perSecond: DOCUMENTS / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
  } finally {
    await twin.stop();
  }
}

const baseline = await inProcessBaseline();
const twin = await twinRun();
console.log(
  `documents: ${DOCUMENTS} clinical notes of ~${note(0).length} bytes, upload concurrency ${UPLOAD_CONCURRENCY}`,
);
console.log(`twin, upload -> settled ledger entry : ${twin.perSecond.toFixed(1)} documents/s`);
console.log(`  latency in the pipeline (ledger receivedAt -> settled): p50 ${twin.p50} ms, p99 ${twin.p99} ms`);
console.log(`in-process, same coding + scrubbing, in-memory stores: ${baseline.toFixed(0)} documents/s`);
console.log(
  `ratio in-process / twin               : ${(baseline / twin.perSecond).toFixed(1)}x (the cost of S3, SQS, DynamoDB and worker hops)`,
);
