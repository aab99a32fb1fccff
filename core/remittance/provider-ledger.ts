/**
 * PLB provider-level adjustments (interest, recoupments, forwarding balances...) become provider ledger entries.
 * They belong to the provider's account with the payer, never to a claim: a recoupment's reference (PLB03-2) names
 * the claim it recovers for, but the money moves on the ledger. Reason codes are validated data
 * (data/provider-adjustment-reasons.json).
 */
import { z } from 'zod';
import { type CalendarDate, fromCompactDate } from '#core/kernel/calendar-date';
import type { Cents } from '#core/kernel/money';
import type { ProviderAdjustment } from '#core/x12/835/remittance';
import reasonsFile from './data/provider-adjustment-reasons.json' with { type: 'json' };

const KINDS = [
  'interest',
  'recoupment',
  'forward_balance',
  'penalty',
  'withholding',
  'incentive',
  'capitation',
  'other',
] as const;
export type ProviderAdjustmentKind = (typeof KINDS)[number];

const reasonFileSchema = z
  .object({
    kind: z.literal('provider-adjustment-reasons'),
    version: z.string().min(1),
    sources: z.array(z.string().min(3)).min(1),
    entries: z.array(
      z
        .object({
          code: z.string().regex(/^[0-9A-Z]{2}$/),
          description: z.string().min(3).max(120),
          kind: z.enum(KINDS),
        })
        .strict(),
    ),
  })
  .strict();

const reasons = new Map(reasonFileSchema.parse(reasonsFile).entries.map((entry) => [entry.code, entry]));

export interface ProviderLedgerEntry {
  /** Unique per payment: payer, trace number, PLB position and item index. */
  entryKey: string;
  providerId: string;
  fiscalPeriodDate: CalendarDate | string;
  reason: string;
  reasonDescription: string;
  kind: ProviderAdjustmentKind;
  /** PLB03-2, e.g. the payer claim number a recoupment is for. */
  referenceId?: string;
  /** As sent: positive reduces the payment (a recoupment), negative increases it (interest). */
  adjustmentCents: Cents;
  /** What it does to the deposit: the negation of the adjustment. */
  depositEffectCents: Cents;
}

export function providerLedgerEntries(
  paymentKey: string,
  providerAdjustments: readonly ProviderAdjustment[],
): ProviderLedgerEntry[] {
  const entries: ProviderLedgerEntry[] = [];
  for (const plb of providerAdjustments) {
    plb.adjustments.forEach((item, index) => {
      const reason = reasons.get(item.reason);
      entries.push({
        entryKey: `${paymentKey}|PLB${plb.position}.${index + 1}`,
        providerId: plb.providerId,
        fiscalPeriodDate: fromCompactDate(plb.fiscalPeriodDate) ?? plb.fiscalPeriodDate,
        reason: item.reason,
        reasonDescription: reason?.description ?? `Unmapped provider adjustment reason ${item.reason}`,
        kind: reason?.kind ?? 'other',
        ...(item.referenceId ? { referenceId: item.referenceId } : {}),
        adjustmentCents: item.amount,
        depositEffectCents: -item.amount,
      });
    });
  }
  return entries;
}
