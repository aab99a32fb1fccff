/**
 * `claims edit` / `claims recode`: a person changes what a claim bills. The change is recorded with who made it, the
 * fields it touched, and "manual" evidence on what was changed; the claim is scrubbed again at once so the findings
 * shown are those of the claim as it now stands.
 *
 * - Not yet sent (CODED, NEEDS_REVIEW, READY): changed in place; it waits in review for approval (or is approved in
 *   the same step with `approve`).
 * - Adjudicated with a problem (DENIED, PARTIALLY_PAID, PAID_INCORRECTLY, REVERSED): a replacement claim (frequency 7,
 *   REF*F8 with the payer's claim number) is made from the changed content; the original becomes CORRECTED and links
 *   to it.
 * - Paid or closed (PAID, CLOSED): a replacement too, but only with a reason (a coding error found late, an
 *   overpayment to refund): the payer takes the first payment back when it re-adjudicates, so the change must say why.
 * - Rejected before adjudication (REJECTED): the fixed claim goes out as a new original (frequency 1).
 * - On its way or with the payer and not yet adjudicated (QUEUED, SUBMITTED, ACCEPTED): refused, there is nothing to
 *   correct yet; CORRECTED and VOIDED no longer stand.
 */
import type { Claim, ClaimLinkKind } from '#core/claims/claim';
import type { Finding } from '#core/scrubbing/finding';
import { visitKeyOf } from '#core/storage/visit-key';
import { type ActionResult, approveLoaded } from './approve-claim.ts';
import { applyChanges, type ClaimChanges } from './claim-changes.ts';
import { followingClaim, passVisit } from './corrected-claim.ts';
import { illegal, invalid } from './errors.ts';
import { loadClaim, refuseWhileQueued, replacedText } from './load-claim.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { changeStatus, recordChange, saveChange } from './record-change.ts';

export interface EditRequest {
  claimId: string;
  actor: Actor;
  changes: ClaimChanges;
  /** Why (kept in the history). */
  reason?: string;
  /** Approve the claim (or the corrected claim) in the same step when it scrubs clean. */
  approve?: boolean;
}

export interface EditResult extends ActionResult {
  /** `edited`: changed in place, waiting for approval; `queued`: approved and queued; `needs_review`: scrub errors. */
  outcome: 'edited' | 'queued' | 'needs_review';
  /** The fields changed, e.g. `diagnoses`, `lines[2].modifiers`. */
  changed: string[];
  /** Blocking findings of the claim as changed. */
  errors: Finding[];
  /** The original, when the change made a corrected claim (`claim` is then the new one). */
  original?: Claim;
}

const IN_PLACE = new Set(['CODED', 'NEEDS_REVIEW', 'READY']);
const REPLACEABLE = new Set(['DENIED', 'PARTIALLY_PAID', 'PAID_INCORRECTLY', 'REVERSED']);
/** Settled claims a replacement reopens: the payer reverses what it paid, so a reason is required. */
const SETTLED = new Set(['PAID', 'CLOSED']);

/** Review category of a claim changed by a person and waiting for someone to approve it. */
export const AWAITING_APPROVAL = 'awaiting_approval';

export async function editClaim(request: EditRequest, ports: OperationsPorts): Promise<EditResult> {
  const actor = checkActor(request.actor);
  const stored = await loadClaim(ports.claims, request.claimId);
  refuseWhileQueued(stored, 'changed');
  if (IN_PLACE.has(stored.status)) return editInPlace(stored, { ...request, actor }, ports);
  if (REPLACEABLE.has(stored.status)) return correct(stored, 'replacement', { ...request, actor }, ports);
  if (SETTLED.has(stored.status)) {
    if (!request.reason?.trim())
      throw invalid(
        `claim ${stored.id} is ${stored.status}: correcting a settled claim makes the payer take back its payment and adjudicate the replacement again, so say why (--reason: a coding error found late, an overpayment to refund)`,
      );
    return correct(stored, 'replacement', { ...request, actor }, ports);
  }
  if (stored.status === 'REJECTED') return correct(stored, 'resubmission', { ...request, actor }, ports);
  throw illegal(cannotEdit(stored));
}

async function editInPlace(stored: Claim, request: EditRequest, ports: OperationsPorts): Promise<EditResult> {
  const { claim: changedClaim, changed } = applyChanges(stored, request.changes);
  if (changed.length === 0) throw invalid(`nothing to change: claim ${stored.id} already bills exactly that`);
  const at = ports.clock.now().toISOString();
  const { findings, claim: scrubbed } = await ports.rescrub(changedClaim);
  const errors = findings.filter((f) => f.severity === 'error');
  const reason = `edited ${changed.join(', ')}${request.reason ? `: ${request.reason}` : ''}`;
  const owner = errors.length === 0 ? stored.owner : errors.some((f) => f.owner === 'CODER') ? 'CODER' : 'BILLER';
  const change = { at, actor: request.actor, action: 'edit' as const, reason };
  const patch = { findings, reasonCategory: errors.length > 0 ? 'scrub_error' : AWAITING_APPROVAL };
  const next =
    stored.status === 'NEEDS_REVIEW'
      ? recordChange({ ...scrubbed, owner: owner === 'NONE' ? 'CODER' : owner }, change, patch)
      : changeStatus({ ...scrubbed, ...patch }, 'NEEDS_REVIEW', {
          ...change,
          owner: owner === 'NONE' ? 'CODER' : owner,
          reasonCategory: patch.reasonCategory,
        });
  const saved = await saveChange(ports.claims, next);
  // A claim that held its visit under the old codes no longer bills that visit key; approval reserves the new one.
  const oldKey = visitKeyOf(stored);
  if (oldKey && oldKey !== visitKeyOf(saved)) await ports.visits.release(oldKey, stored.id, at);
  if (request.approve && errors.length === 0) {
    const approved = await approveLoaded(
      saved,
      { actor: request.actor, ...(request.reason ? { reason: request.reason } : {}) },
      ports,
    );
    return { ...approved, changed };
  }
  return {
    outcome: errors.length > 0 ? 'needs_review' : 'edited',
    claim: saved,
    changed,
    errors,
    message:
      errors.length > 0
        ? `claim ${saved.id} changed (${changed.join(', ')}); ${errors.length} scrub error(s) remain: ${errors.map((f) => f.id).join(', ')}`
        : `claim ${saved.id} changed (${changed.join(', ')}) and scrubs clean; approve it to queue it`,
  };
}

async function correct(
  original: Claim,
  kind: Exclude<ClaimLinkKind, 'superseded' | 'void'>,
  request: EditRequest,
  ports: OperationsPorts,
): Promise<EditResult> {
  if (kind === 'replacement' && !original.payerClaimNumber)
    throw illegal(
      `claim ${original.id} is ${original.status} but has no payer claim number (277CA REF*1K or 835 CLP07), which a replacement claim must name in REF*F8; ask the payer for it`,
    );
  const { claim: content, changed } = applyChanges(original, request.changes);
  if (changed.length === 0) throw invalid(`nothing to change: a corrected claim must differ from claim ${original.id}`);
  const at = ports.clock.now().toISOString();
  const what = kind === 'replacement' ? 'replacement claim (frequency 7)' : 'new original claim (frequency 1)';
  const reason = `${kind === 'replacement' ? 'replaces' : 'resubmits'} claim ${original.id}: ${changed.join(', ')}${request.reason ? `: ${request.reason}` : ''}`;
  const fresh = followingClaim(original, content, kind, { at, actor: request.actor, reason });
  const { claim: created } = await ports.claims.create(fresh);
  await saveChange(
    ports.claims,
    changeStatus(
      original,
      'CORRECTED',
      {
        at,
        actor: request.actor,
        action: 'correct',
        reason: `${what} ${created.id}: ${changed.join(', ')}${request.reason ? `: ${request.reason}` : ''}`,
      },
      { replacedBy: { claimId: created.id, kind } },
    ),
  );
  await passVisit(original, created, ports.visits, at);
  const correctedOriginal = (await ports.claims.get(original.id)) ?? original;
  if (request.approve) {
    const approved = await approveLoaded(
      created,
      { actor: request.actor, ...(request.reason ? { reason: request.reason } : {}) },
      ports,
    );
    return { ...approved, changed, original: correctedOriginal };
  }
  const { findings, claim: scrubbed } = await ports.rescrub(created);
  const errors = findings.filter((f) => f.severity === 'error');
  const held = await saveChange(
    ports.claims,
    changeStatus({ ...scrubbed, findings }, 'NEEDS_REVIEW', {
      at,
      actor: request.actor,
      action: 'correct',
      reason:
        errors.length > 0
          ? `scrub errors ${errors.map((f) => f.id).join(', ')}`
          : 'corrected claim waiting for approval',
      owner: errors.some((f) => f.owner === 'CODER') ? 'CODER' : 'BILLER',
      reasonCategory: errors.length > 0 ? 'scrub_error' : AWAITING_APPROVAL,
    }),
  );
  return {
    outcome: errors.length > 0 ? 'needs_review' : 'edited',
    claim: held,
    original: correctedOriginal,
    changed,
    errors,
    message: `claim ${original.id} is CORRECTED by ${what} ${held.id}${errors.length > 0 ? `, which has ${errors.length} scrub error(s): ${errors.map((f) => f.id).join(', ')}` : '; approve it to send it'}`,
  };
}

function cannotEdit(claim: Claim): string {
  const base = `claim ${claim.id} is ${claim.status}${replacedText(claim)}`;
  switch (claim.status) {
    case 'SUBMITTED':
    case 'ACCEPTED':
      return `${base}: the payer has not adjudicated it yet, so there is nothing to correct; wait for its 277CA/835, or void it once it has a payer claim number`;
    case 'CORRECTED':
    case 'VOIDED':
      return `${base}: it no longer stands${claim.replacedBy ? `; change claim ${claim.replacedBy.claimId} instead` : ''}`;
    default:
      return `${base}: it cannot be changed in this status`;
  }
}
