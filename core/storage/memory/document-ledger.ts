/** The document ledger held in memory, with the same contract as the DynamoDB store. */
import type { DocumentEntry, DocumentSettlement } from '#core/intake/document-ledger';
import type { DocumentLedgerStore, DocumentNote, DocumentStatusQuery } from '../document-ledger-store.ts';
import { DocumentAlreadySettledError, ItemNotFoundError } from '../errors.ts';
import type { Page, PageRequest } from '../page.ts';
import { pageOf, sortedBy } from './paging.ts';

export class InMemoryDocumentLedger implements DocumentLedgerStore {
  readonly #entries = new Map<string, DocumentEntry>();

  async recordReceived(entry: DocumentEntry): Promise<{ created: boolean; entry: DocumentEntry }> {
    const existing = this.#entries.get(entry.documentId);
    if (existing) return { created: false, entry: structuredClone(existing) };
    this.#entries.set(entry.documentId, structuredClone(entry));
    return { created: true, entry: structuredClone(entry) };
  }

  async settle(documentId: string, update: DocumentSettlement, at: string): Promise<void> {
    const entry = this.#entries.get(documentId);
    if (!entry) throw new ItemNotFoundError('document', documentId);
    if (entry.status !== 'RECEIVED') throw new DocumentAlreadySettledError(documentId);
    this.#entries.set(documentId, { ...entry, ...structuredClone(update), updatedAt: at });
  }

  async get(documentId: string): Promise<DocumentEntry | undefined> {
    const entry = this.#entries.get(documentId);
    return entry ? structuredClone(entry) : undefined;
  }

  async listByStatus(query: DocumentStatusQuery, page?: PageRequest): Promise<Page<DocumentEntry>> {
    const matching = [...this.#entries.values()].filter(
      (entry) =>
        entry.status === query.status &&
        (query.receivedBefore === undefined || entry.receivedAt < query.receivedBefore),
    );
    return pageOf(
      sortedBy(
        matching.map((item) => structuredClone(item)),
        (e) => `${e.receivedAt}#${e.documentId}`,
      ),
      page,
    );
  }

  async note(documentId: string, note: DocumentNote): Promise<void> {
    const entry = this.#entries.get(documentId);
    if (!entry) throw new ItemNotFoundError('document', documentId);
    switch (note.kind) {
      case 'dead_lettered':
        entry.deadLetter = { at: note.at, messageId: note.messageId, receiveCount: note.receiveCount };
        break;
      case 'reconcile_attempt':
        entry.reconcileAttempts = (entry.reconcileAttempts ?? 0) + 1;
        break;
      case 'split_planned':
        entry.split ??= structuredClone(note.split);
        break;
      case 'chunk_done':
        if (entry.split) entry.split.progressAt = note.at;
        delete entry.reconcileAttempts;
        break;
    }
    entry.updatedAt = note.at;
  }
}
