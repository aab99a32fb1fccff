/**
 * Delivery like a real sender: Standard Webhooks signatures the `standardwebhooks` Webhook class verifies, retries
 * with exponential backoff for hours against a failing receiver (on a fake clock), a seeded chaos mode (duplicates
 * with the same webhook-id, late and out-of-order deliveries) that is the same for the same seed, and the mailbox.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestRefused } from '#local/sandbox/sandbox';
import type { ChaosSettings } from '#local/sandbox/sandbox-settings';
import { fetchTransport, type WebhookPayload, type WebhookRequest } from '#local/sandbox/webhook-delivery';
import { batch837, type FakeClock, sandbox, settle, visit } from './sandbox-fixtures.ts';

const SECRET = `whsec_${Buffer.from('sandbox-test-secret-0123456789ab').toString('base64')}`;
const WEBHOOK = { url: 'https://receiver.test/webhooks/clearinghouse', secret: SECRET };

interface Received {
  at: number;
  request: WebhookRequest;
}

/** A receiver that answers with the given statuses in turn (then 200), recording every request and its time. */
function receiver(clock: FakeClock, answers: (number | Error)[] = []) {
  const received: Received[] = [];
  const transport = async (request: WebhookRequest) => {
    received.push({ at: clock.ms, request });
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return { status: answer };
  };
  return { received, transport };
}

afterEach(() => {
  vi.useRealTimers();
});

function verify(secret: string, { at, request }: Received): WebhookPayload {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return new Webhook(secret).verify(request.body, request.headers) as WebhookPayload;
  } finally {
    vi.useRealTimers();
  }
}

describe('signed webhooks', () => {
  it('signs every file so that the standardwebhooks Webhook class verifies it, and a tampered body fails', async () => {
    const fixture = sandbox();
    const { received, transport } = receiver(fixture.clock);
    const s = sandbox({ clock: fixture.clock, webhook: WEBHOOK, transport }).sandbox;
    s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
    await settle(s, fixture.clock);
    expect(received.map((r) => JSON.parse(r.request.body).data.kind)).toEqual(['999', '277CA', '835']);
    for (const delivery of received) {
      const payload = verify(SECRET, delivery);
      expect(payload.type).toBe('x12.response.available');
      expect(payload.data.x12.startsWith('ISA*')).toBe(true);
      expect(delivery.request.headers['webhook-id']).toBe(`msg_${payload.data.id}`);
    }
    const [first] = received as [Received];
    const tampered = { ...first, request: { ...first.request, body: first.request.body.replace('ISA*', 'ISA#') } };
    expect(() => verify(SECRET, tampered)).toThrow(/signature/i);
    const otherSecret = `whsec_${Buffer.from('another-secret-0123456789abcdef').toString('base64')}`;
    expect(() => verify(otherSecret, first)).toThrow(/signature/i);
    expect(s.owed()).toMatchObject({ settled: true, delivered: true });
  });
});

describe('retries', () => {
  it('retries a failing receiver with exponential backoff, same webhook-id and body, a fresh timestamp each time', async () => {
    const fixture = sandbox({ timing: { acknowledgment999Ms: 0 } });
    const { received, transport } = receiver(fixture.clock, [503, new TypeError('fetch failed'), 500]);
    const s = sandbox({
      clock: fixture.clock,
      webhook: WEBHOOK,
      transport,
      timing: { acknowledgment999Ms: 0 },
    }).sandbox;
    s.submit(await batch837([visit('C1', 'DN50A')]), 'batch-0001');
    await s.runDue();
    for (let i = 0; i < 3; i++) {
      fixture.clock.ms = s.nextDueAt() as number;
      await s.runDue();
    }
    const attempts = received.filter(
      (r) => r.request.headers['webhook-id'] === received[0]?.request.headers['webhook-id'],
    );
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((r, i) => r.at - (attempts[i] as Received).at);
    // 5 s, 15 s, 45 s, each within the +-10% jitter.
    [5_000, 15_000, 45_000].forEach((base, i) => {
      expect(gaps[i]).toBeGreaterThanOrEqual(base * 0.9);
      expect(gaps[i]).toBeLessThanOrEqual(base * 1.1);
    });
    expect(new Set(attempts.map((r) => r.request.headers['webhook-timestamp'])).size).toBe(4);
    // The body is the same message every time (a receiver that kept an attempt whose answer was lost sees a
    // duplicate, not another body under a kept id): its timestamp is when the file became available.
    expect(new Set(attempts.map((r) => r.request.body)).size).toBe(1);
    expect(s.status().deliveries).toEqual({ delivered: 1 });
  });

  it('keeps retrying for hours, then gives up and says so (the file stays in the mailbox)', async () => {
    const fixture = sandbox({ timing: { acknowledgment999Ms: 0 } });
    const { received, transport } = receiver(fixture.clock, Array(50).fill(500));
    const s = sandbox({
      clock: fixture.clock,
      webhook: WEBHOOK,
      transport,
      timing: { acknowledgment999Ms: 0 },
    }).sandbox;
    s.submit(await batch837([visit('C1', 'X999A')]), 'batch-0001');
    await settle(s, fixture.clock, 72 * 3_600_000);
    expect(received).toHaveLength(12);
    const span = (received.at(-1) as Received).at - (received[0] as Received).at;
    expect(span).toBeGreaterThan(12 * 3_600_000);
    expect(s.owed()).toMatchObject({ settled: true, delivered: false, failedDeliveries: 1 });
    expect(s.listResponses().files.map((f) => f.kind)).toEqual(['999']);
  });

  it('treats a receiver that does not answer in time as failed (real HTTP, fetch transport)', async () => {
    const server = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const started = Date.now();
      await expect(fetchTransport({ url, headers: {}, body: '{}', timeoutMs: 200 })).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('chaos', () => {
  const CHAOS: ChaosSettings = { duplicateRate: 0.5, lateRate: 0.5, maxLateMs: 20 * 60_000 };

  async function run(seed: number) {
    const fixture = sandbox({ seed });
    const { received, transport } = receiver(fixture.clock);
    const s = sandbox({ clock: fixture.clock, seed, webhook: WEBHOOK, transport, chaos: CHAOS }).sandbox;
    s.submit(
      await batch837([
        visit('C1', 'SBX556677889'),
        visit('C2', 'SBX667788990'),
        visit('C3', 'DN96A'),
        visit('C4', 'REV1'),
      ]),
      'batch-0001',
    );
    await settle(s, fixture.clock);
    return { received, files: s.listResponses().files.map((f) => f.id), s };
  }

  it('delivers some files twice with the same webhook-id, some late and out of order, and every file at least once', async () => {
    const { received, files, s } = await run(7);
    const ids = received.map((r) => r.request.headers['webhook-id'] as string);
    expect(new Set(ids)).toEqual(new Set(files.map((id) => `msg_${id}`)));
    expect(ids.length).toBeGreaterThan(files.length);
    const firstArrival = [...new Set(ids)];
    expect(firstArrival).not.toEqual(files.map((id) => `msg_${id}`));
    expect(s.owed().delivered).toBe(true);
  });

  it('misbehaves the same way for the same seed and differently for another', async () => {
    const trace = (r: Received[]) => r.map((x) => `${x.at}:${x.request.headers['webhook-id']}`);
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(trace(b.received)).toEqual(trace(a.received));
    expect(trace(c.received)).not.toEqual(trace(a.received));
  });
});

describe('mailbox', () => {
  it('lists files oldest first after a cursor, and fetches each with its raw X12', async () => {
    const { sandbox: s, clock } = sandbox();
    s.submit(await batch837([visit('C1', 'SBX556677889'), visit('C2', 'DN50A')]), 'batch-0001');
    await settle(s, clock);
    const page1 = s.listResponses({ limit: 2 });
    expect(page1.files.map((f) => f.kind)).toEqual(['999', '277CA']);
    const page2 = s.listResponses({ cursor: page1.cursor, limit: 10 });
    expect(page2.files.map((f) => f.kind)).toEqual(['277CA', '835']);
    expect(s.listResponses({ cursor: page2.cursor }).files).toEqual([]);
    const file = s.fetchResponse(page2.files[1]?.id as string);
    expect(file).toMatchObject({ kind: '835', sizeBytes: Buffer.byteLength(file.x12) });
    expect(() => s.fetchResponse('F99999999-835')).toThrow(RequestRefused);
    expect(() => s.listResponses({ cursor: 'nope' })).toThrow(/unknown cursor/);
  });
});
