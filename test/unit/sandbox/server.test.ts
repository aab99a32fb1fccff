/**
 * The sandbox over HTTP with the connector the submit function will use: API-key auth, content type, body limit,
 * Idempotency-Key (201 then 200 with the first receipt), the mailbox, and the connector's mapping of faults to
 * transient (network, timeout, 429, 5xx) and permanent (other 4xx) errors. Also an end-to-end signed webhook to a
 * real HTTP receiver that verifies it with the standardwebhooks Webhook class.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentClearinghouseError, TransientClearinghouseError } from '#core/clearinghouse/clearinghouse';
import { SandboxClearinghouse } from '#functions/common/sandbox-clearinghouse';
import { systemClock } from '#local/sandbox/sandbox';
import { type RunningSandboxServer, startSandboxServer } from '#local/sandbox/server';
import { fetchTransport } from '#local/sandbox/webhook-delivery';
import { batch837, sandbox, settle, visit } from './sandbox-fixtures.ts';

const API_KEY = 'test-api-key-0123456789';
const running: { close(): Promise<void> }[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function serve(options: Parameters<typeof sandbox>[0] = {}, maxBodyBytes?: number) {
  const fixture = sandbox(options);
  const server: RunningSandboxServer = await startSandboxServer({
    sandbox: fixture.sandbox,
    apiKey: API_KEY,
    maxBodyBytes,
    tickMs: 60_000,
  });
  running.push(server);
  return { ...fixture, url: server.url, connector: new SandboxClearinghouse({ baseUrl: server.url, apiKey: API_KEY }) };
}

describe('sandbox HTTP API', () => {
  it('takes a submission once per Idempotency-Key: 201, then 200 with the first receipt', async () => {
    const { url } = await serve();
    const body = await batch837([visit('C1', 'SBX556677889')]);
    const post = () =>
      fetch(`${url}/v1/submissions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${API_KEY}`,
          'content-type': 'application/edi-x12',
          'idempotency-key': 'batch-0001',
        },
        body,
      });
    const first = await post();
    expect(first.status).toBe(201);
    const second = await post();
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect({ ...((await second.json()) as object), replayed: false }).toEqual(await first.json());
  });

  it('refuses missing or wrong keys, wrong content types, missing Idempotency-Key and oversized bodies', async () => {
    const { url } = await serve({}, 2_000);
    const body = await batch837([visit('C1', 'SBX556677889')]);
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(`${url}/v1/submissions`, { method: 'POST', headers, body: payload }).then(async (r) => [
        r.status,
        ((await r.json()) as { error?: { code: string } }).error?.code,
      ]);
    const good = {
      authorization: `Bearer ${API_KEY}`,
      'content-type': 'application/edi-x12',
      'idempotency-key': 'batch-0001',
    };
    expect(await post({ ...good, authorization: '' })).toEqual([401, 'UNAUTHORIZED']);
    expect(await post({ ...good, authorization: 'Bearer wrong-key-0123456789' })).toEqual([401, 'UNAUTHORIZED']);
    expect(await post({ ...good, 'content-type': 'application/json' })).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const { 'idempotency-key': _, ...withoutKey } = good;
    expect(await post(withoutKey)).toEqual([400, 'IDEMPOTENCY_KEY_MISSING']);
    expect(await post(good, body.repeat(3))).toEqual([413, 'TOO_LARGE']);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect((await fetch(`${url}/v1/status`)).status).toBe(401);
  });
});

describe('sandbox connector', () => {
  it('submits, replays, and reads the mailbox through the Clearinghouse port', async () => {
    const { connector, sandbox: s, clock } = await serve();
    const body = await batch837([visit('C1', 'SBX556677889'), visit('C2', 'FE0001')]);
    const receipt = await connector.submit(body, 'batch-0001');
    expect(receipt).toMatchObject({ accepted: ['C1'], rejected: [{ claimId: 'C2' }], replayed: false });
    expect(await connector.submit(body, 'batch-0001')).toEqual({ ...receipt, replayed: true });
    await settle(s, clock);
    const listed = await connector.mailbox.listResponses();
    expect(listed.files.map((f) => f.kind)).toEqual(['999', '277CA', '835']);
    const file = await connector.mailbox.fetchResponse(listed.files[2]?.id as string);
    expect(file.x12).toContain('ST*835*');
    expect((await connector.mailbox.listResponses({ cursor: listed.cursor })).files).toEqual([]);
    expect(await connector.owed()).toMatchObject({ settled: true });
  });

  it('maps refusals to permanent errors with the sandbox code, and an unreadable batch too', async () => {
    const { connector } = await serve();
    const body = await batch837([visit('C1', 'SBX556677889')]);
    await connector.submit(body, 'batch-0001');
    await expect(connector.submit(`${body} `, 'batch-0001')).rejects.toMatchObject({
      name: 'PermanentClearinghouseError',
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    await expect(connector.submit('not x12', 'batch-0002')).rejects.toMatchObject({
      status: 400,
      code: 'ENVELOPE_INVALID',
    });
    await expect(connector.submit(body, 'bad key!')).rejects.toBeInstanceOf(PermanentClearinghouseError);
  });

  it('maps 429 (with Retry-After), 5xx, timeouts and network faults to transient errors', async () => {
    const answer = (status: number, headers: Record<string, string> = {}) =>
      (async () =>
        new Response(JSON.stringify({ error: { code: 'X', message: 'busy' } }), { status, headers })) as typeof fetch;
    const connector = (f: typeof fetch, timeoutMs?: number) =>
      new SandboxClearinghouse({ baseUrl: 'http://sandbox.test', apiKey: API_KEY, fetch: f, timeoutMs });
    await expect(connector(answer(429, { 'retry-after': '7' })).submit('x', 'batch-0001')).rejects.toMatchObject({
      name: 'TransientClearinghouseError',
      status: 429,
      retryAfterMs: 7_000,
    });
    await expect(connector(answer(503)).submit('x', 'batch-0001')).rejects.toBeInstanceOf(TransientClearinghouseError);
    await expect(connector(answer(400)).submit('x', 'batch-0001')).rejects.toBeInstanceOf(PermanentClearinghouseError);
    const refused = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(connector(refused).submit('x', 'batch-0001')).rejects.toThrow(/unreachable/);
    const hang = createServer(() => {});
    await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
    try {
      const slow = new SandboxClearinghouse({
        baseUrl: `http://127.0.0.1:${(hang.address() as AddressInfo).port}`,
        apiKey: API_KEY,
        timeoutMs: 200,
      });
      await expect(slow.submit('x', 'batch-0001')).rejects.toThrow(/did not answer .* within 200 ms/);
    } finally {
      hang.closeAllConnections();
      hang.close();
    }
  });
});

describe('webhooks over HTTP', () => {
  it('delivers signed webhooks to a real receiver that verifies them and retries after its 500', async () => {
    const secret = `whsec_${Buffer.from('end-to-end-secret-0123456789abcd').toString('base64')}`;
    const verified: string[] = [];
    let failures = 1;
    const hook = createServer(async (request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = new Webhook(secret).verify(body, request.headers as Record<string, string>) as {
          data: { kind: string };
        };
        if (failures-- > 0) {
          response.writeHead(500).end();
          return;
        }
        verified.push(payload.data.kind);
        response.writeHead(204).end();
      } catch {
        response.writeHead(401).end();
      }
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
      const s = sandbox({
        clock: systemClock as never,
        webhook: { url, secret },
        transport: fetchTransport,
        timing: {
          acknowledgment999Ms: 0,
          claimAcknowledgmentMs: 0,
          paymentCycleMs: 0,
          retry: { firstDelayMs: 10, factor: 2, maxDelayMs: 100, maxAttempts: 5 },
        },
      }).sandbox;
      s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
      for (let i = 0; i < 50 && !s.owed().settled; i++) {
        await s.runDue();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // The 999 failed once and arrived after the files made later: receivers must not depend on order.
      expect(verified).toEqual(['277CA', '835', '999']);
      expect(s.owed()).toMatchObject({ settled: true, delivered: true });
    } finally {
      hook.closeAllConnections();
      hook.close();
    }
  });
});
