/**
 * Approving a reviewed claim: it is scrubbed again; clean, it is queued through the same outbox intake uses, under the
 * reviewer's name; with errors it stays in review with the fresh findings. Approving a claim that is not waiting for
 * review is refused with the reason and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { approveClaim, OperationError } from '#core/operations/index';
import { claimFromIntake, OPERATOR, World } from './operations-harness.ts';

describe('approving a claim', () => {
  it('queues a reviewed claim that scrubs clean and publishes it once, recording who approved it', async () => {
    const world = new World();
    const reviewed = await world.seed(await claimFromIntake('APPROVE-1'), 'NEEDS_REVIEW', {
      reasonCategory: 'low_confidence_coding',
      reviewReasons: [{ category: 'low_confidence_coding', message: 'E/M level chosen from time alone' }],
    });

    const result = await approveClaim(
      { claimId: reviewed.id, actor: OPERATOR, reason: 'level supported by time' },
      world.ports,
    );

    expect(result.outcome).toBe('queued');
    expect(result.claim).toMatchObject({ status: 'QUEUED', version: 3 });
    expect(result.claim.reviewReasons).toBeUndefined();
    expect(world.published).toEqual([{ claimId: reviewed.id, version: 3 }]);
    expect((await world.claims.get(reviewed.id))?.queuedMessageSentAt).toBeDefined();
    const history = await world.history(reviewed.id);
    expect(history.slice(1).map((e) => [e.from, e.to, e.actor, e.action])).toEqual([
      ['NEEDS_REVIEW', 'READY', OPERATOR, 'approve'],
      ['READY', 'QUEUED', OPERATOR, undefined],
    ]);
    expect(history[1]?.reason).toBe('approved: level supported by time');
  });

  it('keeps a claim with scrub errors in review with the fresh findings, and sends nothing', async () => {
    const world = new World();
    const intake = await claimFromIntake('APPROVE-2');
    // An invalid diagnosis code, as a mistaken manual entry would leave it.
    const broken = await world.seed(intake, 'NEEDS_REVIEW', {
      diagnoses: [{ ...intake.diagnoses[0]!, code: 'J06.99' }],
    });

    const result = await approveClaim({ claimId: broken.id, actor: OPERATOR }, world.ports);

    expect(result.outcome).toBe('needs_review');
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.claim).toMatchObject({ status: 'NEEDS_REVIEW', reasonCategory: 'scrub_error', version: 2 });
    expect(result.claim.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(world.published).toEqual([]);
    const [, event] = await world.history(broken.id);
    expect(event).toMatchObject({ from: 'NEEDS_REVIEW', to: 'NEEDS_REVIEW', actor: OPERATOR, action: 'approve' });
    expect(event?.reason).toMatch(/^not approved: scrub errors /);
  });

  it('sends a reviewed claim for a visit another claim already bills to the biller as a duplicate', async () => {
    const world = new World();
    const first = await world.seed(await claimFromIntake('APPROVE-3'), 'SUBMITTED');
    const again = await world.seed({ ...first, id: 'CFDUPLICATEOFVISIT01', documentId: 'other' }, 'NEEDS_REVIEW');

    const result = await approveClaim({ claimId: again.id, actor: OPERATOR }, world.ports);

    expect(result.outcome).toBe('needs_review');
    expect(result.claim.status).toBe('NEEDS_REVIEW');
    expect(result.message).toMatch(/stays in review/);
    expect(result.errors.map((f) => f.id)).toContain('DUPLICATE-CLAIM');
    expect(world.published).toEqual([]);
  });

  it.each([
    ['PAID', /is PAID: only a claim waiting for review \(NEEDS_REVIEW\) can be approved; the payer has adjudicated it/],
    ['SUBMITTED', /is SUBMITTED: .* already on its way to the payer/],
    ['REJECTED', /is REJECTED: .*claims recode/],
    ['VOIDED', /is VOIDED: .*no longer stands/],
  ] as const)('refuses to approve a %s claim and changes nothing', async (status, message) => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake(`APPROVE-${status}`), status);
    const before = await world.snapshot(claim.id);

    const refusal = approveClaim({ claimId: claim.id, actor: OPERATOR }, world.ports);

    await expect(refusal).rejects.toThrow(OperationError);
    await expect(refusal).rejects.toMatchObject({ kind: 'illegal_action', message: expect.stringMatching(message) });
    expect(await world.snapshot(claim.id)).toEqual(before);
  });

  it('refuses an unknown claim and a missing actor', async () => {
    const world = new World();
    await expect(approveClaim({ claimId: 'CFNOSUCHCLAIM0000000', actor: OPERATOR }, world.ports)).rejects.toMatchObject(
      {
        kind: 'not_found',
        message: 'claim CFNOSUCHCLAIM0000000 does not exist',
      },
    );
    await expect(approveClaim({ claimId: 'CFX', actor: '' }, world.ports)).rejects.toThrow(/actor/);
  });
});
