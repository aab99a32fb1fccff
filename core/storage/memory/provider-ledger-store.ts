/** The provider ledger held in memory, with the same contract as the DynamoDB store. */
import type { PageRequest } from '../page.ts';
import type { ProviderLedgerRecord, ProviderLedgerStore } from '../provider-ledger-store.ts';
import { pageOf, sortedBy } from './paging.ts';

export class InMemoryProviderLedger implements ProviderLedgerStore {
  readonly #entries = new Map<string, ProviderLedgerRecord>();

  async record(entry: ProviderLedgerRecord): Promise<boolean> {
    if (this.#entries.has(entry.entryKey)) return false;
    this.#entries.set(entry.entryKey, structuredClone(entry));
    return true;
  }

  async entriesForProvider(providerId: string, page?: PageRequest) {
    const matching = [...this.#entries.values()].filter((e) => e.providerId === providerId);
    return pageOf(
      sortedBy(
        matching.map((e) => structuredClone(e)),
        (e) => `${e.fiscalPeriodDate}#${e.entryKey}`,
      ),
      page,
    );
  }

  async entriesForCheck(payerKey: string, traceNumber: string, page?: PageRequest) {
    const matching = [...this.#entries.values()].filter(
      (e) => e.payerKey === payerKey && e.traceNumber === traceNumber,
    );
    return pageOf(
      sortedBy(
        matching.map((e) => structuredClone(e)),
        (e) => e.entryKey,
      ),
      page,
    );
  }
}
