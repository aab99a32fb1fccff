import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { type RemittancePointerMessage, remittancePointerMessage } from '#contracts/messages';
import { fixedClock } from '#core/kernel/clock';
import {
  type RawResponseArchive,
  type RemittanceQueue,
  receiveWebhook,
  type WebhookDelivery,
  type WebhookIdStore,
  type WebhookPorts,
  type WebhookReceipt,
} from '#core/responses/receive-webhook';
import {
  DEFAULT_SENDER_FAILURE_POLICY,
  failureWindow,
  type SenderFailureCounter,
  senderKeyOf,
} from '#core/responses/sender-failures';
import { signedRequest } from '#local/sandbox/webhook-delivery';

const SECRET = `whsec_${Buffer.from('claimflow-test-webhook-secret-32b').toString('base64')}`;
const NOW = new Date('2026-12-02T08:00:00Z');
const X12 =
  'ISA*00*          *00*          *ZZ*CLEARINGHOUSE  *ZZ*CLAIMFLOW      *261202*0800*^*00501*000000001*0*P*:~';

class MemoryIds implements WebhookIdStore {
  readonly receipts = new Map<string, WebhookReceipt>();
  failPut = false;
  async get(id: string) {
    return this.receipts.get(id);
  }
  async putIfAbsent(receipt: WebhookReceipt) {
    if (this.failPut) throw new Error('ProvisionedThroughputExceededException');
    if (this.receipts.has(receipt.webhookId)) return false;
    this.receipts.set(receipt.webhookId, receipt);
    return true;
  }
}

class MemoryArchive implements RawResponseArchive {
  readonly bucket = 'claimflow-intake';
  readonly objects = new Map<string, { body: Uint8Array; contentType: string }>();
  failures = 0;
  async put(key: string, body: Uint8Array, contentType: string) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('SlowDown');
    }
    this.objects.set(key, { body, contentType });
    return { versionId: `v${this.objects.size}` };
  }
}

class MemoryQueue implements RemittanceQueue {
  readonly messages: RemittancePointerMessage[] = [];
  failures = 0;
  async send(message: RemittancePointerMessage) {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('ServiceUnavailable');
    }
    this.messages.push(message);
  }
}

function ports(clock = fixedClock(NOW)) {
  const ids = new MemoryIds();
  const archive = new MemoryArchive();
  const queue = new MemoryQueue();
  const all: WebhookPorts = {
    ids,
    archive,
    queue,
    clock,
    sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  };
  return { ids, archive, queue, all };
}

function signed(
  body: string,
  { id = 'msg_2kF8', at = NOW, contentType = 'application/edi-x12', secret = SECRET } = {},
): WebhookDelivery {
  return {
    headers: {
      'Content-Type': contentType,
      'Webhook-Id': id,
      'Webhook-Timestamp': String(Math.floor(at.getTime() / 1000)),
      'Webhook-Signature': new Webhook(secret).sign(id, at, body),
    },
    body: new TextEncoder().encode(body),
  };
}

const settings = { secret: SECRET };

function nothingChanged(p: ReturnType<typeof ports>) {
  expect(p.ids.receipts.size).toBe(0);
  expect(p.archive.objects.size).toBe(0);
  expect(p.queue.messages).toEqual([]);
}

describe('receiveWebhook: a valid delivery', () => {
  it('is archived under responses/raw/ exactly as received, then a pointer is queued, then the id is recorded', async () => {
    const p = ports();
    const outcome = await receiveWebhook(signed(X12), settings, p.all);
    expect(outcome).toMatchObject({ kind: 'accepted', status: 202, webhookId: 'msg_2kF8' });
    const [key] = [...p.archive.objects.keys()];
    expect(key).toMatch(/^responses\/raw\/2026\/12\/02\/[0-9a-f]{64}\.x12$/);
    expect(new TextDecoder().decode(p.archive.objects.get(key as string)?.body)).toBe(X12);
    expect(p.queue.messages).toHaveLength(1);
    const pointer = remittancePointerMessage.parse(p.queue.messages[0]);
    expect(pointer).toEqual({
      bucket: 'claimflow-intake',
      key,
      versionId: 'v1',
      sha256: createHash('sha256').update(X12).digest('hex'),
      bytes: X12.length,
      webhookId: 'msg_2kF8',
      receivedAt: NOW.toISOString(),
    });
    // The id record holds ids, sizes, hashes and keys: nothing of the body.
    const receipt = p.ids.receipts.get('msg_2kF8');
    expect(Object.keys(receipt ?? {}).sort()).toEqual(['bytes', 'key', 'receivedAt', 'sha256', 'webhookId']);
    expect(JSON.stringify(receipt)).not.toContain('ISA');
  });

  it("accepts the sandbox's own signed JSON envelope (a delivery from other hands than this test's)", async () => {
    const p = ports();
    const request = signedRequest(
      { url: 'http://twin/webhook', secret: SECRET },
      'wh_835_1',
      NOW,
      {
        id: 'file-835-1',
        kind: '835',
        availableAt: NOW.toISOString(),
        sizeBytes: X12.length,
        x12: X12,
      },
      1000,
    );
    const outcome = await receiveWebhook(
      { headers: request.headers, body: new TextEncoder().encode(request.body) },
      settings,
      p.all,
    );
    expect(outcome).toMatchObject({ kind: 'accepted' });
    expect([...p.archive.objects.keys()][0]).toMatch(/\.json$/);
  });

  it('accepts a timestamp up to 5 minutes early or late by the injected clock, whatever the wall clock says', async () => {
    for (const offsetSeconds of [-300, 300]) {
      const p = ports();
      const at = new Date(NOW.getTime() + offsetSeconds * 1000);
      expect((await receiveWebhook(signed(X12, { at }), settings, p.all)).kind).toBe('accepted');
    }
  });

  it('accepts any matching signature among several (the sender rotating its secret)', async () => {
    const p = ports();
    const delivery = signed(X12);
    const other = new Webhook(`whsec_${Buffer.from('an-older-secret-of-the-sender-xx').toString('base64')}`);
    delivery.headers['Webhook-Signature'] =
      `${other.sign('msg_2kF8', NOW, X12)} ${delivery.headers['Webhook-Signature']}`;
    expect((await receiveWebhook(delivery, settings, p.all)).kind).toBe('accepted');
  });
});

describe('receiveWebhook: refusals change nothing', () => {
  it('a forged signature is 401', async () => {
    const p = ports();
    const forged = signed(X12, {
      secret: `whsec_${Buffer.from('not-the-shared-secret-at-all-xxx').toString('base64')}`,
    });
    expect(await receiveWebhook(forged, settings, p.all)).toMatchObject({ status: 401, reason: 'invalid_signature' });
    nothingChanged(p);
  });

  it('a body changed after signing is 401', async () => {
    const p = ports();
    const delivery = { ...signed(X12), body: new TextEncoder().encode(X12.replace('0800', '0801')) };
    expect(await receiveWebhook(delivery, settings, p.all)).toMatchObject({ status: 401 });
    nothingChanged(p);
  });

  it('a timestamp more than 5 minutes from the clock is 400 stale, even correctly signed', async () => {
    for (const offsetSeconds of [-301, 301, -86_400]) {
      const p = ports();
      const at = new Date(NOW.getTime() + offsetSeconds * 1000);
      expect(await receiveWebhook(signed(X12, { at }), settings, p.all)).toMatchObject({
        status: 400,
        reason: 'stale_timestamp',
      });
      nothingChanged(p);
    }
  });

  it('a replayed id with a different body is 400 and keeps the first delivery', async () => {
    const p = ports();
    await receiveWebhook(signed(X12), settings, p.all);
    const other = `${X12}GS*HP~`;
    expect(await receiveWebhook(signed(other), settings, p.all)).toMatchObject({ status: 400, reason: 'replayed_id' });
    expect(p.archive.objects.size).toBe(1);
    expect(p.queue.messages).toHaveLength(1);
  });

  it('an oversize body is 413 before anything else is looked at', async () => {
    const p = ports();
    const outcome = await receiveWebhook(signed(X12), { ...settings, maxBodyBytes: X12.length - 1 }, p.all);
    expect(outcome).toMatchObject({ status: 413, reason: 'payload_too_large' });
    nothingChanged(p);
  });

  it('a content type we do not read is 415; parameters such as charset are allowed', async () => {
    const p = ports();
    for (const contentType of ['application/xml', 'multipart/form-data', '']) {
      expect(await receiveWebhook(signed(X12, { contentType }), settings, p.all)).toMatchObject({
        status: 415,
        reason: 'unsupported_content_type',
      });
    }
    nothingChanged(p);
    expect(
      (await receiveWebhook(signed(X12, { contentType: 'Text/Plain; charset=utf-8' }), settings, p.all)).kind,
    ).toBe('accepted');
  });

  it('missing signature headers, a malformed id or timestamp are 400 with what is wrong', async () => {
    const p = ports();
    const missing = signed(X12);
    delete missing.headers['Webhook-Signature'];
    expect(await receiveWebhook(missing, settings, p.all)).toMatchObject({ status: 400, reason: 'missing_headers' });
    const spaced = signed(X12, { id: 'id with spaces' });
    expect(await receiveWebhook(spaced, settings, p.all)).toMatchObject({ status: 400, reason: 'invalid_webhook_id' });
    const badTime = signed(X12);
    badTime.headers['Webhook-Timestamp'] = '2026-12-02T08:00:00Z';
    expect(await receiveWebhook(badTime, settings, p.all)).toMatchObject({ status: 400, reason: 'invalid_timestamp' });
    nothingChanged(p);
  });

  it('a signed JSON body that is not a response envelope is 400', async () => {
    const p = ports();
    const outcome = await receiveWebhook(
      signed('{"type":"ping"}', { contentType: 'application/json' }),
      settings,
      p.all,
    );
    expect(outcome).toMatchObject({ status: 400, reason: 'invalid_envelope' });
    nothingChanged(p);
  });
});

describe('receiveWebhook: redelivery and failures (nothing acknowledged that is not kept)', () => {
  it('a redelivery of a kept id with the same body answers 200 and does nothing again', async () => {
    const p = ports();
    await receiveWebhook(signed(X12), settings, p.all);
    const later = new Date(NOW.getTime() + 60_000);
    const again = await receiveWebhook(signed(X12, { at: later }), settings, { ...p.all, clock: fixedClock(later) });
    expect(again).toMatchObject({ kind: 'duplicate', status: 200, webhookId: 'msg_2kF8' });
    expect(p.archive.objects.size).toBe(1);
    expect(p.queue.messages).toHaveLength(1);
  });

  it('an archive failure is 5xx with nothing queued or recorded; the retry succeeds', async () => {
    const p = ports();
    p.archive.failures = 1;
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({
      kind: 'not_kept',
      status: 500,
      stage: 'archive',
    });
    nothingChanged(p);
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({ kind: 'accepted' });
    expect(p.queue.messages).toHaveLength(1);
    expect(p.ids.receipts.size).toBe(1);
  });

  it('a queue failure is 5xx with the id not recorded; the retry queues once and converges on the same object', async () => {
    const p = ports();
    p.queue.failures = 1;
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({
      kind: 'not_kept',
      status: 503,
      stage: 'queue',
    });
    expect(p.ids.receipts.size).toBe(0);
    expect(p.queue.messages).toHaveLength(0);
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({ kind: 'accepted' });
    expect(p.queue.messages).toHaveLength(1);
    expect(p.archive.objects.size).toBe(1); // same content, same key
    expect(p.ids.receipts.size).toBe(1);
  });

  it('a failure to record the id is 5xx, so the sender retries and the id is recorded then', async () => {
    const p = ports();
    p.ids.failPut = true;
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({ status: 500, stage: 'record' });
    p.ids.failPut = false;
    expect(await receiveWebhook(signed(X12), settings, p.all)).toMatchObject({ kind: 'accepted' });
    expect(p.ids.receipts.size).toBe(1);
  });

  it('no refusal or failure message quotes the body', async () => {
    const p = ports();
    p.archive.failures = 1;
    const outcomes = [
      await receiveWebhook(signed(X12), settings, p.all),
      await receiveWebhook(
        signed(X12, { secret: `whsec_${Buffer.from('wrong-secret-wrong-secret-wrong!').toString('base64')}` }),
        settings,
        p.all,
      ),
      await receiveWebhook(signed(X12, { contentType: 'application/xml' }), settings, p.all),
    ];
    for (const outcome of outcomes) expect(JSON.stringify(outcome)).not.toMatch(/ISA|CLEARINGHOUSE/);
  });
});

/** Counts per sender and window in memory, capped as the DynamoDB adapter's conditional write caps it. */
class MemorySenderFailures implements SenderFailureCounter {
  readonly counts = new Map<string, number>();
  async failures(senderKey: string, windowStart: string) {
    return this.counts.get(`${senderKey}|${windowStart}`) ?? 0;
  }
  async recordFailure(senderKey: string, windowStart: string, cap: number) {
    const key = `${senderKey}|${windowStart}`;
    const next = Math.min(cap, (this.counts.get(key) ?? 0) + 1);
    this.counts.set(key, next);
    return next;
  }
}

describe('receiveWebhook: failures per sender', () => {
  const policy = { windowSeconds: 900, maxFailures: 3 };
  const wrongSecret = `whsec_${Buffer.from('not-the-shared-secret-at-all-xxx').toString('base64')}`;
  const from = (delivery: WebhookDelivery, sender = '203.0.113.7') => ({ ...delivery, sender });

  function guarded(clock = fixedClock(NOW)) {
    const p = ports(clock);
    const senders = new MemorySenderFailures();
    return { ...p, senders, all: { ...p.all, senders } };
  }

  it('refuses a sender 429 with Retry-After once it failed authentication maxFailures times in the window', async () => {
    const p = guarded();
    const failures = [
      from(signed(X12, { secret: wrongSecret, id: 'f1' })),
      from(signed(X12, { at: new Date(NOW.getTime() - 3_600_000), id: 'f2' })),
      from(signed(X12, { secret: wrongSecret, id: 'f3' })),
    ];
    const counted = [];
    for (const delivery of failures)
      counted.push(await receiveWebhook(delivery, { ...settings, senderFailures: policy }, p.all));
    expect(counted.map((o) => [o.status, o.kind === 'refused' && o.senderFailures])).toEqual([
      [401, 1],
      [400, 2],
      [401, 3],
    ]);
    // Now even a good delivery from that sender is refused, before its signature is looked at, and nothing is kept.
    const blocked = await receiveWebhook(from(signed(X12)), { ...settings, senderFailures: policy }, p.all);
    expect(blocked).toMatchObject({ kind: 'refused', status: 429, reason: 'too_many_failures' });
    // NOW is 08:00:00, the start of a 15-minute window: the whole window is left.
    expect(blocked.kind === 'refused' && blocked.retryAfterSeconds).toBe(900);
    nothingChanged(p);
    // Another sender is not affected.
    const other = await receiveWebhook(
      from(signed(X12), '198.51.100.9'),
      { ...settings, senderFailures: policy },
      p.all,
    );
    expect(other.kind).toBe('accepted');
  });

  it('lets the sender in again when the window ends', async () => {
    const p = guarded();
    for (let i = 0; i < 3; i += 1) {
      await receiveWebhook(
        from(signed(X12, { secret: wrongSecret, id: `f${i}` })),
        { ...settings, senderFailures: policy },
        p.all,
      );
    }
    const later = new Date(NOW.getTime() + 900_000);
    const next = await receiveWebhook(
      from(signed(X12, { at: later })),
      { ...settings, senderFailures: policy },
      { ...p.all, clock: fixedClock(later) },
    );
    expect(next.kind).toBe('accepted');
  });

  it('counts only authentication failures: a wrong content type or an oversize body is the sender’s honest mistake', async () => {
    const p = guarded();
    for (let i = 0; i < 5; i += 1) {
      await receiveWebhook(
        from(signed(X12, { contentType: 'application/xml' })),
        { ...settings, senderFailures: policy },
        p.all,
      );
      await receiveWebhook(from(signed(X12)), { ...settings, maxBodyBytes: 10, senderFailures: policy }, p.all);
    }
    expect([...p.senders.counts.values()]).toEqual([]);
    expect((await receiveWebhook(from(signed(X12)), { ...settings, senderFailures: policy }, p.all)).kind).toBe(
      'accepted',
    );
  });

  it('counts a replayed id (a different body under a kept id) against the sender', async () => {
    const p = guarded();
    await receiveWebhook(from(signed(X12)), settings, p.all);
    const replay = await receiveWebhook(from(signed(`${X12}GS*HP~`)), settings, p.all);
    expect(replay).toMatchObject({ status: 400, reason: 'replayed_id', senderFailures: 1 });
  });

  it('keeps no address: the counter is named by a digest of it', async () => {
    const p = guarded();
    await receiveWebhook(from(signed(X12, { secret: wrongSecret })), settings, p.all);
    const [key] = [...p.senders.counts.keys()];
    expect(key).not.toContain('203.0.113.7');
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(key).toBe(
      `${senderKeyOf('203.0.113.7', sha256)}|${failureWindow(NOW, DEFAULT_SENDER_FAILURE_POLICY).start}`,
    );
  });

  it('counts nothing for a delivery without a sender (a hand-made event)', async () => {
    const p = guarded();
    await receiveWebhook(signed(X12, { secret: wrongSecret }), settings, p.all);
    expect(p.senders.counts.size).toBe(0);
  });
});

describe('failureWindow', () => {
  it('aligns windows on the epoch and expires the counter one window after its own ends', () => {
    const window = failureWindow(new Date('2026-12-02T08:07:30Z'), { windowSeconds: 900, maxFailures: 20 });
    expect(window).toEqual({
      start: '2026-12-02T08:00:00.000Z',
      secondsLeft: 450,
      expiresAt: Date.parse('2026-12-02T08:30:00Z') / 1000,
    });
  });
});
