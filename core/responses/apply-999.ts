/**
 * A 999 applied: the group it acknowledges (AK1 GS06) is found among the interchanges we sealed, by the sender the
 * 999 is addressed to (its ISA08/ISA07, our ISA06/ISA05). The claims of each transaction set come from the
 * submission records and the claims' own submission evidence; the planner decides per claim, and each decision
 * becomes a response event on its claim. A group we have no record of is a work item: nobody can tell which claims
 * it means.
 */
import { fromCompactDate } from '#core/kernel/calendar-date';
import {
  planImplementationAcknowledgment,
  type SubmittedGroup,
} from '#core/remittance/implementation-acknowledgment-plan';
import { eventsFromImplementationAcknowledgment } from '#core/remittance/response-events';
import type { ImplementationAcknowledgment } from '#core/x12/999/implementation-acknowledgment';
import { type ApplyContext, type Envelope, producedAtOf, type TransactionApplication } from './apply-response-file.ts';
import { recordEvents } from './record-events.ts';

export async function applyImplementationAcknowledgment(
  ack: ImplementationAcknowledgment,
  envelope: Envelope | undefined,
  context: ApplyContext,
): Promise<TransactionApplication> {
  const group = await submittedGroup(ack, envelope, context);
  const plan = planImplementationAcknowledgment(ack, (number) =>
    group && group.groupControlNumber === number ? group : undefined,
  );
  let workItems = 0;
  if (plan.workItem) {
    const raised = await context.raise({
      id: `unmatched_acknowledgment|${context.fileId}|${ack.controlNumber}`,
      category: 'unmatched_acknowledgment',
      owner: 'BILLER',
      reason: plan.workItem.reason,
      details: [`GS06 ${ack.acknowledgedGroup.controlNumber}`, `AK9 ${ack.groupResponse.status}`],
    });
    if (raised) workItems += 1;
  }
  const at = (envelope && fromCompactDate(envelope.group.date)) ?? context.now;
  const producedAt = producedAtOf(envelope);
  const events = eventsFromImplementationAcknowledgment(plan, at).map((event) =>
    producedAt ? { ...event, producedAt } : event,
  );
  workItems += await recordEvents(events, context);
  return {
    kind: '999',
    controlNumber: ack.controlNumber,
    status: plan.workItem ? 'unmatched' : 'applied',
    outcome: plan.workItem ? 'unmatched_group' : `group ${plan.groupStatus}`,
    claimIds: [...new Set(events.map((e) => e.claimId))],
    workItems,
  };
}

async function submittedGroup(
  ack: ImplementationAcknowledgment,
  envelope: Envelope | undefined,
  context: ApplyContext,
): Promise<SubmittedGroup | undefined> {
  const number = Number(ack.acknowledgedGroup.controlNumber);
  if (!envelope || !Number.isSafeInteger(number)) return undefined;
  const { receiverQualifier, receiverId } = envelope.interchange;
  // The 999 is addressed to whoever sent the group: our ISA05/ISA06, named as the submission side names senders.
  const senderId = `${receiverQualifier.trim()}-${receiverId.trim().replace(/[^A-Za-z0-9.-]/g, '_')}`;
  const interchange = await context.ports.submissions.findInterchangeByGroup(senderId, number);
  if (!interchange?.sealed) return undefined;
  const { sealed } = interchange;
  const claimIds = sealed.claims.map((claim) => claim.claimId);
  let transactions: SubmittedGroup['transactions'];
  if (sealed.transactionControlNumbers.length === 1) {
    transactions = [{ controlNumber: sealed.transactionControlNumbers[0]!, claimIds }];
  } else {
    // Several sets in the group: each claim's submission evidence names its own.
    const bySet = new Map<string, string[]>(sealed.transactionControlNumbers.map((n) => [n, []]));
    for (const claimId of claimIds) {
      const claim = await context.ports.claims.get(claimId);
      const set = claim?.submission?.transactionControlNumber;
      if (set !== undefined) bySet.get(set)?.push(claimId);
    }
    transactions = [...bySet].map(([controlNumber, ids]) => ({ controlNumber, claimIds: ids }));
  }
  return { groupControlNumber: ack.acknowledgedGroup.controlNumber, functionalId: 'HC', transactions };
}
