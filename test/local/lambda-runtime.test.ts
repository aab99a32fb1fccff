/**
 * The twin's execution environments behave like Lambda's: one invocation at a time per module instance (Powertools
 * keeps per-invocation state at module scope), the environment variables of the function only, a timeout that kills
 * the environment, and init errors reported as such.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FunctionDefinition, FunctionError, LambdaRuntime } from '#local/twin/lambda-runtime';

const dir = mkdtempSync(join(tmpdir(), 'claimflow-runtime-'));
const runtimes: LambdaRuntime[] = [];

function functionFrom(source: string, overrides: Partial<FunctionDefinition> = {}): LambdaRuntime {
  const entryFile = join(dir, `fn-${runtimes.length}.js`);
  writeFileSync(entryFile, source);
  const runtime = new LambdaRuntime(
    {
      logicalId: 'Fn',
      functionName: 'fn',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
      entryFile,
      exportName: 'handler',
      timeoutSeconds: 5,
      memorySize: 256,
      environment: { ONLY_THIS: 'yes' },
      concurrency: 2,
      ...overrides,
    },
    { line: () => {} },
  );
  runtimes.push(runtime);
  return runtime;
}

afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
});

const OVERLAP_PROBE = `
const { threadId } = require('node:worker_threads');
let active = 0;
exports.handler = async (event) => {
  active += 1;
  const overlapping = active;
  await new Promise((r) => setTimeout(r, 50));
  active -= 1;
  return { threadId, overlapping, env: process.env.ONLY_THIS, path: process.env.PATH ?? null, n: event.n };
};`;

describe('the twin Lambda runtime', () => {
  it('never runs two invocations at once in one module instance, and spreads them over its environments', async () => {
    const runtime = functionFrom(OVERLAP_PROBE);

    const results = (await Promise.all([1, 2, 3, 4, 5, 6].map((n) => runtime.invoke({ n })))) as {
      threadId: number;
      overlapping: number;
    }[];

    expect(results.map((r) => r.overlapping)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(results.map((r) => r.threadId)).size).toBe(2);
  });

  it('gives the function its own environment variables and nothing of the host', async () => {
    const runtime = functionFrom(OVERLAP_PROBE);

    const result = (await runtime.invoke({ n: 1 })) as { env: string; path: string | null };

    expect(result).toMatchObject({ env: 'yes', path: null });
  });

  it('fails an invocation past the timeout and serves the next one from a fresh environment', async () => {
    const runtime = functionFrom(
      `let calls = 0; exports.handler = async (e) => { calls += 1; if (e.hang) await new Promise(() => {}); return calls; };`,
      { timeoutSeconds: 1, concurrency: 1 },
    );

    await expect(runtime.invoke({ hang: true })).rejects.toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(await runtime.invoke({})).toBe(1);
  });

  it('reports an error thrown while the module loads as an init error', async () => {
    const runtime = functionFrom(`throw new Error('missing TABLE_NAME');`);

    const failure = await runtime.invoke({}).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(FunctionError);
    expect(failure).toMatchObject({ phase: 'init', message: expect.stringContaining('missing TABLE_NAME') });
  });
});
