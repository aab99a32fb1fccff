/**
 * Voiding a claim the payer already paid (or that was written off): `claims void` sends a frequency-8 claim naming the
 * payer's claim number (REF*F8), and the original keeps its status until the payer acts. The sandbox payer, as real
 * payers do, acknowledges the void (277CA) and reverses the original's payment (CLP02 22) in its next 835, with no
 * payment of the void claim itself. That reversal is what the void asked for: the original is retired (CORRECTED)
 * "as void claim X asked", with no conflict for a biller, its net paid goes to $0.00, and the void claim closes
 * ("void accepted"), whichever of its 277CA and the reversal is applied first.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { voidClaim, writeOffClaim } from '#core/operations/index';
import { money } from '#core/remittance/claim-payment-posting';
import { readAllPages } from '#core/storage/page';
import { read837P } from '#core/x12/837p/reader-837p';
import type { PayerData } from '#local/sandbox/payer-data';
import { DATA } from '../sandbox/sandbox-fixtures.ts';
import { queuedClaim } from '../submission/submission-harness.ts';
import { type SandboxLoop, sandboxLoop } from './sandbox-loop.ts';

async function paidClaim(id: string, world = sandboxLoop()): Promise<{ world: SandboxLoop; paid: Claim }> {
  const original = queuedClaim(id);
  await world.claims.create(original);
  await world.submit([original]);
  await world.respond();
  const paid = (await world.claims.get(original.id))!;
  expect(paid.status).toBe('PAID');
  expect(paid.responses?.netPaidCents).toBeGreaterThan(0);
  return { world, paid };
}

async function openItems(world: SandboxLoop) {
  return readAllPages((page) => world.stores.workItems.listOpen(page));
}

async function voided(world: SandboxLoop, paid: Claim, status = paid.status) {
  const result = await voidClaim(
    { claimId: paid.id, actor: 'biller:sam', reason: 'billed in error' },
    world.operations,
  );
  expect(result.outcome).toBe('void_claim_queued');
  const sent = result.voidClaim!;
  expect(sent).toMatchObject({ status: 'QUEUED', frequency: '8', originalClaimNumber: paid.payerClaimNumber });
  // The original waits for the payer: it keeps its status and links to the void.
  expect(await world.claims.get(paid.id)).toMatchObject({
    status,
    replacedBy: { claimId: sent.id, kind: 'void' },
  });
  await world.submit([sent]);
  const [x12] = read837P(world.clearinghouse.firstSends().at(-1)!).transactions.flatMap((t) => t.claims);
  expect(x12).toMatchObject({ id: sent.id, frequency: '8', originalClaimNumber: paid.payerClaimNumber });
  return sent;
}

async function expectSettledVoid(world: SandboxLoop, paid: Claim, sent: Claim) {
  const original = (await world.claims.get(paid.id))!;
  expect(original).toMatchObject({
    status: 'CORRECTED',
    owner: 'NONE',
    replacedBy: { claimId: sent.id, kind: 'void' },
  });
  expect(original.responses?.netPaidCents).toBe(0);
  expect(original.lastEvent).toMatchObject({ to: 'CORRECTED' });
  expect(original.lastEvent.reason).toMatch(new RegExp(`^835 reversal of the payment, as void claim ${sent.id} asked`));

  const closed = (await world.claims.get(sent.id))!;
  expect(closed).toMatchObject({ status: 'CLOSED', owner: 'NONE' });
  expect(closed.responses?.netPaidCents ?? 0).toBe(0);
  const history = await readAllPages((page) => world.claims.history(sent.id, page));
  expect(history.filter((e) => e.to === 'CLOSED' && e.from === 'ACCEPTED')).toMatchObject([
    { reason: `void accepted: payer reversed claim ${paid.id}'s payment of ${money(paid.responses!.netPaidCents)}` },
  ]);
  // Nothing for a biller: no conflict, no held reversal.
  expect(await openItems(world)).toEqual([]);
}

describe('voiding a paid claim', () => {
  it('retires the original when the payer reverses it, and closes the void claim', async () => {
    const { world, paid } = await paidClaim('CFPAIDVOID000000001');
    const sent = await voided(world, paid);
    await world.respond();
    await expectSettledVoid(world, paid, sent);
  });

  it('retires a written-off (CLOSED) original the same way', async () => {
    const { world, paid } = await paidClaim('CFPAIDVOID000000002');
    await writeOffClaim({ claimId: paid.id, actor: 'biller:sam', reason: 'small balance' }, world.operations);
    const sent = await voided(world, paid, 'CLOSED');
    await world.respond();
    await expectSettledVoid(world, paid, sent);
    const history = await readAllPages((page) => world.claims.history(paid.id, page));
    expect(history.some((e) => e.from === 'CLOSED' && e.to === 'CORRECTED')).toBe(true);
  });

  it('settles the same when the reversal is applied before the void claim’s 277CA', async () => {
    const { world, paid } = await paidClaim('CFPAIDVOID000000003');
    const sent = await voided(world, paid);
    await world.respond({ reverse: true });
    await expectSettledVoid(world, paid, sent);
  });

  it('posts the reversal once when the 835 is delivered twice', async () => {
    const { world, paid } = await paidClaim('CFPAIDVOID000000004');
    const sent = await voided(world, paid);
    await world.respond();
    await world.reapplyAll();
    await expectSettledVoid(world, paid, sent);
    const original = (await world.claims.get(paid.id))!;
    expect(original.responses?.paymentCount).toBe(1);
  });

  it('settles the same when the payer puts the reversal under the void claim’s CLM01', async () => {
    const world = sandboxLoop({
      data: { ...DATA, payers: { ...DATA.payers, payers: DATA.payers.payers.map(voidClaimCLP01) } },
    });
    const { paid } = await paidClaim('CFPAIDVOID000000005', world);
    const sent = await voided(world, paid);
    await world.respond();
    // CLP01 the void claim, CLP02 22, CLP07 the original's ICN.
    expect(world.remittances().at(-1)).toMatch(
      new RegExp(`CLP\\*${sent.id}\\*22\\*[^~]*\\*${paid.payerClaimNumber}\\*`),
    );
    await expectSettledVoid(world, paid, sent);
    // The void claim holds no money and no reversal event of its own.
    expect((await world.stores.events.list(sent.id)).filter((e) => e.type === 'reversal')).toEqual([]);
  });

  it('retires an ACCEPTED original once the payer pays and reverses it, and closes the void claim', async () => {
    const world = sandboxLoop();
    const original = queuedClaim('CFPAIDVOID000000008');
    await world.claims.create(original);
    await world.submit([original]);
    // The 277CA (after 10 payer minutes) and no payment cycle yet (30 minutes).
    await world.respond({ forMs: 15 * 60_000 });
    const accepted = (await world.claims.get(original.id))!;
    expect(accepted).toMatchObject({ status: 'ACCEPTED' });
    expect(accepted.payerClaimNumber).toBeDefined();
    const sent = await voided(world, accepted);
    await world.respond();
    // Paid in the payer's cycle and reversed right after: one payment, net $0.00, settled as the void asked.
    const payments = (await world.stores.events.list(original.id)).filter((e) => e.type === 'payment');
    expect(payments).toHaveLength(1);
    const paidCents = payments[0]!.paidCents;
    expect(paidCents).toBeGreaterThan(0);
    await expectSettledVoid(
      world,
      { ...accepted, responses: { ...accepted.responses!, netPaidCents: paidCents } },
      sent,
    );
  });

  it('closes the void claim of a PARTIALLY_PAID original, which the void retired at once', async () => {
    const world = sandboxLoop();
    const original = queuedClaim('CFPAIDVOID000000009', {}, 'DN97-0043');
    await world.claims.create(original);
    await world.submit([original]);
    await world.respond();
    const partial = (await world.claims.get(original.id))!;
    expect(partial.status).toBe('PARTIALLY_PAID');
    const result = await voidClaim(
      { claimId: partial.id, actor: 'biller:sam', reason: 'wrong patient' },
      world.operations,
    );
    expect(await world.claims.get(partial.id)).toMatchObject({ status: 'CORRECTED' });
    await world.submit([result.voidClaim!]);
    await world.respond();
    await expectSettledVoid(world, partial, result.voidClaim!);
  });

  it('leaves the services unpaid at the payer: a new claim for them is paid, not denied as a duplicate', async () => {
    const { world, paid } = await paidClaim('CFPAIDVOID000000006');
    await voided(world, paid);
    await world.respond();
    const again = queuedClaim('CFPAIDVOID000000007');
    await world.claims.create(again);
    await world.submit([again]);
    await world.respond();
    expect(await world.claims.get(again.id)).toMatchObject({ status: 'PAID' });
  });
});

function voidClaimCLP01(payer: PayerData): PayerData {
  return { ...payer, voidReversalUnder: 'void-claim' };
}
