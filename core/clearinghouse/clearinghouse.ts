/**
 * The Clearinghouse port: how ClaimFlow hands 837P batches to a clearinghouse and gets its responses back. The
 * sandbox connector (functions/common/sandbox-clearinghouse.ts) is the first implementation; a real
 * clearinghouse's connector implements the same interface later.
 *
 * What the port promises its callers (and a connector must honour):
 * - `submit` is idempotent on `idempotencyKey`: calling it again with the same key and batch returns the first
 *   receipt and sends nothing new. Callers derive the key from what they send (claim ids and versions), so a
 *   crash between the send and recording the receipt is safe to retry. A connector to a clearinghouse without
 *   idempotency keys must emulate this (e.g. by looking the key up in the clearinghouse's submission list).
 * - Faults are typed: `TransientClearinghouseError` (network, timeout, 5xx, throttling: retry later with backoff)
 *   versus `PermanentClearinghouseError` (the request itself is refused: retrying the same bytes cannot help).
 *   Claim-level front-end edit rejections are not errors: they come back in the receipt.
 * - Responses (999, 277CA, 835) are raw X12 with a kind. A pushing clearinghouse sends them to the webhook; for the
 *   others, `mailbox` lists and fetches them. Either way they end up as the same `ResponseFile` for the response
 *   side, which dedupes on `id` (stable per file across webhook and mailbox).
 */

export type ResponseKind = '999' | '277CA' | '835' | 'TA1';

/** One claim the clearinghouse refused at its front-end edits (it never reaches the payer). */
export interface ClaimRejection {
  /** CLM01 (our claim id). */
  claimId: string;
  /** Human-readable reasons a biller can act on; never include PHI the biller cannot already see on the claim. */
  reasons: FrontEndEdit[];
}

export interface FrontEndEdit {
  /** A stable code from the clearinghouse (e.g. "TR3_RULE", "999_REJECTED", "PAYER_UNKNOWN"). */
  code: string;
  message: string;
  /** Where in the claim or the X12 it applies, when known (e.g. `subscriber.memberId`, `NM1*IL NM109`). */
  field?: string;
}

export interface SubmissionReceipt {
  /** The clearinghouse's id for this submission (the key for support tickets and mailbox lookups). */
  submissionId: string;
  /** The idempotency key the receipt answers. */
  idempotencyKey: string;
  /** When the clearinghouse received the batch (ISO 8601 UTC). */
  receivedAt: string;
  /** ISA13 of the interchange received. */
  interchangeControlNumber: string;
  /** CLM01s accepted for forwarding to the payer (acknowledgments and remittances follow as response files). */
  accepted: string[];
  rejected: ClaimRejection[];
  /** True when this receipt is the stored answer to an earlier identical request. */
  replayed: boolean;
}

export interface ResponseFileSummary {
  /** Stable id of the file at the clearinghouse: the same file fetched twice, or pushed and polled, has one id. */
  id: string;
  kind: ResponseKind;
  /** When the file became available (ISO 8601 UTC). */
  availableAt: string;
  /** The submission it answers, when the clearinghouse says so (an 835 may cover many submissions). */
  submissionId?: string;
  sizeBytes: number;
}

export interface ResponseFile extends ResponseFileSummary {
  /** The raw X12, exactly as the clearinghouse produced it. */
  x12: string;
}

export interface ResponseMailbox {
  /**
   * Files available after `cursor` (exclusive), oldest first, at most `limit`. The returned `cursor` is given back
   * to continue; it only moves forward, so a poller that stores it never misses or reorders a file.
   */
  listResponses(options?: { cursor?: string; limit?: number }): Promise<{
    files: ResponseFileSummary[];
    cursor?: string;
  }>;
  fetchResponse(id: string): Promise<ResponseFile>;
  /**
   * For a clearinghouse that marks files read or deletes them once collected: acknowledge one. Callers do so only
   * after the file is kept (archived, queued and recorded), and again whenever they meet a file they already kept.
   * Absent when the mailbox is read with a cursor only (the sandbox).
   */
  acknowledgeResponse?(id: string): Promise<void>;
}

export interface Clearinghouse {
  /** A short name for logs and metrics (no secrets, no PHI). */
  readonly name: string;
  /** Send one 837P interchange (any number of claims). */
  submit(batch: string, idempotencyKey: string): Promise<SubmissionReceipt>;
  /** Present for clearinghouses that must be polled; absent when responses are only pushed (webhooks). */
  readonly mailbox?: ResponseMailbox;
}

/** Retry later: the request may not have been processed (or may have been: the idempotency key makes a retry safe). */
export class TransientClearinghouseError extends Error {
  readonly retryable = true;
  constructor(
    message: string,
    /** HTTP status when there was one (429, 5xx), else undefined (network fault, timeout). */
    readonly status?: number,
    /** What the clearinghouse asked for (Retry-After), in milliseconds, when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientClearinghouseError';
  }
}

/** Do not retry the same request: it is malformed, unauthorized, or conflicts with an earlier use of its key. */
export class PermanentClearinghouseError extends Error {
  readonly retryable = false;
  constructor(
    message: string,
    readonly status?: number,
    /** A stable code from the clearinghouse, e.g. "ENVELOPE_INVALID", "UNAUTHORIZED", "IDEMPOTENCY_KEY_REUSED". */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'PermanentClearinghouseError';
  }
}

/** Idempotency keys are opaque to clearinghouses but must be short, printable and free of PHI. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export function checkIdempotencyKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key))
    throw new PermanentClearinghouseError(
      'the idempotency key must be 8 to 128 characters of letters, digits, ".", "_", ":" or "-"',
      undefined,
      'IDEMPOTENCY_KEY_INVALID',
    );
}
