/**
 * Runs the independent X12 validator (pyx12, ../shared/tools/x12-validate) on texts we built. Suites that need it
 * use `describeWithValidator`, which skips with a message when the tool or python3 is absent.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe } from 'vitest';
import { SHARED_DATA_DIR } from '#test/support/shared-data';

export const VALIDATOR = process.env.CLAIMFLOW_X12_VALIDATE ?? join(dirname(SHARED_DATA_DIR), 'tools', 'x12-validate');

function why(): string | undefined {
  if (!existsSync(VALIDATOR)) return `${VALIDATOR} is absent`;
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 is absent';
  return undefined;
}

const missing = why();

export function describeWithValidator(name: string, body: () => void): void {
  if (missing === undefined) {
    describe(name, body);
    return;
  }
  describe.skip(`${name} (skipped: ${missing})`, body);
  process.stderr.write(`[x12-validate] skipping "${name}": ${missing}\n`);
}

/** Validate each text; returns the validator's report per text ("valid" or its findings). */
export function validateX12(texts: Record<string, string>): { valid: boolean; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-x12-'));
  try {
    const files = Object.entries(texts).map(([name, text]) => {
      const file = join(dir, `${name}.x12`);
      writeFileSync(file, text);
      return file;
    });
    try {
      const report = execFileSync(VALIDATOR, files, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { valid: true, report };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { valid: false, report: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
