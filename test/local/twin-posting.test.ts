/**
 * Posting on the twin, end to end and with AWS-like timing: visits uploaded to the stack are coded, submitted to the
 * sandbox clearinghouse and adjudicated by its payer; the payer's own 999s, 277CAs and 835s come back through the
 * stack's signed webhook API (signed and enveloped exactly as the sandbox delivers them), the remittance queue and
 * process-remittance. The sandbox here keeps its files in its mailbox and pushes nothing, and the stack's mailbox
 * poller is off, so the test decides the order in which they arrive:
 *
 * - in order, a payment, its reversal (CLP02 22) and the re-adjudication end where the re-adjudication says (paid at
 *   the new amount; PAID_INCORRECTLY when it is below the practice's contract rate), with the reversal in the
 *   claim's history and every cent on the ledger;
 * - in reverse order (835 before 277CA before 999, the payer's later 835 before its earlier one), the same claims
 *   end in the same states with the same money; the reversal that came before its payment was held for a biller
 *   meanwhile and the item closed itself when the payment came;
 * - an 835 that does not balance is quarantined whole: nothing posted, a work item for a biller.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { parseClearinghouseConnection, SECRET_ROLES, webhookSigningSecret } from '#contracts/secrets';
import type { Claim } from '#core/claims/claim';
import type { ResponseFile } from '#core/clearinghouse/clearinghouse';
import { payerKeyOf } from '#core/remittance/payment-key';
import { readAllPages } from '#core/storage/page';
import { readTypedX12 } from '#core/x12/typed';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { PROJECT_ROOT } from '#lib/project-root';
import { reconcileRemittances } from '#local/cli/remittance-reconciliation';
import { type SandboxService, startSandboxService } from '#local/sandbox/start-sandbox';
import { deliverOnce, fetchTransport } from '#local/sandbox/webhook-delivery';
import type { LocalTwin } from '#local/twin/twin';
import { ledgerEntries, startTestTwin, TEST_TIME_SCALE } from '#test/support/twin';
import { until } from '#test/support/until';
import { cleanVisitJson } from '#test/support/visits';

/** Member id prefixes that choose the sandbox payer's decision (local/sandbox/README.md). */
const OUTCOMES = { paid: 'SBX', reversed: 'REV', denied: 'DN96', interest: 'INT' } as const;
type Outcome = keyof typeof OUTCOMES;

let twin: LocalTwin;
let clearinghouse: SandboxService;
let webhookSecret: string;
let claims: DynamoDbClaimStore;
let ledger: DynamoDbRemittanceLedger;
let providerLedger: DynamoDbProviderLedger;
let workItems: DynamoDbWorkItems;

beforeAll(async () => {
  // The sample practice with the stack's mailbox poller off: only this test's deliveries bring responses in.
  const config = JSON.parse(readFileSync(join(PROJECT_ROOT, 'config', 'practice.sample.json'), 'utf8'));
  config.clearinghouse = { ...config.clearinghouse, mailbox: { poll: false } };
  const practiceConfigPath = join(mkdtempSync(join(tmpdir(), 'claimflow-posting-')), 'practice.json');
  writeFileSync(practiceConfigPath, JSON.stringify(config));
  twin = await startTestTwin({ clearinghouse: false, practiceConfigPath });

  // The sandbox as an operator would connect it, except that it pushes nothing (no webhook URL): mailbox only.
  const connectionSecret = twin.secrets.byRole(SECRET_ROLES.clearinghouseConnection)!;
  const connection = parseClearinghouseConnection(connectionSecret.value);
  clearinghouse = await startSandboxService({
    dataDir: mkdtempSync(join(tmpdir(), 'claimflow-posting-sandbox-')),
    port: 0,
    apiKey: connection.apiKey,
    timeScale: TEST_TIME_SCALE,
  });
  twin.secrets.put(connectionSecret.arn, JSON.stringify({ ...connection, url: clearinghouse.url }));
  webhookSecret = webhookSigningSecret(twin.secrets.byRole(SECRET_ROLES.webhookSigning)!.value);

  const client = DynamoDBDocumentClient.from(twin.dynamodb);
  const table = twin.outputs.TableName!;
  claims = new DynamoDbClaimStore(client, table);
  ledger = new DynamoDbRemittanceLedger(client, table);
  providerLedger = new DynamoDbProviderLedger(client, table);
  workItems = new DynamoDbWorkItems(client, table);
}, 300_000);

afterAll(async () => {
  await clearinghouse?.close();
  await twin?.stop();
});

/** Uploads one visit per outcome (its own patient and member) and waits until the stack has submitted each claim. */
async function submitBatch(batch: string): Promise<Record<Outcome, string>> {
  const keys = {} as Record<Outcome, string>;
  for (const [index, [outcome, prefix]] of Object.entries(OUTCOMES).entries()) {
    const key = `inbox/posting/${batch}-${outcome}.json`;
    keys[outcome as Outcome] = key;
    const body = cleanVisitJson({
      encounterId: `POST-${batch}-${outcome}`,
      memberId: `${prefix}${batch}${index}00123`,
      patient: {
        lastName: `Poster${batch}${'abcd'[index]}`,
        firstName: 'Ana',
        birthDate: `1970-0${index + 1}-1${index}`,
        sex: 'F',
      },
    });
    await twin.s3.send(new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: key, Body: body }));
  }
  const ids = {} as Record<Outcome, string>;
  await until(async () => {
    const entries = await ledgerEntries(twin);
    for (const [outcome, key] of Object.entries(keys)) {
      const claimId = entries.find((e) => e.key === key)?.claimIds?.[0];
      if (claimId) ids[outcome as Outcome] = claimId;
    }
    if (Object.keys(ids).length < Object.keys(OUTCOMES).length) return false;
    const stored = await Promise.all(Object.values(ids).map((id) => claims.get(id)));
    return stored.every((claim) => claim?.status === 'SUBMITTED');
  }, `batch ${batch}'s claims are coded, queued and submitted`);
  return ids;
}

/**
 * Lets the payer finish with what it was sent: the acknowledgments as they fall due, then payment cycles until it
 * owes nothing (a reversal and its re-adjudication come a cycle after the payment). Returns the new mailbox files.
 */
async function payerAnswers(after: string | undefined): Promise<ResponseFile[]> {
  const { sandbox } = clearinghouse;
  await until(() => sandbox.owed().scheduledAcknowledgments === 0, 'the sandbox sent every 999 and 277CA', 180_000);
  for (let cycles = 0; sandbox.owed().pendingPayments + sandbox.owed().pendingProviderAdjustments > 0; cycles += 1) {
    if (cycles > 5) throw new Error('the sandbox payer still owes payments after five cycles');
    sandbox.runPaymentCycle();
  }
  const listed = sandbox.listResponses({ ...(after ? { cursor: after } : {}), limit: 1_000 });
  return listed.files.map((f) => sandbox.fetchResponse(f.id));
}

/** Delivers a file the way the sandbox does (its envelope, Standard Webhooks signature) and waits until applied. */
async function deliver(file: ResponseFile): Promise<void> {
  const result = await deliverOnce(
    { url: twin.outputs.ClearinghouseWebhookUrl!, secret: webhookSecret },
    fetchTransport,
    `msg_${file.id}`,
    new Date(),
    file,
    10_000,
  );
  expect(result.ok, `delivery of ${file.id} (${file.kind})`).toBe(true);
  await twin.waitUntilDrained();
}

async function claimOf(id: string): Promise<Claim> {
  const claim = await claims.get(id);
  if (!claim) throw new Error(`no claim ${id}`);
  return claim;
}

/** What a biller sees of each claim, by outcome: comparable across batches. */
async function finalStates(ids: Record<Outcome, string>) {
  const states: Record<string, unknown> = {};
  for (const [outcome, id] of Object.entries(ids)) {
    const claim = await claimOf(id);
    states[outcome] = {
      status: claim.status,
      owner: claim.owner,
      reasonCategory: claim.reasonCategory,
      netPaidCents: claim.responses?.netPaidCents,
      payments: claim.responses?.paymentCount,
    };
  }
  return states;
}

const remittancesIn = (files: readonly ResponseFile[]) =>
  files
    .flatMap((f) => (f.kind === '835' ? readTypedX12(f.x12).transactions : []))
    .flatMap((t) => (t.kind === '835' ? [t.remittance] : []));

let inOrder: { ids: Record<Outcome, string>; files: ResponseFile[] };

describe('responses delivered in order', () => {
  it('posts a payment, its reversal and the re-adjudication: the claim ends as re-adjudicated, every cent on the ledger', async () => {
    const ids = await submitBatch('A');
    const files = await payerAnswers(undefined);
    expect(files.map((f) => f.kind)).toEqual(expect.arrayContaining(['999', '277CA', '835']));
    for (const file of files) await deliver(file);
    inOrder = { ids, files };

    const reversed = await claimOf(ids.reversed);
    const postings = await readAllPages((page) => ledger.claimPaymentsForClaim(ids.reversed, page));
    const first = postings.find((p) => p.kind === 'payment' && p.payerClaimNumber === reversed.payerClaimNumber);
    const reversal = postings.find((p) => p.kind === 'reversal');
    const correction = postings.find((p) => p.kind === 'payment' && p !== first);
    expect(postings).toHaveLength(3);
    expect(reversal?.paidCents).toBe(-(first?.paidCents ?? 0));
    expect(correction?.payerClaimNumber).not.toBe(first?.payerClaimNumber);
    // Where the re-adjudication put it: paid at the new amount (below the contract rate, PAID_INCORRECTLY).
    expect(correction?.claimStatus).toMatch(/^PAID/);
    expect(reversed.status).toBe(correction?.claimStatus);
    expect(reversed.responses?.netPaidCents).toBe(correction?.paidCents);
    const history = await readAllPages((page) => claims.history(ids.reversed, page));
    const moves = history.map((e) => `${e.from}->${e.to}`);
    const reAdjudicated = `REVERSED->${correction?.claimStatus}`;
    expect(moves).toContain('ACCEPTED->PAID');
    expect(moves.indexOf(reAdjudicated)).toBeGreaterThan(moves.indexOf('PAID->REVERSED'));
    expect(moves.at(-1)).toBe(reAdjudicated);

    expect(await finalStates(ids)).toMatchObject({
      paid: { status: 'PAID' },
      denied: { status: 'DENIED', owner: 'BILLER', netPaidCents: 0 },
      interest: { status: 'PAID' },
    });
    const money = await reconcileRemittances(
      files.map((f) => f.x12),
      { ledger, providerLedger },
    );
    expect(money).toMatchObject({ reconciles: true, notPosted: [] });
    expect(money.checks).toBe(remittancesIn(files).length);
    // The prompt-pay interest the payer added is on the provider ledger, never on the claim.
    const plb = [];
    for (const remittance of remittancesIn(files)) {
      plb.push(
        ...(await readAllPages((page) =>
          providerLedger.entriesForCheck(payerKeyOf(remittance), remittance.trace.number, page),
        )),
      );
    }
    expect(plb.map((entry) => entry.kind)).toContain('interest');
    expect(money.providerLedgerItems).toBe(plb.length);
  }, 600_000);
});

describe('responses delivered in reverse order', () => {
  it('ends in the same states and money; the reversal that came first was held for a biller until its payment came', async () => {
    expect(inOrder, 'the in-order batch ran first').toBeDefined();
    const ids = await submitBatch('B');
    const files = await payerAnswers(inOrder.files.at(-1)?.id);
    const backwards = [...files].reverse();
    // The payer's later 835 (the reversal and the re-adjudication) arrives first, before the claim's 277CA and 999.
    const firstIsReversal = remittancesIn([backwards[0]!]).some((r) => r.claims.some((c) => c.status === '22'));
    expect(firstIsReversal).toBe(true);
    await deliver(backwards[0]!);

    const waiting = await claimOf(ids.reversed);
    expect(waiting.status).not.toBe('REVERSED');
    expect(waiting).toMatchObject({ owner: 'BILLER', reasonCategory: 'reversal_before_payment' });
    const held = (await readAllPages((page) => workItems.listOpen(page))).filter((i) => i.claimId === ids.reversed);
    expect(held).toEqual([
      expect.objectContaining({ category: 'reversal_before_payment', owner: 'BILLER', status: 'OPEN' }),
    ]);

    for (const file of backwards.slice(1)) await deliver(file);

    expect(await finalStates(ids)).toEqual(await finalStates(inOrder.ids));
    expect(await workItems.get(held[0]!.id)).toMatchObject({ status: 'RESOLVED' });
    const open = await readAllPages((page) => workItems.listOpen(page));
    expect(open.filter((item) => Object.values(ids).includes(item.claimId ?? ''))).toEqual([]);
    const money = await reconcileRemittances(
      files.map((f) => f.x12),
      { ledger, providerLedger },
    );
    const moneyInOrder = await reconcileRemittances(
      inOrder.files.map((f) => f.x12),
      { ledger, providerLedger },
    );
    // The same claim payments; the checks themselves differ only by the forward balance the payer carries from one
    // cycle to the next (a cycle that takes back more than it pays sends $0 and a PLB FB), so each reconciles alone.
    expect(money).toMatchObject({ reconciles: true, notPosted: [] });
    expect(moneyInOrder.reconciles).toBe(true);
    expect(money.postedToClaimsCents).toBe(moneyInOrder.postedToClaimsCents);
  }, 600_000);
});

describe('an 835 that does not balance', () => {
  it('is quarantined whole: no payment record, no claim payment, no claim changed, one work item for a biller', async () => {
    expect(inOrder, 'the in-order batch ran first').toBeDefined();
    const original = inOrder.files.find((f) => f.kind === '835')!;
    const [remittance] = remittancesIn([original]);
    const trace = `${remittance!.trace.number}9`;
    // Another check (its own trace number), one claim's payment a cent more than its adjustments allow.
    const x12 = original.x12
      .replace(`TRN*1*${remittance!.trace.number}*`, `TRN*1*${trace}*`)
      .replace(
        /(CLP\*[^*~]+\*1\*\d+(?:\.\d+)?\*)(\d+)(?:\.(\d+))?/,
        (_: string, head: string, dollars: string, cents = '0') =>
          `${head}${(Number(`${dollars}.${cents}`) + 0.01).toFixed(2)}`,
      );
    expect(x12).not.toBe(original.x12);
    const versions = await Promise.all(Object.values(inOrder.ids).map(async (id) => (await claimOf(id)).version));
    const quarantinedBefore = twin.metrics.sum(REVENUE_CYCLE_METRICS.remittancesQuarantined);

    await deliver({ ...original, id: `${original.id}-unbalanced`, x12 });

    const payerKey = payerKeyOf(remittance!);
    expect(await ledger.getPayment(payerKey, trace)).toBeUndefined();
    expect(await readAllPages((page) => ledger.claimPaymentsForCheck(payerKey, trace, page))).toEqual([]);
    expect(await readAllPages((page) => providerLedger.entriesForCheck(payerKey, trace, page))).toEqual([]);
    expect(await Promise.all(Object.values(inOrder.ids).map(async (id) => (await claimOf(id)).version))).toEqual(
      versions,
    );
    const items = (await readAllPages((page) => workItems.listOpen(page))).filter((i) => i.traceNumber === trace);
    expect(items).toEqual([
      expect.objectContaining({
        category: 'quarantined_remittance',
        owner: 'BILLER',
        details: expect.arrayContaining([expect.stringMatching(/^IMBALANCE/)]),
      }),
    ]);
    expect(twin.metrics.sum(REVENUE_CYCLE_METRICS.remittancesQuarantined)).toBe(quarantinedBefore + 1);
  }, 300_000);
});
