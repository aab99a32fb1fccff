/**
 * The response side's stores in memory, a fresh set per call: what applyResponseFile writes (events, remittance and
 * provider ledgers, applications, work items) and the claims and submission records it reads. For specs and benches
 * that run the loop in process; add the clock (and any override) to make ApplyResponsePorts.
 */
import { InMemoryClaimResponseEvents } from '#core/storage/memory/claim-response-events';
import { InMemoryClaimStore } from '#core/storage/memory/claim-store';
import { InMemoryProviderLedger } from '#core/storage/memory/provider-ledger-store';
import { InMemoryRemittanceLedger } from '#core/storage/memory/remittance-ledger';
import { InMemoryResponseApplications } from '#core/storage/memory/response-applications';
import { InMemorySubmissionRecords } from '#core/storage/memory/submission-records';
import { InMemoryWorkItems } from '#core/storage/memory/work-items';

export type InMemoryResponseStores = ReturnType<typeof inMemoryResponseStores>;

export function inMemoryResponseStores() {
  return {
    claims: new InMemoryClaimStore(),
    submissions: new InMemorySubmissionRecords(),
    events: new InMemoryClaimResponseEvents(),
    ledger: new InMemoryRemittanceLedger(),
    providerLedger: new InMemoryProviderLedger(),
    applications: new InMemoryResponseApplications(),
    workItems: new InMemoryWorkItems(),
  };
}
