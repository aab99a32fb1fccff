/**
 * Where claims live. The claim item holds the current version; each transition is also kept as its own history item
 * (ClaimEvent), so a claim's history can grow without limit. Implementations: core/storage/memory (tests, tools) and
 * the DynamoDB adapter in functions/common/storage; both pass test/unit/storage/claim-store-conformance.ts.
 */
import type { Claim, ClaimEvent, ClaimStatus, NextActionOwner } from '#core/claims/claim';
import type { Page, PageRequest } from './page.ts';

export interface WorkQueueQuery {
  practiceId: string;
  /** Who acts next; NONE is not a work queue (nobody has anything to do). */
  owner: Exclude<NextActionOwner, 'NONE'>;
  /** Narrow to one status; without it every status the owner has work in, grouped by status. */
  status?: ClaimStatus;
}

/**
 * Claims in one status by the time they entered it (statusSinceOf: a note or an edit that keeps the status does not
 * count as a change here).
 */
export interface StatusQuery {
  status: ClaimStatus;
  /** Only claims in the status since before this ISO timestamp (the reconciler's "stuck" cut-off). */
  changedBefore?: string;
  /** Only claims in the status since this ISO timestamp or later (a window: what became old since a run). */
  changedFrom?: string;
}

/** Claims in one status by their first date of service (firstServiceDate), e.g. those nearing timely filing. */
export interface ServiceDateQuery {
  status: ClaimStatus;
  /** Served on or before this calendar date (YYYY-MM-DD). */
  servedThrough: string;
  /** Served on or after this calendar date; without it, every earlier date too. */
  servedFrom?: string;
}

/** QUEUED claims whose submission message has not been recorded as sent (the outbox the reconciler finishes). */
export interface UnsentQuery {
  /** Only those queued before this ISO timestamp. */
  queuedBefore?: string;
}

export interface ClaimStore {
  /** Creates the claim unless one with its id exists; returns the stored claim either way. */
  create(claim: Claim): Promise<{ created: boolean; claim: Claim }>;
  /**
   * Stores `next`, computed from the stored claim at version `next.version - 1`, and records `next.lastEvent` in the
   * history. Throws VersionConflictError when the stored claim is at another version.
   */
  save(next: Claim): Promise<void>;
  get(claimId: string): Promise<Claim | undefined>;
  /** The claim's events, oldest first. */
  history(claimId: string, page?: PageRequest): Promise<Page<ClaimEvent>>;
  /**
   * Records that the submission message of the QUEUED `version` was sent. Throws VersionConflictError when the
   * claim is no longer at that version.
   */
  markQueuedMessageSent(claimId: string, version: number, at: string): Promise<void>;
  /** A practice's work queue for one owner, oldest change first within each status. */
  workQueue(query: WorkQueueQuery, page?: PageRequest): Promise<Page<Claim>>;
  /** Claims in one status, longest in it first. */
  listByStatus(query: StatusQuery, page?: PageRequest): Promise<Page<Claim>>;
  /** Claims in one status, earliest first date of service first; claims without a date of service are not listed. */
  listByServiceDate(query: ServiceDateQuery, page?: PageRequest): Promise<Page<Claim>>;
  /**
   * QUEUED claims without `queuedMessageSentAt`, oldest first: a query of its own (not a filter over every QUEUED
   * claim), so claims sent but not yet submitted never crowd out the unsent ones.
   */
  listUnsent(query: UnsentQuery, page?: PageRequest): Promise<Page<Claim>>;
  /** Ids and statuses of the claims for one visit (its visit key); may lag a write by a moment, like any index. */
  findByVisit(visitKey: string): Promise<{ id: string; status: ClaimStatus }[]>;
}
