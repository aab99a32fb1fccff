/**
 * Every operator action is a new claim version with its event: a status change goes through the state machine, any
 * other change (an edit, an assignment, a note) is an event whose status stays the same. Both carry who acted, the
 * action and why, and are saved with the store's optimistic concurrency, so a claim changed meanwhile (by the
 * pipeline, a response, another operator) refuses the action instead of overwriting what changed.
 */
import type { Claim, ClaimAction, ClaimStatus, NextActionOwner } from '#core/claims/claim';
import { transition } from '#core/claims/state-machine';
import type { ClaimStore } from '#core/storage/claim-store';
import { VersionConflictError } from '#core/storage/errors';
import { OperationError } from './errors.ts';

export interface ChangeRequest {
  at: string;
  actor: string;
  action: ClaimAction;
  reason?: string;
  note?: string;
}

/** A change that keeps the status: the next version, its event from and to the same status. */
export function recordChange(claim: Claim, change: ChangeRequest, patch: Partial<Claim> = {}): Claim {
  const version = claim.version + 1;
  return {
    ...claim,
    ...patch,
    version,
    lastEvent: {
      version,
      at: change.at,
      from: claim.status,
      to: claim.status,
      actor: change.actor,
      action: change.action,
      ...(change.reason ? { reason: change.reason } : {}),
      ...(change.note ? { note: change.note } : {}),
    },
  };
}

/** A status change through the state machine, with the operator action on its event. */
export function changeStatus(
  claim: Claim,
  to: ClaimStatus,
  change: ChangeRequest & { owner?: NextActionOwner; reasonCategory?: string },
  patch: Partial<Claim> = {},
): Claim {
  const next = transition(
    { ...claim, ...patch },
    {
      to,
      at: change.at,
      actor: change.actor,
      ...(change.reason ? { reason: change.reason } : {}),
      ...(change.owner ? { owner: change.owner } : {}),
      ...(change.reasonCategory ? { reasonCategory: change.reasonCategory } : {}),
    },
  );
  return {
    ...next,
    lastEvent: { ...next.lastEvent, action: change.action, ...(change.note ? { note: change.note } : {}) },
  };
}

/** Saves a version computed from the stored claim; a concurrent change becomes a clear conflict. */
export async function saveChange(claims: Pick<ClaimStore, 'save'>, next: Claim): Promise<Claim> {
  try {
    await claims.save(next);
    return next;
  } catch (error) {
    if (error instanceof VersionConflictError)
      throw new OperationError(
        'conflict',
        `claim ${next.id} changed while this action was being made (it is no longer at version ${next.version - 1}); show it again and retry`,
      );
    throw error;
  }
}
