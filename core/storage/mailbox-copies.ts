/**
 * What the mailbox poller has copied out of a clearinghouse's mailbox (core/responses/copy-mailbox.ts): one record
 * per mailbox file, keyed by the mailbox (the connector's name) and the clearinghouse's file id, which is stable
 * however often the file is listed or fetched, so a retried or overlapping run finds the same record. COPIED is the
 * commit point, written with a condition only after the bytes are archived and the pointer queued; PENDING records a
 * file a run could not copy, to be tried again by later runs before they read on. Plus the mailbox's read position
 * (the clearinghouse's own cursor), moved forward only with a condition on where it was.
 *
 * Ids, kinds, dates, hashes, keys, counts and failure stages only: a mailbox file id is the clearinghouse's token,
 * never PHI, and nothing of the file's content is kept here.
 * Implementations: core/storage/memory/mailbox-copies.ts and functions/common/storage/dynamodb-mailbox-copies.ts.
 */
import type { Page, PageRequest } from './page.ts';

/** A file as the mailbox listed it: enough to fetch it again. */
export interface MailboxFileRef {
  mailbox: string;
  fileId: string;
  kind: string;
  availableAt: string;
}

/** Where a copy failed: the fetch from the clearinghouse, the file's size, the archive, the queue. */
export type MailboxCopyStage = 'fetch' | 'too_large' | 'archive' | 'queue';

export type MailboxCopyRecord = MailboxFileRef & {
  /** Failed attempts so far (0 for a file copied at the first try). */
  failures: number;
  lastFailure?: { stage: MailboxCopyStage; at: string };
} & (
    | { status: 'PENDING' }
    | {
        status: 'COPIED';
        /** SHA-256 of the copied X12 (the response file's id on the response side). */
        sha256: string;
        /** Where it was archived (`responses/raw/...`). */
        key: string;
        copiedAt: string;
      }
  );

export interface MailboxCopies {
  get(mailbox: string, fileId: string): Promise<MailboxCopyRecord | undefined>;
  /**
   * The commit point of one copy: the record becomes COPIED unless it already is (a concurrent or earlier run).
   * True when this call copied it; false when it was COPIED before.
   */
  markCopied(file: MailboxFileRef, copy: { sha256: string; key: string; copiedAt: string }): Promise<boolean>;
  /** Counts a failed attempt: the record is PENDING (created when absent), unless it is COPIED. Returns the count. */
  markFailed(file: MailboxFileRef, failure: { stage: MailboxCopyStage; at: string }): Promise<number>;
  /** PENDING files of one mailbox, oldest first (by when the mailbox made them available). */
  listPending(mailbox: string, page?: PageRequest): Promise<Page<MailboxCopyRecord>>;
  /** The mailbox's read position as the clearinghouse gave it; absent before the first page was read. */
  readPosition(mailbox: string): Promise<string | undefined>;
  /** Moves the read position from `from` to `to`; false (and nothing changed) when another run moved it first. */
  advanceReadPosition(mailbox: string, from: string | undefined, to: string, at: string): Promise<boolean>;
}
