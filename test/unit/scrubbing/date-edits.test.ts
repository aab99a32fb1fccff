import { describe, expect, it } from 'vitest';
import { cleanClaim, scrub } from './support/scrub-setup.ts';

describe('timely filing', () => {
  it('points at the line with the earliest date of service', async () => {
    const compact = cleanClaim();
    compact.lines = [
      { code: '99213', chargeCents: 13500, diagnosisPointers: [1], serviceDate: '2026-11-02' },
      { code: '96372', chargeCents: 3500, diagnosisPointers: [1], serviceDate: '2026-04-01' },
    ];
    compact.totalChargeCents = 17000;
    const finding = (await scrub(compact)).findings.find((f) => f.id === 'TIMELY-FILING');
    expect(finding).toMatchObject({ field: 'lines[1].serviceDate' });
    expect(finding?.message).toContain('2026-04-01 is 236 days ago');
  });
});
