/**
 * Asynchronous invocation as Lambda does it (S3 notifications to a function): retried on error, and after the last
 * retry sent to the on-failure destination in Lambda's record shape, or counted as dropped when there is none.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsEmulator } from '#local/emulators/sqs';
import { AsyncInvoker } from '#local/twin/async-invoker';
import { LambdaRuntime } from '#local/twin/lambda-runtime';

const dir = mkdtempSync(join(tmpdir(), 'claimflow-async-'));
const emulator = new SqsEmulator();
let sqs: SQSClient;
let failureQueueUrl: string;
const runtimes: LambdaRuntime[] = [];

/** A function that fails its first `failures` invocations (counted across environments through a file). */
function flakyFunction(failures: number): LambdaRuntime {
  const counter = join(dir, `count-${runtimes.length}`);
  writeFileSync(counter, '0');
  const entryFile = join(dir, `fn-${runtimes.length}.js`);
  writeFileSync(
    entryFile,
    `const fs = require('node:fs');
     exports.handler = async () => {
       const n = Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) + 1;
       fs.writeFileSync(${JSON.stringify(counter)}, String(n));
       if (n <= ${failures}) throw new Error('attempt ' + n + ' failed');
       return { attempts: n };
     };`,
  );
  const runtime = new LambdaRuntime(
    {
      logicalId: 'Fn',
      functionName: 'fn',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn',
      entryFile,
      exportName: 'handler',
      timeoutSeconds: 5,
      memorySize: 128,
      environment: {},
      concurrency: 1,
    },
    { line: () => {} },
  );
  runtimes.push(runtime);
  return runtime;
}

async function settled(invoker: AsyncInvoker): Promise<void> {
  while (invoker.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  const endpoint = await emulator.listen();
  failureQueueUrl = emulator.createQueue('on-failure').url;
  sqs = new SQSClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  sqs?.destroy();
  await emulator.close();
});

describe('asynchronous invocation in the twin', () => {
  it('retries a failed event and stops once an attempt succeeds', async () => {
    const runtime = flakyFunction(2);
    const invoker = new AsyncInvoker(
      runtime,
      { maximumRetryAttempts: 2, failureQueueUrl, retryDelayMs: () => 10 },
      sqs,
      () => {},
    );

    invoker.invoke({ Records: [] });
    await settled(invoker);

    expect(runtime.invocations).toBe(3);
    expect(runtime.errors).toBe(2);
  });

  it("sends the event to the on-failure destination after the last retry, in Lambda's record shape", async () => {
    const runtime = flakyFunction(10);
    const invoker = new AsyncInvoker(
      runtime,
      { maximumRetryAttempts: 2, failureQueueUrl, retryDelayMs: () => 10 },
      sqs,
      () => {},
    );

    invoker.invoke({ Records: [{ eventName: 'ObjectCreated:Put' }] });
    await settled(invoker);

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: failureQueueUrl, WaitTimeSeconds: 1 }));
    const record = JSON.parse(Messages![0]!.Body!);
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { Records: [{ eventName: 'ObjectCreated:Put' }] },
      responsePayload: { errorMessage: expect.stringContaining('attempt 3 failed') },
    });
  });

  it('counts an event as dropped when no destination is configured', async () => {
    const runtime = flakyFunction(10);
    const invoker = new AsyncInvoker(runtime, { maximumRetryAttempts: 1, retryDelayMs: () => 10 }, sqs, () => {});

    invoker.invoke({});
    await settled(invoker);

    expect(invoker.dropped).toBe(1);
    expect(runtime.invocations).toBe(2);
  });
});
