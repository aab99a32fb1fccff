/**
 * Official data files live beside the repository in ../shared/data (never copied in). Tests that need them use
 * `describeWithSharedData`, which skips the suite with a message saying which folder is missing.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of the shared data folder (override with CLAIMFLOW_SHARED_DATA). */
export const SHARED_DATA_DIR = process.env.CLAIMFLOW_SHARED_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

/** Path of a file or folder under the shared data folder. */
export function sharedData(...parts: string[]): string {
  return join(SHARED_DATA_DIR, ...parts);
}

/** Whether the given shared data path (or the whole folder) is present. */
export function hasSharedData(...parts: string[]): boolean {
  return existsSync(sharedData(...parts));
}

/** `describe` that runs only when the shared data path exists, and otherwise skips saying what is missing. */
export function describeWithSharedData(name: string, parts: string[], body: () => void): void {
  if (hasSharedData(...parts)) {
    describe(name, body);
    return;
  }
  // The body is not run at all: suites read their files while they are collected, and must not touch a missing one.
  describe.skip(`${name} (skipped: official data file ${sharedData(...parts)} is absent)`, () => {
    it.skip('needs the shared data folder', () => {});
  });
  process.stderr.write(`[shared-data] skipping "${name}": ${sharedData(...parts)} is absent\n`);
}
