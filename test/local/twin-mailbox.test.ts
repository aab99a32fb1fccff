/**
 * The mailbox poller on the twin, with AWS-like timing, against the sandbox clearinghouse:
 *
 * - the sandbox pushes its responses by webhook and keeps them in its mailbox; the same 835 delivered by webhook,
 *   delivered again by webhook (a resend under a new webhook-id) and copied by the poller is posted once: one
 *   payment in the remittance ledger, the money once on the claim, one payment in the claim's history;
 * - the sandbox pushes nothing (webhooks off): the stack's schedule runs the poller, which brings the 999s, 277CAs and
 *   835s in, and the claims reach PAID; while the mailbox cannot be reached, runs count the failure and copy nothing,
 *   and once it is back the next run brings everything in.
 */
import { createHash, randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSES_RAW_PREFIX } from '#contracts/bucket-layout';
import { parseClearinghouseConnection, SECRET_ROLES } from '#contracts/secrets';
import type { Claim } from '#core/claims/claim';
import type { MailboxCopyReport } from '#core/responses/copy-mailbox';
import { readAllPages } from '#core/storage/page';
import { readTypedX12 } from '#core/x12/typed';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbMailboxCopies } from '#functions/common/storage/dynamodb-mailbox-copies';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { settleClearinghouse, twinSettlePorts } from '#local/cli/settle-clearinghouse';
import { signedRequest } from '#local/sandbox/webhook-delivery';
import type { LocalTwin } from '#local/twin/twin';
import { FaultProxy } from '#test/support/fault-proxy';
import { ledgerEntries, payerCalendarOf, startTestTwin } from '#test/support/twin';
import { until } from '#test/support/until';
import { cleanVisitJson, daysAgo } from '#test/support/visits';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The stores a test reads the outcome from (straight from the table, as the functions wrote it). */
function storesOf(twin: LocalTwin) {
  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  const table = twin.outputs.TableName!;
  return {
    claims: new DynamoDbClaimStore(documents, table),
    ledger: new DynamoDbRemittanceLedger(documents, table),
    copies: new DynamoDbMailboxCopies(documents, table),
  };
}

/** Uploads a clean visit whose member the sandbox pays, and waits until the stack has made its claim. */
async function uploadPaidVisit(twin: LocalTwin, tag: string): Promise<string> {
  const key = `inbox/mailbox/${tag}.json`;
  const body = cleanVisitJson({
    encounterId: `MB-${tag}`,
    patient: {
      lastName: `Mailbox${tag.replace(/[^A-Za-z]/g, '')}`,
      firstName: 'Noor',
      birthDate: '1983-06-21',
      sex: 'F',
      address: { lines: ['4 Mill Lane'], city: 'Springfield', state: 'IL', postalCode: '62703' },
    },
    memberId: `SBX${randomUUID().replace(/-/g, '').slice(0, 9)}`,
    dateOfService: daysAgo(6),
  });
  await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
  let claimId: string | undefined;
  await until(async () => {
    claimId = (await ledgerEntries(twin)).find((e) => e.key === key)?.claimIds?.[0];
    return claimId !== undefined;
  }, `the claim of ${tag} exists`);
  return claimId!;
}

/** Runs the sandbox's payer until it owes nothing (acknowledgments as they fall due, then a payment cycle). */
async function settle(twin: LocalTwin): Promise<void> {
  const result = await settleClearinghouse(twinSettlePorts(twin, payerCalendarOf(twin)), 240_000);
  expect(result.settled).toBe(true);
}

/** The poll-mailbox function, run as its EventBridge schedule runs it. */
async function runPoller(twin: LocalTwin): Promise<MailboxCopyReport> {
  const runtime = [...twin.runtimes.values()].find((r) => r.definition.functionName.includes('PollMailbox'));
  expect(runtime).toBeDefined();
  return (await runtime!.invoke({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '000000000000',
    time: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail: {},
  })) as MailboxCopyReport;
}

/** Every object kept under responses/raw/, with its text. */
async function rawResponses(twin: LocalTwin): Promise<{ key: string; text: string }[]> {
  const listed = await twin.s3.send(
    new ListObjectsV2Command({ Bucket: twin.outputs.IntakeBucketName, Prefix: RESPONSES_RAW_PREFIX }),
  );
  const objects = [];
  for (const { Key } of listed.Contents ?? []) {
    const object = await twin.s3.send(new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key }));
    objects.push({ key: Key!, text: await object.Body!.transformToString() });
  }
  return objects;
}

/** The sandbox's response files of one kind that name the claim. */
function sandboxFiles(twin: LocalTwin, kind: string, claimId: string) {
  const sandbox = twin.clearinghouse!.sandbox;
  return sandbox
    .listResponses({ limit: 1000 })
    .files.filter((f) => f.kind === kind)
    .map((f) => sandbox.fetchResponse(f.id))
    .filter((f) => f.x12.includes(claimId));
}

describe('an 835 by webhook twice and by the mailbox poller', () => {
  let twin: LocalTwin;
  const logLines: string[] = [];

  beforeAll(async () => {
    twin = await startTestTwin({ log: (_fn, _stream, text) => logLines.push(text) });
  }, 120_000);

  afterAll(async () => {
    await twin?.stop();
  });

  it('is posted once: one ledger payment, the money once on the claim, one payment in its history', async () => {
    const stores = storesOf(twin);
    const claimId = await uploadPaidVisit(twin, `dup${randomUUID().slice(0, 6)}`);
    await settle(twin);
    const [remittance, ...more] = sandboxFiles(twin, '835', claimId);
    expect(more).toEqual([]);
    // What the payer decided for the claim, read from its own 835 (CLP04), not from what we posted.
    const payment = readTypedX12(remittance!.x12)
      .transactions.flatMap((t) => (t.kind === '835' ? t.remittance.claims : []))
      .find((c) => c.patientControlNumber === claimId)!;
    expect(payment.paidAmount).toBeGreaterThan(0);

    // The clearinghouse sends the file again under a new webhook-id (a resend, not a retry of the same delivery).
    const request = signedRequest(
      { url: twin.outputs.ClearinghouseWebhookUrl!, secret: twin.clearinghouse!.webhookSecret! },
      `msg_${remittance!.id}_resent`,
      new Date(),
      remittance!,
      10_000,
    );
    const resent = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
    expect(resent.status).toBe(202);
    // And the poller copies it from the mailbox (the schedule may have done so already: the record says either way).
    await runPoller(twin);
    await until(
      async () => (await stores.copies.get('sandbox', remittance!.id))?.status === 'COPIED',
      'the poller has copied the 835',
    );
    // process-remittance met the file twice more (the resend and the mailbox copy) and applied neither again.
    const fileId = sha256(remittance!.x12);
    const repeats = () =>
      logLines.filter((line) => line.includes('response file already applied') && line.includes(fileId)).length;
    await until(() => repeats() >= 2, 'the resend and the mailbox copy reached process-remittance');
    await twin.waitUntilDrained({ timeoutMs: 120_000 });

    // Kept as each came: the webhook's envelope (the resend has the same bytes, so the same archive key) and the
    // mailbox's raw X12, named by the X12's hash.
    const kept = (await rawResponses(twin)).filter((o) => o.text.includes(remittance!.x12));
    expect(kept.filter((o) => o.key.endsWith('.json')).map((o) => JSON.parse(o.text).data.id)).toEqual([
      remittance!.id,
    ]);
    expect(kept.filter((o) => o.key.endsWith('.x12')).map((o) => o.key)).toEqual([
      expect.stringMatching(new RegExp(`/${fileId}\\.x12$`)),
    ]);

    const postings = await readAllPages((page) => stores.ledger.claimPaymentsForClaim(claimId, page));
    expect(postings.map((p) => p.paidCents)).toEqual([payment.paidAmount]);
    const claim = (await stores.claims.get(claimId)) as Claim;
    expect(claim.status).toBe('PAID');
    expect(claim.responses?.netPaidCents).toBe(payment.paidAmount);
    const history = await readAllPages((page) => stores.claims.history(claimId, page));
    expect(history.filter((e) => e.to === 'PAID')).toHaveLength(1);
  }, 400_000);
});

describe('the mailbox poller alone (the sandbox pushes nothing)', () => {
  let twin: LocalTwin;
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await FaultProxy.start();
    twin = await startTestTwin({ clearinghouseWebhooks: false });
    // The stack reaches the sandbox through a network fault the second test switches on: the connection secret names
    // the proxy, as an operator would point it at another endpoint.
    proxy.forwardTo(twin.clearinghouse!.url);
    const connection = twin.secrets.byRole(SECRET_ROLES.clearinghouseConnection)!;
    twin.secrets.put(
      connection.arn,
      JSON.stringify({ ...parseClearinghouseConnection(connection.value), url: proxy.url }),
    );
  }, 120_000);

  afterAll(async () => {
    await twin?.stop();
    await proxy?.close();
  });

  it('brings the 999s, 277CAs and 835s in on its schedule, and the claims reach PAID', async () => {
    const stores = storesOf(twin);
    const claimIds = [
      await uploadPaidVisit(twin, `solo${randomUUID().slice(0, 6)}`),
      await uploadPaidVisit(twin, `solo${randomUUID().slice(0, 6)}`),
    ];
    await settle(twin);
    expect(twin.clearinghouse!.sandbox.status().deliveries).toEqual({});

    // Nothing calls the poller here: the template's schedule runs it (every 5 minutes × the twin's time scale).
    for (const claimId of claimIds) {
      await until(
        async () => (await stores.claims.get(claimId))?.status === 'PAID',
        `claim ${claimId} is PAID`,
        240_000,
      );
    }
    await twin.waitUntilDrained({ timeoutMs: 120_000 });

    const kept = await rawResponses(twin);
    expect(kept.filter((o) => o.key.endsWith('.json'))).toEqual([]);
    // Every file the sandbox made (this twin's claims only) was copied by the poller and kept as raw X12.
    const sandbox = twin.clearinghouse!.sandbox;
    const files = sandbox.listResponses({ limit: 1000 }).files.map((f) => sandbox.fetchResponse(f.id));
    expect(new Set(files.map((f) => f.kind))).toEqual(new Set(['999', '277CA', '835']));
    for (const file of files) {
      expect(await stores.copies.get('sandbox', file.id)).toMatchObject({ status: 'COPIED', sha256: sha256(file.x12) });
      expect(kept.map((o) => o.key)).toContainEqual(expect.stringMatching(new RegExp(`/${sha256(file.x12)}\\.x12$`)));
    }
    for (const claimId of claimIds) {
      expect(sandboxFiles(twin, '835', claimId)).toHaveLength(1);
      const history = await readAllPages((page) => stores.claims.history(claimId, page));
      expect(history.map((e) => e.to)).toEqual(expect.arrayContaining(['SUBMITTED', 'ACCEPTED', 'PAID']));
      expect(history.some((e) => /999/.test(e.reason ?? ''))).toBe(true);
    }
    // Each file copied once, however many scheduled runs saw it.
    expect(twin.metrics.sum('MailboxFilesCopied')).toBe(files.length);
    expect(twin.metrics.sum('MailboxCopyFailures')).toBe(0);
  }, 500_000);

  it('waits out a mailbox that cannot be reached: nothing copied meanwhile, failures counted, then every file', async () => {
    const stores = storesOf(twin);
    const claimId = await uploadPaidVisit(twin, `down${randomUUID().slice(0, 6)}`);
    await until(
      async () => (await stores.claims.get(claimId))?.status === 'SUBMITTED',
      `claim ${claimId} is SUBMITTED`,
    );
    const failuresBefore = twin.metrics.sum('MailboxCopyFailures');
    const copiedBefore = twin.metrics.sum('MailboxFilesCopied');
    proxy.mode = 'down';
    await settle(twin);

    // Scheduled runs meet the outage: each counts it (the alarm's metric), none copies or skips anything.
    await until(
      () => twin.metrics.sum('MailboxCopyFailures') >= failuresBefore + 2,
      'two scheduled runs found the mailbox unreachable',
      240_000,
    );
    expect(twin.metrics.sum('MailboxFilesCopied')).toBe(copiedBefore);
    expect((await stores.claims.get(claimId))?.status).toBe('SUBMITTED');

    proxy.mode = 'pass';
    await until(async () => (await stores.claims.get(claimId))?.status === 'PAID', `claim ${claimId} is PAID`, 240_000);
    const [payment, ...more] = await readAllPages((page) => stores.ledger.claimPaymentsForClaim(claimId, page));
    expect(more).toEqual([]);
    expect(payment?.paidCents).toBeGreaterThan(0);
    const sandbox = twin.clearinghouse!.sandbox;
    for (const file of sandbox.listResponses({ limit: 1000 }).files)
      expect((await stores.copies.get('sandbox', file.id))?.status, file.id).toBe('COPIED');
  }, 600_000);
});
