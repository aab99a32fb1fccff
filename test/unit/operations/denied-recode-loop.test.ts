/**
 * The loop billing lives by, in process with the real pieces: a claim goes through core/submission to the sandbox
 * clearinghouse and payer (local/sandbox), which bundles its second line (member-id prefix DN97: CO-97, M15); the
 * 999, 277CA and 835 are applied with applyResponseFile, so the claim is PARTIALLY_PAID with the payer's claim
 * number. A coder recodes the line with modifier 59: the replacement claim (frequency 7, REF*F8 with that number)
 * goes out through the same submission path, and the payer pays it, reversing the original.
 */
import { describe, expect, it } from 'vitest';
import { editClaim, showClaim } from '#core/operations/index';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../sandbox/independent-validator.ts';
import { queuedClaim } from '../submission/submission-harness.ts';
import { sandboxLoop } from './sandbox-loop.ts';

async function deniedThenRecoded() {
  const world = sandboxLoop();
  const original = queuedClaim('CFDN97LOOP000000001', {}, 'DN97-0042');
  await world.claims.create(original);
  await world.submit([original]);
  await world.respond();
  const adjudicated = (await world.claims.get(original.id))!;

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
  return { world, original, adjudicated, recoded };
}

describe('a claim denied for bundling, recoded with a modifier', () => {
  it('goes out as a replacement (frequency 7, REF*F8) and is paid', async () => {
    const { world, original, adjudicated, recoded } = await deniedThenRecoded();
    expect(adjudicated).toMatchObject({ status: 'PARTIALLY_PAID', reasonCategory: 'bundling', owner: 'CODER' });
    expect(adjudicated.payerClaimNumber).toMatch(/^SHP/);

    expect(recoded.errors).toEqual([]);
    const replacement = recoded.claim;
    expect(replacement).toMatchObject({
      status: 'QUEUED',
      frequency: '7',
      originalClaimNumber: adjudicated.payerClaimNumber,
      replaces: { claimId: original.id, kind: 'replacement' },
    });
    expect(world.published).toEqual([{ claimId: replacement.id, version: replacement.version }]);
    expect((await world.claims.get(original.id))?.status).toBe('CORRECTED');

    await world.submit([replacement]);
    const sent = world.clearinghouse.firstSends().at(-1)!;
    const [carried] = read837P(sent).transactions.flatMap((t) => t.claims);
    expect(carried).toMatchObject({
      id: replacement.id,
      frequency: '7',
      originalClaimNumber: adjudicated.payerClaimNumber,
    });
    expect(carried?.lines[1]?.modifiers).toEqual(['59']);

    await world.respond();
    const paid = (await world.claims.get(replacement.id))!;
    expect(paid.status).toBe('PAID');
    expect(paid.payerClaimNumber).toMatch(/^SHP/);
    expect(paid.payerClaimNumber).not.toBe(adjudicated.payerClaimNumber);
    expect(paid.responses?.netPaidCents).toBeGreaterThan(0);

    // `claims show` of the original: the 277CA that accepted it, the 835 that bundled its second line, the 837 sent.
    const shown = await showClaim(original.id, world.operations);
    expect(shown.acknowledgments.map((a) => [a.kind, a.disposition])).toEqual(
      expect.arrayContaining([['277CA', 'accepted']]),
    );
    const bundled = shown.payments.find((p) => p.status === 'PARTIALLY_PAID');
    expect(bundled?.adjustments).toEqual(
      expect.arrayContaining([expect.objectContaining({ group: 'CO', reason: '97', line: 2 })]),
    );
    expect(bundled?.paid).toMatch(/^\$\d+\.\d\d$/);
    expect(shown.submission?.x12).toContain(`CLM*${original.id}*`);
    expect(shown.replacedBy).toEqual({ claimId: replacement.id, kind: 'replacement' });
  });
});

describeWithValidator('the replacement 837P of the recode loop, through pyx12', () => {
  it('is valid X12 for the independent validator', async () => {
    const { world, recoded } = await deniedThenRecoded();
    await world.submit([recoded.claim]);
    const { valid, report } = validateX12({ replacement: world.clearinghouse.firstSends().at(-1)! });
    expect(report).not.toMatch(/error/i);
    expect(valid).toBe(true);
  });
});
