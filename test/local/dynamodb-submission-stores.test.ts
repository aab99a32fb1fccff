/** The DynamoDB submission outbox and control number counters, on dynalite, pass the in-memory stores' suites. */
import { afterAll, beforeAll } from 'vitest';
import { DynamoDbControlNumberCounters } from '#functions/common/storage/dynamodb-control-number-counters';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { startClaimFlowTable } from '#test/support/dynalite';
import { controlNumberCountersConformance } from '../unit/storage/conformance/control-number-counters.ts';
import { submissionRecordsConformance } from '../unit/storage/conformance/submission-records.ts';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;

beforeAll(async () => {
  table = await startClaimFlowTable();
});

afterAll(async () => {
  await table?.stop();
});

submissionRecordsConformance('DynamoDB (dynalite)', () => new DynamoDbSubmissionRecords(table.client, table.tableName));
controlNumberCountersConformance(
  'DynamoDB (dynalite)',
  () => new DynamoDbControlNumberCounters(table.client, table.tableName),
);
