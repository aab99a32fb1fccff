/** MailboxCopies in memory: for unit tests, benches and fault injection (conformance: test/unit/storage). */
import type { MailboxCopies, MailboxCopyRecord, MailboxCopyStage, MailboxFileRef } from '../mailbox-copies.ts';
import type { PageRequest } from '../page.ts';
import { pageOf, sortedBy } from './paging.ts';

export class InMemoryMailboxCopies implements MailboxCopies {
  readonly #records = new Map<string, MailboxCopyRecord>();
  readonly #positions = new Map<string, string>();

  async get(mailbox: string, fileId: string) {
    const record = this.#records.get(key(mailbox, fileId));
    return record && structuredClone(record);
  }

  async markCopied(file: MailboxFileRef, copy: { sha256: string; key: string; copiedAt: string }) {
    const held = this.#records.get(key(file.mailbox, file.fileId));
    if (held?.status === 'COPIED') return false;
    this.#records.set(key(file.mailbox, file.fileId), {
      ...file,
      failures: held?.failures ?? 0,
      ...(held?.lastFailure ? { lastFailure: held.lastFailure } : {}),
      status: 'COPIED',
      ...copy,
    });
    return true;
  }

  async markFailed(file: MailboxFileRef, failure: { stage: MailboxCopyStage; at: string }) {
    const held = this.#records.get(key(file.mailbox, file.fileId));
    if (held?.status === 'COPIED') return held.failures;
    const failures = (held?.failures ?? 0) + 1;
    this.#records.set(key(file.mailbox, file.fileId), { ...file, status: 'PENDING', failures, lastFailure: failure });
    return failures;
  }

  async listPending(mailbox: string, page?: PageRequest) {
    const pending = [...this.#records.values()].filter((r) => r.mailbox === mailbox && r.status === 'PENDING');
    return pageOf(
      sortedBy(pending, (r) => `${r.availableAt}#${r.fileId}`),
      page,
    );
  }

  async readPosition(mailbox: string) {
    return this.#positions.get(mailbox);
  }

  async advanceReadPosition(mailbox: string, from: string | undefined, to: string) {
    if (this.#positions.get(mailbox) !== from) return false;
    this.#positions.set(mailbox, to);
    return true;
  }
}

const key = (mailbox: string, fileId: string) => `${mailbox}\u0000${fileId}`;
