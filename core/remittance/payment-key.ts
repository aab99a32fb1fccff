/**
 * The key that makes one claim payment post once, however many files carry it (a webhook and a mailbox, a
 * payer's resend): payer, check/EFT trace (TRN02), our claim (CLP01) and the payer's claim number (CLP07). A
 * reversal (CLP02 22) gets its own key: payers often reverse and re-adjudicate a claim under the same CLP07 in the
 * same file, and those are two different money movements.
 */
import type { ClaimPayment, Remittance } from '#core/x12/835/remittance';

/** Who paid: TRN03 (the payer's "1" + tax id), else the N1*PR id, else BPR10, else the payer's name. */
export function payerKeyOf(remittance: Pick<Remittance, 'trace' | 'payer' | 'payment'>): string {
  return (
    nonEmpty(remittance.trace.originatorId) ??
    nonEmpty(remittance.payer.id) ??
    nonEmpty(remittance.payment.originatingCompanyId) ??
    `name:${remittance.payer.name}`
  );
}

/** Every identifier the payer can be known by, for contract lookup. */
export function payerIdsOf(remittance: Pick<Remittance, 'trace' | 'payer' | 'payment'>): string[] {
  const ids = [remittance.trace.originatorId, remittance.payer.id, remittance.payment.originatingCompanyId]
    .map((id) => nonEmpty(id))
    .filter((id): id is string => id !== undefined);
  // TRN03 is "1" + the payer's tax id; contracts may name either.
  const trn03 = nonEmpty(remittance.trace.originatorId);
  if (trn03 && /^1\d{9}$/.test(trn03)) ids.push(trn03.slice(1));
  return [...new Set(ids)];
}

export function paymentKeyOf(payerKey: string, traceNumber: string, claim: ClaimPayment): string {
  const base = `${payerKey}|${traceNumber}|${claim.patientControlNumber}|${claim.payerClaimControlNumber ?? ''}`;
  return claim.status === '22' ? `${base}|reversal` : base;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
