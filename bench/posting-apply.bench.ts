/**
 * 835 claim payments posted per second through the whole use case (core/responses applyResponseFile: read the
 * file, plan, write the check, each claim payment's commit point and its copy, the events, then settle each claim
 * with its conditional saves), with the DynamoDB stores on dynalite (what the twin runs) beside the same posting with
 * the in-memory stores in process. Each round posts a new 835 (its own trace number) to claims of its own, created
 * SUBMITTED beforehand and not timed. Wall-clock rates: the DynamoDB side is I/O (HTTP to dynalite), not CPU.
 */
import { fixedClock } from '#core/kernel/clock';
import type { ApplyResponsePorts } from '#core/responses/apply-response-file';
import { DynamoDbClaimResponseEvents } from '#functions/common/storage/dynamodb-claim-response-events';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbResponseApplications } from '#functions/common/storage/dynamodb-response-applications';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { startClaimFlowTable } from '#test/support/dynalite';
import { inMemoryResponseStores } from '#test/support/response-stores';
import { PAYMENTS, postRound } from './posting-rounds.ts';

const ROUNDS = 3;
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const clock = fixedClock('2026-11-21T00:00:00Z');

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
const memory = { ...inMemoryResponseStores(), clock };

const totals = { dynamo: 0, memory: 0 };
// A warm-up round each, not counted (JIT, dynalite's first table pages).
await postRound('W', 0, memory, memory.claims);
await postRound('V', 0, dynamo, dynamo.claims as DynamoDbClaimStore);
for (let r = 1; r <= ROUNDS; r += 1) {
  // Alternate the contenders so drift on a shared machine hits both.
  totals.memory += await postRound('M', r, memory, memory.claims);
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
