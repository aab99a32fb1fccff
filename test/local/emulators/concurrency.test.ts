import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Emulator, type S3EventRecord } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { s3ClientFor } from './s3-client.ts';
import { sqsClientFor } from './sqs-client.ts';

let sqsEmulator: SqsEmulator;
let s3Emulator: S3Emulator;

beforeAll(async () => {
  sqsEmulator = new SqsEmulator();
  s3Emulator = new S3Emulator();
  await Promise.all([sqsEmulator.listen(), s3Emulator.listen()]);
});

afterAll(async () => {
  await Promise.all([sqsEmulator.close(), s3Emulator.close()]);
});

describe('emulators under many concurrent clients', () => {
  it('delivers every SQS message exactly once to competing long-polling consumers', async () => {
    const { url } = sqsEmulator.createQueue('busy', { VisibilityTimeout: '60' });
    const producers = Array.from({ length: 5 }, () => sqsClientFor(sqsEmulator.endpoint));
    const consumers = Array.from({ length: 8 }, () => sqsClientFor(sqsEmulator.endpoint));
    const total = 500;
    const received: string[] = [];

    const consume = async (client: (typeof consumers)[number]) => {
      while (received.length < total) {
        const { Messages = [] } = await client.send(
          new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        if (Messages.length === 0) continue;
        received.push(...Messages.map((message) => message.Body!));
        await client.send(
          new DeleteMessageBatchCommand({
            QueueUrl: url,
            Entries: Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
          }),
        );
      }
    };
    const consuming = Promise.all(consumers.map(consume));
    await Promise.all(
      Array.from({ length: total / 10 }, (_, batch) =>
        producers[batch % producers.length]!.send(
          new SendMessageBatchCommand({
            QueueUrl: url,
            Entries: Array.from({ length: 10 }, (_, index) => ({
              Id: `m${index}`,
              MessageBody: `${batch * 10 + index}`,
            })),
          }),
        ),
      ),
    );
    await consuming;

    expect(received).toHaveLength(total);
    expect(new Set(received).size).toBe(total);
    expect(sqsEmulator.stats('busy')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
    for (const client of [...producers, ...consumers]) client.destroy();
  });

  it('stores every concurrent S3 upload and announces each one', async () => {
    s3Emulator.createBucket('busy-bucket');
    const events: S3EventRecord[] = [];
    s3Emulator.onObjectCreated((record) => events.push(record));
    const clients = Array.from({ length: 4 }, () => s3ClientFor(s3Emulator.endpoint));
    const keys = Array.from({ length: 200 }, (_, index) => `inbox/doc-${String(index).padStart(3, '0')}.json`);

    await Promise.all(
      keys.map((Key, index) =>
        clients[index % clients.length]!.send(
          new PutObjectCommand({ Bucket: 'busy-bucket', Key, Body: `{"n":${index}}` }),
        ),
      ),
    );
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await clients[0]!.send(
        new ListObjectsV2Command({ Bucket: 'busy-bucket', ContinuationToken: token, MaxKeys: 50 }),
      );
      listed.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
    } while (token);
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(listed).toEqual(keys);
    expect(new Set(events.map((record) => record.s3.object.key))).toEqual(new Set(keys));
    for (const client of clients) client.destroy();
  });
});
