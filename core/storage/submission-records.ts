/**
 * The outbox of claim submission: what the submission side recorded before it sent anything, so a crash, a
 * redelivered message or two deliveries at once never send a claim twice.
 *
 * - A claim record (one per claim id and QUEUED version) names the interchange the claim was put in. It is written
 *   with a conditional put: of two deliveries racing for one claim version, exactly one wins.
 * - An interchange record is the commit point of one 837P interchange: the claims it carries at their versions, its
 *   control numbers, the idempotency key its send carries and where its bytes are archived. It is created once,
 *   either PENDING (sealed: it will be sent, and resent with the same key until a receipt is recorded) or ABANDONED
 *   (a delivery found claims pointing at an interchange that was never sealed, and fenced it off so that a crashed
 *   or slow writer can no longer seal it; its claims may then be put in another interchange).
 *
 * Records hold ids, numbers and the clearinghouse's answers only: never PHI. Implementations: core/storage/memory and
 * functions/common/storage; both pass test/unit/storage/conformance/submission-records.ts.
 */
import type { FrontEndEdit } from '#core/clearinghouse/clearinghouse';

export interface ClaimSubmissionRecord {
  claimId: string;
  /** The QUEUED version of the claim the record is for. */
  version: number;
  /** The interchange the claim was put in (see InterchangeRecord.id). */
  interchangeId: string;
  /** When the claim was put in that interchange: a delivery younger than the lease may still be writing it. */
  claimedAt: string;
}

export type InterchangeStatus = 'PENDING' | 'SENT' | 'REFUSED' | 'ABANDONED';

export interface InterchangeClaimRef {
  claimId: string;
  version: number;
}

/** What the clearinghouse answered, kept so that completing a submission never needs to send again. */
export interface InterchangeReceipt {
  submissionId: string;
  receivedAt: string;
  accepted: string[];
  rejected: { claimId: string; reasons: FrontEndEdit[] }[];
}

export interface InterchangeRecord {
  /** `<sender>:<ISA13>`: unique because the counter of each sender never repeats a number. */
  id: string;
  status: InterchangeStatus;
  createdAt: string;
  /** Present on every status but ABANDONED. */
  sealed?: {
    senderId: string;
    claims: InterchangeClaimRef[];
    interchangeControlNumber: number;
    groupControlNumber: number;
    transactionControlNumbers: string[];
    idempotencyKey: string;
    archiveKey: string;
  };
  receipt?: InterchangeReceipt;
  /** Why the clearinghouse refused the whole interchange (status REFUSED). */
  refusal?: { code?: string; message: string; at: string };
}

/**
 * The submission ledger's note that a claim version's message was given up on: its last delivery failed for a
 * transient reason, so the queue moves it to the dead-letter queue (alarmed) and the claim stays QUEUED until an
 * operator redrives it. Written on every such last attempt (the latest one stands); ids and the fault only, no PHI.
 */
export interface SubmissionDeadLetter {
  claimId: string;
  version: number;
  messageId: string;
  receiveCount: number;
  /** The fault of the last attempt (an error name and message from our code or the connector: ids, never PHI). */
  reason: string;
  at: string;
}

export type ClaimRecordOutcome = { won: true } | { won: false; record: ClaimSubmissionRecord };

export interface SubmissionRecords {
  /**
   * Puts a claim version in an interchange unless it already is in one; with `replacing`, also when its record names
   * exactly that (abandoned) interchange. Returns the record that holds when it lost.
   */
  claim(record: ClaimSubmissionRecord, replacing?: string): Promise<ClaimRecordOutcome>;
  getClaim(claimId: string, version: number): Promise<ClaimSubmissionRecord | undefined>;
  /** Creates the interchange record unless one with its id exists; returns the stored record either way. */
  createInterchange(record: InterchangeRecord): Promise<{ created: boolean; record: InterchangeRecord }>;
  getInterchange(id: string): Promise<InterchangeRecord | undefined>;
  /**
   * The sealed interchange that carried functional group `groupControlNumber` (GS06) of `senderId`: a 999
   * acknowledges a group by its GS06 only, and this says which claims were in it.
   */
  findInterchangeByGroup(senderId: string, groupControlNumber: number): Promise<InterchangeRecord | undefined>;
  /** PENDING → SENT with the receipt; a repeat with the interchange already SENT is a no-op. */
  recordReceipt(id: string, receipt: InterchangeReceipt): Promise<void>;
  /** PENDING → REFUSED with the reason; a repeat with the interchange already REFUSED is a no-op. */
  recordRefusal(id: string, refusal: NonNullable<InterchangeRecord['refusal']>): Promise<void>;
  /** Notes that the claim version's submission message goes to the dead-letter queue (see SubmissionDeadLetter). */
  recordDeadLetter(entry: SubmissionDeadLetter): Promise<void>;
  getDeadLetter(claimId: string, version: number): Promise<SubmissionDeadLetter | undefined>;
}
