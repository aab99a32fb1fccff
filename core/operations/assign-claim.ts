/**
 * `claims assign --to`: hand a claim to a queue (CODER, BILLER, PATIENT, PAYER: it moves to that owner's work queue)
 * or to a person within its queue (recorded as its assignee; `--to nobody` clears it).
 */
import type { Claim, NextActionOwner } from '#core/claims/claim';
import type { ActionResult } from './approve-claim.ts';
import { illegal, invalid } from './errors.ts';
import { loadClaim, refuseWhileQueued, replacedText } from './load-claim.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { recordChange, saveChange } from './record-change.ts';
import { optionalText } from './text.ts';

export interface AssignRequest {
  claimId: string;
  actor: Actor;
  /** An owner queue (CODER, BILLER, PATIENT, PAYER), a person, or `nobody` to clear the assignee. */
  to: string;
  reason?: string;
}

const QUEUES = new Set<NextActionOwner>(['CODER', 'BILLER', 'PATIENT', 'PAYER']);
const PERSON = /^[\w.@+-][\w.@+ -]{0,79}$/;

export async function assignClaim(request: AssignRequest, ports: OperationsPorts): Promise<ActionResult> {
  const actor = checkActor(request.actor);
  const reason = optionalText(request.reason, 'reason', 500);
  const to = typeof request.to === 'string' ? request.to.trim() : '';
  const stored = await loadClaim(ports.claims, request.claimId);
  refuseWhileQueued(stored, 'assigned');
  if (stored.status === 'CORRECTED' || stored.status === 'VOIDED')
    throw illegal(
      `claim ${stored.id} is ${stored.status}${replacedText(stored)}: it no longer stands, nobody works it`,
    );
  const at = ports.clock.now().toISOString();
  const queue = to.toUpperCase() as NextActionOwner;
  let patch: Partial<Claim>;
  let what: string;
  if (QUEUES.has(queue)) {
    if (queue === stored.owner) throw invalid(`claim ${stored.id} is already in the ${queue} queue`);
    patch = { owner: queue };
    what = `to the ${queue} queue`;
  } else if (to.toLowerCase() === 'nobody') {
    if (stored.assignee === undefined) throw invalid(`claim ${stored.id} is assigned to nobody already`);
    const { assignee: _cleared, ...rest } = stored;
    const next = recordChange(rest, { at, actor, action: 'assign', reason: withReason('assignee cleared', reason) });
    const saved = await saveChange(ports.claims, next);
    return { claim: saved, message: `claim ${saved.id} is assigned to nobody` };
  } else {
    if (!PERSON.test(to))
      throw invalid(
        '--to is CODER, BILLER, PATIENT, PAYER, nobody, or a person (1-80 letters, digits, spaces or . @ + - _)',
      );
    if (to === stored.assignee) throw invalid(`claim ${stored.id} is assigned to ${to} already`);
    patch = { assignee: to };
    what = `to ${to}`;
  }
  const saved = await saveChange(
    ports.claims,
    recordChange(stored, { at, actor, action: 'assign', reason: withReason(`assigned ${what}`, reason) }, patch),
  );
  return { claim: saved, message: `claim ${saved.id} assigned ${what}` };
}

function withReason(text: string, reason: string | undefined): string {
  return reason ? `${text}: ${reason}` : text;
}
