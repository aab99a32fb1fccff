/**
 * What `claims show` lists as a claim's acknowledgments and payments, read from what response processing keeps: the
 * claim's response events (each 999 and 277CA verdict) and the remittance ledger's postings to the claim (each 835
 * payment or reversal with its adjustments, in the mapping's words).
 */
import { denialMapping } from '#core/denials/mapping';
import type { ClaimResponseEvents } from '#core/storage/claim-response-events';
import { readAllPages } from '#core/storage/page';
import type { RemittanceLedger } from '#core/storage/remittance-ledger';
import type { AcknowledgmentView, ClaimResponsesReader, PaymentView } from './ports.ts';

export function claimResponsesFrom(stores: {
  events: Pick<ClaimResponseEvents, 'list'>;
  ledger: Pick<RemittanceLedger, 'claimPaymentsForClaim'>;
}): ClaimResponsesReader {
  return {
    async forClaim(claimId) {
      const events = await stores.events.list(claimId);
      const acknowledgments: AcknowledgmentView[] = events.flatMap((event): AcknowledgmentView[] => {
        if (event.type === 'syntax_ack')
          return [{ at: event.at, kind: '999', disposition: event.verdict, reason: event.reason }];
        if (event.type === 'claim_ack')
          return [
            {
              at: event.at,
              kind: '277CA',
              disposition: event.disposition,
              reason: event.reason,
              ...(event.payerClaimNumber ? { payerClaimNumber: event.payerClaimNumber } : {}),
            },
          ];
        return [];
      });
      const carc = denialMapping().carc;
      const postings = await readAllPages((page) => stores.ledger.claimPaymentsForClaim(claimId, page));
      const payments: PaymentView[] = postings.map((p) => ({
        at: p.paymentDate,
        ...(p.payerClaimNumber ? { payerClaimNumber: p.payerClaimNumber } : {}),
        status: p.kind === 'reversal' ? 'REVERSAL' : (p.claimStatus ?? `CLP02 ${p.claimStatusCode}`),
        chargeCents: p.chargeCents,
        paidCents: p.paidCents,
        patientResponsibilityCents: p.patientShare.totalCents,
        adjustments: p.adjustments.map((a) => {
          const description = carc.get(a.reason)?.description;
          return {
            group: a.group,
            reason: a.reason,
            amountCents: a.amountCents,
            ...(a.line !== undefined ? { line: a.line } : {}),
            ...(description ? { description } : {}),
          };
        }),
        remarks: [...new Set([...p.remarkCodes, ...p.lines.flatMap((l) => l.remarkCodes)])],
      }));
      return { acknowledgments, payments };
    },
  };
}
