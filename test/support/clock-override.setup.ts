/**
 * CLAIMFLOW_TEST_NOW=<ISO instant> runs the tests with the wall clock set to that instant (advancing from it), to
 * prove no test depends on the day it runs: `CLAIMFLOW_TEST_NOW=2031-06-15T12:00:00Z npm test`. Only `Date` is faked;
 * timers run in real time. The twin's function workers follow the same clock (local/twin/lambda-runtime.ts).
 * Without the variable this file does nothing.
 */
import { vi } from 'vitest';

const requested = process.env.CLAIMFLOW_TEST_NOW;
if (requested) {
  const now = Date.parse(requested);
  if (Number.isNaN(now)) throw new Error(`CLAIMFLOW_TEST_NOW is not an ISO instant: ${requested}`);
  vi.useFakeTimers({ toFake: ['Date'], now, shouldAdvanceTime: true });
}
