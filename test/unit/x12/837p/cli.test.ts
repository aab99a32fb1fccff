import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run837 } from '#bin/commands/x12/build-837';
import { claimIdFor } from '#core/claims/build-claim';
import { read837P } from '#core/x12/837p/reader-837p';

const fixture = (name: string) => new URL(`../../../fixtures/x12/837p/${name}`, import.meta.url).pathname;
const IDENTITY = fixture('submitter-identity.json');
const CODED = fixture('coded.json');

let dir: string;
let stderr: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'x12-837-'));
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const run = (...extra: string[]) =>
  run837([
    CODED,
    '--identity',
    IDENTITY,
    '--counter',
    join(dir, 'counter.json'),
    '--out',
    join(dir, 'out.837'),
    ...extra,
  ]);

describe('claimflow x12 837', () => {
  it('builds the 837P of the ready encounter, holds the one needing review, and says so without PHI', async () => {
    expect(await run()).toBe(0);
    const { claims } = read837P(readFileSync(join(dir, 'out.837'), 'utf8'));
    expect(claims.map((c) => c.id)).toEqual([claimIdFor('inbox/visit-001.json', 0)]);
    expect(stderr).toContain('held for review, not billed: inbox/visit-002.hl7#0 (low_confidence_coding)');
    expect(stderr).not.toContain('headache');
  });

  it('fills the claim from the encounter: self subscriber, dates per line, MRN, HCPCS system, line control numbers', async () => {
    await run();
    const [claim] = read837P(readFileSync(join(dir, 'out.837'), 'utf8')).claims;
    expect(claim?.patient).toMatchObject({ relationshipToSubscriber: '18', lastName: 'DOE', mrn: 'MRN0042' });
    expect(claim?.subscriber).toMatchObject({ memberId: 'XYZ123456789', birthDate: '1980-02-29', sex: 'F' });
    expect(claim?.lines.map((l) => [l.code, l.system, l.serviceDate, l.controlNumber])).toEqual([
      ['99214', 'CPT', '2026-11-20', `${claim?.id}-1`],
      ['G0008', 'HCPCS', '2026-11-19', `${claim?.id}-2`],
    ]);
    expect(claim?.totalChargeCents).toBe(18000);
  });

  it('draws new control numbers from the counter file on every run', async () => {
    await run();
    const first = read837P(readFileSync(join(dir, 'out.837'), 'utf8')).transactions[0];
    await run();
    const second = read837P(readFileSync(join(dir, 'out.837'), 'utf8')).transactions[0];
    expect([first?.interchangeControlNumber, first?.controlNumber]).toEqual(['000000001', '0001']);
    expect([second?.interchangeControlNumber, second?.controlNumber]).toEqual(['000000002', '0002']);
  });

  it('names every missing claim field and exits 1 when an encounter lacks billing data', async () => {
    const coded = JSON.parse(readFileSync(CODED, 'utf8'));
    delete coded.encounters[0].encounter.payer.payerId;
    coded.encounters[0].encounter.billingProvider.address.postalCode = '62701';
    const path = join(dir, 'coded.json');
    writeFileSync(path, JSON.stringify(coded));
    expect(await run837([path, '--identity', IDENTITY, '--counter', join(dir, 'c.json')])).toBe(1);
    expect(stderr).toMatch(/payer\.payerId: 2010BB NM109 payer id is required/);
    expect(stderr).toMatch(/billingProvider\.address\.postalCode: 2010AA N403 postal code must be nine digits/);
  });

  it('rejects input that is not coded JSON, naming the JSON path', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ encounters: [{ source: { key: 'k', format: 'csv', index: 0 } }] }));
    expect(await run837([path, '--identity', IDENTITY])).toBe(1);
    expect(stderr).toMatch(/\$\.encounters\[0\]\.diagnoses/);
  });

  it('refuses coded JSON of another version', async () => {
    const path = join(dir, 'v2.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(CODED, 'utf8')), codedJsonVersion: '2' }));
    expect(await run837([path, '--identity', IDENTITY])).toBe(1);
    expect(stderr).toMatch(/\$\.codedJsonVersion: this build reads coded JSON version "1"/);
  });

  it('takes the identities from the practice configuration when no identity file is named', async () => {
    vi.stubEnv('CLAIMFLOW_SUBMITTER_IDENTITY', '');
    vi.stubEnv('CLAIMFLOW_PRACTICE_CONFIG', '');
    const out = join(dir, 'sample.837');
    expect(await run837([CODED, '--counter', join(dir, 'c.json'), '--out', out])).toBe(0);
    const [transaction] = read837P(readFileSync(out, 'utf8')).transactions;
    const sample = JSON.parse(
      readFileSync(new URL('../../../../config/practice.sample.json', import.meta.url), 'utf8'),
    );
    expect(transaction?.submitter).toEqual({
      name: sample.submitter.submitter.name,
      id: sample.submitter.submitter.id,
    });
    vi.unstubAllEnvs();
  });

  it('names the practice configuration and its invalid field', async () => {
    const path = join(dir, 'practice.json');
    writeFileSync(path, JSON.stringify({ configVersion: '1' }));
    expect(await run837([CODED, '--config', path])).toBe(1);
    expect(stderr).toMatch(/practice configuration .*practice\.json is invalid/);
  });

  it('rejects an unknown option as a usage error', async () => {
    expect(await run837([CODED, '--sender', 'X'])).toBe(2);
    expect(stderr).toMatch(/Unknown option '--sender'/);
    expect(stderr).toMatch(/usage: claimflow x12 837/);
  });
});

describe('claimflow x12 837 through the CLI dispatcher', () => {
  it('composes with code --json on stdin and prints the 837P on stdout', () => {
    const counter = join(mkdtempSync(join(tmpdir(), 'x12-837-cli-')), 'counter.json');
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bin/claimflow.ts', 'x12', '837', '-', '--identity', IDENTITY, '--counter', counter],
      { input: readFileSync(CODED), encoding: 'utf8', cwd: new URL('../../../../', import.meta.url).pathname },
    );
    expect(result.status).toBe(0);
    expect(read837P(result.stdout).claims).toHaveLength(1);
  }, 30_000);
});
