// One Lambda execution environment: loads the function's bundled code once (the init phase), then runs one
// invocation at a time, exactly as Lambda does. Plain JavaScript so it runs without a TypeScript loader.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const { entryFile, exportName, clockOffsetMs } = workerData;

// The twin's process runs under a shifted clock (a test dated years ahead): the function sees the same time, so dates
// it stamps and judges agree with the emulators' and the test's. Only the wall clock moves; timers are untouched.
if (clockOffsetMs) {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + clockOffsetMs);
      else super(...args);
    }
    static now() {
      return RealDate.now() + clockOffsetMs;
    }
  }
  // Date() called as a function gives the current time as a string.
  globalThis.Date = new Proxy(ShiftedDate, { apply: () => new ShiftedDate().toString() });
}
let handler;
let initError;
try {
  const loaded = createRequire(entryFile)(entryFile);
  handler = loaded[exportName];
  if (typeof handler !== 'function') initError = new Error(`${entryFile} does not export a function "${exportName}"`);
} catch (error) {
  initError = error;
}

// Init is over (successfully or not): the invocation timeout starts counting from here, as on Lambda.
parentPort.postMessage({ ready: true });

const serialize = (error) => ({
  errorType: error?.name ?? 'Error',
  errorMessage: error?.message ?? String(error),
  stack: typeof error?.stack === 'string' ? error.stack.split('\n') : [],
});

parentPort.on('message', async ({ id, event, context }) => {
  if (initError) {
    parentPort.postMessage({ id, ok: false, error: { ...serialize(initError), phase: 'init' } });
    return;
  }
  const deadline = Date.now() + context.timeoutMs;
  const lambdaContext = {
    ...context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done() {},
    fail() {},
    succeed() {},
  };
  try {
    const result = await handler(event, lambdaContext);
    parentPort.postMessage({ id, ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: serialize(error) });
  }
});
