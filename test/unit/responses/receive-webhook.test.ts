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
