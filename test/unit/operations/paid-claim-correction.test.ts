/**
 * Correcting a claim the payer already paid (a coding error found late, an overpayment to refund): a recode with a
 * reason makes a replacement (frequency 7, REF*F8 with the payer's claim number) and the original CORRECTED, with who
 * and why. The sandbox payer reverses the original's payment (CLP02 22) in its next 835 and pays the replacement with
 * a new claim number; that reversal is what the replacement asked for, so it is recorded on the original without a
 * biller's conflict item. Without a reason the correction is refused and nothing changes.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { editClaim, OperationError, writeOffClaim } from '#core/operations/index';
import { readAllPages } from '#core/storage/page';
import { read837P } from '#core/x12/837p/reader-837p';
import { queuedClaim } from '../submission/submission-harness.ts';
import { type SandboxLoop, sandboxLoop } from './sandbox-loop.ts';

async function paidClaim(id: string): Promise<{ world: SandboxLoop; paid: Claim }> {
  const world = sandboxLoop();
  const original = queuedClaim(id);
  await world.claims.create(original);
  await world.submit([original]);
  await world.respond();
  const paid = (await world.claims.get(original.id))!;
  expect(paid.status).toBe('PAID');
  expect(paid.responses?.netPaidCents).toBeGreaterThan(0);
  return { world, paid };
}

async function openConflicts(world: SandboxLoop) {
  return (await readAllPages((page) => world.stores.workItems.listOpen(page))).filter(
    (item) => item.category === 'response_conflict',
  );
}

describe('correcting a paid claim', () => {
  it('is refused without a reason, changing nothing', async () => {
    const { world, paid } = await paidClaim('CFPAIDFIX0000000001');
    const refused = await editClaim(
      { claimId: paid.id, actor: 'coder:ana', changes: { lines: [{ line: 1, modifiers: ['25'] }] } },
      world.operations,
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OperationError);
    expect(refused).toMatchObject({ kind: 'invalid_request' });
    expect((refused as Error).message).toMatch(/is PAID: .*take back its payment.*say why \(--reason/);
    expect(await world.claims.get(paid.id)).toEqual(paid);
    expect(world.published).toEqual([]);
  });

  it('sends a replacement; the payer reverses the original and pays the replacement; no conflict is raised', async () => {
    const { world, paid } = await paidClaim('CFPAIDFIX0000000002');
    const recoded = await editClaim(
      {
        claimId: paid.id,
        actor: 'coder:ana',
        changes: { lines: [{ line: 1, modifiers: ['25'] }] },
        reason: 'audit found the visit needed 25',
        approve: true,
      },
      world.operations,
    );
    const replacement = recoded.claim;
    expect(replacement).toMatchObject({
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: paid.payerClaimNumber,
      replaces: { claimId: paid.id, kind: 'replacement' },
    });
    const corrected = (await world.claims.get(paid.id))!;
    expect(corrected).toMatchObject({ status: 'CORRECTED', replacedBy: { claimId: replacement.id } });
    expect(corrected.lastEvent).toMatchObject({ from: 'PAID', to: 'CORRECTED', actor: 'coder:ana', action: 'correct' });

    await world.submit([replacement]);
    const [sent] = read837P(world.clearinghouse.firstSends().at(-1)!).transactions.flatMap((t) => t.claims);
    expect(sent).toMatchObject({ id: replacement.id, frequency: '7', originalClaimNumber: paid.payerClaimNumber });
    await world.respond();

    const repaid = (await world.claims.get(replacement.id))!;
    expect(repaid.status).toBe('PAID');
    expect(repaid.payerClaimNumber).not.toBe(paid.payerClaimNumber);
    const original = (await world.claims.get(paid.id))!;
    expect(original.status).toBe('CORRECTED');
    // The first payment was taken back: the original holds no money, the replacement holds the new payment.
    expect(original.responses?.netPaidCents).toBe(0);
    expect(repaid.responses?.netPaidCents).toBeGreaterThan(0);
    expect(original.lastEvent.reason).toMatch(
      new RegExp(`^835 reversal of the payment, as replacement claim ${replacement.id} asked`),
    );
    expect(await openConflicts(world)).toEqual([]);
  });

  it('reopens a written-off (CLOSED) claim the same way', async () => {
    const { world, paid } = await paidClaim('CFPAIDFIX0000000003');
    await writeOffClaim({ claimId: paid.id, actor: 'biller:sam', reason: 'small balance' }, world.operations);
    const recoded = await editClaim(
      {
        claimId: paid.id,
        actor: 'biller:sam',
        changes: { lines: [{ line: 1, units: 1, modifiers: ['25'] }] },
        reason: 'overpaid: refund through a replacement',
      },
      world.operations,
    );
    expect(recoded.claim).toMatchObject({ frequency: '7', originalClaimNumber: paid.payerClaimNumber });
    expect((await world.claims.get(paid.id))?.lastEvent).toMatchObject({
      from: 'CLOSED',
      to: 'CORRECTED',
      actor: 'biller:sam',
    });
  });
});

describe('the denied-and-recoded loop', () => {
  it('raises no conflict when the payer reverses the replaced original', async () => {
    const world = sandboxLoop();
    const original = queuedClaim('CFDN97NOISE00000001', {}, 'DN97-0043');
    await world.claims.create(original);
    await world.submit([original]);
    await world.respond();
    expect((await world.claims.get(original.id))?.status).toBe('PARTIALLY_PAID');
    const recoded = await editClaim(
      {
        claimId: original.id,
        actor: 'coder:ana',
        changes: { lines: [{ line: 2, modifiers: ['59'] }] },
        reason: 'separate encounter documented',
        approve: true,
      },
      world.operations,
    );
    await world.submit([recoded.claim]);
    await world.respond();
    expect((await world.claims.get(recoded.claim.id))?.status).toBe('PAID');
    const history = await readAllPages((page) => world.claims.history(original.id, page));
    expect(history.some((e) => e.reason?.startsWith('835 reversal of the payment, as replacement claim'))).toBe(true);
    expect(await openConflicts(world)).toEqual([]);
  });
});
