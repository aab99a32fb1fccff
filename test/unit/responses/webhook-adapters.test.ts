import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { DOMAIN_TABLE_TTL_ATTRIBUTE } from '#contracts/domain-table';
import { bodyBytes, httpApiEvent } from '#functions/clearinghouse-webhook/http-event';
import {
  dynamoSenderFailureCounter,
  dynamoWebhookIdStore,
  senderFailuresKey,
} from '#functions/clearinghouse-webhook/webhook-ports';
import { webhookSecretSource } from '#functions/clearinghouse-webhook/webhook-secret';
import { claimFlowTableForSuite } from '#test/support/dynalite-suite';

const SECRET = `whsec_${Buffer.from('claimflow-test-webhook-secret-32b').toString('base64')}`;
const ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:claimflow/webhook-AbCdEf';

function event(body: string | undefined, isBase64Encoded: boolean) {
  return {
    version: '2.0',
    routeKey: 'POST /webhooks/clearinghouse',
    rawPath: '/webhooks/clearinghouse',
    headers: { 'content-type': 'application/edi-x12', 'webhook-id': 'msg_1' },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded,
    requestContext: { requestId: 'req-1', http: { method: 'POST', path: '/webhooks/clearinghouse' } },
  };
}

describe('the HTTP API event (payload 2.0)', () => {
  it('hands the core the exact bytes, decoding base64 when API Gateway encoded them', () => {
    const bytes = Uint8Array.from([0x49, 0x53, 0x41, 0x2a, 0xe9, 0x7e, 0x0a]); // not valid UTF-8 on purpose
    const encoded = httpApiEvent.parse(event(Buffer.from(bytes).toString('base64'), true));
    expect([...bodyBytes(encoded)]).toEqual([...bytes]);
    const plain = httpApiEvent.parse(event('ISA*00~', false));
    expect(new TextDecoder().decode(bodyBytes(plain))).toBe('ISA*00~');
    expect(bodyBytes(httpApiEvent.parse(event(undefined, false))).byteLength).toBe(0);
  });

  it('refuses an event that is not an HTTP API 2.0 proxy event (a wiring mistake)', () => {
    expect(() => httpApiEvent.parse({ ...event('x', false), version: '1.0' })).toThrow();
    expect(() => httpApiEvent.parse({ Records: [] })).toThrow();
  });
});

describe('the webhook secret port (Secrets Manager through the secrets extension)', () => {
  const bare = Buffer.from('claimflow-test-webhook-secret-32b').toString('base64');

  it('reads the ARN once through the secrets extension with the session token, and retries after a failure', async () => {
    const calls: { url: string; token: string | undefined }[] = [];
    let fail = true;
    const fakeFetch = async (url: string, init: { headers: Record<string, string> }) => {
      calls.push({ url, token: init.headers['X-Aws-Parameters-Secrets-Token'] });
      if (fail) return new Response('unavailable', { status: 503 });
      return Response.json({ Name: 'claimflow/webhook', SecretString: SECRET });
    };
    const source = webhookSecretSource({ WEBHOOK_SECRET_ARN: ARN }, { AWS_SESSION_TOKEN: 'session-token' }, fakeFetch);
    await expect(source()).rejects.toThrow(/HTTP 503/);
    fail = false;
    expect(await source()).toBe(SECRET);
    expect(await source()).toBe(SECRET);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({
      url: `http://localhost:2773/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`,
      token: 'session-token',
    });
  });

  it('asks the port the extension listens on (PARAMETERS_SECRETS_EXTENSION_HTTP_PORT)', async () => {
    const urls: string[] = [];
    const source = webhookSecretSource(
      { WEBHOOK_SECRET_ARN: ARN },
      { PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: '40123' },
      async (url) => {
        urls.push(url);
        return Response.json({ SecretString: SECRET });
      },
    );
    await source();
    expect(urls[0]).toMatch(/^http:\/\/localhost:40123\/secretsmanager\/get\?secretId=/);
  });

  it('takes the value Secrets Manager generates (64 letters and digits) as the whsec_ form of the same key', async () => {
    const generated = 'Ab3dEfGh'.repeat(8);
    const source = webhookSecretSource({ WEBHOOK_SECRET_ARN: ARN }, {}, async () =>
      Response.json({ SecretString: generated }),
    );
    expect(await source()).toBe(`whsec_${generated}`);
    const issued = webhookSecretSource({ WEBHOOK_SECRET_ARN: ARN }, {}, async () =>
      Response.json({ SecretString: bare }),
    );
    expect(await issued()).toBe(SECRET);
  });

  it('refuses a secret that is not a Standard Webhooks secret, without quoting it, and reads again next time', async () => {
    let stored = 'hunter2-plain-password';
    const source = webhookSecretSource({ WEBHOOK_SECRET_ARN: ARN }, {}, async () =>
      Response.json({ SecretString: stored }),
    );
    const error = await source().catch((e: Error) => e);
    expect(String(error)).toMatch(/not a Standard Webhooks secret/);
    expect(String(error)).not.toContain('hunter2');
    stored = SECRET;
    expect(await source()).toBe(SECRET);
  });
});

describe('webhook receipts in the domain table (dynalite)', () => {
  const suiteTable = claimFlowTableForSuite();

  it('records an id once with a conditional write and reads it back', async () => {
    const table = suiteTable();
    const ids = dynamoWebhookIdStore(table.client, table.tableName);
    const receipt = {
      webhookId: 'msg_2kF8',
      sha256: 'a'.repeat(64),
      bytes: 120,
      key: `responses/raw/2026/12/02/${'a'.repeat(64)}.x12`,
      receivedAt: '2026-12-02T08:00:00.000Z',
    };
    expect(await ids.get('msg_2kF8')).toBeUndefined();
    expect(await ids.putIfAbsent(receipt)).toBe(true);
    expect(await ids.putIfAbsent({ ...receipt, sha256: 'b'.repeat(64) })).toBe(false);
    expect(await ids.get('msg_2kF8')).toEqual(receipt);
  });

  it('counts a sender’s failures per window, stops at the cap under concurrency, and marks the item for TTL', async () => {
    const table = suiteTable();
    const counter = dynamoSenderFailureCounter(table.client, table.tableName);
    const window = '2026-12-02T08:00:00.000Z';
    expect(await counter.failures('sender-a', window)).toBe(0);
    expect(await counter.recordFailure('sender-a', window, 5, 1_796_200_000)).toBe(1);
    // Eight failures at once against a cap of five: the conditional write lets exactly four more through.
    const counts = await Promise.all(
      Array.from({ length: 8 }, () => counter.recordFailure('sender-a', window, 5, 1_796_200_000)),
    );
    expect(Math.max(...counts)).toBe(5);
    expect(await counter.failures('sender-a', window)).toBe(5);
    // Another window and another sender start from nothing.
    expect(await counter.failures('sender-a', '2026-12-02T08:15:00.000Z')).toBe(0);
    expect(await counter.failures('sender-b', window)).toBe(0);
    const { Item } = await table.client.send(
      new GetCommand({ TableName: table.tableName, Key: senderFailuresKey('sender-a', window) }),
    );
    expect(Item).toEqual({
      ...senderFailuresKey('sender-a', window),
      failures: 5,
      [DOMAIN_TABLE_TTL_ATTRIBUTE]: 1_796_200_000,
    });
  });
});
