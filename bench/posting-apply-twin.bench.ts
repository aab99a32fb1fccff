/**
 * 835 claim payments posted per second on the local twin, the whole way a payer's file travels: a signed webhook
 * delivery to the stack's HTTP API, clearinghouse-webhook (verify, archive in S3, pointer on the remittance queue),
 * the SQS emulator, and process-remittance in its worker (read the object, applyResponseFile against DynamoDB on
 * dynalite, every claim settled), with AWS timing (time scale 1: the functions' own timeouts). Beside it in the same
 * run, the same rounds posted in process with the in-memory stores. Each round is one 835 of `PAYMENTS` claim
 * payments to claims of its own, stored SUBMITTED beforehand (not timed); the twin's time runs from the POST until
 * the stack is drained and counted the 835 posted. Run: `npm run bench -- posting-apply` (with posting-apply.bench.ts).
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Webhook } from 'standardwebhooks';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { SECRET_ROLES, webhookSigningSecret } from '#contracts/secrets';
import { fixedClock } from '#core/kernel/clock';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { LocalTwin } from '#local/twin/twin';
import { inMemoryResponseStores } from '#test/support/response-stores';
import { PAYMENTS, postRound, roundOf } from './posting-rounds.ts';

const ROUNDS = 3;
const count = (n: number) => Math.round(n).toLocaleString('en-US');

const twin = await LocalTwin.start({
  outdir: mkdtempSync(join(tmpdir(), 'claimflow-bench-posting-')),
  timeScale: 1,
  clearinghouse: false,
});
const secret = webhookSigningSecret(twin.secrets.byRole(SECRET_ROLES.webhookSigning)!.value);
const claims = new DynamoDbClaimStore(DynamoDBDocumentClient.from(twin.dynamodb), twin.outputs.TableName!);

/** Posts round `r` through the webhook and waits until process-remittance has posted it; seconds from the POST. */
async function postOnTwin(side: string, r: number): Promise<number> {
  const round = roundOf(side, r);
  for (const claim of round.claims) await claims.create(claim);
  const postedBefore = twin.metrics.sum(REVENUE_CYCLE_METRICS.remittancesPosted);
  const id = `msg_bench_${side}${r}`;
  const started = performance.now();
  const at = new Date();
  const response = await fetch(twin.outputs.ClearinghouseWebhookUrl!, {
    method: 'POST',
    headers: {
      'content-type': 'application/edi-x12',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, round.x12),
    },
    body: round.x12,
  });
  if (response.status !== 202) throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
  await twin.waitUntilDrained({ timeoutMs: 600_000, settleMs: 50 });
  const seconds = (performance.now() - started) / 1000;
  if (twin.metrics.sum(REVENUE_CYCLE_METRICS.remittancesPosted) !== postedBefore + 1)
    throw new Error(`round ${side}${r}: process-remittance did not count the 835 posted`);
  const last = await claims.get(round.claims.at(-1)!.id);
  if (last?.status === 'SUBMITTED') throw new Error(`round ${side}${r}: claim ${last.id} was not settled`);
  return seconds;
}

const clock = fixedClock('2026-11-21T00:00:00Z');
const memory = { ...inMemoryResponseStores(), clock };
const postInProcess = (side: string, r: number) => postRound(side, r, memory, memory.claims);

const totals = { twin: 0, memory: 0 };
try {
  // A warm-up round each, not counted (a fresh execution environment, JIT, dynalite's first pages).
  await postInProcess('W', 0);
  await postOnTwin('V', 0);
  for (let r = 1; r <= ROUNDS; r += 1) {
    totals.memory += await postInProcess('M', r);
    totals.twin += await postOnTwin('T', r);
  }
} finally {
  await twin.stop();
}

const twinRate = (ROUNDS * PAYMENTS) / totals.twin;
const memoryRate = (ROUNDS * PAYMENTS) / totals.memory;
process.stdout.write(
  `${ROUNDS} rounds of one 835 with ${PAYMENTS} claim payments (paid, patient share, denied), each claim settled\n` +
    `on the twin (webhook, S3, SQS, process-remittance, DynamoDB): ${count(twinRate)} claim payments/s (wall)\n` +
    `in process, memory stores:                                     ${count(memoryRate)} claim payments/s (wall)\n` +
    `the twin takes ${(memoryRate / twinRate).toFixed(1)}x the in-process time; load average ${loadavg()[0]?.toFixed(2)}\n`,
);
