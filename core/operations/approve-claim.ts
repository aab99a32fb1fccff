/**
 * `claims approve`: the reviewer accepts a claim waiting for review. It is scrubbed again with the same edit library
 * intake uses (the coding or configuration may have changed since); clean, it becomes READY and is queued exactly as
 * intake queues it (visit reservation, QUEUED, the submission message through the outbox). With errors it stays in
 * review with the fresh findings, and the refusal says which.
 */
import type { Claim } from '#core/claims/claim';
import { queueClaim } from '#core/pipeline/advance-claim';
import { CORRECTED_DOCUMENT, takeOverOnApproval } from '#core/pipeline/replace-earlier-claim';
import type { Finding } from '#core/scrubbing/finding';
import { illegal } from './errors.ts';
import { loadClaim, replacedText } from './load-claim.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { changeStatus, recordChange, saveChange } from './record-change.ts';

export interface ApproveRequest {
  claimId: string;
  actor: Actor;
  /** Why the reviewer approves (kept in the history). */
  reason?: string;
}

export interface ActionResult {
  claim: Claim;
  /** What happened, in a biller's words. */
  message: string;
}

export interface ApproveResult extends ActionResult {
  outcome: 'queued' | 'needs_review';
  /** The blocking findings when the claim stays in review. */
  errors: Finding[];
}

const APPROVABLE = new Set(['NEEDS_REVIEW', 'CODED']);

export async function approveClaim(request: ApproveRequest, ports: OperationsPorts): Promise<ApproveResult> {
  const actor = checkActor(request.actor);
  const stored = await loadClaim(ports.claims, request.claimId);
  if (!APPROVABLE.has(stored.status)) throw illegal(cannotApprove(stored));
  return approveLoaded(stored, { actor, ...(request.reason ? { reason: request.reason } : {}) }, ports);
}

/** Approval of a claim already loaded and known to be approvable (also the last step of `edit --approve`). */
export async function approveLoaded(
  stored: Claim,
  request: { actor: Actor; reason?: string },
  ports: OperationsPorts,
): Promise<ApproveResult> {
  const at = ports.clock.now().toISOString();
  const claim = await correctionOf(stored, request.actor, ports);
  const { findings, claim: repaired } = await ports.rescrub(claim);
  const errors = findings.filter((f) => f.severity === 'error');
  const scrubbed: Claim = { ...repaired, findings };
  if (errors.length > 0) {
    const reason = `not approved: scrub errors ${errors.map((f) => f.id).join(', ')}`;
    const change = { at, actor: request.actor, action: 'approve' as const, reason };
    const owner = errors.some((f) => f.owner === 'CODER') ? 'CODER' : 'BILLER';
    const next =
      scrubbed.status === 'CODED'
        ? changeStatus(scrubbed, 'NEEDS_REVIEW', { ...change, owner, reasonCategory: 'scrub_error' })
        : recordChange(scrubbed, change, { owner, reasonCategory: 'scrub_error' });
    const saved = await saveChange(ports.claims, next);
    return {
      outcome: 'needs_review',
      claim: saved,
      errors,
      message: `claim ${saved.id} stays in review: ${errors.length} scrub error(s) must be fixed first (${errors.map((f) => f.id).join(', ')})`,
    };
  }
  const { reviewReasons: _answered, ...withoutReasons } = scrubbed;
  const ready = await saveChange(
    ports.claims,
    changeStatus(withoutReasons, 'READY', {
      at,
      actor: request.actor,
      action: 'approve',
      reason: request.reason ? `approved: ${request.reason}` : 'approved after review',
    }),
  );
  const queued = await queueClaim(ready, ports, request.actor);
  if (queued.status !== 'QUEUED') {
    return {
      outcome: 'needs_review',
      claim: queued,
      errors: [],
      message: `claim ${queued.id} was approved but not queued: ${queued.lastEvent.reason ?? queued.reasonCategory ?? 'see its history'}`,
    };
  }
  return {
    outcome: 'queued',
    claim: queued,
    errors: [],
    message: `claim ${queued.id} approved and queued for submission`,
  };
}

/**
 * A later document waiting to correct an earlier claim (`corrected_document`) goes out as that claim's correction
 * once the earlier one can take it (replacement, new original, or superseding); until then approval is refused and
 * nothing changes.
 */
async function correctionOf(stored: Claim, actor: string, ports: OperationsPorts): Promise<Claim> {
  if (stored.reasonCategory !== CORRECTED_DOCUMENT || stored.replaces) return stored;
  const taken = await takeOverOnApproval(stored, ports, actor);
  if (taken.kind === 'waiting')
    throw illegal(`claim ${stored.id} cannot go out yet as the corrected claim of this visit: ${taken.reason}`);
  return taken.claim;
}

function cannotApprove(claim: Claim): string {
  const base = `claim ${claim.id} is ${claim.status}${replacedText(claim)}: only a claim waiting for review (NEEDS_REVIEW) can be approved`;
  switch (claim.status) {
    case 'READY':
    case 'QUEUED':
    case 'SUBMITTED':
    case 'ACCEPTED':
      return `${base}; it is already on its way to the payer`;
    case 'REJECTED':
      return `${base}; fix it with \`claims recode\`, which resubmits it as a new original claim`;
    case 'CORRECTED':
    case 'VOIDED':
      return `${base}; it no longer stands`;
    default:
      return `${base}; the payer has adjudicated it: correct it with \`claims recode\` (a replacement claim) or \`claims void\``;
  }
}
