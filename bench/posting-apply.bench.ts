/**
 * 835 claim payments posted per second through the whole use case (core/responses applyResponseFile: read the
 * file, plan, write the check, each claim payment's commit point and its copy, the events, then settle each claim
 * with its conditional saves), with the DynamoDB stores on dynalite (what the twin runs) beside the same posting with
 * the in-memory stores in process. Each round posts a new 835 (its own trace number) to claims of its own, created
 * SUBMITTED beforehand and not timed. Wall-clock rates: the DynamoDB side is I/O (HTTP to dynalite), not CPU.
 */
import { fixedClock } from '#core/kernel/clock';
import { type ApplyResponsePorts, applyResponseFile } from '#core/responses/apply-response-file';
import type { ClaimStore } from '#core/storage/claim-store';
import { InMemoryClaimResponseEvents } from '#core/storage/memory/claim-response-events';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryProviderLedger } from '#core/storage/memory/provider-ledger-store';
import { InMemoryRemittanceLedger } from '#core/storage/memory/remittance-ledger';
import { InMemoryResponseApplications } from '#core/storage/memory/response-applications';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { InMemoryWorkItems } from '#core/storage/memory/work-items';
import { build835 } from '#core/x12/835/build-835';
import { DynamoDbClaimResponseEvents } from '#functions/common/storage/dynamodb-claim-response-events';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbResponseApplications } from '#functions/common/storage/dynamodb-response-applications';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { startClaimFlowTable } from '#test/support/dynalite';
import { claimPayment, remittanceInput, responseEnvelope, servicePayment } from '#test/support/x12-response-fixtures';
import { newClaim } from '../test/unit/storage/conformance/claim-fixture.ts';

const PAYMENTS = 250;
const ROUNDS = 3;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const clock = fixedClock('2026-11-21T00:00:00Z');

/** Round `r`'s claims (SUBMITTED, two lines) and the 835 paying them: paid, patient share, partial and denied. */
function roundOf(side: string, r: number) {
  const claims = Array.from({ length: PAYMENTS }, (_, i) => {
    const base = newClaim({ memberId: `M${side}${r}-${i}` });
    const id = `B${side}${r}X${String(i).padStart(5, '0')}`;
    return {
      ...base,
      id,
      status: 'SUBMITTED' as const,
      owner: 'PAYER' as const,
      lines: base.lines.map((line, j) => ({ ...line, controlNumber: `${id}-${j + 1}`, serviceDate: '2026-11-02' })),
      lastEvent: { ...base.lastEvent, to: 'SUBMITTED' as const },
    };
  });
  const payments = claims.map((claim, i) => {
    const line = claim.lines[0]!;
    const kind = i % 4;
    const allowed = Math.floor(line.chargeCents * 0.7);
    const svc = servicePayment({
      code: line.code,
      chargeCents: line.chargeCents,
      serviceDate: '2026-11-02',
      lineControlNumber: line.controlNumber,
      ...(kind === 3
        ? { paidCents: 0, allowedCents: 0, adjustments: [{ group: 'CO', reason: '50', amountCents: line.chargeCents }] }
        : {
            paidCents: allowed - (kind === 1 ? 2_000 : 0),
            allowedCents: allowed,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: line.chargeCents - allowed },
              ...(kind === 1 ? [{ group: 'PR' as const, reason: '3', amountCents: 2_000 }] : []),
            ],
          }),
    });
    return claimPayment({
      patientControlNumber: claim.id,
      status: kind === 3 ? '4' : '1',
      payerClaimControlNumber: `ICN${side}${r}-${i}`,
      patient: { lastName: 'BENCH', firstName: 'PAT', memberId: `M${i}` },
      lines: [svc],
    });
  });
  const x12 = build835(
    remittanceInput(payments, {
      payment: {
        method: 'ACH',
        date: '2026-11-20',
        traceNumber: `EFT${side}${r}`,
        payerBank: { routingNumber: '011000015', accountNumber: '1' },
        payeeBank: { routingNumber: '021000021', accountNumber: '2' },
      },
    }),
    responseEnvelope(r + 1, new Date('2026-11-20T10:00:00Z')),
  ).text;
  return { claims, x12 };
}

async function postRound(side: string, r: number, ports: ApplyResponsePorts, claims: Pick<ClaimStore, 'create'>) {
  const round = roundOf(side, r);
  for (const claim of round.claims) await claims.create(claim);
  const started = performance.now();
  const result = await applyResponseFile({ body: round.x12, source: { key: `bench/${side}${r}.x12` } }, ports);
  const seconds = (performance.now() - started) / 1000;
  if (result.kind !== 'applied' || result.summary.transactions[0]?.status !== 'posted')
    throw new Error(`bench 835 must post: ${JSON.stringify(result).slice(0, 300)}`);
  return seconds;
}

const table = await startClaimFlowTable();
const dynamo: ApplyResponsePorts = {
  claims: new DynamoDbClaimStore(table.client, table.tableName),
  submissions: new DynamoDbSubmissionRecords(table.client, table.tableName),
  events: new DynamoDbClaimResponseEvents(table.client, table.tableName),
  ledger: new DynamoDbRemittanceLedger(table.client, table.tableName),
  providerLedger: new DynamoDbProviderLedger(table.client, table.tableName),
  applications: new DynamoDbResponseApplications(table.client, table.tableName),
  workItems: new DynamoDbWorkItems(table.client, table.tableName),
  clock,
};
const memoryClaims = new InMemoryClaimStore();
const memory: ApplyResponsePorts = {
  claims: memoryClaims,
  submissions: new InMemorySubmissionRecords(),
  events: new InMemoryClaimResponseEvents(),
  ledger: new InMemoryRemittanceLedger(),
  providerLedger: new InMemoryProviderLedger(),
  applications: new InMemoryResponseApplications(),
  workItems: new InMemoryWorkItems(),
  clock,
};

const totals = { dynamo: 0, memory: 0 };
// A warm-up round each, not counted (JIT, dynalite's first table pages).
await postRound('W', 0, memory, memoryClaims);
await postRound('V', 0, dynamo, dynamo.claims as DynamoDbClaimStore);
for (let r = 1; r <= ROUNDS; r += 1) {
  // Alternate the contenders so drift on a shared machine hits both.
  totals.memory += await postRound('M', r, memory, memoryClaims);
  totals.dynamo += await postRound('D', r, dynamo, dynamo.claims as DynamoDbClaimStore);
}
await table.stop();

const memoryRate = (ROUNDS * PAYMENTS) / totals.memory;
const dynamoRate = (ROUNDS * PAYMENTS) / totals.dynamo;
process.stdout.write(
  `${ROUNDS} rounds of one 835 with ${PAYMENTS} claim payments (paid, patient share, denied), each claim settled\n` +
    `posted through applyResponseFile, DynamoDB stores on dynalite: ${count(dynamoRate)} claim payments/s (wall)\n` +
    `posted through applyResponseFile, memory stores in process:    ${count(memoryRate)} claim payments/s (wall)\n` +
    `the DynamoDB side takes ${(memoryRate / dynamoRate).toFixed(1)}x the in-process time; load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}\n`,
);
