/**
 * Remittances: the 835 as received (one item per transaction, keyed by payer and check/EFT trace number) and, on each
 * claim it pays, a posting item written before the claim is updated (the posting is the commit point; applying it
 * to the claim is idempotent, see docs/architecture.md "Writes that touch several items").
 */
import { claimPartition } from './claim-keys.ts';

export const remittanceKey = (payerId: string, traceNumber: string) => ({
  pk: `REMIT#${payerId}#${traceNumber}`,
  sk: 'REMIT',
});

export const claimPostingKey = (claimId: string, payerId: string, traceNumber: string) => ({
  pk: claimPartition(claimId),
  sk: `POSTING#${payerId}#${traceNumber}`,
});
