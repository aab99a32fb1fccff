import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';

let sqsEmulator: SqsEmulator;
let s3Emulator: S3Emulator;
let queueUrl: string;

beforeAll(async () => {
  sqsEmulator = new SqsEmulator();
  s3Emulator = new S3Emulator();
  await Promise.all([sqsEmulator.listen(), s3Emulator.listen()]);
  queueUrl = sqsEmulator.createQueue('fuzzed').url;
  s3Emulator.createBucket('fuzzed-bucket');
});

afterAll(async () => {
  await Promise.all([sqsEmulator.close(), s3Emulator.close()]);
});

const SQS_OPERATIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'ListQueues',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'PurgeQueue',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
];

/** A valid value most of the time, anything at all otherwise: requests get past the first checks and fail deeper. */
const corrupt = <T>(valid: T) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, fc.constantFrom(null, '', 0, -1, true, [], {}), fc.anything());

const messageAttributes = fc.dictionary(
  fc.stringMatching(/^[a-z]{1,5}$/),
  fc.oneof(
    corrupt({ DataType: 'String', StringValue: 'v' }),
    fc.record({ DataType: corrupt('Number'), StringValue: corrupt('12'), BinaryValue: corrupt('AAE=') }),
  ),
  { maxKeys: 3 },
);

const sqsInput = fc.record({
  QueueUrl: corrupt('QUEUE'),
  QueueName: corrupt('fuzzed'),
  MessageBody: corrupt('body'),
  Attributes: fc.oneof(corrupt({ VisibilityTimeout: '5' }), fc.dictionary(fc.string(), fc.anything(), { maxKeys: 2 })),
  MessageAttributes: fc.oneof(messageAttributes, fc.anything()),
  MessageSystemAttributes: corrupt({ AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1' } }),
  Entries: fc.oneof(
    fc.uniqueArray(
      fc.record({
        Id: fc.oneof({ weight: 5, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}$/) }, fc.anything()),
        MessageBody: corrupt('b'),
        ReceiptHandle: corrupt('cfq1AAAA'),
        VisibilityTimeout: corrupt(0),
        DelaySeconds: corrupt(0),
        MessageAttributes: messageAttributes,
      }),
      { maxLength: 12, selector: (entry) => JSON.stringify(entry.Id) },
    ),
    fc.anything(),
  ),
  ReceiptHandle: corrupt('cfq1AAAA'),
  MaxNumberOfMessages: corrupt(5),
  VisibilityTimeout: corrupt(0),
  DelaySeconds: corrupt(0),
  WaitTimeSeconds: corrupt(0),
  AttributeNames: corrupt(['All']),
  MessageAttributeNames: corrupt(['All']),
  MessageSystemAttributeNames: corrupt(['All']),
  MaxResults: corrupt(10),
  NextToken: fc.anything(),
});

describe('emulators never fail on malformed requests', () => {
  it('SQS answers every malformed JSON request with a protocol response, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SQS_OPERATIONS), sqsInput, async (operation, input) => {
        const body = JSON.stringify(input).replaceAll('"QUEUE"', JSON.stringify(queueUrl));
        const response = await fetch(sqsEmulator.endpoint, {
          method: 'POST',
          headers: { 'x-amz-target': `AmazonSQS.${operation}`, 'content-type': 'application/x-amz-json-1.0' },
          body,
        });
        const payload = (await response.json()) as Record<string, unknown>;
        expect(response.status, `${operation} ${body}`).toBeLessThan(500);
        if (response.status >= 400) expect(payload.__type).toMatch(/^com\.amazonaws\.sqs#/);
      }),
      { numRuns: 500 },
    );
  });

  it('S3 answers every malformed request with an S3 status, never a 500', async () => {
    const segment = fc.oneof(fc.constant('fuzzed-bucket'), fc.string(), fc.webSegment());
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'HEAD'),
        fc.array(segment, { maxLength: 3 }),
        fc.constantFrom(
          '',
          '?uploads',
          '?uploadId=x&partNumber=0',
          '?delete',
          '?versioning',
          '?list-type=2&max-keys=-1',
        ),
        fc.record(
          {
            'content-encoding': fc.constant('aws-chunked'),
            'x-amz-copy-source': fc.string(),
            range: fc.string(),
            'content-md5': fc.string(),
            'x-amz-checksum-crc32': fc.string(),
          },
          { requiredKeys: [] },
        ),
        fc.string({ unit: 'binary' }),
        async (method, segments, query, headers, body) => {
          const path = `/${segments.map((s) => encodeURIComponent(s)).join('/')}${query}`;
          const safeHeaders = Object.fromEntries(
            Object.entries(headers).filter(([, value]) => /^[\x20-\x7e]*$/.test(value)),
          );
          const response = await fetch(`${s3Emulator.endpoint}${path}`, {
            method,
            headers: safeHeaders,
            body: method === 'GET' || method === 'HEAD' ? undefined : body,
          });
          await response.arrayBuffer();
          expect(response.status === 501 || response.status < 500, `${method} ${path}`).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
