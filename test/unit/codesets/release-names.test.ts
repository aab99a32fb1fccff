import { describe, expect, it } from 'vitest';
import {
  cptReleaseFromName,
  hcpcsReleaseFromName,
  icd10cmRelease,
  ncciMueReleaseFromName,
  ncciPtpReleaseFromName,
} from '#core/codesets/release-names';

describe('release identity and effective dates from published file names', () => {
  it('ICD-10-CM: the October release covers the fiscal year, the April update its second half', () => {
    expect(icd10cmRelease(2025).effective).toEqual({ from: '2024-10-01', to: '2025-09-30' });
    expect(icd10cmRelease(2025, true)).toEqual({
      kind: 'icd10cm',
      label: 'fy2025-apr',
      effective: { from: '2025-04-01', to: '2025-09-30' },
    });
  });

  it('HCPCS: the annual file covers its calendar year, a quarterly file the rest of the year', () => {
    expect(hcpcsReleaseFromName('x/HCPC2019_CONTR_ANWEB.txt')).toEqual({
      kind: 'hcpcs',
      label: '2019',
      effective: { from: '2019-01-01', to: '2019-12-31' },
    });
    expect(hcpcsReleaseFromName('HCPC2026_APR_ANWEB_03102026.txt')?.effective).toEqual({
      from: '2026-04-01',
      to: '2026-12-31',
    });
    expect(hcpcsReleaseFromName('hcpcs.txt')).toBeUndefined();
  });

  it('NCCI PTP: version 31.1 is the second quarter of 2025, every part the same release', () => {
    expect(ncciPtpReleaseFromName('ccipra-v311r0-f1.txt')).toEqual({
      kind: 'ncci-ptp',
      label: '2025q2',
      effective: { from: '2025-04-01', to: '2025-06-30' },
    });
    expect(ncciPtpReleaseFromName('ccipra-v250r1-f4.txt')?.effective.from).toBe('2019-01-01');
    expect(ncciPtpReleaseFromName('ccioph-v311r0-f1.txt')).toBeUndefined();
  });

  it('NCCI MUE: from the date in the name to the end of that quarter', () => {
    expect(ncciMueReleaseFromName('MCR_MUE_PractitionerServices_Eff_04-01-2025.csv')).toEqual({
      kind: 'ncci-mue',
      label: '2025q2',
      effective: { from: '2025-04-01', to: '2025-06-30' },
    });
    expect(ncciMueReleaseFromName('MCR_MUE_PractitionerServices_Eff_02-30-2025.csv')).toBeUndefined();
  });

  it('CPT: the calendar year in the name', () => {
    expect(cptReleaseFromName('cpt-2025.csv')?.effective).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(cptReleaseFromName('cpt.csv')).toBeUndefined();
  });
});
