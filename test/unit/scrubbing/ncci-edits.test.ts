import { describe, expect, it } from 'vitest';
import { type CompactClaim, type CompactLine, cleanClaim, idsOf, scrub } from './support/scrub-setup.ts';

function claimWith(diagnoses: string[], lines: CompactLine[]): CompactClaim {
  return {
    ...cleanClaim(),
    diagnoses,
    lines,
    totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
  };
}

const line = (code: string, serviceDate: string, extra: Partial<CompactLine> = {}): CompactLine => ({
  code,
  chargeCents: 5000,
  diagnosisPointers: [1],
  serviceDate,
  ...extra,
});

describe('NCCI PTP edits (fixture table v32.3 in the CMS layout)', () => {
  it('reports the column-2 line of an indicator-0 pair with the table release and rationale', async () => {
    const { findings } = await scrub(claimWith(['I10'], [line('93000', '2026-11-02'), line('93005', '2026-11-02')]), {
      payerRules: { rulesFor: () => undefined, has: () => false },
    });
    const ptp = findings.find((f) => f.id === 'NCCI-PTP-NOT-ALLOWED');
    expect(ptp).toMatchObject({ field: 'lines[1].code', owner: 'CODER', severity: 'error' });
    expect(ptp?.source).toContain('ncci-ptp-2026q4');
    expect(ptp?.message).toContain('CPT Manual or CMS manual coding instructions');
  });

  it('finds the pair whichever order the lines are in', async () => {
    const { findings } = await scrub(claimWith(['I10'], [line('93005', '2026-11-02'), line('93000', '2026-11-02')]), {
      payerRules: { rulesFor: () => undefined, has: () => false },
    });
    expect(findings.find((f) => f.id === 'NCCI-PTP-NOT-ALLOWED')?.field).toBe('lines[0].code');
  });

  it('does not pair lines on different dates of service', async () => {
    const { findings } = await scrub(claimWith(['I10'], [line('93000', '2026-11-02'), line('93005', '2026-11-03')]), {
      payerRules: { rulesFor: () => undefined, has: () => false },
    });
    expect(idsOf(findings)).not.toContain('NCCI-PTP-NOT-ALLOWED');
  });

  it('applies an edit until its deletion date and not after it', async () => {
    const pair = (date: string) => claimWith(['L84'], [line('11200', date), line('11201', date)]);
    expect(idsOf((await scrub(pair('2026-10-15'))).findings)).toContain('NCCI-PTP-NOT-ALLOWED');
    expect(idsOf((await scrub(pair('2026-10-16'))).findings)).not.toContain('NCCI-PTP-NOT-ALLOWED');
  });

  it('takes the quarter in effect: the starter edits answer before the fixture quarter begins', async () => {
    // 20610/20550 is only in the v32.3 fixture; in Q3 2026 the starter table (no such pair) is in effect.
    const pair = (date: string) =>
      claimWith(['M17.11'], [line('20610', date, { modifiers: ['RT'] }), line('20550', date)]);
    expect(idsOf((await scrub(pair('2026-11-02'))).findings)).toEqual(['NCCI-PTP-MODIFIER-REQUIRED']);
    expect(idsOf((await scrub(pair('2026-09-30'))).findings)).toEqual([]);
  });

  it('accepts the modifier only on the column-2 line', async () => {
    const onColumn1 = claimWith(
      ['M17.11'],
      [line('20610', '2026-11-02', { modifiers: ['59'] }), line('20550', '2026-11-02')],
    );
    const onColumn2 = claimWith(
      ['M17.11'],
      [line('20610', '2026-11-02'), line('20550', '2026-11-02', { modifiers: ['59'] })],
    );
    expect(idsOf((await scrub(onColumn1)).findings)).toEqual(['NCCI-PTP-MODIFIER-REQUIRED']);
    expect(idsOf((await scrub(onColumn2)).findings)).toEqual([]);
  });

  it('lets no modifier bypass an indicator-0 pair', async () => {
    const { findings } = await scrub(
      claimWith(['I10'], [line('93000', '2026-11-02'), line('93005', '2026-11-02', { modifiers: ['59'] })]),
      { payerRules: { rulesFor: () => undefined, has: () => false } },
    );
    expect(idsOf(findings)).toEqual(['NCCI-PTP-NOT-ALLOWED']);
  });

  it('ignores a pair whose modifier indicator is 9', async () => {
    const { findings } = await scrub(claimWith(['L84'], [line('17110', '2026-11-02'), line('11200', '2026-11-02')]));
    expect(idsOf(findings)).toEqual([]);
  });
});

describe('NCCI MUE edits (fixture table effective 10-01-2026 in the CMS layout)', () => {
  it('checks a line edit per line, so units split over lines pass', async () => {
    const oneLine = claimWith(['E11.9'], [line('A4206', '2026-11-02', { units: 101 })]);
    const twoLines = claimWith(
      ['E11.9'],
      [line('A4206', '2026-11-02', { units: 100 }), line('A4206', '2026-11-02', { units: 100 })],
    );
    const found = (await scrub(oneLine)).findings.find((f) => f.id === 'NCCI-MUE-LINE');
    expect(found).toMatchObject({ field: 'lines[0].units' });
    expect(found?.source).toContain('ncci-mue-2026q4');
    expect(idsOf((await scrub(twoLines)).findings)).toEqual([]);
  });

  it('sums a date-of-service edit across lines of the same date only', async () => {
    const sameDay = claimWith(
      ['E11.9'],
      [line('96372', '2026-11-02', { units: 3 }), line('96372', '2026-11-02', { units: 2 })],
    );
    const twoDays = claimWith(
      ['E11.9'],
      [line('96372', '2026-11-02', { units: 3 }), line('96372', '2026-11-03', { units: 2 })],
    );
    expect(idsOf((await scrub(sameDay)).findings)).toEqual(['NCCI-MUE-DATE-OF-SERVICE']);
    expect(idsOf((await scrub(twoDays)).findings)).toEqual([]);
  });

  it('tells a clinical MUE (appealable) from a policy MUE in the suggested fix', async () => {
    const clinical = (await scrub(claimWith(['E11.9'], [line('96372', '2026-11-02', { units: 5 })]))).findings;
    const policy = (await scrub(claimWith(['E11.9'], [line('99213', '2026-11-02', { units: 2 })]))).findings;
    expect(clinical.find((f) => f.id === 'NCCI-MUE-DATE-OF-SERVICE')?.suggestedFix).toContain('appeal');
    expect(policy.find((f) => f.id === 'NCCI-MUE-DATE-OF-SERVICE')?.suggestedFix).toContain('not payable above');
  });
});
