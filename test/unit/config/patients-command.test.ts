/**
 * `claimflow patients load FILE.json` (the records themselves are checked and recorded by loadPatientRecords, and on
 * the twin's table in test/local/twin-split-visit.test.ts): the command's own answers, which never echo the file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run } from '#bin/commands/patients';

describe('claimflow patients', () => {
  let stderr: MockInstance;
  const printed = () => stderr.mock.calls.map((call) => String(call[0])).join('');

  beforeEach(() => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers a call without "load FILE" with its usage', async () => {
    expect(await run([])).toBe(2);
    expect(await run(['import', 'patients.json'])).toBe(2);
    expect(printed()).toContain('usage: claimflow patients load FILE.json');
  });

  it('refuses a file that is not JSON without quoting it (it holds patient records)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'claimflow-patients-')), 'patients.json');
    writeFileSync(file, '[{"mrn": "MG-1", "lastName": "Secretname",');

    expect(await run(['load', file])).toBe(1);
    expect(printed()).toMatch(/patients\.json is not a readable JSON file \(SyntaxError\)/);
    expect(printed()).not.toContain('Secretname');
  });
});
