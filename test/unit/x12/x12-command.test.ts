import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { run } from '#bin/commands/x12';
import { X12_FIXTURES } from './read-fixture.ts';

describe('claimflow x12 parse', () => {
  let stdout: MockInstance;
  let stderr: MockInstance;
  const printed = (spy: MockInstance) => spy.mock.calls.map((call) => String(call[0])).join('');
  const fixture = (name: string) => `${X12_FIXTURES}/${name}`;

  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('prints typed JSON for a 999 with --json', async () => {
    const code = await run(['parse', fixture('999-rejected-ik3-ik4.x12'), '--json']);

    expect(code).toBe(0);
    const json = JSON.parse(printed(stdout));
    expect(json.transactions[0].kind).toBe('999');
    expect(json.transactions[0].acknowledgment.groupResponse.status).toBe('P');
    expect(json.interchanges[0].controlNumber).toBe('000000501');
  });

  it('prints a summary of a balanced 835 without patient names', async () => {
    const code = await run(['parse', fixture('835-reversal-corrected.x12')]);

    expect(code).toBe(0);
    expect(printed(stdout)).toContain('835 0001: trace EFT20261120A, paid 280 (ACH), 3 claim(s), 0 PLB, balanced');
    expect(printed(stdout)).not.toContain('SYNTHETIC');
  });

  it('exits 3 and lists the imbalances of an unbalanced 835', async () => {
    const code = await run(['parse', fixture('835-unbalanced.x12')]);

    expect(code).toBe(3);
    expect(printed(stdout)).toContain(
      'imbalance: transaction 0003: BPR02 420 != sum CLP04 400 - sum PLB 0 = 400 (off by 20)',
    );
  });

  it('prints generic segments for a transaction set it has no typed parser for', async () => {
    const code = await run(['parse', fixture('ta1-rejected.x12'), '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(printed(stdout)).interchangeAcknowledgments[0].noteCode).toBe('001');
  });

  it('exits 1 naming the segment and what was expected when the X12 is invalid', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'x12-')), 'broken.x12');
    writeFileSync(broken, readFileSync(fixture('835-unbalanced.x12'), 'utf8').replace('GE*1*506', 'GE*1*507'));

    const code = await run(['parse', broken]);

    expect(code).toBe(1);
    expect(printed(stderr)).toContain('segment 22 (GE): GE02 "507" must equal GS06 "506" (segment 2) [GE02_CONTROL]');
  });

  it('exits 3 and lists TR3 issues when the envelope is valid but the content breaks the TR3', async () => {
    const text = readFileSync(fixture('835-plb-interest-recoupment.x12'), 'utf8').replace(
      'N4*ANYTOWN*CA*900010001',
      'N4*ANYTOWN*NP*900010001',
    );
    const file = join(mkdtempSync(join(tmpdir(), 'x12-')), 'state.x12');
    writeFileSync(file, text);

    const code = await run(['parse', file]);

    expect(code).toBe(3);
    expect(printed(stdout)).toContain('TR3 issue: segment 9 (N4): N402 "NP" is not a US state');
    expect(printed(stdout)).toContain('[N402_STATE]');
  });

  it('says that --lenient would read a file strict reading refuses at the envelope', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'x12-')), 'broken.x12');
    writeFileSync(broken, readFileSync(fixture('835-unbalanced.x12'), 'utf8').replace('GE*1*506', 'GE*1*507'));

    expect(await run(['parse', broken])).toBe(1);
    expect(printed(stderr)).toContain(
      '[GE02_CONTROL]; --lenient reads it (1 envelope issue(s), 0 TR3 issue(s), 1 transaction set(s))',
    );
  });

  it('says when --lenient cannot read a refused file either', async () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'x12-')), 'broken.x12');
    writeFileSync(
      broken,
      readFileSync(fixture('835-unbalanced.x12'), 'utf8').replace(/CLP\*([^*~]+)\*1\*[^*~]+\*/, 'CLP*$1*1**'),
    );

    expect(await run(['parse', broken])).toBe(1);
    expect(printed(stderr)).toContain('--lenient cannot read it either (segment');
  });

  it('exits 1 when the file cannot be read', async () => {
    const code = await run(['parse', fixture('277ca-mixed-rejections.x12').replace('.x12', '.missing')]);

    expect(code).toBe(1);
    expect(printed(stderr)).toMatch(/cannot read .*277ca-mixed-rejections\.missing: ENOENT/);
  });

  it('exits 2 on a missing file argument or an unknown subcommand', async () => {
    expect(await run(['parse'])).toBe(2);
    expect(await run(['frobnicate'])).toBe(2);
    expect(printed(stderr)).toContain('unknown subcommand "frobnicate"');
  });
});
