/**
 * The work queue a biller works from: one practice's claims that someone must act on, narrowed by owner, status,
 * reason, payer, assignee, date of service and age, with the count and dollar total of what matched (by status and by
 * reason). Read page by page from the store's work-queue index; at most `scanLimit` claims are read, and the answer
 * says when it stopped there, so a huge queue costs a bounded read, never a silent partial total.
 */
import type { Claim, ClaimStatus, NextActionOwner } from '#core/claims/claim';
import type { Page, PageRequest } from '#core/storage/page';
import { MAX_PAGE_SIZE } from '#core/storage/page';
import { invalid } from './errors.ts';
import { dollars } from './money-text.ts';
import type { OperationsPorts } from './ports.ts';

export type QueueOwner = Exclude<NextActionOwner, 'NONE'>;
export const QUEUE_OWNERS: readonly QueueOwner[] = ['CODER', 'BILLER', 'PATIENT', 'PAYER'];

export interface WorkQueueFilters {
  practiceId: string;
  /** One owner's queue; default the queues people work: CODER, BILLER and PATIENT. */
  owner?: QueueOwner;
  status?: ClaimStatus;
  /** The reason category, e.g. `scrub_error`, `modifier`, `timely_filing`. */
  reason?: string;
  payerId?: string;
  assignee?: string;
  /** Dates of service within [from, to] (YYYY-MM-DD, inclusive): the claim's first date of service. */
  serviceFrom?: string;
  serviceTo?: string;
  /** Only claims whose last change is at least this many days old (how long they have waited). */
  minAgeDays?: number;
  maxAgeDays?: number;
  /** Rows returned (the totals count every match); default 100. */
  limit?: number;
  /** Claims read at most; default 10,000. */
  scanLimit?: number;
}

export interface WorkQueueRow {
  id: string;
  status: ClaimStatus;
  owner: NextActionOwner;
  reason?: string;
  assignee?: string;
  payerId?: string;
  dateOfService?: string;
  /** Whole days since the claim last changed. */
  ageDays: number;
  chargeCents: number;
  charge: string;
  diagnoses: string[];
  lines: string[];
  frequency: Claim['frequency'];
}

export interface Total {
  count: number;
  chargeCents: number;
  charge: string;
}

export interface WorkQueueAnswer {
  rows: WorkQueueRow[];
  total: Total;
  byStatus: Record<string, Total>;
  byReason: Record<string, Total>;
  /** True when `scanLimit` claims were read before the queue ended: totals cover only what was read. */
  truncated: boolean;
  scanned: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export async function workQueue(
  filters: WorkQueueFilters,
  ports: Pick<OperationsPorts, 'claims' | 'clock'>,
): Promise<WorkQueueAnswer> {
  checkFilters(filters);
  const owners = filters.owner ? [filters.owner] : (['CODER', 'BILLER', 'PATIENT'] as const);
  const limit = filters.limit ?? 100;
  const scanLimit = filters.scanLimit ?? 10_000;
  const now = ports.clock.now().getTime();
  const rows: WorkQueueRow[] = [];
  const total = emptyTotal();
  const byStatus: Record<string, Total> = {};
  const byReason: Record<string, Total> = {};
  let scanned = 0;
  let truncated = false;
  for (const owner of owners) {
    let cursor: string | undefined;
    do {
      const request: PageRequest = {
        limit: Math.min(MAX_PAGE_SIZE, scanLimit - scanned),
        ...(cursor ? { cursor } : {}),
      };
      const page: Page<Claim> = await ports.claims.workQueue(
        { practiceId: filters.practiceId, owner, ...(filters.status ? { status: filters.status } : {}) },
        request,
      );
      scanned += page.items.length;
      for (const claim of page.items) {
        const row = rowOf(claim, now);
        if (!matches(row, filters)) continue;
        add(total, row.chargeCents);
        add(totalIn(byStatus, row.status), row.chargeCents);
        add(totalIn(byReason, row.reason ?? 'none'), row.chargeCents);
        if (rows.length < limit) rows.push(row);
      }
      cursor = page.cursor;
      if (cursor && scanned >= scanLimit) truncated = true;
    } while (cursor && !truncated);
    if (truncated) break;
  }
  return { rows, total, byStatus, byReason, truncated, scanned };
}

function rowOf(claim: Claim, now: number): WorkQueueRow {
  const dateOfService = claim.lines
    .map((l) => l.serviceDate)
    .filter((d): d is string => d !== undefined)
    .sort()[0];
  return {
    id: claim.id,
    status: claim.status,
    owner: claim.owner,
    ...(claim.reasonCategory ? { reason: claim.reasonCategory } : {}),
    ...(claim.assignee ? { assignee: claim.assignee } : {}),
    ...(claim.payer.payerId ? { payerId: claim.payer.payerId } : {}),
    ...(dateOfService ? { dateOfService } : {}),
    ageDays: Math.max(0, Math.floor((now - Date.parse(claim.lastEvent.at)) / DAY_MS)),
    chargeCents: claim.totalChargeCents,
    charge: dollars(claim.totalChargeCents),
    diagnoses: claim.diagnoses.map((d) => d.code),
    lines: claim.lines.map((l) => [l.code, ...l.modifiers].join('-')),
    frequency: claim.frequency,
  };
}

function matches(row: WorkQueueRow, f: WorkQueueFilters): boolean {
  if (f.reason !== undefined && row.reason !== f.reason) return false;
  if (f.payerId !== undefined && row.payerId !== f.payerId) return false;
  if (f.assignee !== undefined && row.assignee !== f.assignee) return false;
  if (f.serviceFrom !== undefined && (row.dateOfService === undefined || row.dateOfService < f.serviceFrom))
    return false;
  if (f.serviceTo !== undefined && (row.dateOfService === undefined || row.dateOfService > f.serviceTo)) return false;
  if (f.minAgeDays !== undefined && row.ageDays < f.minAgeDays) return false;
  if (f.maxAgeDays !== undefined && row.ageDays > f.maxAgeDays) return false;
  return true;
}

function checkFilters(f: WorkQueueFilters): void {
  if (typeof f.practiceId !== 'string' || f.practiceId.length === 0 || f.practiceId.length > 100)
    throw invalid('a work queue belongs to one practice: give its id');
  if (f.owner !== undefined && !QUEUE_OWNERS.includes(f.owner))
    throw invalid(`owner must be one of ${QUEUE_OWNERS.join(', ')}`);
  for (const [name, value] of [
    ['serviceFrom', f.serviceFrom],
    ['serviceTo', f.serviceTo],
  ] as const)
    if (value !== undefined && (!DATE.test(value) || Number.isNaN(Date.parse(value))))
      throw invalid(`${name} must be a date, YYYY-MM-DD`);
  if (f.serviceFrom && f.serviceTo && f.serviceFrom > f.serviceTo)
    throw invalid('serviceFrom is after serviceTo: the date range is empty');
  for (const [name, value] of [
    ['minAgeDays', f.minAgeDays],
    ['maxAgeDays', f.maxAgeDays],
  ] as const)
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 36_500))
      throw invalid(`${name} must be a whole number of days`);
  if (f.limit !== undefined && (!Number.isInteger(f.limit) || f.limit < 1 || f.limit > 10_000))
    throw invalid('limit must be a whole number from 1 to 10,000');
  if (f.scanLimit !== undefined && (!Number.isInteger(f.scanLimit) || f.scanLimit < 1 || f.scanLimit > 100_000))
    throw invalid('scanLimit must be a whole number from 1 to 100,000');
}

function emptyTotal(): Total {
  return { count: 0, chargeCents: 0, charge: dollars(0) };
}

function totalIn(totals: Record<string, Total>, key: string): Total {
  const existing = totals[key];
  if (existing) return existing;
  const created = emptyTotal();
  totals[key] = created;
  return created;
}

function add(total: Total, cents: number): void {
  total.count += 1;
  total.chargeCents += cents;
  total.charge = dollars(total.chargeCents);
}
