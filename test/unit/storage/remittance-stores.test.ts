/** The in-memory remittance stores pass the suites the DynamoDB stores pass (test/local/dynamodb-remittance-stores.test.ts). */
import { InMemoryClaimResponseEvents } from '#core/storage/memory/claim-response-events';
import { InMemoryProviderLedger } from '#core/storage/memory/provider-ledger-store';
import { InMemoryRemittanceLedger } from '#core/storage/memory/remittance-ledger';
import { InMemoryResponseApplications } from '#core/storage/memory/response-applications';
import { InMemoryWorkItems } from '#core/storage/memory/work-items';
import { remittanceStoresConformance } from './conformance/remittance-stores.ts';

const stores = {
  ledger: new InMemoryRemittanceLedger(),
  providerLedger: new InMemoryProviderLedger(),
  events: new InMemoryClaimResponseEvents(),
  applications: new InMemoryResponseApplications(),
  workItems: new InMemoryWorkItems(),
};

remittanceStoresConformance('in memory', () => stores);
