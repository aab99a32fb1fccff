/**
 * What a corrected claim looks like on the wire: the replacement a recode makes and the void a void makes go through
 * submit-claims to the (in-process) sandbox clearinghouse as 837Ps with CLM05-3 7 or 8 and REF*F8 naming the payer's
 * claim number, and the independent validator (pyx12) accepts them.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { editClaim, voidClaim } from '#core/operations/index';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../sandbox/independent-validator.ts';
import { messageFor, submissionWorld } from '../submission/submission-harness.ts';
import { claimFromIntake, OPERATOR, World } from './operations-harness.ts';

const ADDRESS = { lines: ['12 Elm Street'], city: 'Hartford', state: 'CT', postalCode: '06103' };

/** The 837P needs the subscriber's address (2010BA N3/N4), which the pipeline fixture's visit leaves out. */
async function addressed(encounterId: string, memberId: string): Promise<Claim> {
  const claim = await claimFromIntake(encounterId, { memberId });
  return { ...claim, subscriber: { ...claim.subscriber, address: ADDRESS } };
}

async function corrected(): Promise<{ replacement: Claim; voiding: Claim }> {
  const world = new World();
  const denied = await world.seed(await addressed('WIRE-1', 'SB555666779'), 'DENIED', {
    payerClaimNumber: 'SHP0000000042',
  });
  const paid = await world.seed(await addressed('WIRE-2', 'SB555666780'), 'PAID', {
    payerClaimNumber: 'SHP0000000043',
  });
  const recoded = await editClaim(
    { claimId: denied.id, actor: OPERATOR, changes: { lines: [{ line: 1, modifiers: ['25'] }] }, approve: true },
    world.ports,
  );
  const voided = await voidClaim({ claimId: paid.id, actor: OPERATOR, reason: 'wrong patient' }, world.ports);
  return { replacement: recoded.claim, voiding: voided.voidClaim! };
}

async function sent(claims: Claim[]): Promise<string> {
  const wire = submissionWorld(claims);
  const results = await wire.deliver(claims.map((c) => messageFor(c)));
  expect(results).toEqual(claims.map(() => expect.objectContaining({ kind: 'submitted' })));
  return wire.clearinghouse.firstSends()[0]!;
}

describe('corrected and void claims on the wire', () => {
  it('carry their frequency in CLM05-3 and the payer claim number in REF*F8', async () => {
    const { replacement, voiding } = await corrected();

    const x12 = await sent([replacement, voiding]);

    const claims = read837P(x12).transactions.flatMap((t) => t.claims);
    expect(claims.map((c) => [c.id, c.frequency, c.originalClaimNumber])).toEqual([
      [replacement.id, '7', 'SHP0000000042'],
      [voiding.id, '8', 'SHP0000000043'],
    ]);
    expect(x12).toContain(`CLM*${replacement.id}*135***11:B:7*`);
    expect(x12).toContain('REF*F8*SHP0000000042~');
    expect(x12).toContain('REF*F8*SHP0000000043~');
  });
});

describeWithValidator('corrected and void 837Ps, through pyx12', () => {
  it('are valid X12 for the independent validator', async () => {
    const { replacement, voiding } = await corrected();
    const { valid, report } = validateX12({ corrected: await sent([replacement, voiding]) });
    expect(report).not.toMatch(/error/i);
    expect(valid).toBe(true);
  });
});
