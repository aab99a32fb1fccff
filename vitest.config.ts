import { defineConfig } from 'vitest/config';

// Three projects, one per room: pure domain logic, the CDK stack, and the whole pipeline on the local twin.
export default defineConfig({
  test: {
    // Two workers on CI's two cores for the unit and infra files (vitest's default there is one: cores minus one).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/clock-override.setup.ts'],
          // Some unit tests import a whole official release (seconds on an idle machine); CI has two cores shared by
          // every worker, so the limits leave room for a loaded machine. Speed goals live in bench/, not here.
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'local',
          include: ['test/local/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/support/clock-override.setup.ts'],
          // A message that always fails takes about a minute to reach its DLQ at the tests' time scale (1/20).
          testTimeout: 240_000,
          hookTimeout: 180_000,
          // The twin owns ports and worker threads; files run one after another so they never compete (a group of
          // their own, after the unit and infra files: a twin's scaled function timeouts never meet CPU-bound tests).
          fileParallelism: false,
          // The stack is synthesized and bundled once per run, not once per file.
          globalSetup: ['test/support/synthesized-stack.setup.ts'],
        },
      },
    ],
  },
});
