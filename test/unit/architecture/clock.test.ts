/**
 * Time through the Clock port: core never reads the machine's clock. Whatever decides an outcome by "now" (timely
 * filing and future dates in scrubbing, webhook tolerance, follow-up waits, the reconciler's cut-off, operator
 * actions' timestamps) takes a Clock or a date as an argument, so tests fix it and no outcome changes with the day a
 * test runs. Entry points (functions/, bin/) pass the system clock; this test reads core's source to keep it so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
/** The one place the machine's clock may be read: the port's system implementation, for entry points. */
const ALLOWED = new Set(['core/kernel/clock.ts']);
const READS_THE_CLOCK = /\bDate\.now\s*\(|\bnew Date\s*\(\s*\)|\bperformance\.now\s*\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Source without comments, so a comment mentioning Date.now() is not a finding. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function clockReads(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    code(text)
      .split('\n')
      .flatMap((line, index) => (READS_THE_CLOCK.test(line) ? [`${path}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe('time through the Clock port', () => {
  it('never reads the machine clock in core/ outside the port itself', () => {
    const files = sourceFiles(join(ROOT, 'core'))
      .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
      .filter(({ path }) => !ALLOWED.has(path));

    expect(files.length).toBeGreaterThan(100);
    expect(clockReads(files)).toEqual([]);
  });

  it('finds a clock read when there is one, and ignores one in a comment', () => {
    expect(
      clockReads([
        { path: 'a.ts', text: 'const today = new Date().toISOString();' },
        { path: 'b.ts', text: 'const t = Date.now() - start;' },
        { path: 'c.ts', text: '// never Date.now() here\nconst d = new Date(value);' },
      ]),
    ).toEqual(['a.ts:1: const today = new Date().toISOString();', 'b.ts:1: const t = Date.now() - start;']);
  });

  it.runIf(process.env.CLAIMFLOW_TEST_NOW !== undefined)(
    'runs under the clock CLAIMFLOW_TEST_NOW asks for (the future-date run is not vacuous)',
    () => {
      const asked = Date.parse(process.env.CLAIMFLOW_TEST_NOW!);
      expect(Math.abs(Date.now() - asked)).toBeLessThan(24 * 60 * 60 * 1000);
      expect(new Date().toISOString().slice(0, 10)).toBe(new Date(asked).toISOString().slice(0, 10));
    },
  );
});
