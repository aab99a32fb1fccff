/**
 * Every shared 835 sample (../shared/data/x12/835, other hands' files), applied through applyResponseFile with our
 * side knowing every claim it names: each file is applied or kept as unreadable with a work item; each 835 in it is
 * posted whole (each claim payment exactly once in the ledger, Σ posted + PLB effect = BPR02, each claim in the
 * status its payment says) or quarantined whole (nothing in the ledger, one work item with every reason). Never half
 * posted, and never posted twice.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { payerKeyOf } from '#core/remittance/payment-key';
import { readAllPages } from '#core/storage/page';
import type { ParsedRemittance } from '#core/x12/835/parse-835';
import { readTypedX12 } from '#core/x12/typed';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { newClaim } from '../storage/conformance/claim-fixture.ts';
import { postingWorld } from './posting-harness.ts';

/** A SUBMITTED claim of ours for one CLP loop, its lines rebuilt from the service payments (REF*6R kept). */
function ourClaimFor(payment: ParsedRemittance['claims'][number]): Claim {
  const base = newClaim();
  const lines = payment.lines.map((line, i) => ({
    ...base.lines[0]!,
    code: (line.originalProcedure ?? line.procedure).code,
    modifiers: (line.originalProcedure ?? line.procedure).modifiers,
    units: line.units ?? 1,
    chargeCents: line.chargeAmount,
    controlNumber:
      line.references.find((r) => r.qualifier === '6R')?.value ?? `${payment.patientControlNumber}-${i + 1}`,
  }));
  return {
    ...base,
    id: payment.patientControlNumber,
    lines,
    totalChargeCents: payment.chargeAmount,
    status: 'SUBMITTED',
    owner: 'PAYER',
    lastEvent: { ...base.lastEvent, to: 'SUBMITTED' },
  };
}

const FILES = (() => {
  try {
    return readdirSync(sharedData('x12', '835')).sort();
  } catch {
    return [];
  }
})();

describeWithSharedData('applying every shared 835 sample', ['x12', '835'], () => {
  const outcomes: string[] = [];

  it.each(FILES)('%s: applied whole (posted or quarantined) or kept as unreadable', async (file) => {
    const x12 = readFileSync(sharedData('x12', '835', file), 'utf8');
    const world = postingWorld();
    let remittances: ParsedRemittance[] = [];
    try {
      remittances = readTypedX12(x12).transactions.flatMap((t) => (t.kind === '835' ? [t.remittance] : []));
    } catch {
      // Strictly unreadable: applyResponseFile must say so and keep it.
    }
    for (const remittance of remittances)
      for (const payment of remittance.claims) await world.stores.claims.create(ourClaimFor(payment));

    const result = await world.apply({ id: file, kind: '835', x12 }, 'mailbox');

    if (remittances.length === 0) {
      expect(result).toMatchObject({ kind: 'unreadable' });
      const items = (await world.stores.workItems.listOpen()).items;
      expect(items).toMatchObject([{ category: 'unreadable_response', rawKey: `responses/raw/${file}.x12` }]);
      outcomes.push('unreadable');
      return;
    }
    expect(result.kind).toBe('applied');
    if (result.kind !== 'applied') return;
    expect(result.summary.transactions).toHaveLength(remittances.length);
    for (const [index, remittance] of remittances.entries()) {
      const applied = result.summary.transactions[index]!;
      const payerKey = payerKeyOf(remittance);
      const ledger = await readAllPages((p) =>
        world.stores.ledger.claimPaymentsForCheck(payerKey, remittance.trace.number, p),
      );
      outcomes.push(applied.status);
      if (applied.status === 'quarantined') {
        // Nothing of it in the ledger (unless another 835 of the file, posted, pays under the same check).
        const sharesCheck = remittances.some(
          (other) =>
            other !== remittance && payerKeyOf(other) === payerKey && other.trace.number === remittance.trace.number,
        );
        if (!sharesCheck) expect(ledger).toEqual([]);
        const item = (await world.stores.workItems.listOpen()).items.find(
          (i) => i.category === 'quarantined_remittance' && i.id.endsWith(`|${remittance.controlNumber}`),
        );
        expect(item?.details?.length).toBeGreaterThan(0);
        continue;
      }
      expect(applied.status).toBe('posted');
      const mine = ledger.filter((r) =>
        remittance.claims.some((c) => c.patientControlNumber === r.patientControlNumber),
      );
      expect(mine.length).toBeGreaterThanOrEqual(remittance.claims.length);
      const providerEffect = (
        await readAllPages((p) => world.stores.providerLedger.entriesForCheck(payerKey, remittance.trace.number, p))
      ).reduce((n, e) => n + e.depositEffectCents, 0);
      const sameCheck = remittances.filter(
        (r) => payerKeyOf(r) === payerKey && r.trace.number === remittance.trace.number,
      );
      if (sameCheck.length === 1) {
        expect(ledger.reduce((n, r) => n + r.paidCents, 0) + providerEffect).toBe(
          remittance.payment.creditDebit === 'D' ? -remittance.payment.totalPaid : remittance.payment.totalPaid,
        );
      }
      for (const payment of remittance.claims) {
        const claim = await world.claim(payment.patientControlNumber);
        if (payment.status === '25') continue; // predetermination: no status change
        expect(claim.status).toMatch(/^(PAID|PARTIALLY_PAID|DENIED|PAID_INCORRECTLY|REVERSED)$/);
        expect(claim.responses?.paymentCount).toBeGreaterThan(0);
      }
    }

    // Delivered again (the webhook copy of the same X12): nothing changes.
    const again = await world.apply({ id: file, kind: '835', x12 }, 'webhook');
    expect(again).toEqual({ kind: 'already_applied', fileId: result.fileId });
  });

  it('covers posted, quarantined and unreadable samples', () => {
    expect(new Set(outcomes)).toEqual(new Set(['posted', 'quarantined', 'unreadable']));
  });
});
