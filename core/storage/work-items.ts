/**
 * Work items that belong to no single claim's status: a quarantined 835, a payment for a claim we do not know, an
 * acknowledgment for a group we never sent, a response file that cannot be read, a response that contradicts a
 * claim's life. Each has a deterministic id (the same problem raised twice is one item), a category, an owner and a
 * reason a person can act on, and the ids it concerns. Listed open, oldest first. Implementations:
 * core/storage/memory and functions/common/storage; both pass test/unit/storage/conformance/remittance-stores.ts.
 */
import type { Page, PageRequest } from './page.ts';

export type WorkItemCategory =
  | 'quarantined_remittance'
  | 'unmatched_remittance'
  | 'unmatched_acknowledgment'
  | 'unreadable_response'
  | 'response_conflict'
  /** An 835 reversal whose payment is not on file: held off the claim until the payment arrives (resolved then). */
  | 'reversal_before_payment'
  /**
   * Follow-ups (core/followup): a claim without its acknowledgment, its payment, or time left to file; a void claim
   * the payer accepted and never settled by reversing the original.
   */
  | 'follow_up_no_acknowledgment'
  | 'follow_up_no_payment'
  | 'follow_up_void_not_acknowledged'
  | 'follow_up_timely_filing';

export interface WorkItem {
  id: string;
  category: WorkItemCategory;
  owner: 'BILLER' | 'CODER';
  status: 'OPEN' | 'RESOLVED';
  reason: string;
  raisedAt: string;
  claimId?: string;
  /** The practice whose claim it concerns (scopes a biller's list). */
  practiceId?: string;
  /** The calendar date (YYYY-MM-DD) by which someone should have acted. */
  dueDate?: string;
  /** The response file it came from (SHA-256 of its X12), the payment key, the payer and trace, as they apply. */
  fileId?: string;
  rawKey?: string;
  paymentKey?: string;
  payerKey?: string;
  traceNumber?: string;
  amountCents?: number;
  /** Further specifics (quarantine reasons, issue kinds), ids and amounts only. */
  details?: string[];
  /** Set when the item is resolved: when, by whom (a person or `follow-up`), and why. */
  resolvedAt?: string;
  resolvedBy?: string;
  resolution?: string;
}

export interface WorkItemResolution {
  at: string;
  actor: string;
  reason: string;
}

export interface WorkItemStore {
  /** Raises the item unless one with its id exists; false when it existed (nothing changes). */
  raise(item: WorkItem): Promise<boolean>;
  get(id: string): Promise<WorkItem | undefined>;
  /** Open items, oldest first. */
  listOpen(page?: PageRequest): Promise<Page<WorkItem>>;
  /**
   * Resolves an OPEN item (it leaves the open list); true when this call resolved it, false when it was resolved
   * already or does not exist (a retry, or two resolvers at once: exactly one wins).
   */
  resolve(id: string, resolution: WorkItemResolution): Promise<boolean>;
}
