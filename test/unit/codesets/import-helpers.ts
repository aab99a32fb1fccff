/** Test helpers: compile published files (by path) into a fresh temporary bundle directory. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll } from 'vitest';
import { type CompileOptions, compileReleaseFiles } from '#core/codesets/compile-release-files';
import { writeReleasesAtomically } from '#functions/common/codesets/bundle-directory';

const created: string[] = [];

// Registered while the importing test file is collected: removes that file's temporary bundles when it finishes.
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary directory, removed after the test file. */
export function tempBundleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-codesets-'));
  created.push(dir);
  return dir;
}

/** Imports files into `outDir`; `as` renames a file for recognition (published names carry kind and year). */
export function importInto(
  outDir: string,
  files: (string | { path: string; as: string })[],
  options: Partial<CompileOptions> = {},
): string[] {
  const inputs = files.map((f) =>
    typeof f === 'string' ? { name: f, bytes: readFileSync(f) } : { name: f.as, bytes: readFileSync(f.path) },
  );
  const compiled = compileReleaseFiles(inputs, { compiledAt: '2026-11-23T00:00:00.000Z', ...options });
  return writeReleasesAtomically(outDir, compiled).map((dir) => basename(dir));
}
