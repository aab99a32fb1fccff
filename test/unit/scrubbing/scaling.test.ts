/**
 * The scrubber is linear in the lines of a claim (issue 10: 40,000 lines took 140 s). Measured by counted work, never
 * by a clock: its PTP table lookups (once per pair of lines, back then), and the whole scrub's scans and lookups
 * (test/support/work-counter.ts), which a per-line scan of every other line multiplies by 16 at four times the lines.
 */
import { describe, expect, it } from 'vitest';
import { EDITS } from '#core/scrubbing/catalogue';
import { buildContext } from '#core/scrubbing/context';
import { scrubClaim } from '#core/scrubbing/index';
import { countAsyncWork } from '#test/support/work-counter';
import { cleanClaim, testPorts, toClaim } from './support/scrub-setup.ts';

const CODES = [
  '99213',
  '36415',
  '81002',
  '93000',
  '93005',
  '87880',
  '85025',
  '80053',
  'J3420',
  '96372',
  '90686',
  '11055',
];

function claimOf(lineCount: number) {
  const compact = cleanClaim();
  compact.lines = Array.from({ length: lineCount }, (_, i) => ({
    code: CODES[i % CODES.length]!,
    chargeCents: 1000 + i,
    diagnosisPointers: [1],
    serviceDate: '2026-11-02',
  }));
  compact.totalChargeCents = compact.lines.reduce((sum, line) => sum + line.chargeCents, 0);
  return toClaim(compact);
}

const ports = testPorts();

function ptpLookups(lineCount: number): number {
  const { claim, coded } = claimOf(lineCount);
  const context = buildContext(claim, coded, ports);
  const ncci = context.lookups.ncci;
  let lookups = 0;
  const counting = Object.create(ncci) as typeof ncci;
  counting.ptp = (...args: Parameters<typeof ncci.ptp>) => {
    lookups += 1;
    return ncci.ptp(...args);
  };
  (context.lookups as { ncci: typeof ncci }).ncci = counting;
  for (const edit of EDITS) void edit.check(context);
  return lookups;
}

/** The work of scrubbing a claim of `lineCount` lines (the scrubber's lookup caches already filled). */
async function scrubWork(lineCount: number): Promise<number> {
  const { claim, coded } = claimOf(lineCount);
  return (await countAsyncWork(() => scrubClaim(claim, coded, ports))).units;
}

describe('scrubbing scales linearly with the lines of a claim', () => {
  it('asks the PTP table once per pair of distinct codes on a date, not once per pair of lines', () => {
    const small = ptpLookups(120);
    // Two PTP edits (not allowed, modifier required), each asking once per pair of the 12 distinct codes.
    expect(small).toBe(2 * ((CODES.length * (CODES.length - 1)) / 2));
    expect(ptpLookups(4_800)).toBe(small);
  });

  it('still reports every line of a bundled pair', async () => {
    const { claim, coded } = claimOf(CODES.length * 3);
    const { findings } = await scrubClaim(claim, coded, ports);
    // 93005 is bundled into 93000 (indicator 0): each of the three 93005 lines is reported once.
    const bundled = findings.filter(
      (f) => f.id === 'NCCI-PTP-NOT-ALLOWED' && /93005 is bundled into 93000/.test(f.message),
    );
    expect(bundled).toHaveLength(3);
  });

  it('does four times the work for four times the lines (quadratic would be sixteen), the same every time', async () => {
    await scrubWork(4_000); // fills the code set lookup caches, which the first scrub pays for once
    const n = await scrubWork(4_000);
    const fourN = await scrubWork(16_000);
    expect(await scrubWork(4_000)).toBe(n);
    // About 60 units a line at both sizes; a per-line scan of the other lines measured 4,060 and 16,060.
    expect(fourN / n).toBeLessThan(4.4);
    expect(fourN / 16_000).toBeLessThan(100);
  }, 120_000);
});
