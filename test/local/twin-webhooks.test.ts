/**
 * The clearinghouse webhook API on the twin, end to end over HTTP: the twin serves the stack's HTTP API from the
 * template (route, payload 2.0 event, API Gateway's own answers), clearinghouse-webhook reads its signing secret the
 * way it does in AWS (Secrets Manager through the extension endpoint, never the environment), and a delivery is kept
 * (raw body under responses/raw/, a pointer on the remittance queue, the webhook-id recorded) or refused with nothing
 * changed.
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSES_RAW_PREFIX } from '#contracts/bucket-layout';
import { CLEARINGHOUSE_WEBHOOK_PATH, WEBHOOK_SENDER_FAILURE_LIMIT } from '#contracts/http-routes';
import { remittancePointerMessage } from '#contracts/messages';
import { REVENUE_CYCLE_METRICS, WEBHOOK_REFUSAL_DIMENSION } from '#contracts/metrics';
import { SECRET_ROLES, webhookSigningSecret } from '#contracts/secrets';
import type { LocalTwin } from '#local/twin/twin';
import { startTestTwin } from '#test/support/twin';
import { until } from '#test/support/until';

const X12_999 =
  'ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMFLOW      *261202*0800*^*00501*000000001*0*T*:~' +
  'GS*FA*CLEARINGHOUSE*CLAIMFLOW*20261202*0800*1*X*005010X231A1~ST*999*0001*005010X231A1~' +
  'AK1*HC*1*005010X222A1~AK9*A*1*1*1~SE*4*0001~GE*1*1~IEA*1*000000001~';

let twin: LocalTwin;
let webhookUrl: string;
let secret: string;
let counter = 0;

beforeAll(async () => {
  // No sandbox: the test is the only sender, so every object and message below is one it caused.
  twin = await startTestTwin({ clearinghouse: false });
  webhookUrl = twin.outputs.ClearinghouseWebhookUrl!;
  secret = webhookSigningSecret(twin.secrets.byRole(SECRET_ROLES.webhookSigning)!.value);
  // Whatever consumes the remittance queue is paused: this file checks what the webhook put on it.
  const remittanceQueueUrl = twin.outputs.RemittanceQueueUrl;
  await Promise.all(twin.eventSources.filter((s) => s.definition.queueUrl === remittanceQueueUrl).map((s) => s.stop()));
}, 120_000);

afterAll(async () => {
  await twin?.stop();
});

function signed(body: string, options: { id?: string; at?: Date; key?: string; contentType?: string } = {}) {
  const id = options.id ?? `msg_test_${++counter}`;
  const at = options.at ?? new Date();
  return {
    'content-type': options.contentType ?? 'application/edi-x12',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(options.key ?? secret).sign(id, at, body),
  };
}

async function post(body: string | Uint8Array, headers: Record<string, string>, url = webhookUrl) {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function rawKeys(): Promise<string[]> {
  const listed = await twin.s3.send(
    new ListObjectsV2Command({ Bucket: twin.outputs.IntakeBucketName, Prefix: RESPONSES_RAW_PREFIX }),
  );
  return (listed.Contents ?? []).map((o) => o.Key!).sort();
}

async function pointers() {
  const received = await twin.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: twin.outputs.RemittanceQueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
    }),
  );
  return (received.Messages ?? []).map((m) => remittancePointerMessage.parse(JSON.parse(m.Body!)));
}

describe('the webhook HTTP API served from the template', () => {
  it('lists the API under `apis` and answers as API Gateway does for routes it does not have', async () => {
    expect([...twin.apis.values()]).toContain(webhookUrl.replace(CLEARINGHOUSE_WEBHOOK_PATH, ''));
    const unknown = await fetch(webhookUrl.replace(CLEARINGHOUSE_WEBHOOK_PATH, '/webhooks/other'), { method: 'POST' });
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: 'Not Found' }]);
    const wrongMethod = await fetch(webhookUrl);
    expect(wrongMethod.status).toBe(404);
  });

  it('answers 413 itself past API Gateway’s 10 MB, without invoking the function', async () => {
    const fn = [...twin.runtimes.values()].find((r) => r.definition.functionName.includes('ClearinghouseWebhook'))!;
    const before = fn.invocations;
    const response = await post(new Uint8Array(10 * 1024 * 1024 + 1), signed('x'));
    expect(response).toEqual({ status: 413, body: { message: 'Request Entity Too Large' } });
    expect(fn.invocations).toBe(before);
  });

  it('keeps the signing secret out of every function environment (the function reads it from Secrets Manager)', () => {
    const value = twin.secrets.byRole(SECRET_ROLES.webhookSigning)!.value;
    for (const runtime of twin.runtimes.values()) {
      for (const variable of Object.values(runtime.definition.environment)) expect(variable).not.toContain(value);
    }
    const fn = [...twin.runtimes.values()].find((r) => r.definition.functionName.includes('ClearinghouseWebhook'))!;
    expect(fn.definition.environment.WEBHOOK_SECRET_ARN).toMatch(/^arn:aws:secretsmanager:/);
  });
});

describe('deliveries', () => {
  it('refuses a forged signature with 401 and keeps nothing', async () => {
    const before = await rawKeys();
    const forged = signed(X12_999, {
      key: `whsec_${Buffer.from('not-the-clearinghouse-secret-xxxx').toString('base64')}`,
    });
    const response = await post(X12_999, forged);
    expect(response).toEqual({
      status: 401,
      body: { status: 'refused', reason: 'invalid_signature', message: expect.any(String) },
    });
    expect(await rawKeys()).toEqual(before);
    expect(await pointers()).toEqual([]);
  });

  it('refuses a stale timestamp with 400 and keeps nothing', async () => {
    const before = await rawKeys();
    const stale = signed(X12_999, { at: new Date(Date.now() - 6 * 60_000) });
    const response = await post(X12_999, stale);
    expect([response.status, response.body.reason]).toEqual([400, 'stale_timestamp']);
    expect(await rawKeys()).toEqual(before);
    expect(await pointers()).toEqual([]);
  });

  it('keeps a good delivery: the exact bytes under responses/raw/, one pointer on the remittance queue; a replay changes nothing', async () => {
    const headers = signed(X12_999, { id: 'msg_good_1' });
    const accepted = await post(X12_999, headers);
    expect(accepted).toEqual({ status: 202, body: { status: 'accepted', webhookId: 'msg_good_1' } });

    const keys = await rawKeys();
    expect(keys).toHaveLength(1);
    const stored = await twin.s3.send(new GetObjectCommand({ Bucket: twin.outputs.IntakeBucketName, Key: keys[0] }));
    // application/edi-x12 is binary to API Gateway: it reached the function base64-encoded and was stored as sent.
    expect(await stored.Body!.transformToString()).toBe(X12_999);
    const [pointer, ...more] = await pointers();
    expect(more).toEqual([]);
    expect(pointer).toMatchObject({
      bucket: twin.outputs.IntakeBucketName,
      key: keys[0],
      bytes: Buffer.byteLength(X12_999),
      webhookId: 'msg_good_1',
    });

    // The sender retries the same id (a lost 2xx): acknowledged again, nothing kept twice.
    const again = await post(X12_999, signed(X12_999, { id: 'msg_good_1' }));
    expect(again).toEqual({ status: 200, body: { status: 'duplicate', webhookId: 'msg_good_1' } });
    // A different body under a kept id is a replay or tampering: refused.
    const other = `${X12_999}\n`;
    const replayed = await post(other, signed(other, { id: 'msg_good_1' }));
    expect([replayed.status, replayed.body.reason]).toEqual([400, 'replayed_id']);
    expect(await rawKeys()).toEqual(keys);
    expect(await pointers()).toHaveLength(1);
  });

  it('takes the sandbox’s JSON envelope as text (not base64) and keeps it', async () => {
    const envelope = JSON.stringify({
      type: 'x12.response.available',
      timestamp: new Date().toISOString(),
      data: { id: 'file_1', kind: '999', x12: X12_999 },
    });
    const response = await post(envelope, signed(envelope, { contentType: 'application/json' }));
    expect(response.status).toBe(202);
    expect((await rawKeys()).some((k) => k.endsWith('.json'))).toBe(true);
  });
});

// Last among this twin's tests: it locks this machine's address out of the webhook for the rest of the window.
describe('failures per sender', () => {
  it('answers 429 with Retry-After to a sender that failed authentication too often, even for a good delivery', async () => {
    const wrongKey = `whsec_${Buffer.from('a-prober-guessing-the-secret-xxx').toString('base64')}`;
    const statuses: number[] = [];
    // The tests above already failed a few times from this address; keep failing until the webhook stops listening.
    for (let i = 0; i <= WEBHOOK_SENDER_FAILURE_LIMIT.maxFailures; i += 1) {
      statuses.push((await post(X12_999, signed(X12_999, { key: wrongKey }))).status);
      if (statuses.at(-1) === 429) break;
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);

    const before = await rawKeys();
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: signed(X12_999, { id: 'msg_after_lockout' }),
      body: X12_999,
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ status: 'refused', reason: 'too_many_failures' });
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WEBHOOK_SENDER_FAILURE_LIMIT.windowSeconds);
    expect(await rawKeys()).toEqual(before);

    // Counted (and alarmed on) as sender refusals, and drawn by reason. The twin reads metrics from the function's
    // output as Lambda's log pipeline does, so the last invocation's may land a moment after its response.
    await until(
      () => twin.metrics.sum(REVENUE_CYCLE_METRICS.webhookSenderRefusals) >= 2,
      'both refusals are counted',
      30_000,
    );
    const byReason = twin.metrics.points.filter(
      (p) => p.name === REVENUE_CYCLE_METRICS.webhooksRejected && p.dimensions[WEBHOOK_REFUSAL_DIMENSION],
    );
    expect(new Set(byReason.map((p) => p.dimensions[WEBHOOK_REFUSAL_DIMENSION]))).toEqual(
      new Set(['invalid_signature', 'stale_timestamp', 'replayed_id', 'too_many_failures']),
    );
  });
});

describe('with the sandbox clearinghouse', () => {
  it('configures the sandbox from the stack’s secrets: its signed deliveries reach the webhook and are kept', async () => {
    const withSandbox = await startTestTwin();
    try {
      const sandbox = withSandbox.clearinghouse!;
      const stackSecret = webhookSigningSecret(withSandbox.secrets.byRole(SECRET_ROLES.webhookSigning)!.value);
      expect(sandbox.webhookSecret).toBe(stackSecret);
      // submit-claims reads where the sandbox is and its key from the connection secret, seeded by the twin.
      const connection = JSON.parse(withSandbox.secrets.byRole(SECRET_ROLES.clearinghouseConnection)!.value);
      expect(connection).toEqual({ apiKey: sandbox.apiKey, url: sandbox.url });
      // A delivery signed as the sandbox signs (its secret, its envelope) is accepted by the stack.
      const body = JSON.stringify({ type: 'x12.response.available', data: { id: 'f1', kind: '999', x12: X12_999 } });
      const at = new Date();
      const response = await fetch(withSandbox.outputs.ClearinghouseWebhookUrl!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': 'msg_sandbox_1',
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': new Webhook(sandbox.webhookSecret!).sign('msg_sandbox_1', at, body),
        },
        body,
      });
      expect(response.status).toBe(202);
    } finally {
      await withSandbox.stop();
    }
  }, 120_000);
});
