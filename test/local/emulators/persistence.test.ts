/**
 * The emulators keep their contents in a data folder across restarts: what a restarted S3 or SQS answers is what the
 * previous one held, including versions, delete markers, receive counts and visibility, and a process that died
 * without closing loses nothing it had acknowledged.
 */
import { appendFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { s3ClientFor } from './s3-client.ts';
import { sqsClientFor } from './sqs-client.ts';

const open: { close(): Promise<void> }[] = [];
const clients: { destroy(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  await Promise.allSettled(open.splice(0).map((e) => e.close()));
});

async function s3At(directory: string): Promise<{ emulator: S3Emulator; client: S3Client }> {
  const emulator = new S3Emulator({ dataDirectory: directory });
  open.push(emulator);
  const client = s3ClientFor(await emulator.listen());
  clients.push(client);
  return { emulator, client };
}

async function sqsAt(directory: string, clock?: () => number): Promise<{ emulator: SqsEmulator; client: SQSClient }> {
  const emulator = new SqsEmulator({ dataDirectory: directory, ...(clock ? { clock } : {}) });
  open.push(emulator);
  const client = sqsClientFor(await emulator.listen());
  clients.push(client);
  return { emulator, client };
}

const text = async (client: S3Client, Key: string, VersionId?: string) =>
  (await client.send(new GetObjectCommand({ Bucket: 'docs', Key, VersionId }))).Body!.transformToString();

describe('S3 emulator data folder', () => {
  it('gives a restarted emulator every bucket, object, version and delete marker, with metadata', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'claimflow-s3-data-'));
    const first = await s3At(directory);
    first.emulator.ensureBucket('docs', { versioned: true });
    const v1 = await first.client.send(
      new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'one', Metadata: { origin: 'ehr' } }),
    );
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'two' }));
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'gone.txt', Body: 'x' }));
    await first.client.send(new DeleteObjectCommand({ Bucket: 'docs', Key: 'gone.txt' }));
    await first.emulator.close();

    const second = await s3At(directory);
    second.emulator.ensureBucket('docs', { versioned: true });

    expect(await text(second.client, 'a.txt')).toBe('two');
    const first1 = await second.client.send(
      new GetObjectCommand({ Bucket: 'docs', Key: 'a.txt', VersionId: v1.VersionId }),
    );
    expect(await first1.Body!.transformToString()).toBe('one');
    expect(first1.Metadata).toEqual({ origin: 'ehr' });
    const listed = await second.client.send(new ListObjectsV2Command({ Bucket: 'docs' }));
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['a.txt']);
    await expect(second.client.send(new GetObjectCommand({ Bucket: 'docs', Key: 'gone.txt' }))).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('keeps what was acknowledged when the process died without closing, and drops a torn last line', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'claimflow-s3-crash-'));
    const first = await s3At(directory);
    first.emulator.ensureBucket('docs');
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'kept.txt', Body: 'acknowledged' }));
    // No close(): the journal line was written when the PUT was answered. A crash mid-write leaves half a line.
    appendFileSync(join(directory, 'journal.jsonl'), '{"t":"version","bucket":"docs","vers');

    const second = await s3At(directory);

    expect(await text(second.client, 'kept.txt')).toBe('acknowledged');
  });

  it('removes bodies nothing names any more when it compacts at start', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'claimflow-s3-gc-'));
    const first = await s3At(directory);
    first.emulator.ensureBucket('docs');
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'old body' }));
    await first.client.send(new PutObjectCommand({ Bucket: 'docs', Key: 'a.txt', Body: 'new body' }));
    await first.emulator.close();

    await s3At(directory);

    expect(readdirSync(join(directory, 'blobs'))).toHaveLength(1);
  });
});

describe('SQS emulator data folder', () => {
  it('gives a restarted emulator its queues and messages, ids, attributes and receive counts included', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'claimflow-sqs-data-'));
    const first = await sqsAt(directory);
    const { url } = first.emulator.ensureQueue('work', { VisibilityTimeout: '0' });
    const sent = await first.client.send(
      new SendMessageCommand({
        QueueUrl: url,
        MessageBody: 'claim-1',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'claim' } },
      }),
    );
    await first.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'claim-2' }));
    const received = await first.client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }));
    const second = received.Messages!.find((m) => m.Body === 'claim-2')!;
    await first.client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: second.ReceiptHandle! }));
    await first.emulator.close();

    const restarted = await sqsAt(directory);
    const again = restarted.emulator.ensureQueue('work', { VisibilityTimeout: '0' });
    const after = await restarted.client.send(
      new ReceiveMessageCommand({
        QueueUrl: again.url,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );

    expect(after.Messages).toHaveLength(1);
    expect(after.Messages![0]).toMatchObject({
      MessageId: sent.MessageId,
      Body: 'claim-1',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'claim' } },
      Attributes: { ApproximateReceiveCount: '2' },
    });
  });

  it('keeps a message in flight hidden until its visibility timeout ends, and redrives it on time', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'claimflow-sqs-flight-'));
    let now = 1_000_000;
    const clock = () => now;
    const first = await sqsAt(directory, clock);
    const dlq = first.emulator.ensureQueue('dead');
    const { url } = first.emulator.ensureQueue('work', {
      VisibilityTimeout: '30',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }),
    });
    await first.client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'claim-1' }));
    await first.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    await first.emulator.close();

    const restarted = await sqsAt(directory, clock);
    const counts = async (QueueUrl: string) =>
      (
        await restarted.client.send(
          new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] }),
        )
      ).Attributes?.ApproximateNumberOfMessagesNotVisible;

    expect(await counts(url)).toBe('1');
    now += 31_000;
    const redriven = await restarted.client.send(new ReceiveMessageCommand({ QueueUrl: url }));
    expect(redriven.Messages ?? []).toEqual([]);
    const dead = await restarted.client.send(new ReceiveMessageCommand({ QueueUrl: dlq.url }));
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['claim-1']);
  });
});
