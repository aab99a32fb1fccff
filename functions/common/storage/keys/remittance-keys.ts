/**
 * The remittance ledger on the ClaimFlow table. A check/EFT (one 835 transaction) is a partition,
 * `REMIT#<payerKey>#<trace>`, holding the payment record (`REMIT`), each claim payment (`CLP#<paymentKey>`, the
 * commit point of posting it, written with a condition) and each provider ledger entry (`PLB#<entryKey>`, likewise).
 * A claim payment's copy on the claim's partition (`CLAIM#<id>` / `POSTING#<paymentKey>`) and a ledger entry's copy
 * on the provider's (`PROVIDER#<id>` / `PLB#<fiscal date>#<entryKey>`) are derived and written after the commit
 * point with deterministic keys, so a crash between the two is completed by the next attempt (see
 * docs/architecture.md "Writes that touch several items"). Keys carry payer ids, trace numbers and claim ids only.
 */
import { claimPartition } from './claim-keys.ts';

export const checkPartition = (payerKey: string, traceNumber: string) => `REMIT#${payerKey}#${traceNumber}`;

export const remittanceKey = (payerKey: string, traceNumber: string) => ({
  pk: checkPartition(payerKey, traceNumber),
  sk: 'REMIT',
});

export const CHECK_CLAIM_PAYMENT_PREFIX = 'CLP#';
export const checkClaimPaymentKey = (payerKey: string, traceNumber: string, paymentKey: string) => ({
  pk: checkPartition(payerKey, traceNumber),
  sk: `${CHECK_CLAIM_PAYMENT_PREFIX}${paymentKey}`,
});

export const CLAIM_POSTING_PREFIX = 'POSTING#';
export const claimPostingKey = (claimId: string, paymentKey: string) => ({
  pk: claimPartition(claimId),
  sk: `${CLAIM_POSTING_PREFIX}${paymentKey}`,
});

export const CHECK_PROVIDER_ENTRY_PREFIX = 'PLB#';
export const checkProviderEntryKey = (payerKey: string, traceNumber: string, entryKey: string) => ({
  pk: checkPartition(payerKey, traceNumber),
  sk: `${CHECK_PROVIDER_ENTRY_PREFIX}${entryKey}`,
});

export const providerPartition = (providerId: string) => `PROVIDER#${providerId}`;
export const PROVIDER_ENTRY_PREFIX = 'PLB#';
export const providerEntryKey = (providerId: string, fiscalPeriodDate: string, entryKey: string) => ({
  pk: providerPartition(providerId),
  sk: `${PROVIDER_ENTRY_PREFIX}${fiscalPeriodDate}#${entryKey}`,
});
