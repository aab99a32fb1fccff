/**
 * Order independence as a pure function: the claim's state after a set of responses is the same whatever order
 * they arrived in and however often each was delivered. Events are deduplicated by key and replayed in one
 * deterministic order (submission round, then the response's stage in the claim's life: 999 syntax, 277CA
 * acknowledgment, 835 adjudication; then its own date, its position in its file, its key). An 835 that arrives
 * before its 277CA is therefore applied after it; a reversal that sorts before the payment it reverses waits for it.
 * A reversal whose payment is not on file at all (the payer's later 835 delivered first) is held: no negative money
 * on the claim and no status change, a `reversal_before_payment` issue for a biller, until the payment arrives and
 * the reversal then applies in its place.
 *
 * Every event leaves a history entry. A transition the claim's life does not allow (a 277CA acceptance after a 999
 * rejection, a payment on a rejected claim) is recorded as an issue with both states and is not applied: nothing is
 * silently overwritten. Money is a fact either way: payments and reversals are always counted.
 */

import type { ClaimStatus } from '#core/claims/claim';
import { CLAIM_TRANSITIONS } from '#core/claims/state-machine';
import type { Owner } from '#core/denials/schema';
import type { Cents } from '#core/kernel/money';
import { money } from './claim-payment-posting.ts';
import type { ResponseEvent } from './response-events.ts';

/** Whether core/claims' state machine lets a response move a claim from one status to another. */
export function responseTransitionAllowed(from: ClaimStatus, to: ClaimStatus): boolean {
  return CLAIM_TRANSITIONS[from].includes(to);
}

export interface ReplayHistoryEntry {
  eventKey: string;
  /** `held_reversal`: a reversal waiting for the payment it takes back (a note; the reversal entry follows later). */
  type: ResponseEvent['type'] | 'implied_acceptance' | 'held_reversal';
  at: string;
  from: ClaimStatus;
  to: ClaimStatus;
  /** False when the transition was illegal (see issues) and the status stayed `from`. */
  applied: boolean;
  reason: string;
  /** Who acts next and why, when the entry moved the claim. */
  owner?: Owner;
  category?: string;
}

export type ReplayIssueKind = 'illegal_transition' | 'conflicting_duplicate' | 'reversal_before_payment';

export interface ReplayIssue {
  kind: ReplayIssueKind;
  eventKey: string;
  from?: ClaimStatus;
  to?: ClaimStatus;
  message: string;
}

export interface RecordedPayment {
  key: string;
  payerClaimNumber?: string;
  paidCents: Cents;
  reversedBy?: string;
}

export interface ReplayState {
  claimId: string;
  status: ClaimStatus;
  owner: Owner;
  category?: string;
  reason?: string;
  payerClaimNumber?: string;
  payments: RecordedPayment[];
  /** Sum of payments and the reversals applied to them (a held reversal is not counted). */
  netPaidCents: Cents;
  history: ReplayHistoryEntry[];
  issues: ReplayIssue[];
}

const STAGE: Record<ResponseEvent['type'], number> = { syntax_ack: 0, claim_ack: 1, payment: 2, reversal: 2 };

/** The deterministic replay order. */
export function compareEvents(a: ResponseEvent, b: ResponseEvent): number {
  return (
    (a.round ?? 1) - (b.round ?? 1) ||
    STAGE[a.type] - STAGE[b.type] ||
    compareText(a.at.slice(0, 10), b.at.slice(0, 10)) ||
    compareText(a.producedAt ?? '', b.producedAt ?? '') ||
    (a.sequence ?? 0) - (b.sequence ?? 0) ||
    compareText(a.key, b.key)
  );
}

export function replayResponses(
  start: { claimId: string; status: ClaimStatus; owner?: Owner },
  events: readonly ResponseEvent[],
): ReplayState {
  const state: ReplayState = {
    claimId: start.claimId,
    status: start.status,
    owner: start.owner ?? 'PAYER',
    payments: [],
    netPaidCents: 0,
    history: [],
    issues: [],
  };
  const { unique, conflicts } = dedupe(events.filter((event) => event.claimId === start.claimId));
  state.issues.push(...conflicts);
  const pendingReversals: Extract<ResponseEvent, { type: 'reversal' }>[] = [];
  const paymentEvents = new Map<string, Extract<ResponseEvent, { type: 'payment' }>>();
  for (const event of unique.sort(compareEvents)) {
    switch (event.type) {
      case 'syntax_ack':
        if (event.verdict === 'rejected') move(state, event, 'REJECTED', event.reason, event.owner, event.category);
        else note(state, event, event.reason);
        break;
      case 'claim_ack':
        if (event.disposition === 'rejected') {
          if (state.status === 'REJECTED') note(state, event, event.reason);
          else move(state, event, 'REJECTED', event.reason, event.owner, event.category);
        } else if (event.disposition === 'accepted') {
          if (state.status === 'ACCEPTED') note(state, event, event.reason);
          else move(state, event, 'ACCEPTED', event.reason, 'PAYER', 'accepted');
          if (event.payerClaimNumber) state.payerClaimNumber = event.payerClaimNumber;
        } else {
          note(state, event, event.reason);
        }
        break;
      case 'payment': {
        state.payments.push({
          key: event.key,
          ...(event.payerClaimNumber ? { payerClaimNumber: event.payerClaimNumber } : {}),
          paidCents: event.paidCents,
        });
        state.netPaidCents += event.paidCents;
        if (event.payerClaimNumber && !state.payerClaimNumber) state.payerClaimNumber = event.payerClaimNumber;
        if (state.status === 'SUBMITTED') {
          state.history.push({
            eventKey: event.key,
            type: 'implied_acceptance',
            at: event.at,
            from: 'SUBMITTED',
            to: 'ACCEPTED',
            applied: true,
            reason: 'Accepted (implied): the payer adjudicated the claim; no 277CA acceptance is on file.',
            owner: 'PAYER',
            category: 'accepted',
          });
          state.status = 'ACCEPTED';
        }
        if (state.status === event.claimStatus) note(state, event, `Additional payment: ${event.reason}`);
        else move(state, event, event.claimStatus, event.reason, event.owner, event.category);
        // A reversal of this payment that sorted before it is applied now.
        const waiting = pendingReversals.findIndex((r) => r.payerClaimNumber === event.payerClaimNumber);
        if (waiting >= 0) {
          applyReversal(state, pendingReversals.splice(waiting, 1)[0]!, pendingReversals);
          // Reversed as soon as it came: the payer's re-adjudication, replayed before it (two 835s of one day and
          // minute order by position in their files), still stands, and the claim is where that one left it.
          standAgain(state, paymentEvents);
        }
        paymentEvents.set(event.key, event);
        break;
      }
      case 'reversal':
        applyReversal(state, event, pendingReversals);
        break;
    }
  }
  for (const reversal of pendingReversals) {
    // The money is on the payer's check (the remittance ledger has it); the claim is not charged with it until the
    // payment it takes back is on file, so an unpaid claim never shows a negative payment or a REVERSED status.
    const taken = money(-reversal.paidCents);
    const icn = reversal.payerClaimNumber ?? '(none given)';
    const message =
      `An 835 reversal (CLP02 22) takes back ${taken} paid on payer claim ${icn} for claim ${state.claimId}, but that ` +
      'payment is not on file: the reversal is held, not posted to the claim. It applies by itself when the payment ' +
      'arrives (usually an earlier 835 delivered late); if none does, ask the payer which payment it reversed.';
    state.issues.push({ kind: 'reversal_before_payment', eventKey: reversal.key, message });
    state.history.push({
      eventKey: reversal.key,
      type: 'held_reversal',
      at: reversal.at,
      from: state.status,
      to: state.status,
      applied: true,
      reason: `Reversal of ${taken} (payer claim ${icn}) held until the payment it takes back is on file`,
    });
  }
  return state;
}

/** Puts the claim back where its latest payment still standing left it (no history entry: it arrived already). */
function standAgain(state: ReplayState, payments: ReadonlyMap<string, Extract<ResponseEvent, { type: 'payment' }>>) {
  const standing = state.payments.filter((p) => p.reversedBy === undefined && payments.has(p.key)).at(-1);
  const event = standing ? payments.get(standing.key) : undefined;
  if (!event || !responseTransitionAllowed(state.status, event.claimStatus)) return;
  state.status = event.claimStatus;
  state.owner = event.owner;
  state.category = event.category;
  state.reason = `The re-adjudicated payment stands: ${event.reason}`;
}

function applyReversal(
  state: ReplayState,
  event: Extract<ResponseEvent, { type: 'reversal' }>,
  pending: Extract<ResponseEvent, { type: 'reversal' }>[],
): void {
  const active = state.payments.filter((p) => p.reversedBy === undefined);
  const target = event.payerClaimNumber
    ? active.find((p) => p.payerClaimNumber === event.payerClaimNumber)
    : active[active.length - 1];
  if (!target) {
    pending.push(event);
    return;
  }
  target.reversedBy = event.key;
  state.netPaidCents += event.paidCents;
  move(state, event, 'REVERSED', event.reason, 'BILLER', 'reversal');
}

function move(
  state: ReplayState,
  event: ResponseEvent,
  to: ClaimStatus,
  reason: string,
  owner: Owner,
  category: string,
): void {
  const from = state.status;
  const allowed = responseTransitionAllowed(from, to);
  state.history.push({
    eventKey: event.key,
    type: event.type,
    at: event.at,
    from,
    to,
    applied: allowed,
    reason,
    ...(allowed ? { owner, category } : {}),
  });
  if (!allowed) {
    state.issues.push({
      kind: 'illegal_transition',
      eventKey: event.key,
      from,
      to,
      message: `claim ${state.claimId}: ${event.type} ${event.key} would move it from ${from} to ${to}, which is not allowed; kept ${from} for a person to resolve`,
    });
    return;
  }
  state.status = to;
  state.owner = owner;
  state.category = category;
  state.reason = reason;
}

function note(state: ReplayState, event: ResponseEvent, reason: string): void {
  state.history.push({
    eventKey: event.key,
    type: event.type,
    at: event.at,
    from: state.status,
    to: state.status,
    applied: true,
    reason,
  });
}

/** One event per key; different contents under one key are a conflict, resolved by the smallest serialization. */
function dedupe(events: readonly ResponseEvent[]): { unique: ResponseEvent[]; conflicts: ReplayIssue[] } {
  const byKey = new Map<string, { event: ResponseEvent; text: string; variants: Set<string> }>();
  for (const event of events) {
    const text = canonical(event);
    const seen = byKey.get(event.key);
    if (!seen) {
      byKey.set(event.key, { event, text, variants: new Set([text]) });
      continue;
    }
    seen.variants.add(text);
    if (compareText(text, seen.text) < 0) {
      seen.event = event;
      seen.text = text;
    }
  }
  const conflicts: ReplayIssue[] = [];
  for (const [key, { variants }] of [...byKey].sort(([a], [b]) => compareText(a, b))) {
    if (variants.size > 1) {
      conflicts.push({
        kind: 'conflicting_duplicate',
        eventKey: key,
        message: `${variants.size} different responses share the key ${key}; the first by content was kept`,
      });
    }
  }
  return { unique: [...byKey.values()].map((entry) => entry.event), conflicts };
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
