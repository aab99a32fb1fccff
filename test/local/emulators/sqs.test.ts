import {
  BatchEntryIdsNotDistinct,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  EmptyBatchRequest,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  QueueNameExists,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  type SQSClient,
  TooManyEntriesInBatchRequest,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqsEmulator } from '#local/emulators/sqs';
import { sqsClientFor } from './sqs-client.ts';

let emulator: SqsEmulator;
let sqs: SQSClient;
let queueCounter = 0;

beforeAll(async () => {
  emulator = new SqsEmulator();
  await emulator.listen();
  sqs = sqsClientFor(emulator.endpoint);
});

afterAll(async () => {
  sqs.destroy();
  await emulator.close();
});

/** A fresh queue per test so tests never see each other's messages. */
async function newQueue(attributes: Record<string, string> = {}): Promise<string> {
  queueCounter += 1;
  const created = await sqs.send(new CreateQueueCommand({ QueueName: `q-${queueCounter}`, Attributes: attributes }));
  return created.QueueUrl!;
}

async function queueAttributes(queueUrl: string): Promise<Record<string, string>> {
  const result = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
  return result.Attributes ?? {};
}

describe('SQS emulator: queues', () => {
  it('creates queues with account-scoped URLs and ARNs, and finds them by name', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'claims-to-submit' }));
    expect(QueueUrl).toBe(`${emulator.endpoint}/000000000000/claims-to-submit`);
    const found = await sqs.send(new GetQueueUrlCommand({ QueueName: 'claims-to-submit' }));
    expect(found.QueueUrl).toBe(QueueUrl);
    expect((await queueAttributes(QueueUrl!)).QueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:claims-to-submit');
  });

  it('returns the existing queue for identical attributes and refuses different ones with QueueNameExists', async () => {
    const first = await sqs.send(
      new CreateQueueCommand({ QueueName: 'same-name', Attributes: { VisibilityTimeout: '10' } }),
    );
    const again = await sqs.send(
      new CreateQueueCommand({ QueueName: 'same-name', Attributes: { VisibilityTimeout: '10' } }),
    );
    expect(again.QueueUrl).toBe(first.QueueUrl);
    await expect(
      sqs.send(new CreateQueueCommand({ QueueName: 'same-name', Attributes: { VisibilityTimeout: '11' } })),
    ).rejects.toBeInstanceOf(QueueNameExists);
  });

  it('reports and updates queue attributes', async () => {
    const queueUrl = await newQueue({ VisibilityTimeout: '5', DelaySeconds: '0', MessageRetentionPeriod: '600' });
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: { VisibilityTimeout: '7' } }));
    const attributes = await queueAttributes(queueUrl);
    expect(attributes).toMatchObject({ VisibilityTimeout: '7', MessageRetentionPeriod: '600', DelaySeconds: '0' });
    const named = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['VisibilityTimeout'] }),
    );
    expect(named.Attributes).toEqual({ VisibilityTimeout: '7' });
  });

  it('rejects an out-of-range attribute value with InvalidAttributeValue', async () => {
    const error = await sqs
      .send(new CreateQueueCommand({ QueueName: 'bad-visibility', Attributes: { VisibilityTimeout: '43201' } }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidAttributeValue' });
  });

  it('lists queues by prefix, purges and deletes them', async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: 'list-a' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'list-b' }));
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'list-' }));
    expect(listed.QueueUrls?.map((url) => url.split('/').at(-1))).toEqual(['list-a', 'list-b']);

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'to purge' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    expect(emulator.stats('list-b')).toEqual({ visible: 0, inFlight: 0, delayed: 0 });

    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    expect(emulator.queueNames()).not.toContain('list-b');
  });

  it('answers QueueDoesNotExist for an unknown queue, by name and by URL', async () => {
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
    await expect(
      sqs.send(new SendMessageCommand({ QueueUrl: `${emulator.endpoint}/000000000000/nope`, MessageBody: 'x' })),
    ).rejects.toBeInstanceOf(QueueDoesNotExist);
  });
});

describe('SQS emulator: messages', () => {
  it('round-trips a message with user attributes; the SDK verifies the body MD5', async () => {
    const queueUrl = await newQueue();
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: '{"claimId":"c-1","note":"ünïcode ✓"}',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'claim' },
          attempt: { DataType: 'Number', StringValue: '3' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from([0, 1, 2, 255]) },
        },
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'],
      }),
    );
    const message = received.Messages?.[0];
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe('{"claimId":"c-1","note":"ünïcode ✓"}');
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
    expect(message?.MessageAttributes?.attempt).toEqual({ DataType: 'Number', StringValue: '3' });
    expect(Buffer.from(message?.MessageAttributes?.blob?.BinaryValue ?? [])).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(Date.now() - 60_000);

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }));
    expect(emulator.stats(queueUrl.split('/').at(-1)!)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('computes MD5OfMessageAttributes with the SQS binary encoding (published reference digests)', async () => {
    const queueUrl = await newQueue();
    const digest = async (
      MessageAttributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Uint8Array }>,
    ) =>
      (await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x', MessageAttributes })))
        .MD5OfMessageAttributes;
    const text = { DataType: 'String', StringValue: 'attribValue 1' };
    const number = { DataType: 'Number.float', StringValue: '4563442423554324324264524243.32543234' };
    const binary = { DataType: 'Binary', BinaryValue: Buffer.from('Hello binary world!') };
    expect(await digest({ attribName1: text })).toBe('19e27d4e946b072f3f58da80d94fd778');
    expect(await digest({ customNumberTypeAttrib: number })).toBe('9fe1b90bbd9965bdf77bac517c7d2495');
    expect(await digest({ binaryAttribute: binary })).toBe('31a92b15d92f8db860eda32aceb656c3');
    expect(await digest({ attribName1: text, customNumberTypeAttrib: number, binaryAttribute: binary })).toBe(
      'c932db14a896c663f83c260297d594ff',
    );
  });

  it('returns only the requested message attributes, with the digest of those', async () => {
    const queueUrl = await newQueue();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'x',
        MessageAttributes: {
          'trace.id': { DataType: 'String', StringValue: 't' },
          kind: { DataType: 'String', StringValue: 'claim' },
        },
      }),
    );
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageAttributeNames: ['trace.*'] }),
    );
    const message = received.Messages?.[0];
    expect(Object.keys(message?.MessageAttributes ?? {})).toEqual(['trace.id']);
    expect(message?.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rejects a body with characters SQS does not allow', async () => {
    const queueUrl = await newQueue();
    const error = await sqs
      .send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'bell \u0007' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidMessageContents' });
  });

  it('delays a message by DelaySeconds and counts it as delayed meanwhile', async () => {
    const queueUrl = await newQueue();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'later', DelaySeconds: 1 }));
    expect(emulator.stats(queueUrl.split('/').at(-1)!)).toEqual({ visible: 0, inFlight: 0, delayed: 1 });
    expect((await queueAttributes(queueUrl)).ApproximateNumberOfMessagesDelayed).toBe('1');
    const immediate = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(immediate.Messages).toBeUndefined();
    const waited = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 3 }));
    expect(waited.Messages?.[0]?.Body).toBe('later');
  });
});

describe('SQS emulator: visibility and receipt handles', () => {
  it('redelivers after the visibility timeout with a new receipt handle and a higher receive count', async () => {
    const queueUrl = await newQueue({ VisibilityTimeout: '1' });
    const name = queueUrl.split('/').at(-1)!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'retry me' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    expect(emulator.stats(name)).toEqual({ visible: 0, inFlight: 1, delayed: 0 });
    expect((await queueAttributes(queueUrl)).ApproximateNumberOfMessagesNotVisible).toBe('1');
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages).toBeUndefined();

    const second = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 3, MessageSystemAttributeNames: ['All'] }),
    );
    const redelivered = second.Messages?.[0];
    expect(redelivered?.MessageId).toBe(first.Messages?.[0]?.MessageId);
    expect(redelivered?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(redelivered?.ReceiptHandle).not.toBe(first.Messages?.[0]?.ReceiptHandle);
  });

  it('ignores a delete with a stale receipt handle and refuses to change visibility with it', async () => {
    const queueUrl = await newQueue();
    const name = queueUrl.split('/').at(-1)!;
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'x' }));
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 30 }));
    const staleHandle = first.Messages?.[0]?.ReceiptHandle;

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: staleHandle }));
    expect(emulator.stats(name).inFlight).toBe(1);
    const error = await sqs
      .send(
        new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: staleHandle, VisibilityTimeout: 0 }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidParameterValue' });

    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: second.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    expect(emulator.stats(name)).toEqual({ visible: 1, inFlight: 0, delayed: 0 });
  });

  it('answers ReceiptHandleIsInvalid for a handle it never issued', async () => {
    const queueUrl = await newQueue();
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'not-a-receipt-handle' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('moves a message to the dead-letter queue on the receive that would exceed maxReceiveCount', async () => {
    const deadLetterUrl = await newQueue();
    const deadLetterArn = (await queueAttributes(deadLetterUrl)).QueueArn!;
    const queueUrl = await newQueue({
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: 2 }),
    });
    const sourceArn = (await queueAttributes(queueUrl)).QueueArn;
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'always fails' }));
    const receiveNow = () => sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));

    expect((await receiveNow()).Messages).toHaveLength(1);
    expect((await receiveNow()).Messages).toHaveLength(1);
    expect((await receiveNow()).Messages).toBeUndefined();

    const dead = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: deadLetterUrl, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }),
    );
    expect(dead.Messages?.[0]?.MessageId).toBe(sent.MessageId);
    expect(dead.Messages?.[0]?.Body).toBe('always fails');
    expect(dead.Messages?.[0]?.Attributes?.DeadLetterQueueSourceArn).toBe(sourceArn);
    expect(JSON.parse((await queueAttributes(queueUrl)).RedrivePolicy!)).toEqual({
      deadLetterTargetArn: deadLetterArn,
      maxReceiveCount: 2,
    });
  });

  it('refuses a redrive policy whose dead-letter queue does not exist', async () => {
    const error = await sqs
      .send(
        new CreateQueueCommand({
          QueueName: 'orphan',
          Attributes: {
            RedrivePolicy: JSON.stringify({
              deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:gone',
              maxReceiveCount: 3,
            }),
          },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidAttributeValue' });
  });
});

describe('SQS emulator: long polling', () => {
  it('returns as soon as a message is sent during the wait', async () => {
    const queueUrl = await newQueue();
    const started = performance.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 10 }));
    setTimeout(() => void sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'arrived' })), 200);
    const result = await polling;
    expect(result.Messages?.[0]?.Body).toBe('arrived');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('returns no messages once the wait time has passed', async () => {
    const queueUrl = await newQueue();
    const started = performance.now();
    const result = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
    expect(result.Messages).toBeUndefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('answers waiting long polls with no messages when the emulator closes', async () => {
    const own = new SqsEmulator();
    await own.listen();
    const client = sqsClientFor(own.endpoint);
    const { url } = own.createQueue('waiting');
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await own.close();
    const result = await polling;
    expect(result.Messages).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(2_000);
    client.destroy();
  });
});

describe('SQS emulator: batches', () => {
  it('sends a batch and reports the failing entry without failing the others', async () => {
    const queueUrl = await newQueue();
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'first' },
          { Id: 'b', MessageBody: 'bad \u0000 body' },
          { Id: 'c', MessageBody: 'third', DelaySeconds: 0 },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['a', 'c']);
    expect(result.Failed).toEqual([
      { Id: 'b', SenderFault: true, Code: 'InvalidMessageContents', Message: expect.stringContaining('#x0') },
    ]);
    expect(emulator.stats(queueUrl.split('/').at(-1)!).visible).toBe(2);
  });

  it('deletes a batch and reports an invalid receipt handle per entry', async () => {
    const queueUrl = await newQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: '1', MessageBody: 'one' },
          { Id: '2', MessageBody: 'two' },
        ],
      }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    expect(received.Messages).toHaveLength(2);
    const result = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          ...(received.Messages ?? []).map((message, index) => ({
            Id: `m${index}`,
            ReceiptHandle: message.ReceiptHandle,
          })),
          { Id: 'forged', ReceiptHandle: 'forged-handle' },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['m0', 'm1']);
    expect(result.Failed).toEqual([
      { Id: 'forged', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: expect.any(String) },
    ]);
    expect(emulator.stats(queueUrl.split('/').at(-1)!)).toEqual({ visible: 0, inFlight: 0, delayed: 0 });
  });

  it('rejects empty, oversized and duplicate-id batches with their typed errors', async () => {
    const queueUrl = await newQueue();
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: [] }))).rejects.toBeInstanceOf(
      EmptyBatchRequest,
    );
    const eleven = Array.from({ length: 11 }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' }));
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: eleven }))).rejects.toBeInstanceOf(
      TooManyEntriesInBatchRequest,
    );
    const duplicated = [
      { Id: 'same', MessageBody: 'x' },
      { Id: 'same', MessageBody: 'y' },
    ];
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: duplicated })),
    ).rejects.toBeInstanceOf(BatchEntryIdsNotDistinct);
    expect(emulator.stats(queueUrl.split('/').at(-1)!).visible).toBe(0);
  });

  it('changes visibility in a batch and reports a stale handle per entry', async () => {
    const queueUrl = await newQueue();
    const name = queueUrl.split('/').at(-1)!;
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
        ],
      }),
    );
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    const [a, b] = first.Messages ?? [];
    const result = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'release', ReceiptHandle: a?.ReceiptHandle, VisibilityTimeout: 0 },
          { Id: 'extend', ReceiptHandle: b?.ReceiptHandle, VisibilityTimeout: 120 },
        ],
      }),
    );
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['release', 'extend']);
    expect(emulator.stats(name)).toEqual({ visible: 1, inFlight: 1, delayed: 0 });

    await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    const stale = await sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: [{ Id: 'stale', ReceiptHandle: a?.ReceiptHandle, VisibilityTimeout: 0 }],
      }),
    );
    expect(stale.Failed).toEqual([
      { Id: 'stale', SenderFault: true, Code: 'InvalidParameterValue', Message: expect.stringContaining('expired') },
    ]);
  });

  it('digests an AWSTraceHeader system attribute and returns it on receive', async () => {
    const queueUrl = await newQueue();
    const traceHeader = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: 'traced',
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: traceHeader } },
      }),
    );
    expect(sent.MD5OfMessageSystemAttributes).toMatch(/^[0-9a-f]{32}$/);
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    const received = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['AWSTraceHeader'] }),
    );
    expect(received.Messages?.[0]?.Attributes).toEqual({ AWSTraceHeader: traceHeader });
  });

  it('rejects MaxNumberOfMessages outside 1..10', async () => {
    const queueUrl = await newQueue();
    const error = await sqs
      .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 11 }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('SQS emulator: malformed requests', () => {
  it('answers a JSON protocol error for a request that is not JSON, and keeps serving', async () => {
    const response = await fetch(emulator.endpoint, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.SendMessage', 'content-type': 'application/x-amz-json-1.0' },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidParameterValue' });

    const unknown = await fetch(emulator.endpoint, { method: 'POST', headers: { 'x-amz-target': 'AmazonSQS.Dance' } });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-query-error')).toBe('InvalidAction;Sender');
    await expect(sqs.send(new ListQueuesCommand({}))).resolves.toBeDefined();
  });
});
