/**
 * The local twin's S3 and SQS emulators: requests per second through the real SDK v3 clients, side by side with
 * the same requests sent as bare HTTP (the peer), so the report separates the emulators' own cost from the SDK's.
 */
import { Agent, request } from 'node:http';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';

const ROUNDS = 3;
const OPERATIONS = 300;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

const s3Emulator = new S3Emulator();
const sqsEmulator = new SqsEmulator();
await Promise.all([s3Emulator.listen(), sqsEmulator.listen()]);
s3Emulator.createBucket('bench-intake');
const { url: queueUrl } = sqsEmulator.createQueue('bench-queue');
const s3 = new S3Client({ endpoint: s3Emulator.endpoint, forcePathStyle: true, region: 'us-east-1', credentials });
const sqs = new SQSClient({ endpoint: sqsEmulator.endpoint, region: 'us-east-1', credentials });
const agent = new Agent({ keepAlive: true });

const smallDocument = Buffer.from(JSON.stringify({ resourceType: 'Bundle', entry: Array(20).fill({ a: 1 }) }));
const largeDocument = Buffer.alloc(4 * 1024 * 1024, 7);

function rawHttp(
  endpoint: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
) {
  return new Promise<string>((resolve, reject) => {
    const outgoing = request(new URL(path, endpoint), { method, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** Median ops/s of sequential runs of `operation(i)`. */
async function opsPerSecond(count: number, operation: (index: number) => Promise<unknown>): Promise<number> {
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    for (let index = 0; index < count; index++) await operation(index);
    rates.push((count * 1000) / (performance.now() - started));
  }
  return rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
}

const sqsJson = (target: string, body: unknown) =>
  rawHttp(
    sqsEmulator.endpoint,
    'POST',
    '/',
    { 'x-amz-target': `AmazonSQS.${target}`, 'content-type': 'application/x-amz-json-1.0' },
    JSON.stringify(body),
  );

const rows: Array<[string, number, number]> = [];
rows.push([
  'S3 PutObject 1 KiB',
  await opsPerSecond(OPERATIONS, (i) =>
    s3.send(new PutObjectCommand({ Bucket: 'bench-intake', Key: `sdk/${i}.json`, Body: smallDocument })),
  ),
  await opsPerSecond(OPERATIONS, (i) =>
    rawHttp(s3Emulator.endpoint, 'PUT', `/bench-intake/raw/${i}.json`, {}, smallDocument),
  ),
]);
rows.push([
  'S3 GetObject 1 KiB',
  await opsPerSecond(OPERATIONS, async (i) => {
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'bench-intake', Key: `sdk/${i}.json`, ChecksumMode: 'ENABLED' }),
    );
    await got.Body!.transformToByteArray();
  }),
  await opsPerSecond(OPERATIONS, (i) => rawHttp(s3Emulator.endpoint, 'GET', `/bench-intake/raw/${i}.json`, {})),
]);
rows.push([
  'S3 PutObject 4 MiB',
  await opsPerSecond(20, (i) =>
    s3.send(new PutObjectCommand({ Bucket: 'bench-intake', Key: `big/${i}`, Body: largeDocument })),
  ),
  await opsPerSecond(20, (i) => rawHttp(s3Emulator.endpoint, 'PUT', `/bench-intake/raw-big/${i}`, {}, largeDocument)),
]);
rows.push([
  'SQS SendMessage',
  await opsPerSecond(OPERATIONS, () =>
    sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'claim ready' })),
  ),
  await opsPerSecond(OPERATIONS, () => sqsJson('SendMessage', { QueueUrl: queueUrl, MessageBody: 'claim ready' })),
]);
rows.push([
  'SQS Receive+Delete',
  await opsPerSecond(OPERATIONS, async () => {
    const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages[0]?.ReceiptHandle }));
  }),
  await opsPerSecond(OPERATIONS, async () => {
    const received = JSON.parse(await sqsJson('ReceiveMessage', { QueueUrl: queueUrl })) as {
      Messages?: Array<{ ReceiptHandle: string }>;
    };
    await sqsJson('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle });
  }),
]);

process.stdout.write(`median of ${ROUNDS} sequential rounds, one client, keep-alive\n`);
process.stdout.write(
  `${'operation'.padEnd(22)}${'SDK ops/s'.padStart(12)}${'raw HTTP ops/s'.padStart(16)}${'SDK/raw'.padStart(10)}\n`,
);
for (const [name, sdkRate, rawRate] of rows) {
  process.stdout.write(
    `${name.padEnd(22)}${sdkRate.toFixed(0).padStart(12)}${rawRate.toFixed(0).padStart(16)}${(sdkRate / rawRate).toFixed(2).padStart(10)}\n`,
  );
}
process.stdout.write(
  `4 MiB PUT through the SDK: ${((rows[2]![1] * largeDocument.length) / 1024 / 1024).toFixed(0)} MiB/s (aws-chunked off: Buffer body, CRC32 header)\n`,
);

s3.destroy();
sqs.destroy();
agent.destroy();
await Promise.all([s3Emulator.close(), sqsEmulator.close()]);
