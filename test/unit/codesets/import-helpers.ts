/** Test helpers: compile published files (by path) into a fresh temporary bundle directory. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeReleasesAtomically } from '#core/codesets/bundle/bundle-files';
import { type CompileOptions, compileReleaseFiles } from '#core/codesets/compile-release-files';

export function tempBundleDir(): string {
  return mkdtempSync(join(tmpdir(), 'claimflow-codesets-'));
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
