/**
 * One record per response file applied (keyed by the SHA-256 of its X12, so the same file from a webhook and from
 * the mailbox is one file): APPLYING when work starts, APPLIED with a summary when every write is done, UNREADABLE
 * when it could not be read. A file found APPLIED is not applied again; one found APPLYING (a crash, a timeout) is
 * applied again, which completes it because every write of the application is idempotent. Counts, ids and amounts
 * only: never PHI. Implementations: core/storage/memory and functions/common/storage.
 */

/** posted / quarantined (835), applied (999, 277CA, TA1), unmatched (a 999 for a group we never sent), ignored. */
export type TransactionApplicationStatus = 'posted' | 'quarantined' | 'applied' | 'unmatched' | 'ignored';

export type ResponseApplicationStatus = 'APPLYING' | 'APPLIED' | 'UNREADABLE';

export interface ResponseFileSource {
  /** Where the raw response is kept (responses/raw/... or a mailbox id). */
  key: string;
  webhookId?: string;
  /** The clearinghouse's id of the mailbox file, when the poller copied it. */
  mailboxFileId?: string;
  receivedAt?: string;
}

export interface ResponseApplicationSummary {
  /** Per transaction set: kind, control number and what it did. */
  transactions: {
    kind: string;
    controlNumber: string;
    status: TransactionApplicationStatus;
    /** What it did, in words (counts and amounts, no PHI). */
    outcome: string;
    claims: number;
    postedCents?: number;
    workItems: number;
  }[];
  claimsChanged: number;
  workItems: number;
}

export interface ResponseApplicationRecord {
  fileId: string;
  status: ResponseApplicationStatus;
  /** The first source the file came from (later deliveries change nothing). */
  source: ResponseFileSource;
  startedAt: string;
  finishedAt?: string;
  /** Number of times the file was (re)started: more than one means a retry completed it. */
  attempts: number;
  summary?: ResponseApplicationSummary;
  /** Why an UNREADABLE file could not be read (a parser's message: stays in the encrypted table). */
  reason?: string;
}

export interface ResponseApplications {
  get(fileId: string): Promise<ResponseApplicationRecord | undefined>;
  /**
   * Starts applying a file: creates the record APPLYING, or counts another attempt of one left APPLYING. Returns the
   * record as stored; one already APPLIED or UNREADABLE is returned unchanged (the caller does nothing more).
   */
  begin(fileId: string, source: ResponseFileSource, at: string): Promise<ResponseApplicationRecord>;
  /** APPLYING → APPLIED or UNREADABLE; a repeat of the same outcome is a no-op. */
  finish(
    fileId: string,
    outcome: { status: 'APPLIED'; summary: ResponseApplicationSummary } | { status: 'UNREADABLE'; reason: string },
    at: string,
  ): Promise<void>;
}
