/**
 * Follow-up: run once a day, it raises a work item for a biller for each claim that went quiet or is running out of
 * time, before money is lost to silence:
 *
 *   SUBMITTED with no claim acknowledgment (277CA) after the payer's acknowledgmentDays  → follow_up_no_acknowledgment
 *   ACCEPTED with no remittance (835) after the payer's paymentDays                      → follow_up_no_payment
 *   a void claim (frequency 8) ACCEPTED and not settled by the payer's reversal of the
 *   original after the payer's paymentDays                                               → follow_up_void_not_acknowledged
 *   not yet accepted (CODED ... SUBMITTED, REJECTED) within timelyFilingWarningDays of
 *   the payer's timely-filing limit, counted from the first date of service            → follow_up_timely_filing
 *
 * Each item has a deterministic id made of its kind, the claim and the condition (the instant the claim entered its
 * status, or the filing deadline), so running twice, or a retried run, raises nothing new; a claim that leaves and
 * re-enters a status (rejected, fixed, submitted again) is a new condition and is raised again.
 *
 * A void asks for no payment: the payer settles it by reversing the original (core/responses/settle-void.ts). One the
 * payer accepted and never acted on stays ACCEPTED; it is raised once, in its own words (ask the payer whether it
 * took the void back), instead of as a claim waiting for its payment, and resolved when the void closes.
 *
 * An open follow-up whose condition has cleared (the claim left the status it was raised for, or was accepted before
 * its filing deadline) is resolved by the next run, saying what happened, so a biller's list holds only what is
 * still true.
 *
 * Every check is one paged query on an index: a status and a window of time since the claim entered it (byStatus),
 * or a status and a range of dates of service (byServiceDate). The window reaches back `lookbackDays` beyond the
 * longest configured wait, so runs missed for that long are made up, and never further, so old claims already raised
 * are not read again every day.
 */
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { firstServiceDate, statusSinceOf } from '#core/claims/service-dates';
import type { PracticeConfig } from '#core/config/practice-config';
import { addDays, calendarDateOf, daysBetween } from '#core/kernel/calendar-date';
import type { Clock } from '#core/kernel/clock';
import { isVoidClaim } from '#core/responses/settle-void';
import type { ClaimStore } from '#core/storage/claim-store';
import type { Page, PageRequest } from '#core/storage/page';
import type { WorkItem, WorkItemCategory, WorkItemStore } from '#core/storage/work-items';
import { allFollowUpSettings, followUpSettingsFor, type PayerFollowUpSettings } from './follow-up-settings.ts';

export interface FollowUpPorts {
  claims: Pick<ClaimStore, 'listByStatus' | 'listByServiceDate' | 'get'>;
  workItems: Pick<WorkItemStore, 'raise' | 'listOpen' | 'resolve'>;
  config: PracticeConfig;
  clock: Clock;
}

export interface FollowUpOptions {
  /** How far beyond the longest wait a check looks back (runs missed for this long are made up). */
  lookbackDays: number;
  /** Claims one check reads at most in a run; what is left is read by the next run (reported as truncated). */
  maxClaimsPerCheck: number;
}

export const DEFAULT_FOLLOW_UP_OPTIONS: FollowUpOptions = { lookbackDays: 30, maxClaimsPerCheck: 5000 };

/** Claims whose timely filing is still at stake: the payer has not accepted them yet. */
export const UNFILED_STATUSES: readonly ClaimStatus[] = [
  'CODED',
  'NEEDS_REVIEW',
  'READY',
  'QUEUED',
  'SUBMITTED',
  'REJECTED',
];

export interface FollowUpCheckReport {
  /** Claims the check read. */
  examined: number;
  /** Items raised now (an item raised by an earlier run is not counted again). */
  raised: number;
  /** True when the check stopped at maxClaimsPerCheck with more to read. */
  truncated: boolean;
}

export interface FollowUpReport {
  noAcknowledgment: FollowUpCheckReport;
  noPayment: FollowUpCheckReport;
  timelyFiling: FollowUpCheckReport;
  /** Open follow-ups whose condition has cleared (the 277CA or the 835 came, the claim was filed), resolved now. */
  resolved: number;
}

const DAY_MS = 86_400_000;
const OWNER = 'BILLER';
const ACTOR = 'follow-up';

export async function raiseFollowUps(
  ports: FollowUpPorts,
  options: FollowUpOptions = DEFAULT_FOLLOW_UP_OPTIONS,
): Promise<FollowUpReport> {
  const now = ports.clock.now();
  const today = calendarDateOf(now);
  const settings = (claim: Claim) => followUpSettingsFor(ports.config, claim.payer.payerId);
  const everyPayer = allFollowUpSettings(ports.config);
  const dueInDays = ports.config.followUp.dueInDays;

  const raise = async (claim: Claim, item: Omit<WorkItem, 'owner' | 'status' | 'raisedAt' | 'claimId'>) =>
    ports.workItems.raise({
      ...item,
      owner: OWNER,
      status: 'OPEN',
      raisedAt: now.toISOString(),
      claimId: claim.id,
      practiceId: claim.practiceId,
    });

  const quietSince = async (
    status: ClaimStatus,
    waitOf: (s: PayerFollowUpSettings) => number,
    categoryOf: (claim: Claim) => WorkItemCategory,
    describe: (claim: Claim, days: number, wait: number) => string,
  ): Promise<FollowUpCheckReport> => {
    const waits = everyPayer.map(waitOf);
    const through = new Date(now.getTime() - Math.min(...waits) * DAY_MS).toISOString();
    const from = new Date(now.getTime() - (Math.max(...waits) + options.lookbackDays) * DAY_MS).toISOString();
    const { items, truncated } = await firstItems(
      (page) => ports.claims.listByStatus({ status, changedFrom: from, changedBefore: through }, page),
      options.maxClaimsPerCheck,
    );
    let raised = 0;
    for (const claim of items) {
      // Counted from entering the status: a note or an edit since does not restart the wait.
      const since = statusSinceOf(claim);
      const wait = waitOf(settings(claim));
      if (now.getTime() - Date.parse(since) < wait * DAY_MS) continue;
      const days = daysBetween(calendarDateOf(new Date(since)), today);
      const dueDate = earliest(addDays(today, dueInDays), status === 'ACCEPTED' ? undefined : deadlineOf(claim));
      const category = categoryOf(claim);
      const created = await raise(claim, {
        id: `follow-up:${category}:${claim.id}:${since}`,
        category,
        reason: describe(claim, days, wait),
        dueDate,
        details: [`status:${status}`, `since:${since}`, `payer:${claim.payer.payerId ?? 'unknown'}`],
      });
      if (created) raised++;
    }
    return { examined: items.length, raised, truncated };
  };

  const deadlineOf = (claim: Claim): string | undefined => {
    const served = firstServiceDate(claim);
    return served === undefined ? undefined : addDays(served, settings(claim).timelyFilingDays);
  };

  const noAcknowledgment = await quietSince(
    'SUBMITTED',
    (s) => s.acknowledgmentDays,
    () => 'follow_up_no_acknowledgment',
    (claim, days, wait) =>
      `Submitted ${plural(days, 'day')} ago and no claim acknowledgment (277CA) has come back; ${payerName(claim)} ` +
      `acknowledges within ${plural(wait, 'day')}. Check the submission at the clearinghouse; if the payer never ` +
      'received it, resubmit it before its timely-filing limit.',
  );
  const noPayment = await quietSince(
    'ACCEPTED',
    (s) => s.paymentDays,
    (claim) => (isVoidClaim(claim) ? 'follow_up_void_not_acknowledged' : 'follow_up_no_payment'),
    (claim, days, wait) =>
      isVoidClaim(claim)
        ? `Void claim ${claim.id} (frequency 8) of claim ${claim.replaces.claimId} was accepted by ${payerName(claim)} ` +
          `${plural(days, 'day')} ago, and the payer has not reversed claim ${claim.replaces.claimId}'s payment; it ` +
          `remits within ${plural(wait, 'day')}. Ask the payer whether it took the void (portal, phone or a 276 ` +
          'inquiry): if it did, its reversal will close the void; if it refused or lost it, void the claim again or ' +
          'agree the refund with the payer. The void is raised once, not chased again.'
        : `Accepted by ${payerName(claim)} ${plural(days, 'day')} ago and no remittance (835) has come; it pays within ` +
          `${plural(wait, 'day')}. Ask the payer for the claim's status (portal, phone or a 276 inquiry) and act on ` +
          'the answer (missing information, pended, paid to another provider).',
  );

  // Timely filing: by date of service, for each status in which the claim is not yet accepted.
  const warnings = everyPayer.map((s) => s.timelyFilingDays - s.timelyFilingWarningDays);
  const servedThrough = addDays(today, -Math.min(...warnings));
  const servedFrom = addDays(today, -(Math.max(...everyPayer.map((s) => s.timelyFilingDays)) + options.lookbackDays));
  const timelyFiling: FollowUpCheckReport = { examined: 0, raised: 0, truncated: false };
  for (const status of UNFILED_STATUSES) {
    const { items, truncated } = await firstItems(
      (page) => ports.claims.listByServiceDate({ status, servedFrom, servedThrough }, page),
      options.maxClaimsPerCheck,
    );
    timelyFiling.examined += items.length;
    timelyFiling.truncated ||= truncated;
    for (const claim of items) {
      const served = firstServiceDate(claim);
      const payer = settings(claim);
      if (served === undefined) continue;
      const deadline = addDays(served, payer.timelyFilingDays);
      const left = daysBetween(today, deadline);
      if (left > payer.timelyFilingWarningDays) continue;
      const created = await raise(claim, {
        id: `follow-up:follow_up_timely_filing:${claim.id}:${deadline}`,
        category: 'follow_up_timely_filing',
        reason: timelyFilingReason(claim, served, deadline, left, payer),
        dueDate: earliest(addDays(today, dueInDays), deadline) ?? deadline,
        details: [`status:${status}`, `deadline:${deadline}`, `payer:${claim.payer.payerId ?? 'unknown'}`],
      });
      if (created) timelyFiling.raised++;
    }
  }
  const resolved = await resolveCleared(ports, now, options.maxClaimsPerCheck);
  return { noAcknowledgment, noPayment, timelyFiling, resolved };
}

const FOLLOW_UP_CATEGORIES: readonly WorkItemCategory[] = [
  'follow_up_no_acknowledgment',
  'follow_up_no_payment',
  'follow_up_void_not_acknowledged',
  'follow_up_timely_filing',
];

/** Resolves open follow-ups whose claim no longer meets the condition they were raised for. */
async function resolveCleared(ports: FollowUpPorts, now: Date, max: number): Promise<number> {
  const { items } = await firstItems((page) => ports.workItems.listOpen(page), max);
  let resolved = 0;
  for (const item of items) {
    if (!FOLLOW_UP_CATEGORIES.includes(item.category) || item.claimId === undefined) continue;
    const claim = await ports.claims.get(item.claimId);
    const cleared = clearedBecause(item, claim);
    if (cleared === undefined) continue;
    const done = await ports.workItems.resolve(item.id, { at: now.toISOString(), actor: ACTOR, reason: cleared });
    if (done) resolved++;
  }
  return resolved;
}

/** Why the item's condition no longer holds, or undefined while it does. */
function clearedBecause(item: WorkItem, claim: Claim | undefined): string | undefined {
  if (!claim) return 'the claim no longer exists';
  const stillIn = (status: ClaimStatus) =>
    claim.status === status && item.id === `follow-up:${item.category}:${claim.id}:${statusSinceOf(claim)}`;
  switch (item.category) {
    case 'follow_up_no_acknowledgment':
      return stillIn('SUBMITTED') ? undefined : `the claim moved on: it is ${claim.status} now`;
    case 'follow_up_no_payment':
      return stillIn('ACCEPTED') ? undefined : `the claim moved on: it is ${claim.status} now`;
    case 'follow_up_void_not_acknowledged':
      if (stillIn('ACCEPTED')) return undefined;
      return claim.status === 'CLOSED'
        ? 'the payer settled the void: it reversed the original claim, and the void claim is CLOSED'
        : `the void claim moved on: it is ${claim.status} now`;
    default:
      return UNFILED_STATUSES.includes(claim.status)
        ? undefined
        : `the claim is ${claim.status} now: the payer has it, or it is no longer to be filed`;
  }
}

/** Items raised by a run, over every check. */
export function followUpsRaised(report: FollowUpReport): number {
  return report.noAcknowledgment.raised + report.noPayment.raised + report.timelyFiling.raised;
}

function timelyFilingReason(
  claim: Claim,
  served: string,
  deadline: string,
  left: number,
  payer: PayerFollowUpSettings,
): string {
  const limit = `${payerName(claim)} accepts claims for ${plural(payer.timelyFilingDays, 'day')} from the date of service${payer.configured ? '' : ' (assumed: the payer is not in the practice configuration)'}`;
  const when =
    left > 0
      ? `expires on ${deadline}, in ${plural(left, 'day')}`
      : left === 0
        ? `expires today (${deadline})`
        : `expired on ${deadline}, ${plural(-left, 'day')} ago`;
  const action =
    left >= 0
      ? `The claim is ${claim.status}: ${nextStep(claim.status)} before then, or keep proof of timely filing.`
      : `The claim is ${claim.status}: send it only with proof of timely filing or an exception the payer accepts; otherwise write it off.`;
  return `Timely filing for the visit of ${served} ${when}; ${limit}. ${action}`;
}

function nextStep(status: ClaimStatus): string {
  switch (status) {
    case 'NEEDS_REVIEW':
      return 'finish its review and send it';
    case 'REJECTED':
      return 'correct the rejection and resubmit it';
    case 'SUBMITTED':
      return 'make sure the payer received it (a 277CA acceptance is the proof)';
    default:
      return 'make sure it is sent';
  }
}

function payerName(claim: Claim): string {
  return claim.payer.name ?? claim.payer.payerId ?? 'the payer';
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function earliest(a: string, b: string | undefined): string {
  return b !== undefined && b < a ? b : a;
}

async function firstItems<T>(
  read: (page: PageRequest) => Promise<Page<T>>,
  max: number,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: Math.min(max - items.length, 500), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < max);
  return { items: items.slice(0, max), truncated: cursor !== undefined };
}
