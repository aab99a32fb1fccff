/**
 * `claims void`: the claim must not be paid. Never sent (or rejected before adjudication): it becomes VOIDED and frees
 * its visit, so a corrected claim can bill it. Known to the payer (it has the payer's claim number): a void claim
 * (frequency 8, the original's lines, REF*F8) is queued at once, the visit passes to it, and the original links to it;
 * a denied or underpaid original becomes CORRECTED, a paid or accepted one waits for the payer's reversal.
 */
import type { Claim } from '#core/claims/claim';
import { queueClaim } from '#core/pipeline/advance-claim';
import { releaseVisitOfVoidedClaim } from '#core/pipeline/release-visit';
import type { ActionResult } from './approve-claim.ts';
import { followingClaim, passVisit } from './corrected-claim.ts';
import { illegal } from './errors.ts';
import { loadClaim, refuseWhileQueued, replacedText } from './load-claim.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { changeStatus, recordChange, saveChange } from './record-change.ts';
import { requiredText } from './text.ts';

export interface VoidRequest {
  claimId: string;
  actor: Actor;
  reason: string;
}

export interface VoidResult extends ActionResult {
  outcome: 'voided' | 'void_claim_queued';
  /** The frequency-8 claim sent to the payer, when the original was known to it. */
  voidClaim?: Claim;
}

const UNSENT = new Set(['CODED', 'NEEDS_REVIEW', 'READY', 'REJECTED']);
const WITH_PAYER = new Set(['ACCEPTED', 'PAID', 'PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY', 'REVERSED', 'CLOSED']);
/** Originals a void retires at once; a paid, closed or accepted one keeps its status until the payer reverses it. */
const RETIRED_BY_VOID = new Set(['PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY', 'REVERSED']);

export async function voidClaim(request: VoidRequest, ports: OperationsPorts): Promise<VoidResult> {
  const actor = checkActor(request.actor);
  const reason = requiredText(request.reason, 'reason', 500);
  const stored = await loadClaim(ports.claims, request.claimId);
  refuseWhileQueued(stored, 'voided');
  const at = ports.clock.now().toISOString();
  if (UNSENT.has(stored.status)) {
    const voided = await saveChange(
      ports.claims,
      changeStatus(stored, 'VOIDED', { at, actor, action: 'void', reason: `voided: ${reason}` }),
    );
    await releaseVisitOfVoidedClaim(voided, ports);
    return { outcome: 'voided', claim: voided, message: `claim ${voided.id} voided; its visit can be billed again` };
  }
  if (!WITH_PAYER.has(stored.status)) throw illegal(cannotVoid(stored));
  if (!stored.payerClaimNumber)
    throw illegal(
      `claim ${stored.id} is ${stored.status} but has no payer claim number (277CA REF*1K or 835 CLP07), which a void claim must name in REF*F8`,
    );
  const fresh = followingClaim(stored, stored, 'void', { at, actor, reason: `voids claim ${stored.id}: ${reason}` });
  const { claim: created } = await ports.claims.create(fresh);
  const link = { replacedBy: { claimId: created.id, kind: 'void' as const } };
  const change = { at, actor, action: 'void' as const, reason: `void claim ${created.id} sent: ${reason}` };
  const original = await saveChange(
    ports.claims,
    RETIRED_BY_VOID.has(stored.status)
      ? changeStatus(stored, 'CORRECTED', change, link)
      : recordChange(stored, change, link),
  );
  await passVisit(stored, created, ports.visits, at);
  // A void repeats what the payer already has: it is not scrubbed or reviewed again, only sent.
  const ready =
    created.status === 'CODED'
      ? await saveChange(
          ports.claims,
          changeStatus(created, 'READY', { at, actor, action: 'void', reason: `void of claim ${stored.id}` }),
        )
      : created;
  const queued = await queueClaim(ready, ports, actor);
  return {
    outcome: 'void_claim_queued',
    claim: original,
    voidClaim: queued,
    message: `void claim ${queued.id} (frequency 8, REF*F8 ${stored.payerClaimNumber}) is ${queued.status}; claim ${original.id} is ${original.status}`,
  };
}

function cannotVoid(claim: Claim): string {
  const base = `claim ${claim.id} is ${claim.status}${replacedText(claim)}`;
  if (claim.status === 'SUBMITTED')
    return `${base}: wait for its 277CA; a void claim (frequency 8) must name the payer's claim number, which the 277CA brings`;
  return `${base}: it no longer stands, there is nothing to void`;
}
