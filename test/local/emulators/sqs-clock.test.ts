import {
  ChangeMessageVisibilityCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsEmulator } from '#local/emulators/sqs';
import { sqsClientFor } from './sqs-client.ts';

let now = Date.UTC(2026, 10, 23, 9, 0, 0);
const advance = (seconds: number) => {
  now += seconds * 1000;
};

let emulator: SqsEmulator;
let sqs: SQSClient;

beforeAll(async () => {
  emulator = new SqsEmulator({ clock: () => now });
  await emulator.listen();
  sqs = sqsClientFor(emulator.endpoint);
});

afterAll(async () => {
  sqs.destroy();
  await emulator.close();
});

describe('SQS emulator on an injected clock', () => {
  it('makes a message visible again once the clock passes its visibility timeout', async () => {
    const { url } = emulator.createQueue('clocked-visibility', { VisibilityTimeout: '30' });
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: url }));
    advance(29);
    expect(emulator.stats('clocked-visibility')).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    advance(1);
    expect(emulator.stats('clocked-visibility')).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageSystemAttributeNames: ['All'] }));
    expect(again.Messages?.[0]?.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      SentTimestamp: String(now - 30_000),
      ApproximateFirstReceiveTimestamp: String(now - 30_000),
    });
  });

  it('reports the age of the oldest message and drops messages past the retention period', async () => {
    const { url } = emulator.createQueue('clocked-retention', { MessageRetentionPeriod: '120' });
    expect(emulator.oldestMessageAgeSeconds('clocked-retention')).toBe(0);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'old' }));
    advance(90);
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'new' }));
    expect(emulator.oldestMessageAgeSeconds('clocked-retention')).toBe(90);
    advance(31);
    expect(emulator.stats('clocked-retention').visible).toBe(1);
    expect(emulator.oldestMessageAgeSeconds('clocked-retention')).toBe(31);
  });

  it("scales the visibility a holder sets on its message by the twin's time scale", async () => {
    const scaled = new SqsEmulator({ clock: () => now, messageVisibilityScale: 1 / 10 });
    await scaled.listen();
    const client = sqsClientFor(scaled.endpoint);
    try {
      const { url } = scaled.createQueue('scaled-backoff', { VisibilityTimeout: '36' });
      await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
      const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl: url }));
      // A function's 90-second backoff is 9 seconds at 1/10; the queue's own visibility is given scaled already.
      await client.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: url,
          ReceiptHandle: Messages![0]!.ReceiptHandle!,
          VisibilityTimeout: 90,
        }),
      );
      advance(8);
      expect(scaled.stats('scaled-backoff').inFlight).toBe(1);
      advance(1);
      expect(scaled.stats('scaled-backoff').visible).toBe(1);
    } finally {
      client.destroy();
      await scaled.close();
    }
  });

  it('names the queue in the error for an unknown queue', () => {
    expect(() => emulator.stats('no-such-queue')).toThrow(/no queue named 'no-such-queue'/);
  });
});
