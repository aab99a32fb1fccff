import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { CopyObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3EventRecord as LambdaS3EventRecord } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { S3Emulator, type S3EventRecord } from '#local/emulators/s3';
import { s3ClientFor } from './s3-client.ts';

let emulator: S3Emulator;
let s3: S3Client;
let records: S3EventRecord[];
let unsubscribe: () => void;

beforeAll(async () => {
  emulator = new S3Emulator({ region: 'us-east-1' });
  await emulator.listen();
  s3 = s3ClientFor(emulator.endpoint);
  emulator.createBucket('intake');
  emulator.createBucket('archive', { versioned: true });
});

beforeEach(() => {
  records = [];
  unsubscribe?.();
  unsubscribe = emulator.onObjectCreated((record) => records.push(record));
});

afterAll(async () => {
  s3.destroy();
  await emulator.close();
});

/** Events arrive after the response; wait until the expected number has been delivered. */
async function eventsDelivered(count: number): Promise<S3EventRecord[]> {
  for (let attempt = 0; attempt < 100 && records.length < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return records;
}

describe('S3 emulator: object-created notifications', () => {
  it('emits one real-shaped record per PUT, with the key URL-encoded as S3 does', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'intake', Key: 'inbox/claim form (1)+ü.json', Body: '{"a":1}' }),
    );
    const [record] = await eventsDelivered(1);
    const shaped: LambdaS3EventRecord | undefined = record;
    expect(shaped).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'intake', arn: 'arn:aws:s3:::intake' },
        object: { key: 'inbox/claim+form+%281%29%2B%C3%BC.json', size: 7, eTag: put.ETag?.replaceAll('"', '') },
      },
    });
    expect(record?.s3.object.versionId).toBeUndefined();
    expect(Date.parse(record?.eventTime ?? '')).not.toBeNaN();
    expect(decodeURIComponent(record!.s3.object.key.replace(/\+/g, ' '))).toBe('inbox/claim form (1)+ü.json');
  });

  it('names copies and completed multipart uploads, and carries version ids of versioned buckets', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'source.txt', Body: 'x' }));
    await s3.send(new CopyObjectCommand({ Bucket: 'archive', Key: 'copy.txt', CopySource: 'intake/source.txt' }));
    await new Upload({
      client: s3,
      params: { Bucket: 'intake', Key: 'big.bin', Body: randomBytes(6 * 1024 * 1024) },
      partSize: 5 * 1024 * 1024,
    }).done();
    const delivered = await eventsDelivered(3);
    expect(delivered.map((record) => record.eventName)).toEqual([
      'ObjectCreated:Put',
      'ObjectCreated:Copy',
      'ObjectCreated:CompleteMultipartUpload',
    ]);
    expect(delivered[1]?.s3.object.versionId).toMatch(/.+/);
    expect(delivered[2]?.s3.object.eTag).toMatch(/^[0-9a-f]{32}-2$/);
    const sequencers = delivered.map((record) => record.s3.object.sequencer);
    expect([...sequencers].sort()).toEqual(sequencers);
    expect(new Set(sequencers).size).toBe(3);
  });

  it('emits nothing for a rejected upload', async () => {
    await s3
      .send(new PutObjectCommand({ Bucket: 'intake', Key: 'rejected.txt', Body: 'x', ChecksumCRC32: 'AAAAAA==' }))
      .catch(() => undefined);
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'accepted.txt', Body: 'x' }));
    const delivered = await eventsDelivered(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(delivered.map((record) => record.s3.object.key)).toEqual(['accepted.txt']);
  });

  it('keeps answering uploads when a listener throws', async () => {
    const off = emulator.onObjectCreated(() => {
      throw new Error('listener failure');
    });
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'first.txt', Body: 'x' }));
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'second.txt', Body: 'y' }));
    off();
    const delivered = await eventsDelivered(2);
    expect(delivered.map((record) => record.s3.object.key)).toEqual(['first.txt', 'second.txt']);
  });

  it('stops delivering after unsubscribe', async () => {
    unsubscribe();
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'unheard.txt', Body: 'x' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(records).toEqual([]);
  });
});

/** Sends a raw HTTP request, for inputs the SDK would never produce. */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, emulator.endpoint);
    const outgoing = request(url, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('S3 emulator: malformed requests', () => {
  it('rejects an aws-chunked body whose trailing checksum is wrong', async () => {
    const body = '5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n';
    const response = await rawRequest(
      'PUT',
      '/intake/raw.txt',
      {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '5',
        'x-amz-trailer': 'x-amz-checksum-crc32',
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      },
      body,
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>BadDigest</Code>');
  });

  it('accepts a hand-written aws-chunked body split over several chunks with a correct trailer', async () => {
    // CRC32 of "hello world" is 0x0D4A1185.
    const trailer = Buffer.from('0d4a1185', 'hex').toString('base64');
    const body = `6\r\nhello \r\n5\r\nworld\r\n0\r\nx-amz-checksum-crc32:${trailer}\r\n\r\n`;
    const response = await rawRequest(
      'PUT',
      '/intake/chunks.txt',
      {
        'content-encoding': 'aws-chunked',
        'x-amz-decoded-content-length': '11',
        'x-amz-trailer': 'x-amz-checksum-crc32',
      },
      body,
    );
    expect(response.status).toBe(200);
    expect((await rawRequest('GET', '/intake/chunks.txt', {})).body).toBe('hello world');
  });

  it('answers IncompleteBody for a truncated aws-chunked body and for a wrong decoded length', async () => {
    const truncated = await rawRequest('PUT', '/intake/t.txt', { 'content-encoding': 'aws-chunked' }, 'ff\r\nabc');
    expect(truncated.status).toBe(400);
    expect(truncated.body).toContain('<Code>IncompleteBody</Code>');
    const wrongLength = await rawRequest(
      'PUT',
      '/intake/t.txt',
      { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '9' },
      '3\r\nabc\r\n0\r\n\r\n',
    );
    expect(wrongLength.body).toContain('<Code>IncompleteBody</Code>');
  });

  it('answers InvalidURI for a path with broken percent-encoding, MalformedXML for a bad delete, and keeps serving', async () => {
    const badPath = await rawRequest('GET', '/intake/%E0%A4%A', {});
    expect(badPath.status).toBe(400);
    expect(badPath.body).toContain('<Code>InvalidURI</Code>');
    const badDelete = await rawRequest('POST', '/intake?delete', { 'content-md5': '' }, 'not xml');
    expect(badDelete.status).toBe(400);
    const unsupported = await rawRequest('GET', '/intake?policy', {});
    expect(unsupported.status).toBe(501);
    expect(unsupported.body).toContain('<Code>NotImplemented</Code>');
    await expect(
      s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'still-ok', Body: 'x' })),
    ).resolves.toBeDefined();
  });
});
