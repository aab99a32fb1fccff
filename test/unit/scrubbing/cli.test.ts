import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run as scrub } from '#bin/commands/scrub';
import { codedJson } from '#core/billing/coded-json-input';

const SUPERBILL = fileURLToPath(new URL('../../fixtures/scrubbing/documents/superbill-scrub.csv', import.meta.url));
const SAMPLE_CONFIG = fileURLToPath(new URL('../../../config/practice.sample.json', import.meta.url));
/**
 * The sample configuration with the superbill's three patients in its patient directory: a superbill has no column
 * for the address the 837P needs when the patient is the subscriber (2010BA N3/N4).
 */
const CONFIG = join(mkdtempSync(join(tmpdir(), 'scrub-config-')), 'practice.json');
const street = (line: string) => ({ lines: [line], city: 'Springfield', state: 'IL', postalCode: '62704' });
writeFileSync(
  CONFIG,
  JSON.stringify({
    ...JSON.parse(readFileSync(SAMPLE_CONFIG, 'utf8')),
    patientDirectory: [
      { memberId: 'SBX7700102', lastName: 'Testcase', birthDate: '1970-03-03', address: street('1 Alpha St') },
      { memberId: 'SBX7700103', lastName: 'Testcase', birthDate: '1966-08-21', address: street('2 Bravo St') },
      { memberId: '1EG4TE5MK73', lastName: 'Testcase', birthDate: '1950-01-15', address: street('3 Charlie St') },
    ],
  }),
);
const TODAY = ['--date', '2026-11-23', '--config', CONFIG];

describe('claimflow scrub', () => {
  let stdout: MockInstance;
  let stderr: MockInstance;
  const printed = (spy: MockInstance) => spy.mock.calls.map((call) => String(call[0])).join('');
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints each claim with its verdict and findings', async () => {
    expect(await scrub([SUPERBILL, ...TODAY])).toBe(0);
    const out = printed(stdout);
    expect(out).toMatch(/superbill-scrub\.csv #0 claim CF\w+ \(date of service 2026-11-03\): READY\n {2}no findings/);
    expect(out).toMatch(/ERROR +NCCI-PTP-NOT-ALLOWED +lines\[1\]\.code: 93005 is bundled into 93000/);
    expect(out).toMatch(/REPAIRED +REPAIR-PAYER-CODE +lines\[0\]\.code: Medicare Part B wants G0008 instead of 90471/);
    expect(out).toContain('3 claim(s): 2 ready, 1 for review');
  });

  it('says what is missing when nothing supplies the subscriber’s address, instead of calling the claim ready', async () => {
    expect(await scrub([SUPERBILL, '--date', '2026-11-23', '--config', SAMPLE_CONFIG])).toBe(0);
    const out = printed(stdout);
    expect(out).toMatch(
      /superbill-scrub\.csv #0 claim CF\w+ \(date of service 2026-11-03\): NEEDS REVIEW \(scrub errors\)/,
    );
    expect(out).toMatch(
      /ERROR +X12-SUBSCRIBER-ADDRESS +subscriber\.address: The subscriber’s address \(2010BA N3\/N4, the patient is the subscriber\) is missing: the document does not carry it and the practice’s patient directory has no entry for this patient/,
    );
    expect(out).toContain('3 claim(s): 0 ready, 3 for review');
  });

  it('prints --json in the coded JSON shape with findings, ready and the repairs applied', async () => {
    expect(await scrub([SUPERBILL, '--json', ...TODAY])).toBe(0);
    const json = JSON.parse(printed(stdout));
    expect(codedJson.safeParse(json).success).toBe(true);
    const [clean, bundled, flu] = json.encounters;
    expect(clean).toMatchObject({ ready: true, findings: [] });
    expect(bundled.ready).toBe(false);
    expect(bundled.findings[0]).toEqual({
      id: 'NCCI-PTP-NOT-ALLOWED',
      severity: 'error',
      message: expect.stringContaining('93005 is bundled into 93000'),
      field: 'lines[1].code',
    });
    expect(flu.ready).toBe(true);
    expect(flu.lines.map((l: { code: string }) => l.code)).toEqual(['G0008', '90686']);
    expect(flu.subscriber.memberId).toBe('1EG4TE5MK73');
  });

  it('reports a claim duplicated by an earlier one in the same run', async () => {
    // A re-export of the same visits (other bytes: a trailing line) names other claims for the same services.
    const reExported = join(mkdtempSync(join(tmpdir(), 'scrub-')), 'superbill-again.csv');
    writeFileSync(reExported, `${readFileSync(SUPERBILL, 'utf8')}\n`);
    expect(await scrub([SUPERBILL, reExported, ...TODAY])).toBe(0);
    // The two claims that were ready the first time are duplicates the second time; the one in review never went out.
    expect(printed(stdout).match(/ERROR +DUPLICATE-CLAIM/g)).toHaveLength(2);
  });

  it('the same bytes under another path are the same claims, not duplicates of themselves', async () => {
    const samePathElsewhere = SUPERBILL.replace('/documents/superbill', '/documents/../documents/superbill');
    expect(await scrub([SUPERBILL, samePathElsewhere, ...TODAY])).toBe(0);
    expect(printed(stdout)).not.toMatch(/DUPLICATE-CLAIM/);
    const ids = printed(stdout).match(/claim CF\w+/g) ?? [];
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(3);
  });

  it('exits 2 with the usage when no document is given or the date is malformed', async () => {
    expect(await scrub([])).toBe(2);
    expect(await scrub([SUPERBILL, '--date', '23/11/2026'])).toBe(2);
    expect(printed(stderr)).toContain('--date must be YYYY-MM-DD, got "23/11/2026"');
    expect(printed(stderr)).toContain('Usage: claimflow scrub');
  });

  it('exits 1 naming the file it cannot read, and the payer rules directory it cannot load', async () => {
    expect(await scrub(['/nonexistent/visit.csv', ...TODAY])).toBe(1);
    expect(printed(stderr)).toContain('cannot read /nonexistent/visit.csv: ENOENT');
    expect(await scrub([SUPERBILL, '--payer-rules', '/nonexistent/rules', ...TODAY])).toBe(1);
    expect(printed(stderr)).toContain('cannot read payer rules directory /nonexistent/rules: ENOENT');
  });
});
