/** The DynamoDB remittance stores, on dynalite with the table's keys and indexes, pass the in-memory stores' suites. */
import { afterAll, beforeAll } from 'vitest';
import { DynamoDbClaimResponseEvents } from '#functions/common/storage/dynamodb-claim-response-events';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbResponseApplications } from '#functions/common/storage/dynamodb-response-applications';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';
import { startClaimFlowTable } from '#test/support/dynalite';
import { type RemittanceStores, remittanceStoresConformance } from '../unit/storage/conformance/remittance-stores.ts';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let stores: RemittanceStores;

beforeAll(async () => {
  table = await startClaimFlowTable();
  stores = {
    ledger: new DynamoDbRemittanceLedger(table.client, table.tableName),
    providerLedger: new DynamoDbProviderLedger(table.client, table.tableName),
    events: new DynamoDbClaimResponseEvents(table.client, table.tableName),
    applications: new DynamoDbResponseApplications(table.client, table.tableName),
    workItems: new DynamoDbWorkItems(table.client, table.tableName),
  };
});

afterAll(async () => {
  await table?.stop();
});

remittanceStoresConformance('DynamoDB (dynalite)', () => stores);
