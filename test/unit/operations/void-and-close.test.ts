/**
 * Voiding, assigning, noting and writing off: each a new claim version whose event says who acted and why. A claim
 * never adjudicated is voided in place and frees its visit; one the payer knows gets a void claim (frequency 8,
 * REF*F8). Refusals say why and change nothing.
 */
import { describe, expect, it } from 'vitest';
import { assignClaim, noteClaim, voidClaim, writeOffClaim } from '#core/operations/index';
import { visitKeyOf } from '#core/storage/visit-key';
import { claimFromIntake, OPERATOR, World } from './operations-harness.ts';

describe('voiding a claim', () => {
  it('voids a claim that was never sent and frees its visit for another claim', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('VOID-1'), 'READY');
    const visit = visitKeyOf(claim)!;
    expect((await world.visits.get(visit))?.claimId).toBe(claim.id);

    const result = await voidClaim(
      { claimId: claim.id, actor: OPERATOR, reason: 'patient seen under another plan' },
      world.ports,
    );

    expect(result).toMatchObject({ outcome: 'voided', claim: { status: 'VOIDED', owner: 'NONE' } });
    expect(await world.visits.get(visit)).toBeUndefined();
    const [, event] = await world.history(claim.id);
    expect(event).toMatchObject({
      to: 'VOIDED',
      actor: OPERATOR,
      action: 'void',
      reason: 'voided: patient seen under another plan',
    });
  });

  it('sends a void claim (frequency 8, REF*F8, the same lines) for a paid claim, which waits for the reversal', async () => {
    const world = new World();
    const paid = await world.seed(await claimFromIntake('VOID-2'), 'PAID', { payerClaimNumber: 'SHP0000000099' });

    const result = await voidClaim(
      { claimId: paid.id, actor: 'biller:sam', reason: 'billed for the wrong patient' },
      world.ports,
    );

    expect(result.outcome).toBe('void_claim_queued');
    expect(result.voidClaim).toMatchObject({
      frequency: '8',
      originalClaimNumber: 'SHP0000000099',
      status: 'QUEUED',
      replaces: { claimId: paid.id, kind: 'void' },
      totalChargeCents: paid.totalChargeCents,
    });
    expect(result.voidClaim?.lines.map((l) => l.code)).toEqual(paid.lines.map((l) => l.code));
    expect(result.claim).toMatchObject({ status: 'PAID', replacedBy: { claimId: result.voidClaim?.id, kind: 'void' } });
    expect(world.published).toEqual([{ claimId: result.voidClaim?.id, version: result.voidClaim?.version }]);
    expect((await world.visits.get(visitKeyOf(paid)!))?.claimId).toBe(result.voidClaim?.id);
  });

  it.each([
    ['QUEUED', {}, /being sent to the clearinghouse right now/],
    ['SUBMITTED', {}, /wait for its 277CA/],
    ['PAID', {}, /no payer claim number/],
    ['VOIDED', {}, /no longer stands/],
  ] as const)('refuses to void a %s claim and changes nothing', async (status, patch, message) => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake(`VOID-${status}`), status, patch);
    const before = await world.snapshot(claim.id);

    await expect(voidClaim({ claimId: claim.id, actor: OPERATOR, reason: 'x' }, world.ports)).rejects.toMatchObject({
      kind: 'illegal_action',
      message: expect.stringMatching(message),
    });
    expect(await world.snapshot(claim.id)).toEqual(before);
  });

  it('needs a reason', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('VOID-3'), 'NEEDS_REVIEW');
    await expect(voidClaim({ claimId: claim.id, actor: OPERATOR, reason: ' ' }, world.ports)).rejects.toMatchObject({
      kind: 'invalid_request',
      message: 'a reason is required',
    });
  });
});

describe('assigning, noting and writing off', () => {
  it('moves a claim to another queue, then to a person within it', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('ASSIGN-1'), 'NEEDS_REVIEW');

    const moved = await assignClaim(
      { claimId: claim.id, actor: OPERATOR, to: 'biller', reason: 'member id question' },
      world.ports,
    );
    const personal = await assignClaim(
      { claimId: claim.id, actor: 'lead:kim', to: 'sam.b@practice.example' },
      world.ports,
    );

    expect(moved.claim).toMatchObject({ owner: 'BILLER', status: 'NEEDS_REVIEW' });
    expect(personal.claim).toMatchObject({ owner: 'BILLER', assignee: 'sam.b@practice.example', version: 3 });
    const events = await world.history(claim.id);
    expect(events.slice(1).map((e) => [e.actor, e.action, e.reason])).toEqual([
      [OPERATOR, 'assign', 'assigned to the BILLER queue: member id question'],
      ['lead:kim', 'assign', 'assigned to sam.b@practice.example'],
    ]);
  });

  it('keeps a note on the timeline with its author, and never in the event reason', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('NOTE-1'), 'DENIED');

    await noteClaim(
      { claimId: claim.id, actor: 'biller:sam', text: 'Called payer, ref #4471: resubmit with 25.' },
      world.ports,
    );

    const [, event] = await world.history(claim.id);
    expect(event).toMatchObject({
      from: 'DENIED',
      to: 'DENIED',
      actor: 'biller:sam',
      action: 'note',
      reason: 'note added',
      note: 'Called payer, ref #4471: resubmit with 25.',
    });
    await expect(
      noteClaim({ claimId: claim.id, actor: 'biller:sam', text: 'x'.repeat(2001) }, world.ports),
    ).rejects.toThrow(/at most 2000/);
  });

  it('writes off a denied claim: CLOSED, with who, why and how much', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('WO-1'), 'DENIED');

    const result = await writeOffClaim(
      { claimId: claim.id, actor: 'biller:sam', reason: 'timely filing, no proof', amountCents: 13_500 },
      world.ports,
    );

    expect(result.claim).toMatchObject({
      status: 'CLOSED',
      writeOff: { reason: 'timely filing, no proof', actor: 'biller:sam', amountCents: 13_500 },
    });
    expect(result.claim.lastEvent.reason).toBe('written off $135.00: timely filing, no proof');
  });

  it('refuses to write off a claim never adjudicated, or more than its charge', async () => {
    const world = new World();
    const rejected = await world.seed(await claimFromIntake('WO-2'), 'REJECTED');
    const denied = await world.seed(await claimFromIntake('WO-3'), 'DENIED');

    await expect(
      writeOffClaim({ claimId: rejected.id, actor: OPERATOR, reason: 'x' }, world.ports),
    ).rejects.toMatchObject({
      kind: 'illegal_action',
      message: expect.stringMatching(/a rejected claim was never adjudicated: fix and resubmit it, or void it/),
    });
    await expect(
      writeOffClaim({ claimId: denied.id, actor: OPERATOR, reason: 'x', amountCents: 999_999 }, world.ports),
    ).rejects.toThrow("$9,999.99 is more than the claim's charge of $135.00");
    expect((await world.claims.get(denied.id))?.version).toBe(1);
  });
});
