/**
 * The process-remittance handler against the real adapters: DynamoDB stores on dynalite, the raw archive in the S3
 * emulator, SQS events carrying the webhook's pointers. The sandbox's own responses for claims it received are
 * archived as the webhook archives them and handed to the handler: claims end PAID, PARTIALLY_PAID, DENIED, REJECTED
 * and (re-adjudicated below the sample configuration's contract) PAID_INCORRECTLY, Σ posted + PLB = Σ BPR02, a
 * redelivered pointer changes nothing, and what cannot be applied is either kept with a work item (changed object)
 * or retried (bad pointer).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RemittancePointerMessage } from '#contracts/messages';
import { payerKeyOf } from '#core/remittance/payment-key';
import { readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { S3Emulator } from '#local/emulators/s3';
import { startClaimFlowTable } from '#test/support/dynalite';
import { MEMBERS, postingWorld, remittancesOf, type SandboxFile } from '../unit/remittance/posting-harness.ts';
import { s3ClientFor } from './emulators/s3-client.ts';

const BUCKET = 'claimflow-intake';
let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let s3Emulator: S3Emulator;
let handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
let files: SandboxFile[];
const CLAIMS = [
  { id: 'H1PAID', memberId: MEMBERS.paid },
  { id: 'H2PART', memberId: MEMBERS.partial },
  { id: 'H3DENY', memberId: MEMBERS.denied },
  { id: 'H4REJ', memberId: MEMBERS.rejected277 },
  { id: 'H5REV', memberId: MEMBERS.reversed },
  { id: 'H6INT', memberId: MEMBERS.interest },
];

beforeAll(async () => {
  table = await startClaimFlowTable();
  s3Emulator = new S3Emulator();
  await s3Emulator.listen();
  s3Emulator.createBucket(BUCKET);
  const endpoint = await table.client.config.endpoint?.();
  for (const [name, value] of Object.entries({
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'claimflow',
    POWERTOOLS_METRICS_NAMESPACE: 'ClaimFlow',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_S3: s3Emulator.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: `${endpoint?.protocol}//${endpoint?.hostname}:${endpoint?.port}`,
    TABLE_NAME: table.tableName,
    INTAKE_BUCKET_NAME: BUCKET,
    RESPONSES_RAW_PREFIX: 'responses/raw/',
    // Inlined into the bundle at synth; the sample's payer contracts are what 835s are checked against.
    CLAIMFLOW_PRACTICE_CONFIG: readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8'),
  })) {
    vi.stubEnv(name, value);
  }
  ({ handler } = (await import('#functions/process-remittance/handler')) as unknown as {
    handler: (event: SQSEvent) => Promise<SQSBatchResponse>;
  });

  // The claims as submit-claims left them, and the sandbox's answers, moved onto the table the handler uses.
  const world = postingWorld();
  await world.submit(CLAIMS);
  files = await world.respond();
  const claims = new DynamoDbClaimStore(table.client, table.tableName);
  for (const { id } of CLAIMS) await claims.create(await world.claim(id));
  const interchange = await world.stores.submissions.findInterchangeByGroup('ZZ-CLAIMFLOW', 1);
  await new DynamoDbSubmissionRecords(table.client, table.tableName).createInterchange(interchange!);
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await table?.stop();
  await s3Emulator?.close();
});

/** Archives a body as the webhook does and returns the pointer it would queue. */
async function archive(name: string, body: string): Promise<RemittancePointerMessage> {
  const key = `responses/raw/2026/11/23/${name}.json`;
  const s3 = s3ClientFor(s3Emulator.endpoint);
  const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
  s3.destroy();
  return {
    bucket: BUCKET,
    key,
    ...(put.VersionId ? { versionId: put.VersionId } : {}),
    sha256: createHash('sha256').update(body).digest('hex'),
    bytes: Buffer.byteLength(body),
    webhookId: `msg_${name}`,
    receivedAt: '2026-11-23T15:00:00.000Z',
  };
}

function sqsEvent(bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({ messageId: `m${i}`, body, attributes: { ApproximateReceiveCount: '1' } })),
  } as unknown as SQSEvent;
}

const envelope = (file: SandboxFile) =>
  JSON.stringify({ type: 'x12.response.available', timestamp: '2026-11-23T15:00:00Z', data: file });

describe('process-remittance handler', () => {
  it('applies the archived responses: claims end where the payer left them, and every cent is accounted for', async () => {
    const pointers = [];
    for (const file of files) pointers.push(JSON.stringify(await archive(file.id, envelope(file))));

    for (let i = 0; i < pointers.length; i += 10) {
      expect(await handler(sqsEvent(pointers.slice(i, i + 10)))).toEqual({ batchItemFailures: [] });
    }

    const claims = new DynamoDbClaimStore(table.client, table.tableName);
    const statuses = Object.fromEntries(
      await Promise.all(CLAIMS.map(async ({ id }) => [id, (await claims.get(id))?.status])),
    );
    expect(statuses).toEqual({
      H1PAID: 'PAID',
      H2PART: 'PARTIALLY_PAID',
      H3DENY: 'DENIED',
      H4REJ: 'REJECTED',
      // Reversed, then re-adjudicated at 90% of the payer's fee schedule: below the practice's contract for 99213.
      H5REV: 'PAID_INCORRECTLY',
      H6INT: 'PAID',
    });
    const history = await readAllPages((p) => claims.history('H5REV', p));
    expect(history.map((e) => e.to)).toEqual(expect.arrayContaining(['SUBMITTED', 'ACCEPTED', 'PAID', 'REVERSED']));

    const ledger = new DynamoDbRemittanceLedger(table.client, table.tableName);
    const providerLedger = new DynamoDbProviderLedger(table.client, table.tableName);
    let deposits = 0;
    let accounted = 0;
    for (const remittance of remittancesOf(files)) {
      const payer = payerKeyOf(remittance);
      deposits += remittance.payment.totalPaid;
      for (const r of await readAllPages((p) => ledger.claimPaymentsForCheck(payer, remittance.trace.number, p)))
        accounted += r.paidCents;
      for (const e of await readAllPages((p) => providerLedger.entriesForCheck(payer, remittance.trace.number, p)))
        accounted += e.depositEffectCents;
    }
    expect(accounted).toBe(deposits);
    const byClaim = await readAllPages((p) => ledger.claimPaymentsForClaim('H5REV', p));
    expect(byClaim.map((r) => r.kind).sort()).toEqual(['payment', 'payment', 'reversal']);

    // The same pointers again (SQS redelivery): nothing changes.
    const before = await claims.get('H1PAID');
    expect(await handler(sqsEvent(pointers.slice(0, 10)))).toEqual({ batchItemFailures: [] });
    expect(await claims.get('H1PAID')).toEqual(before);
  });

  it('keeps an object that changed after it was archived, with a work item, and retries a pointer it must not follow', async () => {
    const pointer = await archive('tampered', envelope(files[0]!));
    const tampered = { ...pointer, sha256: 'a'.repeat(64) };
    const outside = { ...pointer, key: 'inbox/visit.txt' };

    const response = await handler(
      sqsEvent([JSON.stringify(tampered), JSON.stringify(outside), '{"not":"a pointer"}']),
    );

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(['m1', 'm2']);
    const items = (await new DynamoDbWorkItems(table.client, table.tableName).listOpen()).items;
    expect(items.find((i) => i.category === 'unreadable_response')?.reason).toMatch(/changed after it was archived/);
  });
});
