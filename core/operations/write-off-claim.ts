/**
 * `claims write-off --reason`: the practice gives up on what is still owed on an adjudicated claim (a denial not worth
 * appealing, a small underpayment, a balance past timely filing). The claim is CLOSED with the write-off recorded:
 * who, when, why and, when given, the amount.
 */
import type { ActionResult } from './approve-claim.ts';
import { illegal, invalid } from './errors.ts';
import { loadClaim, replacedText } from './load-claim.ts';
import { dollars } from './money-text.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { changeStatus, saveChange } from './record-change.ts';
import { requiredText } from './text.ts';

export interface WriteOffRequest {
  claimId: string;
  actor: Actor;
  reason: string;
  /** The balance written off, in cents, when known. */
  amountCents?: number;
}

const WRITABLE = new Set(['PAID', 'PARTIALLY_PAID', 'DENIED', 'PAID_INCORRECTLY', 'REVERSED']);

export async function writeOffClaim(request: WriteOffRequest, ports: OperationsPorts): Promise<ActionResult> {
  const actor = checkActor(request.actor);
  const reason = requiredText(request.reason, 'reason', 500);
  if (request.amountCents !== undefined && (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0))
    throw invalid('the amount written off is a positive whole number of cents');
  const stored = await loadClaim(ports.claims, request.claimId);
  if (!WRITABLE.has(stored.status))
    throw illegal(
      `claim ${stored.id} is ${stored.status}${replacedText(stored)}: only an adjudicated claim with a balance (PAID, PARTIALLY_PAID, DENIED, PAID_INCORRECTLY, REVERSED) can be written off${stored.status === 'REJECTED' ? '; a rejected claim was never adjudicated: fix and resubmit it, or void it' : ''}`,
    );
  if (request.amountCents !== undefined && request.amountCents > stored.totalChargeCents)
    throw invalid(
      `${dollars(request.amountCents)} is more than the claim's charge of ${dollars(stored.totalChargeCents)}`,
    );
  const at = ports.clock.now().toISOString();
  const amount = request.amountCents === undefined ? '' : ` ${dollars(request.amountCents)}`;
  const saved = await saveChange(
    ports.claims,
    changeStatus(
      stored,
      'CLOSED',
      { at, actor, action: 'write_off', reason: `written off${amount}: ${reason}` },
      {
        writeOff: {
          reason,
          actor,
          at,
          ...(request.amountCents !== undefined ? { amountCents: request.amountCents } : {}),
        },
      },
    ),
  );
  return { claim: saved, message: `claim ${saved.id} written off${amount} and CLOSED` };
}
