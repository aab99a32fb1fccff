/** The DynamoDB submission outbox and control number counters, on dynalite, pass the in-memory stores' suites. */
import { DynamoDbControlNumberCounters } from '#functions/common/storage/dynamodb-control-number-counters';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { claimFlowTableForSuite } from '#test/support/dynalite-suite';
import { controlNumberCountersConformance } from '../unit/storage/conformance/control-number-counters.ts';
import { submissionRecordsConformance } from '../unit/storage/conformance/submission-records.ts';

const table = claimFlowTableForSuite();

submissionRecordsConformance(
  'DynamoDB (dynalite)',
  () => new DynamoDbSubmissionRecords(table().client, table().tableName),
);
controlNumberCountersConformance(
  'DynamoDB (dynalite)',
  () => new DynamoDbControlNumberCounters(table().client, table().tableName),
);
