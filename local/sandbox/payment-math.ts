/**
 * Payments the payer makes after the first adjudication: a reversal (CLP02 22, every amount negated, same ICN),
 * the corrected re-adjudication (allowed amounts cut to the payer's correction percentage; the patient's share is
 * kept but never above the new allowed amount), a recoupment (PLB WO) and prompt-pay interest (PLB L6). Each
 * result balances by construction, like the first payment.
 */
import type { AdjustmentInput, ClaimPaymentInput, ServicePaymentInput } from '#core/x12/835/build-835';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import type { PayerData } from './payer-data.ts';

export function reversalOf(payment: ClaimPaymentInput): ClaimPaymentInput {
  const negate = (a: AdjustmentInput): AdjustmentInput => ({ ...a, amountCents: -a.amountCents });
  return {
    ...payment,
    status: '22',
    chargeCents: -payment.chargeCents,
    paidCents: -payment.paidCents,
    patientResponsibilityCents: -payment.patientResponsibilityCents,
    adjustments: payment.adjustments?.map(negate),
    lines: payment.lines.map((line) => ({
      ...line,
      chargeCents: -line.chargeCents,
      paidCents: -line.paidCents,
      allowedCents: line.allowedCents === undefined ? undefined : -line.allowedCents,
      adjustments: line.adjustments.map(negate),
    })),
  };
}

/**
 * The reversal a void asked for, as payers that answer under the void claim's own CLM01 write it: CLP01 and the line
 * control numbers (REF*6R) are the void claim's (it repeats the original's lines in order), CLP07 stays the ICN of
 * the payment taken back.
 */
export function underVoidClaim(reversal: ClaimPaymentInput, voidClaim: Claim837P): ClaimPaymentInput {
  return {
    ...reversal,
    patientControlNumber: voidClaim.id,
    lines: reversal.lines.map((line, i) => ({ ...line, lineControlNumber: voidClaim.lines[i]?.controlNumber })),
  };
}

function isDenied(line: ServicePaymentInput): boolean {
  return line.adjustments.some((a) => a.group === 'CO' && a.reason !== '45');
}

export function correctionOf(payment: ClaimPaymentInput, payer: PayerData, newIcn: string): ClaimPaymentInput {
  const lines = payment.lines.map((line): ServicePaymentInput => {
    if (isDenied(line) || line.allowedCents === undefined) return line;
    const allowed = Math.floor((line.allowedCents * payer.reAdjudication.allowedPercent) / 100);
    let room = allowed;
    const patient: AdjustmentInput[] = [];
    // Copay first, then deductible, then coinsurance: the order the benefits were applied in.
    for (const reason of ['3', '1', '2']) {
      for (const a of line.adjustments.filter((x) => x.group === 'PR' && x.reason === reason)) {
        const amount = Math.min(a.amountCents, room);
        room -= amount;
        if (amount > 0) patient.push({ ...a, amountCents: amount });
      }
    }
    const contractual = line.chargeCents - allowed;
    const adjustments: AdjustmentInput[] = [
      ...(contractual !== 0 ? [{ group: 'CO' as const, reason: '45', amountCents: contractual }] : []),
      ...patient,
    ];
    return { ...line, allowedCents: allowed, paidCents: room, adjustments };
  });
  return {
    ...payment,
    status: payment.status === '22' ? '1' : payment.status,
    payerClaimControlNumber: newIcn,
    paidCents: lines.reduce((n, l) => n + l.paidCents, 0),
    patientResponsibilityCents: lines
      .flatMap((l) => l.adjustments)
      .filter((a) => a.group === 'PR')
      .reduce((n, a) => n + a.amountCents, 0),
    lines,
  };
}

export function recoupmentAmount(payment: ClaimPaymentInput, payer: PayerData): number {
  return Math.floor((payment.paidCents * payer.recoupment.percentOfPaid) / 100);
}

/** Simple interest on the payment for the days it was late, at least one cent when anything was paid. */
export function interestAmount(payment: ClaimPaymentInput, payer: PayerData): number {
  if (payment.paidCents <= 0) return 0;
  const { annualRateBasisPoints, daysLate } = payer.interest;
  const interest = Math.round((payment.paidCents * annualRateBasisPoints * daysLate) / (10_000 * 365));
  return Math.max(1, interest);
}
