/**
 * Brings one claim up to date with every response recorded for it. The claim's status is what replayResponses
 * derives from all its response events (so arrival order does not matter); the claim's history is what arrived, in
 * the order it arrived: each replay entry not yet in the history becomes one claim version, a transition when the
 * claim can take it, otherwise an annotation saying what arrived and why it changed nothing (an acceptance after
 * the payment, a 999 accepting the set). A response that contradicts the claim's life (the replay's issues, or a
 * claim whose status cannot reach what the responses say) is never applied silently: the claim goes to the biller
 * with the reason, and a work item names it.
 *
 * Idempotent: the claim records which replay entries and issues it has taken (`responses`), each version is a
 * conditional save on the version it was computed from, and a lost race starts again from the stored claim.
 */
import type { Claim, ClaimResponseState, ClaimStatus } from '#core/claims/claim';
import { annotate, canTransition, transition } from '#core/claims/state-machine';
import type { Clock } from '#core/kernel/clock';
import { type ReplayHistoryEntry, type ReplayIssue, replayResponses } from '#core/remittance/replay-responses';
import type { ClaimResponseEvents } from '#core/storage/claim-response-events';
import type { ClaimStore } from '#core/storage/claim-store';
import { VersionConflictError } from '#core/storage/errors';
import type { WorkItemStore } from '#core/storage/work-items';
import { closeAcceptedVoid, isVoidClaim, reversalAsked } from './settle-void.ts';

export interface SettleClaimPorts {
  claims: Pick<ClaimStore, 'get' | 'save'>;
  events: Pick<ClaimResponseEvents, 'list'>;
  workItems: Pick<WorkItemStore, 'raise' | 'resolve'>;
  clock: Clock;
}

export type SettleOutcome =
  | { kind: 'settled'; claimId: string; status: ClaimStatus; versions: number; issues: number }
  | { kind: 'unchanged'; claimId: string; status: ClaimStatus }
  /** The claim is still QUEUED: the submission side has not recorded it SUBMITTED yet. Try again later. */
  | { kind: 'not_submitted'; claimId: string }
  | { kind: 'missing'; claimId: string };

/** Statuses the responses decide; a claim a person moved elsewhere (review, corrected, void) only takes notes. */
const RESPONSE_STATUSES: ReadonlySet<ClaimStatus> = new Set([
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PAID',
  'PARTIALLY_PAID',
  'DENIED',
  'PAID_INCORRECTLY',
  'REVERSED',
]);

const MAX_ATTEMPTS = 8;
const LABEL: Record<ReplayHistoryEntry['type'], string> = {
  syntax_ack: '999',
  claim_ack: '277CA',
  payment: '835 payment',
  reversal: '835 reversal',
  implied_acceptance: 'implied acceptance',
  held_reversal: '835 reversal (held)',
};

/** A reversal whose payment is not on file: the claim waits for it with a biller, and the item closes by itself. */
const HELD_REVERSAL = 'reversal_before_payment';

export async function settleClaim(claimId: string, ports: SettleClaimPorts, actor: string): Promise<SettleOutcome> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await settleOnce(claimId, ports, actor);
    } catch (error) {
      if (!(error instanceof VersionConflictError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function settleOnce(claimId: string, ports: SettleClaimPorts, actor: string): Promise<SettleOutcome> {
  const stored = await ports.claims.get(claimId);
  if (!stored) return { kind: 'missing', claimId };
  if (stored.status === 'QUEUED') return { kind: 'not_submitted', claimId };
  const replay = replayResponses({ claimId, status: 'SUBMITTED' }, await ports.events.list(claimId));
  const state: ClaimResponseState = stored.responses ?? {
    appliedEntries: [],
    raisedIssues: [],
    netPaidCents: 0,
    paymentCount: 0,
  };
  const applied = new Set(state.appliedEntries);
  const raised = new Set(state.raisedIssues);
  const pending = replay.history.filter((entry) => !applied.has(entryId(entry)));
  const issues: Issue[] = [...replay.issues];

  let claim = stored;
  let versions = 0;
  const save = async (next: Claim, entries: string[], issueIds: string[]) => {
    const responses: ClaimResponseState = {
      appliedEntries: [...(claim.responses?.appliedEntries ?? []), ...entries],
      raisedIssues: [...(claim.responses?.raisedIssues ?? []), ...issueIds],
      netPaidCents: replay.netPaidCents,
      paymentCount: replay.payments.length,
    };
    const saved: Claim = {
      ...next,
      responses,
      ...(replay.payerClaimNumber ? { payerClaimNumber: replay.payerClaimNumber } : {}),
    };
    await ports.claims.save(saved);
    claim = saved;
    versions += 1;
  };
  const at = () => ports.clock.now().toISOString();

  for (const entry of pending) {
    if (entry.type === 'reversal' && reversalAsked(claim)) {
      // The payer taking back what it paid on a claim we replaced or voided is what the replacement asked for; a
      // voided original that kept its status until now is retired by it (core/responses/settle-void).
      const { kind, claimId: following } = claim.replacedBy!;
      const asked = `835 reversal of the payment, as ${kind} claim ${following} asked: ${entry.reason}`;
      await save(
        claim.status === 'CORRECTED'
          ? annotate(claim, { at: at(), actor, reason: withDate(entry, asked) })
          : transition(claim, {
              to: 'CORRECTED',
              at: at(),
              actor,
              reason: withDate(entry, `${asked} Retired: void claim ${following} stands in its place.`),
            }),
        [entryId(entry)],
        [],
      );
      continue;
    }
    if ((entry.type === 'payment' || entry.type === 'reversal') && !RESPONSE_STATUSES.has(claim.status)) {
      issues.push({
        kind: 'money_on_claim_in_other_hands',
        eventKey: entry.eventKey,
        from: claim.status,
        to: entry.to,
        message: `claim ${claimId} is ${claim.status} (moved by a person), and an ${LABEL[entry.type]} arrived for it: ${entry.reason}`,
      });
    }
    await save(step(claim, entry, at(), actor), [entryId(entry)], []);
  }

  // Responses that arrived out of order can leave the claim short of (or beside) what all of them say.
  if (claim.status !== replay.status && RESPONSE_STATUSES.has(claim.status)) {
    if (canTransition(claim.status, replay.status)) {
      await save(
        transition(claim, {
          to: replay.status,
          at: at(),
          actor,
          reason: `Settled by all responses on file: ${replay.reason ?? replay.status}`,
          owner: replay.owner,
          ...(replay.category ? { reasonCategory: replay.category } : {}),
        }),
        [],
        [],
      );
    }
  }
  if (claim.status !== replay.status && RESPONSE_STATUSES.has(claim.status)) {
    issues.push({
      kind: 'status_disagreement',
      eventKey: `status:${replay.status}`,
      from: claim.status,
      to: replay.status,
      message: `claim ${claimId} is ${claim.status}, but its responses on file say ${replay.status}; kept ${claim.status} for a person to resolve`,
    });
  }

  let raisedCount = 0;
  for (const issue of issues) {
    const id = issueId(issue);
    if (raised.has(id)) continue;
    raised.add(id);
    raisedCount += 1;
    const category = issue.kind === HELD_REVERSAL ? HELD_REVERSAL : 'response_conflict';
    await ports.workItems.raise({
      id: workItemIdOf(claimId, issue.kind, id),
      category,
      owner: 'BILLER',
      status: 'OPEN',
      reason: issue.message,
      raisedAt: at(),
      claimId,
      details: [issue.kind, ...(issue.from ? [`from ${issue.from}`] : []), ...(issue.to ? [`to ${issue.to}`] : [])],
    });
    await save(
      annotate(claim, {
        at: at(),
        actor,
        owner: 'BILLER',
        reasonCategory: category,
        reason: `Needs a biller: ${issue.message}`,
      }),
      [],
      [id],
    );
  }

  // A held reversal whose payment has since arrived is applied above (the replay no longer holds it): close its
  // work item, and hand the claim back to whoever its responses say acts next. Both steps are idempotent.
  const stillHeld = new Set(issues.filter((i) => i.kind === HELD_REVERSAL).map(issueId));
  for (const id of raised) {
    if (!id.startsWith(`${HELD_REVERSAL}|`) || stillHeld.has(id)) continue;
    await ports.workItems.resolve(workItemIdOf(claimId, HELD_REVERSAL, id), {
      at: at(),
      actor,
      reason: 'the payment the reversal takes back arrived; the reversal is applied to it',
    });
  }
  if (claim.reasonCategory === HELD_REVERSAL && stillHeld.size === 0) {
    await save(
      annotate(claim, {
        at: at(),
        actor,
        owner: replay.owner,
        ...(replay.category ? { reasonCategory: replay.category } : {}),
        reason: 'The payment the held reversal takes back arrived; the reversal is applied to it',
      }),
      [],
      [],
    );
  }

  // A void claim closes once the payer accepted it and reversed the original: settled from either side.
  if (isVoidClaim(claim)) {
    const closed = await closeAcceptedVoid(claim.id, ports, actor);
    if (closed) return { kind: 'settled', claimId, status: closed.status, versions: versions + 1, issues: raisedCount };
  } else if (claim.status === 'CORRECTED' && claim.replacedBy?.kind === 'void')
    await closeAcceptedVoid(claim.replacedBy.claimId, ports, actor);

  if (versions === 0) return { kind: 'unchanged', claimId, status: stored.status };
  return { kind: 'settled', claimId, status: claim.status, versions, issues: raisedCount };
}

/** One replay entry as one claim version. */
function step(claim: Claim, entry: ReplayHistoryEntry, at: string, actor: string): Claim {
  const moves = entry.applied && entry.from !== entry.to;
  if (moves && claim.status === entry.from && canTransition(claim.status, entry.to)) {
    return transition(claim, {
      to: entry.to,
      at,
      actor,
      reason: withDate(entry, entry.reason),
      ...(entry.owner ? { owner: entry.owner } : {}),
      ...(entry.category ? { reasonCategory: entry.category } : {}),
    });
  }
  const label = LABEL[entry.type];
  const reason = !entry.applied
    ? `${label} not applied (${entry.from} to ${entry.to} is not allowed): ${entry.reason}`
    : moves
      ? `${label} recorded after the fact (the claim was already ${claim.status}): ${entry.reason}`
      : entry.reason;
  return annotate(claim, { at, actor, reason: withDate(entry, reason) });
}

function withDate(entry: ReplayHistoryEntry, reason: string): string {
  return `${reason} [${LABEL[entry.type]} of ${entry.at.slice(0, 10)}]`;
}

function entryId(entry: ReplayHistoryEntry): string {
  return `${entry.eventKey}#${entry.type}`;
}

/** The replay's issues and the ones only the stored claim can reveal. */
type Issue = Omit<ReplayIssue, 'kind'> & {
  kind: ReplayIssue['kind'] | 'status_disagreement' | 'money_on_claim_in_other_hands';
};

function issueId(issue: Issue): string {
  return `${issue.kind}|${issue.eventKey}`;
}

/** The work item of a claim's issue: a held reversal has its own category; every other issue is a conflict. */
function workItemIdOf(claimId: string, kind: Issue['kind'], id: string): string {
  return `${kind === HELD_REVERSAL ? HELD_REVERSAL : 'response_conflict'}|${claimId}|${id}`;
}
