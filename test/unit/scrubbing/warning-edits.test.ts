import { describe, expect, it } from 'vitest';
import { payerRulesFrom } from '#core/scrubbing/payer-rules';
import { cleanClaim, idsOf, scrub } from './support/scrub-setup.ts';

const withLine = (code: string) => ({
  ...cleanClaim(),
  diagnoses: ['M17.11'],
  lines: [{ code, chargeCents: 50000, diagnosisPointers: [1], serviceDate: '2026-11-02', modifiers: ['RT'] }],
  totalChargeCents: 50000,
});

describe('warnings (never block a claim)', () => {
  it('PROC-CODE-UNVERIFIED: a well-formed CPT code the starter list cannot confirm', async () => {
    const { findings } = await scrub(withLine('27447'));
    expect(idsOf(findings, 'warning')).toEqual(['PROC-CODE-UNVERIFIED']);
    expect(idsOf(findings)).toEqual([]);
  });

  it('PROC-CODE-UNVERIFIED does not fire for a CPT code the loaded list has', async () => {
    expect(idsOf((await scrub(withLine('20610'))).findings, 'warning')).toEqual([]);
  });

  it('CODESET-RELEASE-MISSING names the kinds no release covers', async () => {
    const compact = { ...cleanClaim(), dateOfService: '2015-06-01' };
    compact.lines = [{ code: '99213', chargeCents: 13500, diagnosisPointers: [1, 2], serviceDate: '2015-06-01' }];
    const finding = (await scrub(compact)).findings.find((f) => f.id === 'CODESET-RELEASE-MISSING');
    expect(finding?.message).toBe(
      'No icd10cm, hcpcs, ncci-ptp, ncci-mue release covers 2015-06-01; those edits were not run.',
    );
  });

  it('CODESET-RELEASE-MISSING does not fire when every kind has a release', async () => {
    expect(idsOf((await scrub(cleanClaim())).findings, 'warning')).toEqual([]);
  });

  it('PAYER-RULES-UNAVAILABLE fires when the configured rules are missing, not otherwise', async () => {
    expect(idsOf((await scrub(cleanClaim(), { payerRules: payerRulesFrom([]) })).findings, 'warning')).toEqual([
      'PAYER-RULES-UNAVAILABLE',
    ]);
    expect(idsOf((await scrub(cleanClaim())).findings, 'warning')).toEqual([]);
  });
});
