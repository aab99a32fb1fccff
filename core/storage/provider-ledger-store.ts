/**
 * The provider ledger: PLB adjustments (interest, recoupments, forward balances, ...) of each 835, on the
 * provider's account with the payer, never on a claim. One entry per PLB item, keyed by payer, trace, PLB position
 * and item (see core/remittance/provider-ledger.ts), written with a condition so a redelivered 835 records it once.
 * Queryable by provider and by check. Implementations: core/storage/memory and functions/common/storage; both pass
 * test/unit/storage/conformance/remittance-stores.ts.
 */
import type { ProviderLedgerEntry } from '#core/remittance/provider-ledger';
import type { Page, PageRequest } from './page.ts';

export interface ProviderLedgerRecord extends ProviderLedgerEntry {
  payerKey: string;
  traceNumber: string;
  paymentDate: string;
  fileId: string;
  recordedAt: string;
}

export interface ProviderLedgerStore {
  /** Records the entry unless one with its key exists; false when it existed. */
  record(entry: ProviderLedgerRecord): Promise<boolean>;
  /** A provider's entries, oldest fiscal period first. */
  entriesForProvider(providerId: string, page?: PageRequest): Promise<Page<ProviderLedgerRecord>>;
  /** The entries one check/EFT carried, in key order. */
  entriesForCheck(payerKey: string, traceNumber: string, page?: PageRequest): Promise<Page<ProviderLedgerRecord>>;
}
