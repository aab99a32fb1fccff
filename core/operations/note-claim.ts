/** `claims note`: a note in the claim's timeline (a call to the payer, what the patient said), with who wrote it. */
import type { ActionResult } from './approve-claim.ts';
import { loadClaim, refuseWhileQueued } from './load-claim.ts';
import { type Actor, checkActor, type OperationsPorts } from './ports.ts';
import { recordChange, saveChange } from './record-change.ts';
import { requiredText } from './text.ts';

export interface NoteRequest {
  claimId: string;
  actor: Actor;
  text: string;
}

export const MAX_NOTE_LENGTH = 2000;

export async function noteClaim(request: NoteRequest, ports: OperationsPorts): Promise<ActionResult> {
  const actor = checkActor(request.actor);
  const note = requiredText(request.text, 'note', MAX_NOTE_LENGTH);
  const stored = await loadClaim(ports.claims, request.claimId);
  refuseWhileQueued(stored, 'noted');
  const at = ports.clock.now().toISOString();
  // The note is kept on the event only; the event's reason says a note was added, never what it says.
  const saved = await saveChange(
    ports.claims,
    recordChange(stored, { at, actor, action: 'note', reason: 'note added', note }),
  );
  return { claim: saved, message: `note added to claim ${saved.id}` };
}
