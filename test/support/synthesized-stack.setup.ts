/**
 * Global setup of the `local` test project: one folder per test run where the stack is synthesized and bundled once,
 * by the first twin test that needs it (test/support/twin.ts), and reused by every later file. Files that change
 * the stack, or deploy other code sets, synthesize their own. Runs that need no twin never synthesize.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    synthesisDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const directory = mkdtempSync(join(tmpdir(), 'claimflow-synth-'));
  project.provide('synthesisDir', directory);
  return () => rmSync(directory, { recursive: true, force: true });
}
