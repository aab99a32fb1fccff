import { beforeAll, expect, it } from 'vitest';
import { createCodeSets } from '#core/codesets/code-sets';
import type { CodeSets } from '#core/codesets/index';
import { starterReleaseSources } from '#core/codesets/starter/index';
import { readBundleDirectory } from '#functions/common/codesets/bundle-directory';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { type CompactClaim, cleanClaim, idsOf, importFiles, scrub } from './support/scrub-setup.ts';

const HCPCS_2019 = ['hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip'];

describeWithSharedData('PROC-CODE-INVALID against the official HCPCS 2019 file', HCPCS_2019, () => {
  let codeSets: CodeSets;
  beforeAll(() => {
    const dir = importFiles([sharedData(...HCPCS_2019)]);
    codeSets = createCodeSets([...starterReleaseSources(), ...readBundleDirectory(dir)]);
  }, 60_000);

  const claimFor = (code: string): CompactClaim => ({
    ...cleanClaim(),
    dateOfService: '2019-06-03',
    diagnoses: ['E11.9'],
    lines: [{ code, chargeCents: 5000, diagnosisPointers: [1], serviceDate: '2019-06-03' }],
    totalChargeCents: 5000,
  });

  it('names the termination date of a code terminated before the date of service', async () => {
    const { findings } = await scrub(claimFor('A9599'), { codeSets, today: '2019-07-01' });
    expect(idsOf(findings)).toEqual(['PROC-CODE-INVALID']);
    expect(findings.find((f) => f.id === 'PROC-CODE-INVALID')?.message).toBe(
      'HCPCS A9599 was terminated on 2017-12-31; it cannot be billed for 2019-06-03.',
    );
    expect(findings.find((f) => f.id === 'PROC-CODE-INVALID')?.source).toBe('CMS HCPCS Level II (hcpcs-2019)');
  });

  it('accepts a code active in 2019', async () => {
    const { findings } = await scrub(claimFor('J1100'), { codeSets, today: '2019-07-01' });
    expect(idsOf(findings)).toEqual([]);
  });
});
