import { describe, expect, it } from 'vitest';
import { scrubClaim } from '#core/scrubbing/index';
import { cleanClaim, idsOf, scrub, testPorts, toClaim } from './support/scrub-setup.ts';

describe('repairs', () => {
  it('returns the repaired claim and leaves the claim passed in untouched', async () => {
    const compact = cleanClaim();
    compact.billingProvider = { ...compact.billingProvider, npi: '1234-567-893', tin: '12-3456789' };
    const { claim, coded } = toClaim(compact);
    const result = await scrubClaim(claim, coded, testPorts());
    expect(result.claim.billingProvider).toMatchObject({ npi: '1234567893', tin: '123456789' });
    expect(claim.billingProvider).toMatchObject({ npi: '1234-567-893', tin: '12-3456789' });
    expect(idsOf(result.findings, 'repaired')).toEqual(['REPAIR-NPI', 'REPAIR-TIN']);
    expect(idsOf(result.findings)).toEqual([]);
  });

  it('leaves an identifier with letters for the edits to report, rather than guessing', async () => {
    const compact = cleanClaim();
    compact.billingProvider = { ...compact.billingProvider, npi: '12345O7893' };
    const { findings, claim } = await scrub(compact);
    expect(claim.billingProvider.npi).toBe('12345O7893');
    expect(idsOf(findings, 'repaired')).toEqual([]);
    expect(idsOf(findings)).toEqual(['NPI-BILLING']);
  });

  it('writes diagnosis codes in their dotted canonical form', async () => {
    const compact = { ...cleanClaim(), diagnoses: ['e119', ' I10 '] };
    const { claim, findings } = await scrub(compact);
    expect(claim.diagnoses.map((d) => d.code)).toEqual(['E11.9', 'I10']);
    expect(findings.filter((f) => f.id === 'REPAIR-DX-FORMAT').map((f) => f.field)).toEqual([
      'diagnoses[0].code',
      'diagnoses[1].code',
    ]);
  });

  it('applies a payer substitution marked "repair" and records the rule file version', async () => {
    const compact = {
      ...cleanClaim(),
      payer: { payerId: 'MEDICR' },
      subscriber: { memberId: '1EG4TE5MK73' },
      diagnoses: ['Z23'],
      lines: [
        { code: '90471', chargeCents: 3000, diagnosisPointers: [1], serviceDate: '2026-11-02' },
        { code: '90686', chargeCents: 2800, diagnosisPointers: [1], serviceDate: '2026-11-02' },
      ],
      totalChargeCents: 5800,
    };
    const { claim, findings } = await scrub(compact);
    expect(claim.lines.map((l) => [l.code, l.system])).toEqual([
      ['G0008', 'HCPCS'],
      ['90686', 'CPT'],
    ]);
    expect(findings.find((f) => f.id === 'REPAIR-PAYER-CODE')?.source).toContain(
      'medicare-part-b v2026.1 (effective 2026-01-01), rule flu-vaccine-administration',
    );
  });

  it('does not substitute when the companion code is absent', async () => {
    const compact = {
      ...cleanClaim(),
      payer: { payerId: 'MEDICR' },
      subscriber: { memberId: '1EG4TE5MK73' },
      diagnoses: ['Z23'],
      lines: [
        { code: '90471', chargeCents: 3000, diagnosisPointers: [1], serviceDate: '2026-11-02' },
        { code: '90715', chargeCents: 4800, diagnosisPointers: [1], serviceDate: '2026-11-02' },
      ],
      totalChargeCents: 7800,
    };
    const { claim, findings } = await scrub(compact);
    expect(claim.lines[0]?.code).toBe('90471');
    expect(idsOf(findings, 'repaired')).toEqual([]);
  });

  it('gives each line the encounter date of service when it has none of its own', async () => {
    const compact = cleanClaim();
    compact.lines = [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1, 2] }];
    const { claim, findings } = await scrub(compact);
    expect(claim.lines[0]?.serviceDate).toBe('2026-11-02');
    expect(findings).toEqual([]);
  });
});
