/** Posting plan entries as remittance ledger records: ids, codes and amounts only (no names or member ids). */

import type { ClaimPaymentPosting } from '#core/remittance/claim-payment-posting';
import type { PostPlan, UnmatchedClaimPayment } from '#core/remittance/posting-plan';
import type { ClaimPaymentRecord, LedgerAdjustment, RemittancePaymentRecord } from '#core/storage/remittance-ledger';

export function paymentRecordOf(plan: PostPlan, fileId: string, at: string): RemittancePaymentRecord {
  const { remittance, totals } = plan;
  return {
    payerKey: remittance.payerKey,
    payerName: remittance.payerName,
    traceNumber: remittance.traceNumber,
    paymentMethod: remittance.paymentMethod,
    paymentDate: String(remittance.paymentDate),
    totalPaidCents: remittance.totalPaidCents,
    controlNumber: remittance.controlNumber,
    claimPaymentCount: remittance.claimPaymentCount,
    postedToClaimsCents: totals.postedToClaimsCents,
    unmatchedCents: totals.unmatchedCents,
    alreadyPostedCents: totals.alreadyPostedCents,
    providerLedgerEffectCents: totals.providerLedgerEffectCents,
    fileId,
    recordedAt: at,
  };
}

export function claimPaymentRecordOf(
  plan: PostPlan,
  posting: ClaimPaymentPosting,
  fileId: string,
  at: string,
): ClaimPaymentRecord {
  const adjustments: LedgerAdjustment[] = posting.adjustments.map((adjustment) => ({
    group: adjustment.group,
    reason: adjustment.reason,
    amountCents: adjustment.amountCents,
    ...(adjustment.quantity === undefined ? {} : { quantity: adjustment.quantity }),
    ...(adjustment.lineIndex === undefined ? {} : { line: adjustment.lineIndex }),
  }));
  return {
    paymentKey: posting.paymentKey,
    payerKey: plan.remittance.payerKey,
    traceNumber: plan.remittance.traceNumber,
    paymentDate: String(plan.remittance.paymentDate),
    claimId: posting.claimId,
    patientControlNumber: posting.claimId,
    ...(posting.payerClaimControlNumber ? { payerClaimNumber: posting.payerClaimControlNumber } : {}),
    claimStatusCode: posting.claimStatusCode,
    kind: posting.kind === 'reversal' ? 'reversal' : 'payment',
    outcome: posting.outcome.kind,
    ...(posting.outcome.claimStatus ? { claimStatus: posting.outcome.claimStatus } : {}),
    chargeCents: posting.chargeCents,
    paidCents: posting.paidCents,
    allowedCents: posting.allowedCents,
    patientShare: { ...posting.patientShare },
    adjustments,
    remarkCodes: posting.remarks.map((remark) => remark.code),
    lines: posting.lines.map((line) => ({
      ...(line.lineControlNumber ? { controlNumber: line.lineControlNumber } : {}),
      procedureCode: line.procedureCode,
      modifiers: [...line.modifiers],
      chargeCents: line.chargeCents,
      paidCents: line.paidCents,
      allowedCents: line.allowedCents,
      ...(line.units === undefined ? {} : { units: line.units }),
      ...(line.serviceDate ? { serviceDate: String(line.serviceDate) } : {}),
      remarkCodes: line.remarks.map((remark) => remark.code),
    })),
    fileId,
    postedAt: at,
  };
}

export function unmatchedPaymentRecordOf(
  plan: PostPlan,
  unmatched: UnmatchedClaimPayment,
  fileId: string,
  at: string,
): ClaimPaymentRecord {
  return {
    paymentKey: unmatched.paymentKey,
    payerKey: plan.remittance.payerKey,
    traceNumber: plan.remittance.traceNumber,
    paymentDate: String(plan.remittance.paymentDate),
    patientControlNumber: unmatched.patientControlNumber,
    ...(unmatched.payerClaimControlNumber ? { payerClaimNumber: unmatched.payerClaimControlNumber } : {}),
    claimStatusCode: unmatched.claimStatusCode,
    kind: 'unmatched',
    chargeCents: unmatched.chargeCents,
    paidCents: unmatched.paidCents,
    patientShare: { totalCents: 0, deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, otherCents: 0 },
    adjustments: [],
    remarkCodes: [],
    lines: [],
    fileId,
    postedAt: at,
  };
}
