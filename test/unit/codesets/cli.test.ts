import { readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run as codes } from '#bin/commands/codes';
import { run as codesets } from '#bin/commands/codesets';
import { fixturePath } from './fixtures.ts';
import { tempBundleDir } from './import-helpers.ts';

describe('claimflow codesets / codes commands', () => {
  let stdout: MockInstance;
  let stderr: MockInstance;
  const printed = (spy: MockInstance) => spy.mock.calls.map((call) => String(call[0])).join('');
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('imports files into --out, reporting progress on stderr, then lists them with info', async () => {
    const dir = tempBundleDir();
    const files = ['ccipra-v311r0-f1.txt', 'ccipra-v311r0-f2.txt', 'MCR_MUE_PractitionerServices_Eff_04-01-2025.csv'];
    expect(await codesets(['import', ...files.map((f) => fixturePath('ncci', f)), '--out', dir])).toBe(0);
    expect(printed(stderr)).toMatch(/compiling ncci-ptp-2025q2 from 2 file\(s\)/);
    expect(readdirSync(dir).sort()).toEqual(['ncci-mue-2025q2', 'ncci-ptp-2025q2']);
    stdout.mockClear();
    expect(await codesets(['info', '--codesets', dir])).toBe(0);
    expect(printed(stdout)).toMatch(/ncci-ptp-2025q2 +2025-04-01 to 2025-06-30 +ptpEdits 10/);
  });

  it('fails with exit 1 and writes nothing when a file is malformed', async () => {
    const dir = tempBundleDir();
    const code = await codesets([
      'import',
      fixturePath('releases', 'icd10cm_order_2019.txt'),
      fixturePath('cpt', 'cpt-2025.csv'),
      '--out',
      dir,
      '--fiscal-year',
      '2018',
    ]);
    expect(code).toBe(1);
    expect(printed(stderr)).toMatch(
      /nothing written: .*icd10cm_order_2019\.txt: fiscal year mismatch: its file name says FY2019 but the caller says FY2018/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a bad --date before looking anything up', async () => {
    expect(await codes(['lookup', 'I10', '--date', '2025-13-01'])).toBe(2);
    expect(printed(stderr)).toMatch(/--date must be a YYYY-MM-DD date, got "2025-13-01"/);
  });

  it('answers a code from the starter bundle and says when a code is unknown', async () => {
    expect(await codes(['lookup', 'i10', '--date', '2026-01-05'])).toBe(0);
    expect(printed(stdout)).toMatch(
      /ICD-10-CM I10 \(icd10cm-starter\): Essential \(primary\) hypertension\n {2}billable/,
    );
    expect(await codes(['lookup', 'Z99.999', '--date', '2026-01-05'])).toBe(1);
    expect(printed(stdout)).toMatch(/Z99.999 is not a code in the releases in effect on 2026-01-05/);
  });
});
