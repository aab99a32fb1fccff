/**
 * An 835 applied. Quarantined whole (a work item with every reason, nothing posted) when it does not balance or
 * repeats a payment; otherwise written fact by fact, each idempotent: the check's payment record, each claim
 * payment under its payment key (the commit point: the same payment in another file is not posted again), each
 * unmatched payment with its work item (money kept), each PLB item on the provider ledger, then each claim's
 * payment or reversal event.
 */
import type { Claim } from '#core/claims/claim';
import { money } from '#core/remittance/claim-payment-posting';
import { payerKeyOf } from '#core/remittance/payment-key';
import type { ClaimForPosting } from '#core/remittance/posting-inputs';
import { planRemittancePosting } from '#core/remittance/posting-plan';
import { eventsFromPostPlan, type PaymentEvent, type ReversalEvent } from '#core/remittance/response-events';
import { readAllPages } from '#core/storage/page';
import type { ParsedRemittance } from '#core/x12/835/parse-835';
import { type ApplyContext, type Envelope, producedAtOf, type TransactionApplication } from './apply-response-file.ts';
import { mapBounded } from './bounded.ts';
import { claimPaymentRecordOf, paymentRecordOf, unmatchedPaymentRecordOf } from './ledger-records.ts';
import { recordEvents } from './record-events.ts';
import { isVoidClaim } from './settle-void.ts';

export async function applyRemittance(
  remittance: ParsedRemittance,
  envelope: Envelope | undefined,
  context: ApplyContext,
): Promise<TransactionApplication> {
  const { ports, fileId, now } = context;
  const payerKey = payerKeyOf(remittance);
  const traceNumber = remittance.trace.number;

  const claims = new Map<string, ClaimForPosting>();
  const voids = new Map<string, Claim>();
  await mapBounded([...new Set(remittance.claims.map((c) => c.patientControlNumber))], async (claimId) => {
    const claim = await ports.claims.get(claimId);
    if (claim) claims.set(claimId, claimForPosting(claim));
    if (claim && isVoidClaim(claim)) voids.set(claimId, claim);
  });
  // Payments of this check already posted, and from which file: this file's own (a retry completing it) post on.
  const posted = new Map(
    (await readAllPages((page) => ports.ledger.claimPaymentsForCheck(payerKey, traceNumber, page))).map((record) => [
      record.paymentKey,
      record.fileId,
    ]),
  );
  const plan = planRemittancePosting(remittance, {
    findClaim: (id) => claims.get(id),
    isPosted: (key) => posted.has(key) && posted.get(key) !== fileId,
    ...(ports.contracts ? { contracts: ports.contracts } : {}),
    clock: ports.clock,
  });

  if (plan.decision === 'quarantine') {
    const raised = await context.raise({
      id: `quarantined_remittance|${fileId}|${remittance.controlNumber}`,
      category: 'quarantined_remittance',
      owner: 'BILLER',
      reason: plan.workItem.reason,
      payerKey,
      traceNumber,
      amountCents: plan.remittance.totalPaidCents,
      details: plan.reasons.map((reason) => `${reason.code}: ${reason.message}`),
    });
    return {
      kind: '835',
      controlNumber: remittance.controlNumber,
      status: 'quarantined',
      outcome: `quarantined: ${plan.reasons.length} problem(s), nothing posted`,
      claimIds: [],
      workItems: raised ? 1 : 0,
    };
  }

  await ports.ledger.recordPayment(paymentRecordOf(plan, fileId, now));
  const ours = new Set<string>();
  await mapBounded(plan.claimPayments, async (payment) => {
    const outcome = await ports.ledger.postClaimPayment(claimPaymentRecordOf(plan, payment, fileId, now));
    // Lost to another file carrying the same payment at the same moment: that file records its event.
    if (outcome.posted || outcome.held.fileId === fileId) ours.add(payment.paymentKey);
  });
  let workItems = 0;
  for (const unmatched of plan.unmatched) {
    await ports.ledger.postClaimPayment(unmatchedPaymentRecordOf(plan, unmatched, fileId, now));
    const raised = await context.raise({
      id: `unmatched_remittance|${unmatched.paymentKey}`,
      category: 'unmatched_remittance',
      owner: 'BILLER',
      reason: unmatched.workItem.reason,
      paymentKey: unmatched.paymentKey,
      payerKey,
      traceNumber,
      amountCents: unmatched.paidCents,
    });
    if (raised) workItems += 1;
  }
  for (const entry of plan.providerLedger) {
    await ports.providerLedger.record({
      ...entry,
      payerKey,
      traceNumber,
      paymentDate: String(plan.remittance.paymentDate),
      fileId,
      recordedAt: now,
    });
  }
  const producedAt = producedAtOf(envelope);
  const events = eventsFromPostPlan(plan)
    .filter((event) => ours.has(event.key))
    .map((event) => reversalOfVoided(event, voids))
    .map((event) => (producedAt ? { ...event, producedAt } : event));
  workItems += await recordEvents(events, context);
  const postedCents = plan.claimPayments.filter((p) => ours.has(p.paymentKey)).reduce((sum, p) => sum + p.paidCents, 0);
  return {
    kind: '835',
    controlNumber: remittance.controlNumber,
    status: 'posted',
    outcome:
      `posted ${ours.size} claim payment(s) (${money(postedCents)}), ${plan.duplicates.length} already posted, ` +
      `${plan.unmatched.length} unmatched, ${plan.providerLedger.length} provider adjustment(s); check ${traceNumber} ${money(plan.remittance.totalPaidCents)}`,
    claimIds: [...new Set(events.map((e) => e.claimId))],
    postedCents,
    workItems,
  };
}

/**
 * Some payers answer a void (frequency 8) with the reversal under the void claim's own CLM01 (CLP01) rather than the
 * original's: it takes back the original's payment all the same, the one the void names in REF*F8, so it is the
 * original's event (settled there as the void asked, core/responses/settle-void). The ledger keeps the CLP as sent.
 */
function reversalOfVoided(
  event: PaymentEvent | ReversalEvent,
  voids: ReadonlyMap<string, Claim>,
): PaymentEvent | ReversalEvent {
  const voided = event.type === 'reversal' ? voids.get(event.claimId) : undefined;
  if (!voided?.replaces) return event;
  const { payerClaimNumber: _sent, ...rest } = event;
  return {
    ...rest,
    claimId: voided.replaces.claimId,
    ...(voided.originalClaimNumber ? { payerClaimNumber: voided.originalClaimNumber } : {}),
  };
}

/** Our claim as posting sees it (docs/posting.md, integration point 1). */
export function claimForPosting(claim: Claim): ClaimForPosting {
  const firstDate = claim.lines[0]?.serviceDate;
  return {
    id: claim.id,
    payerIds: claim.payer.payerId ? [claim.payer.payerId] : [],
    totalChargeCents: claim.totalChargeCents,
    ...(firstDate ? { serviceDate: firstDate } : {}),
    lines: claim.lines.map((line) => ({
      controlNumber: line.controlNumber,
      procedureCode: line.code,
      modifiers: [...line.modifiers],
      units: line.units,
      chargeCents: line.chargeCents,
      ...(line.serviceDate ? { serviceDate: line.serviceDate } : {}),
    })),
  };
}
