/**
 * The operator CLI learns prefixes, limits and the stack name from contracts/, so loading any of its commands never
 * loads aws-cdk-lib (a large library the CLI has no use for). Checked in a fresh process, where the module cache shows
 * exactly what importing the commands pulled in.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const COMMANDS = readdirSync(join(ROOT, 'bin', 'commands'))
  .filter((name) => name.endsWith('.ts'))
  .map((name) => `./bin/commands/${name}`);

const PROBE = `
import { createRequire } from 'node:module';
for (const path of ${JSON.stringify(COMMANDS)}) await import(path);
const loaded = Object.keys(createRequire(import.meta.url).cache);
const cdk = (paths) => paths.filter((p) => p.includes('/node_modules/aws-cdk-lib/')).length;
const before = cdk(loaded);
await import('aws-cdk-lib');
console.log(JSON.stringify({ cdk: before, cdkOnceImported: cdk(Object.keys(createRequire(import.meta.url).cache)) }));
`;

describe('the CLI without the CDK', () => {
  it('imports every command without loading aws-cdk-lib', () => {
    expect(COMMANDS.length).toBeGreaterThan(3);
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PROBE], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const counts = JSON.parse(output.trim().split('\n').at(-1)!) as { cdk: number; cdkOnceImported: number };
    expect(counts.cdk).toBe(0);
    // The probe can see the library: importing it afterwards fills the same cache.
    expect(counts.cdkOnceImported).toBeGreaterThan(0);
  }, 60_000);
});
