import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run as code } from '#bin/commands/code';
import { run837 } from '#bin/commands/x12/build-837';
import { codedJson } from '#core/billing/coded-json-input';
import { config, PRACTICE_CONFIG_PATH } from './support.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/coding/${name}`, import.meta.url));
const NOTE = fixture('back-pain-toradol.txt');
const SUPERBILL = fixture('superbill-injection.csv');
/** ClaimFlow JSON with the addresses a claim needs and a note coded from its text. */
const JSON_VISIT = fixture('visit-with-note.json');

describe('claimflow code', () => {
  let stdout: MockInstance;
  let stderr: MockInstance;
  const printed = (spy: MockInstance) => spy.mock.calls.map((call) => String(call[0])).join('');
  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints each encounter with its diagnoses, lines and evidence', async () => {
    expect(await code([NOTE, '--config', PRACTICE_CONFIG_PATH])).toBe(0);
    const out = printed(stdout);
    expect(out).toMatch(/== .*back-pain-toradol\.txt \(clinical-note, date of service 2026-11-03\): auto-coded/);
    expect(out).toMatch(/M54\.50 +Low back pain/);
    expect(out).toMatch(/99213-25 +x1 +\$135/);
    expect(out).toMatch(/J1885 +x2 +\$14/);
    expect(out).toContain('drug.ketorolac: "Toradol 30 mg IM administered." [');
    expect(out).toMatch(/1 encounter\(s\): 1 auto-coded, 0 for review/);
  });

  it('prints --json that the 837P input schema accepts, with the documented fields', async () => {
    expect(await code([NOTE, SUPERBILL, '--json', '--config', PRACTICE_CONFIG_PATH])).toBe(0);
    const json = JSON.parse(printed(stdout));
    expect(codedJson.safeParse(json).success).toBe(true);
    expect(json.encounters).toHaveLength(2);
    const [note] = json.encounters;
    expect(note.source).toEqual({ key: NOTE, format: 'clinical-note', index: 0, digest: expect.any(String) });
    expect(note.diagnoses[0]).toMatchObject({
      code: 'M54.50',
      confidence: expect.any(Number),
      evidence: [expect.objectContaining({ kind: 'text' })],
    });
    expect(
      note.lines.map(
        (l: { code: string; modifiers: string[]; units: number; chargeCents: number; diagnosisPointers: number[] }) => [
          l.code,
          l.modifiers,
          l.units,
          l.chargeCents,
          l.diagnosisPointers,
        ],
      ),
    ).toEqual([
      ['99213', ['25'], 1, 13500, [1]],
      ['J1885', [], 2, 1400, [1]],
      ['96372', [], 1, 3500, [1]],
    ]);
    expect(note.review).toEqual({ required: false, reasons: [] });
    // Completed from the configuration, because the 837P needs them and the configuration is the authority.
    expect(note.payer).toMatchObject({ payerId: 'SANDBOX1', filingIndicator: 'CI' });
    expect(note.billingProvider).toMatchObject({ npi: '1234567893', tin: config.billingProviders[0]!.tin });
  });

  it('composes with "claimflow x12 837": the coded JSON becomes an 837P interchange', async () => {
    expect(await code([JSON_VISIT, '--json', '--config', PRACTICE_CONFIG_PATH])).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'claimflow-code-'));
    const coded = join(dir, 'coded.json');
    writeFileSync(coded, printed(stdout));
    const identity = join(dir, 'identity.json');
    writeFileSync(identity, JSON.stringify(config.submitter));
    const out = join(dir, 'claims.837');
    expect(await run837([coded, '--identity', identity, '--counter', join(dir, 'counter.json'), '--out', out])).toBe(0);
    const x12 = readFileSync(out, 'utf8');
    expect(x12.startsWith('ISA*')).toBe(true);
    expect(x12.match(/~CLM\*/g)).toHaveLength(1);
    expect(x12).toContain('SV1*HC:99213:25*135*UN*1***1');
    expect(x12).toContain('HI*ABK:M5450');
  });

  it('fails with exit 1 and names the file and reason when a document cannot be parsed, coding the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimflow-code-'));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    expect(await code([empty, NOTE, '--config', PRACTICE_CONFIG_PATH])).toBe(1);
    expect(printed(stderr)).toMatch(/claimflow code: .*empty\.txt: \w+/);
    expect(printed(stdout)).toMatch(/1 encounter\(s\)/);
  });

  it.each([
    [[], /no document given/],
    [[NOTE, '--date', '11/03/2026'], /--date must be YYYY-MM-DD, got "11\/03\/2026"/],
    [[NOTE, '--verbose'], /Unknown option '--verbose'/],
  ])('refuses %j with usage and exit 2', async (argv, message) => {
    expect(await code(argv as string[])).toBe(2);
    expect(printed(stderr)).toMatch(message);
    expect(printed(stderr)).toContain('Usage: claimflow code');
  });

  it('fails with exit 1 naming the directory when --codesets is not a bundle', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'claimflow-code-')), 'no-such-bundle');
    expect(await code([NOTE, '--codesets', missing, '--config', PRACTICE_CONFIG_PATH])).toBe(1);
    expect(printed(stderr)).toContain('no-such-bundle');
  });

  it('fails with exit 1 on a practice configuration that does not validate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimflow-code-'));
    const broken = join(dir, 'practice.json');
    writeFileSync(broken, JSON.stringify({ configVersion: '1' }));
    expect(await code([NOTE, '--config', broken])).toBe(1);
    expect(printed(stderr)).toMatch(/practice configuration .*practice\.json is invalid/);
  });
});
