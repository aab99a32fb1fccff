/**
 * The 837P builder's checks as scrubbing edits (core/scrubbing/edits/x12-edits.ts): one edit per builder rule, so a
 * claim the builder would refuse never leaves scrubbing without an error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import type { Claim } from '#core/claims/claim';
import { buildContext } from '#core/scrubbing/context';
import { CATALOGUE, EDITS, scrubClaim } from '#core/scrubbing/index';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { CLAIM_RULES } from '#core/x12/837p/claim-rules';
import { cleanClaim, sampleConfig, testPorts, toClaim } from './support/scrub-setup.ts';

const edit = (id: string) => {
  const found = EDITS.find((e) => e.id === id);
  if (!found) throw new Error(`no edit ${id}`);
  return found;
};

describe('the builder’s checks in the edit catalogue', () => {
  it('catalogue every rule the 837P builder enforces, as an error with an owner', () => {
    const byId = new Map(CATALOGUE.map((entry) => [entry.id, entry]));
    for (const rule of CLAIM_RULES) {
      expect(byId.get(rule.id), rule.id).toMatchObject({ category: 'x12', severity: 'error' });
      expect(['CODER', 'BILLER']).toContain(byId.get(rule.id)?.owner);
    }
  });

  it('report a place of service the builder refuses, and leave it to PLACE-OF-SERVICE when both fire', async () => {
    const { claim, coded } = toClaim({ ...cleanClaim(), placeOfService: '111' });
    const hits = await edit('X12-PLACE-OF-SERVICE').check(buildContext(claim, coded, testPorts()));
    expect(hits).toEqual([
      expect.objectContaining({ field: 'placeOfService', message: expect.stringMatching(/CLM05-1/) }),
    ]);
    const { findings } = await scrubClaim(claim, coded, testPorts());
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.id)).toEqual(['PLACE-OF-SERVICE']);
  });

  it('read the written 837P back, and report a submitter identity the builder refuses', async () => {
    const { claim, coded } = toClaim(cleanClaim());
    expect(await edit('X12-READBACK').check(buildContext(claim, coded, testPorts()))).toEqual([]);
    const config = sampleConfig();
    const broken = { ...config, submitter: { ...config.submitter, applicationSenderCode: '' } };
    const { findings } = await scrubClaim(claim, coded, testPorts({ config: broken }));
    expect(findings).toContainEqual(
      expect.objectContaining({ id: 'X12-READBACK', field: 'submitter', owner: 'BILLER', severity: 'error' }),
    );
  });

  it('never let a claim the builder refuses through without an error (random damage to a clean claim)', async () => {
    const damage = fc.record({
      dropAddress: fc.boolean(),
      dropLastName: fc.boolean(),
      payerName: fc.constantFrom(undefined, '', 'Acme*Health'),
      responsibility: fc.constantFrom('P', 'S', 'T'),
      units: fc.constantFrom(1, 2, 0.5, 0.0001),
      modifiers: fc.constantFrom([], ['25'], ['GT', '95', 'GQ', 'FS', 'CR'], ['a']),
      dependent: fc.boolean(),
      priorAuthorization: fc.constantFrom(undefined, 'PA1', 'P~A', 'X'.repeat(51)),
      diagnoses: fc.constantFrom(['E11.9'], ['E11.9', 'E11.9'], ['U07.1'], []),
    });
    await fc.assert(
      fc.asyncProperty(damage, async (d) => {
        const base = cleanClaim();
        const patient = { ...base.patient };
        if (d.dropAddress) delete patient.address;
        if (d.dropLastName) delete patient.lastName;
        if (d.dependent) patient.relationshipToSubscriber = '19';
        const compact = {
          ...base,
          patient,
          subscriber: d.dependent ? { memberId: 'SBX220198877', lastName: 'Holder' } : base.subscriber,
          payer: { ...base.payer, name: d.payerName, responsibility: d.responsibility as 'P' },
          ...(d.priorAuthorization !== undefined && { priorAuthorization: d.priorAuthorization }),
          diagnoses: [...d.diagnoses],
          lines: [{ ...base.lines[0]!, units: d.units, modifiers: [...d.modifiers], diagnosisPointers: [1] }],
        };
        const { claim, coded } = toClaim(compact);
        const { findings, claim: repaired } = await scrubClaim(claim, coded, testPorts());
        const refused = check837PClaims([claimTo837P(repaired as Claim)]).length > 0;
        const errors = findings.filter((f) => f.severity === 'error');
        if (refused) expect(errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 837 },
    );
  });
});
