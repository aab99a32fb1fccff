/**
 * A 277CA applied: per claim (TRN02 = CLM01) accepted with the payer claim number, rejected with the STC reason,
 * or acknowledged; a claim we do not know is a work item.
 */
import { fromCompactDate } from '#core/kernel/calendar-date';
import { planClaimAcknowledgment } from '#core/remittance/claim-acknowledgment-plan';
import { eventsFromClaimAcknowledgment } from '#core/remittance/response-events';
import type { ClaimAcknowledgment } from '#core/x12/277ca/claim-acknowledgment';
import { type ApplyContext, type Envelope, producedAtOf, type TransactionApplication } from './apply-response-file.ts';
import { mapBounded } from './bounded.ts';
import { recordEvents } from './record-events.ts';

export async function applyClaimAcknowledgment(
  ack: ClaimAcknowledgment,
  envelope: Envelope | undefined,
  context: ApplyContext,
): Promise<TransactionApplication> {
  const known = new Set<string>();
  await mapBounded([...new Set(ack.claims.map((claim) => claim.patientControlNumber))], async (claimId) => {
    if (await context.ports.claims.get(claimId)) known.add(claimId);
  });
  const plan = planClaimAcknowledgment(ack, (claimId) => known.has(claimId));
  let workItems = 0;
  for (const unmatched of plan.unmatched) {
    const raised = await context.raise({
      id: `unmatched_acknowledgment|277CA|${plan.referenceId}|${unmatched.claimId}`,
      category: 'unmatched_acknowledgment',
      owner: 'BILLER',
      reason: unmatched.workItem.reason,
      details: [`patient control number ${unmatched.claimId}`],
    });
    if (raised) workItems += 1;
  }
  const at = fromCompactDate(ack.beginning.date) ?? context.now;
  const producedAt = producedAtOf(envelope);
  const events = eventsFromClaimAcknowledgment(plan, at).map((event) =>
    producedAt ? { ...event, producedAt } : event,
  );
  workItems += await recordEvents(events, context);
  const dispositions = new Map<string, number>();
  for (const decision of plan.decisions)
    dispositions.set(decision.disposition, (dispositions.get(decision.disposition) ?? 0) + 1);
  return {
    kind: '277CA',
    controlNumber: ack.controlNumber ?? plan.referenceId,
    status: 'applied',
    outcome: [...dispositions].map(([d, n]) => `${n} ${d}`).join(', ') || 'no claims',
    claimIds: [...new Set(events.map((e) => e.claimId))],
    workItems,
  };
}
