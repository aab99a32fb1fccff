/**
 * The rounds the posting benchmarks post (posting-apply, posting-apply-twin): `PAYMENTS` claims of their own per
 * round, SUBMITTED with two lines each, and the 835 paying them (paid, patient share, denied), built with the shared
 * response fixtures. Each round has its own trace number and claim ids, so rounds never collide.
 */
import { type ApplyResponsePorts, applyResponseFile } from '#core/responses/apply-response-file';
import type { ClaimStore } from '#core/storage/claim-store';
import { build835 } from '#core/x12/835/build-835';
import { claimPayment, remittanceInput, responseEnvelope, servicePayment } from '#test/support/x12-response-fixtures';
import { newClaim } from '../test/unit/storage/conformance/claim-fixture.ts';

export const PAYMENTS = 250;

/** Round `r`'s claims (SUBMITTED, two lines) and the 835 paying them: paid, patient share, partial and denied. */
export function roundOf(side: string, r: number) {
  const claims = Array.from({ length: PAYMENTS }, (_, i) => {
    const base = newClaim({ memberId: `M${side}${r}-${i}` });
    const id = `B${side}${r}X${String(i).padStart(5, '0')}`;
    return {
      ...base,
      id,
      status: 'SUBMITTED' as const,
      owner: 'PAYER' as const,
      lines: base.lines.map((line, j) => ({ ...line, controlNumber: `${id}-${j + 1}`, serviceDate: '2026-11-02' })),
      lastEvent: { ...base.lastEvent, to: 'SUBMITTED' as const },
    };
  });
  const payments = claims.map((claim, i) => {
    const line = claim.lines[0]!;
    const kind = i % 4;
    const allowed = Math.floor(line.chargeCents * 0.7);
    const svc = servicePayment({
      code: line.code,
      chargeCents: line.chargeCents,
      serviceDate: '2026-11-02',
      lineControlNumber: line.controlNumber,
      ...(kind === 3
        ? { paidCents: 0, allowedCents: 0, adjustments: [{ group: 'CO', reason: '50', amountCents: line.chargeCents }] }
        : {
            paidCents: allowed - (kind === 1 ? 2_000 : 0),
            allowedCents: allowed,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: line.chargeCents - allowed },
              ...(kind === 1 ? [{ group: 'PR' as const, reason: '3', amountCents: 2_000 }] : []),
            ],
          }),
    });
    return claimPayment({
      patientControlNumber: claim.id,
      status: kind === 3 ? '4' : '1',
      payerClaimControlNumber: `ICN${side}${r}-${i}`,
      patient: { lastName: 'BENCH', firstName: 'PAT', memberId: `M${i}` },
      lines: [svc],
    });
  });
  const x12 = build835(
    remittanceInput(payments, {
      payment: {
        method: 'ACH',
        date: '2026-11-20',
        traceNumber: `EFT${side}${r}`,
        payerBank: { routingNumber: '011000015', accountNumber: '1' },
        payeeBank: { routingNumber: '021000021', accountNumber: '2' },
      },
    }),
    responseEnvelope(r + 1, new Date('2026-11-20T10:00:00Z')),
  ).text;
  return { claims, x12 };
}

/**
 * Stores round `r`'s claims (not timed), then posts its 835 with applyResponseFile in process and checks it posted;
 * seconds spent posting.
 */
export async function postRound(
  side: string,
  r: number,
  ports: ApplyResponsePorts,
  claims: Pick<ClaimStore, 'create'>,
): Promise<number> {
  const round = roundOf(side, r);
  for (const claim of round.claims) await claims.create(claim);
  const started = performance.now();
  const result = await applyResponseFile({ body: round.x12, source: { key: `bench/${side}${r}.x12` } }, ports);
  const seconds = (performance.now() - started) / 1000;
  if (result.kind !== 'applied' || result.summary.transactions[0]?.status !== 'posted')
    throw new Error(`bench 835 must post: ${JSON.stringify(result).slice(0, 300)}`);
  return seconds;
}
