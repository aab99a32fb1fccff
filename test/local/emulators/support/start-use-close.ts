/**
 * Child-process script for the shutdown test: starts both emulators, leaves a long poll and keep-alive sockets
 * open, closes the emulators and then does nothing else. The process must exit on its own; if an emulator left a
 * timer or socket behind, it would hang and the test would time out.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { s3ClientFor } from '../s3-client.ts';
import { sqsClientFor } from '../sqs-client.ts';

const sqsEmulator = new SqsEmulator();
const s3Emulator = new S3Emulator();
await Promise.all([sqsEmulator.listen(), s3Emulator.listen()]);
const sqs = sqsClientFor(sqsEmulator.endpoint);
const s3 = s3ClientFor(s3Emulator.endpoint);

const { url } = sqsEmulator.createQueue('work', { VisibilityTimeout: '600', DelaySeconds: '900' });
s3Emulator.createBucket('intake');
await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'delayed for 15 minutes' }));
await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'a.txt', Body: 'x' }));
const longPoll = sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }));
await new Promise((resolve) => setTimeout(resolve, 100));

await Promise.all([sqsEmulator.close(), s3Emulator.close()]);
const released = await longPoll;
process.stdout.write(`released with ${released.Messages?.length ?? 0} messages\n`);
sqs.destroy();
s3.destroy();
