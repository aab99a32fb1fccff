/**
 * Editing and recoding: a person's change is recorded with who made it and which fields it touched, what changed
 * carries "manual" evidence instead of the machine's, and the claim is scrubbed again at once. Unsent claims change
 * in place and wait for approval; adjudicated claims with a problem get a corrected claim (frequency 7 with REF*F8);
 * claims rejected before adjudication go out again as new originals (frequency 1). Claims the payer has not
 * adjudicated cannot be corrected, and a refused change changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { editClaim, MANUAL_EVIDENCE } from '#core/operations/index';
import { visitKeyOf } from '#core/storage/visit-key';
import { claimFromIntake, OPERATOR, World } from './operations-harness.ts';

const TWO_LINES = {
  procedures: [
    { code: '99213', units: 1, charge: '135.00', diagnosisCodes: ['J06.9'] },
    { code: '87880', units: 1, charge: '35.50', diagnosisCodes: ['J06.9'] },
  ],
};

describe('editing a claim waiting for review', () => {
  it('records the actor and the fields changed, marks changed codes manual and keeps the rest', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('EDIT-1', TWO_LINES), 'NEEDS_REVIEW');
    const machineEvidence = claim.lines[0]!.evidence;

    const result = await editClaim(
      {
        claimId: claim.id,
        actor: OPERATOR,
        changes: { diagnoses: ['J02.9', 'J06.9'], lines: [{ line: 2, units: 2, pointers: [1] }] },
        reason: 'strep test documents pharyngitis',
      },
      world.ports,
    );

    expect(result.changed).toEqual(['diagnoses', 'lines[2].units', 'lines[2].diagnosisPointers']);
    const stored = await world.claims.get(claim.id);
    expect(stored?.diagnoses.map((d) => d.code)).toEqual(['J02.9', 'J06.9']);
    expect(stored?.diagnoses[0]).toMatchObject({ confidence: 1, evidence: [MANUAL_EVIDENCE] });
    expect(stored?.diagnoses[1]?.evidence).toEqual(claim.diagnoses[0]?.evidence);
    // Line 1 pointed to J06.9, now the second diagnosis: the pointer follows the code and the line keeps its evidence.
    expect(stored?.lines[0]).toMatchObject({ code: '99213', diagnosisPointers: [2], evidence: machineEvidence });
    expect(machineEvidence).not.toEqual([MANUAL_EVIDENCE]);
    expect(stored?.lines[1]).toMatchObject({ units: 2, diagnosisPointers: [1], evidence: [MANUAL_EVIDENCE] });
    expect(stored).toMatchObject({ status: 'NEEDS_REVIEW', version: 2 });
    const [, event] = await world.history(claim.id);
    expect(event).toMatchObject({ actor: OPERATOR, action: 'edit', from: 'NEEDS_REVIEW', to: 'NEEDS_REVIEW' });
    expect(event?.reason).toBe(
      'edited diagnoses, lines[2].units, lines[2].diagnosisPointers: strep test documents pharyngitis',
    );
    expect(world.published).toEqual([]);
  });

  it('waits for approval when the change scrubs clean, and queues at once with approve', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('EDIT-2', TWO_LINES), 'NEEDS_REVIEW');

    const edited = await editClaim(
      { claimId: claim.id, actor: OPERATOR, changes: { removeLines: [2] }, approve: true },
      world.ports,
    );

    expect(edited.errors).toEqual([]);
    expect(edited.outcome).toBe('queued');
    expect(edited.claim).toMatchObject({ status: 'QUEUED', totalChargeCents: 13_500 });
    expect(world.published).toEqual([{ claimId: claim.id, version: edited.claim.version }]);
    // The visit is reserved under the codes the claim now bills.
    expect((await world.visits.get(visitKeyOf(edited.claim)!))?.claimId).toBe(claim.id);
  });

  it('reports the scrub errors a change leaves, owned by the coder', async () => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('EDIT-3'), 'NEEDS_REVIEW');

    const result = await editClaim(
      { claimId: claim.id, actor: OPERATOR, changes: { diagnoses: ['J06'], lines: [{ line: 1, pointers: [1] }] } },
      world.ports,
    );

    expect(result.outcome).toBe('needs_review');
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.claim).toMatchObject({ reasonCategory: 'scrub_error', owner: 'CODER' });
  });

  it.each([
    [{ diagnoses: ['not a code'] }, /"not a code" is not an ICD-10-CM code/],
    [{ lines: [{ line: 3, units: 1 }] }, /line 3 does not exist \(the claim has 1 line\(s\)/],
    [{ lines: [{ line: 1, modifiers: ['25', '25'] }] }, /a modifier is repeated/],
    [{ lines: [{ line: 1, pointers: [2] }] }, /pointer 2 is not a diagnosis on the claim \(1 to 1\)/],
    [{ lines: [{ line: 1, units: 0 }] }, /units must be more than 0/],
    [{ removeLines: [1] }, /at least one service line; void it/],
    [{ diagnoses: ['J06.9'] }, /nothing to change/],
    [{ lines: [{ line: 1, code: '9921' }] }, /"9921" is not a CPT/],
  ])('refuses %j with a clear message and changes nothing', async (changes, message) => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake('EDIT-BAD'), 'NEEDS_REVIEW');
    const before = await world.snapshot(claim.id);

    await expect(editClaim({ claimId: claim.id, actor: OPERATOR, changes }, world.ports)).rejects.toMatchObject({
      kind: 'invalid_request',
      message: expect.stringMatching(message),
    });
    expect(await world.snapshot(claim.id)).toEqual(before);
  });
});

describe('recoding an adjudicated claim', () => {
  it('makes a denied claim a replacement (frequency 7, REF*F8 with the payer claim number) and passes the visit to it', async () => {
    const world = new World();
    const denied = await world.seed(await claimFromIntake('RECODE-1'), 'DENIED', {
      payerClaimNumber: 'SHP0000000042',
      reasonCategory: 'modifier',
    });

    const result = await editClaim(
      {
        claimId: denied.id,
        actor: OPERATOR,
        changes: { lines: [{ line: 1, modifiers: ['25'] }] },
        reason: 'payer requires 25',
        approve: true,
      },
      world.ports,
    );

    const replacement = result.claim;
    expect(replacement.id).not.toBe(denied.id);
    expect(replacement).toMatchObject({
      frequency: '7',
      originalClaimNumber: 'SHP0000000042',
      replaces: { claimId: denied.id, kind: 'replacement' },
      status: 'QUEUED',
    });
    expect(replacement.lines[0]).toMatchObject({ modifiers: ['25'], controlNumber: `${replacement.id}-1` });
    expect(replacement.payerClaimNumber).toBeUndefined();
    expect(result.original).toMatchObject({
      status: 'CORRECTED',
      replacedBy: { claimId: replacement.id, kind: 'replacement' },
    });
    expect(world.published).toEqual([{ claimId: replacement.id, version: replacement.version }]);
    expect((await world.visits.get(visitKeyOf(replacement)!))?.claimId).toBe(replacement.id);
    const [created] = await world.history(replacement.id);
    expect(created).toMatchObject({ to: 'CODED', actor: OPERATOR, action: 'correct' });
    expect(created?.reason).toBe(`replaces claim ${denied.id}: lines[1].modifiers: payer requires 25`);
  });

  it('names the same replacement when the recode is retried after a crash left the original uncorrected', async () => {
    const world = new World();
    const denied = await world.seed(await claimFromIntake('RECODE-2'), 'DENIED', { payerClaimNumber: 'SHP77' });
    const request = { claimId: denied.id, actor: OPERATOR, changes: { lines: [{ line: 1, modifiers: ['25'] }] } };
    const save = world.claims.save.bind(world.claims);
    let crashed = false;
    world.claims.save = async (next) => {
      if (next.id === denied.id && !crashed) {
        crashed = true;
        throw new Error('crash before the original was marked CORRECTED');
      }
      return save(next);
    };

    await expect(editClaim(request, world.ports)).rejects.toThrow(/crash/);
    const retried = await editClaim(request, world.ports);

    const claims = await world.claims.listByStatus({ status: 'NEEDS_REVIEW' });
    expect(claims.items.map((c) => c.id)).toEqual([retried.claim.id]);
    expect(retried.original?.replacedBy?.claimId).toBe(retried.claim.id);
  });

  it('resubmits a claim rejected before adjudication as a new original, without REF*F8', async () => {
    const world = new World();
    const rejected = await world.seed(await claimFromIntake('RECODE-3'), 'REJECTED', { reasonCategory: 'member_id' });

    const result = await editClaim(
      { claimId: rejected.id, actor: 'biller:sam', changes: { memberId: 'SB555666778' }, approve: true },
      world.ports,
    );

    expect(result.changed).toEqual(['subscriber.memberId']);
    expect(result.claim).toMatchObject({
      frequency: '1',
      status: 'QUEUED',
      replaces: { claimId: rejected.id, kind: 'resubmission' },
      subscriber: { memberId: 'SB555666778' },
    });
    expect(result.claim.originalClaimNumber).toBeUndefined();
    expect(result.original).toMatchObject({ status: 'CORRECTED', replacedBy: { kind: 'resubmission' } });
  });

  it.each([
    ['SUBMITTED', /has not adjudicated it yet, so there is nothing to correct/],
    ['ACCEPTED', /has not adjudicated it yet, so there is nothing to correct/],
    ['QUEUED', /is being sent to the clearinghouse right now/],
  ] as const)('refuses to correct a %s claim and changes nothing', async (status, message) => {
    const world = new World();
    const claim = await world.seed(await claimFromIntake(`RECODE-${status}`), status, { payerClaimNumber: 'SHP1' });
    const before = await world.snapshot(claim.id);

    await expect(
      editClaim(
        { claimId: claim.id, actor: OPERATOR, changes: { lines: [{ line: 1, modifiers: ['25'] }] } },
        world.ports,
      ),
    ).rejects.toMatchObject({ kind: 'illegal_action', message: expect.stringMatching(message) });
    expect(await world.snapshot(claim.id)).toEqual(before);
    expect((await world.claims.listByStatus({ status: 'CODED' })).items).toEqual([]);
  });

  it.each(['PAID', 'CLOSED'] as const)(
    'refuses to correct a %s claim without a reason, changing nothing',
    async (status) => {
      const world = new World();
      const claim = await world.seed(await claimFromIntake(`RECODE-${status}`), status, { payerClaimNumber: 'SHP1' });
      const before = await world.snapshot(claim.id);

      await expect(
        editClaim(
          { claimId: claim.id, actor: OPERATOR, changes: { lines: [{ line: 1, modifiers: ['25'] }] } },
          world.ports,
        ),
      ).rejects.toMatchObject({ kind: 'invalid_request', message: expect.stringMatching(/say why \(--reason/) });
      expect(await world.snapshot(claim.id)).toEqual(before);
      expect((await world.claims.listByStatus({ status: 'CODED' })).items).toEqual([]);
    },
  );

  it('refuses a replacement without the payer claim number REF*F8 must carry', async () => {
    const world = new World();
    const denied = await world.seed(await claimFromIntake('RECODE-4'), 'DENIED');

    await expect(
      editClaim(
        { claimId: denied.id, actor: OPERATOR, changes: { lines: [{ line: 1, modifiers: ['25'] }] } },
        world.ports,
      ),
    ).rejects.toMatchObject({ kind: 'illegal_action', message: expect.stringMatching(/no payer claim number/) });
  });
});
