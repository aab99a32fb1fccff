import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BucketAlreadyOwnedByYou,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Emulator } from '#local/emulators/s3';
import { recordRequestHeaders, s3ClientFor } from './s3-client.ts';

let emulator: S3Emulator;
let s3: S3Client;
let sentHeaders: Array<Record<string, string>>;
let workDir: string;

beforeAll(async () => {
  emulator = new S3Emulator();
  await emulator.listen();
  s3 = s3ClientFor(emulator.endpoint);
  sentHeaders = recordRequestHeaders(s3);
  emulator.createBucket('intake');
  emulator.createBucket('quarantine');
  workDir = await mkdtemp(join(tmpdir(), 's3-emulator-'));
});

afterAll(async () => {
  s3.destroy();
  await emulator.close();
  await rm(workDir, { recursive: true, force: true });
});

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

async function getText(Bucket: string, Key: string, extra: { VersionId?: string } = {}): Promise<string> {
  const result = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED', ...extra }));
  return result.Body!.transformToString();
}

describe('S3 emulator: buckets', () => {
  it('creates, heads, lists and deletes buckets', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'scratch-bucket' }));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'scratch-bucket' }))).resolves.toBeDefined();
    const listed = await s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toContain('scratch-bucket');
    await s3.send(new DeleteBucketCommand({ Bucket: 'scratch-bucket' }));
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'scratch-bucket' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('answers BucketAlreadyOwnedByYou for a second create', async () => {
    await expect(s3.send(new CreateBucketCommand({ Bucket: 'intake' }))).rejects.toBeInstanceOf(
      BucketAlreadyOwnedByYou,
    );
  });

  it('answers NoSuchBucket for object operations on a missing bucket', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'k' }))).rejects.toBeInstanceOf(
      NoSuchBucket,
    );
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'missing-bucket' }))).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('refuses to delete a bucket that still holds objects', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'a', Body: 'x' }));
    const error = await s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'BucketNotEmpty', $metadata: { httpStatusCode: 409 } });
  });
});

describe('S3 emulator: put and get with the SDK default checksums', () => {
  it('stores a buffer upload (CRC32 header) and returns it with a checksum the SDK validates', async () => {
    const body = '{"resourceType":"Bundle"}';
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'intake',
        Key: 'inbox/bundle.json',
        Body: body,
        ContentType: 'application/fhir+json',
        Metadata: { source: 'clinic-7' },
      }),
    );
    expect(sentHeaders.at(-1)).toHaveProperty('x-amz-checksum-crc32');
    expect(put.ETag).toBe(`"${md5(body)}"`);

    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'intake', Key: 'inbox/bundle.json', ChecksumMode: 'ENABLED' }),
    );
    expect(await got.Body!.transformToString()).toBe(body);
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    expect(got.ContentType).toBe('application/fhir+json');
    expect(got.Metadata).toEqual({ source: 'clinic-7' });
    expect(got.ETag).toBe(put.ETag);
    expect(Math.abs(got.LastModified!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('decodes a streamed upload sent aws-chunked with a trailing CRC32', async () => {
    const path = join(workDir, 'note.txt');
    const content = 'Chief complaint: cough.\n'.repeat(5_000);
    await writeFile(path, content);
    await s3.send(
      new PutObjectCommand({
        Bucket: 'intake',
        Key: 'inbox/note.txt',
        Body: createReadStream(path),
        ContentLength: content.length,
      }),
    );
    const sent = sentHeaders.at(-1)!;
    expect(sent['content-encoding']).toBe('aws-chunked');
    expect(sent['x-amz-trailer']).toBe('x-amz-checksum-crc32');
    expect(sent['x-amz-content-sha256']).toBe('STREAMING-UNSIGNED-PAYLOAD-TRAILER');

    const head = await s3.send(new HeadObjectCommand({ Bucket: 'intake', Key: 'inbox/note.txt' }));
    expect(head.ContentLength).toBe(content.length);
    expect(head.ContentEncoding).toBeUndefined();
    expect(await getText('intake', 'inbox/note.txt')).toBe(content);
  });

  it('sends a requested CRC32C as the aws-chunked trailer of a streamed upload', async () => {
    const path = join(workDir, 'superbill.csv');
    const csv = 'cpt,units\n99213,1\n';
    await writeFile(path, csv);
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: 'intake',
        Key: 'inbox/superbill.csv',
        Body: createReadStream(path),
        ContentLength: Buffer.byteLength(csv),
        ChecksumAlgorithm: 'CRC32C',
      }),
    );
    expect(sentHeaders.at(-1)?.['x-amz-trailer']).toBe('x-amz-checksum-crc32c');
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'intake', Key: 'inbox/superbill.csv', ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC32C).toBe(put.ChecksumCRC32C);
    expect(await got.Body!.transformToString()).toBe(csv);
  });

  it('gives an upload sent without any checksum the default CRC64NVME, as S3 does', async () => {
    const response = await fetch(`${emulator.endpoint}/intake/no-checksum.txt`, { method: 'PUT', body: '123456789' });
    expect(response.status).toBe(200);
    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'intake', Key: 'no-checksum.txt', ChecksumMode: 'ENABLED' }),
    );
    expect(got.ChecksumCRC64NVME).toBe(Buffer.from('ae8b14860a799888', 'hex').toString('base64'));
    expect(got.ChecksumType).toBe('FULL_OBJECT');
    expect(await got.Body!.transformToString()).toBe('123456789');
  });

  it('honours a requested SHA256 checksum and returns it on GET', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'intake', Key: 'sha.txt', Body: 'abc', ChecksumAlgorithm: 'SHA256' }),
    );
    expect(put.ChecksumSHA256).toBe(createHash('sha256').update('abc').digest('base64'));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'intake', Key: 'sha.txt', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumSHA256).toBe(put.ChecksumSHA256);
  });

  it('rejects a checksum that does not match the body with BadDigest', async () => {
    const error = await s3
      .send(new PutObjectCommand({ Bucket: 'intake', Key: 'bad.txt', Body: 'payload', ChecksumCRC32: 'AAAAAA==' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'intake', Key: 'bad.txt' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('verifies Content-MD5', async () => {
    const body = 'superbill,99213';
    const goodMd5 = createHash('md5').update(body).digest('base64');
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'md5.csv', Body: body, ContentMD5: goodMd5 }));
    const error = await s3
      .send(
        new PutObjectCommand({
          Bucket: 'intake',
          Key: 'md5.csv',
          Body: `${body}!`,
          ContentMD5: goodMd5,
          ChecksumAlgorithm: undefined,
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'BadDigest' });
    expect(await getText('intake', 'md5.csv')).toBe(body);
  });

  it('stores and returns an empty object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'inbox/empty.json', Body: new Uint8Array(0) }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'intake', Key: 'inbox/empty.json' }));
    expect(head.ContentLength).toBe(0);
    expect(head.ETag).toBe(`"${md5('')}"`);
    expect(await getText('intake', 'inbox/empty.json')).toBe('');
  });

  it('serves byte ranges, suffix ranges, and refuses a range past the end', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'range.txt', Body: '0123456789' }));
    const middle = await s3.send(new GetObjectCommand({ Bucket: 'intake', Key: 'range.txt', Range: 'bytes=2-5' }));
    expect(await middle.Body!.transformToString()).toBe('2345');
    expect(middle.ContentRange).toBe('bytes 2-5/10');
    expect(middle.$metadata.httpStatusCode).toBe(206);
    const tail = await s3.send(
      new GetObjectCommand({ Bucket: 'intake', Key: 'range.txt', Range: 'bytes=-3', ChecksumMode: 'ENABLED' }),
    );
    expect(await tail.Body!.transformToString()).toBe('789');
    const error = await s3
      .send(new GetObjectCommand({ Bucket: 'intake', Key: 'range.txt', Range: 'bytes=10-' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidRange', $metadata: { httpStatusCode: 416 } });
  });

  it('answers NoSuchKey on GET and NotFound on HEAD for a missing key', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: 'intake', Key: 'nope' }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'intake', Key: 'nope' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('keeps keys with spaces, plus signs and unicode intact', async () => {
    const key = 'inbox/Jane Doe+visit (1)/ñote.txt';
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: key, Body: 'x' }));
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'intake', Prefix: 'inbox/Jane' }));
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);
    expect(await getText('intake', key)).toBe('x');
  });
});

describe('S3 emulator: conditional requests', () => {
  it('creates only when absent with If-None-Match: *', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'once.txt', Body: 'first', IfNoneMatch: '*' }));
    const error = await s3
      .send(new PutObjectCommand({ Bucket: 'intake', Key: 'once.txt', Body: 'second', IfNoneMatch: '*' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await getText('intake', 'once.txt')).toBe('first');
  });

  it('fails GET and HEAD with 412 when If-Match does not match', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'etag.txt', Body: 'v1' }));
    const getError = await s3
      .send(new GetObjectCommand({ Bucket: 'intake', Key: 'etag.txt', IfMatch: '"0000"' }))
      .catch((caught: unknown) => caught);
    expect(getError).toMatchObject({ name: 'PreconditionFailed' });
    const headError = await s3
      .send(new HeadObjectCommand({ Bucket: 'intake', Key: 'etag.txt', IfMatch: '"0000"' }))
      .catch((caught: unknown) => caught);
    expect(headError).toMatchObject({ $metadata: { httpStatusCode: 412 } });
    const matching = await s3.send(
      new HeadObjectCommand({ Bucket: 'intake', Key: 'etag.txt', IfMatch: `"${md5('v1')}"` }),
    );
    expect(matching.ContentLength).toBe(2);
  });
});

describe('S3 emulator: listing', () => {
  beforeAll(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    const keys = [
      'a.txt',
      'inbox/1.json',
      'inbox/2.json',
      'inbox/sub/3.json',
      'inbox/sub/4.json',
      'out/5.json',
      'z.txt',
    ];
    await Promise.all(keys.map((Key) => s3.send(new PutObjectCommand({ Bucket: 'listing', Key, Body: Key }))));
  });

  it('lists by prefix with sizes and ETags', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'inbox/' }));
    expect(result.Contents?.map((object) => object.Key)).toEqual([
      'inbox/1.json',
      'inbox/2.json',
      'inbox/sub/3.json',
      'inbox/sub/4.json',
    ]);
    expect(result.Contents?.[0]).toMatchObject({ Size: 12, ETag: `"${md5('inbox/1.json')}"` });
    expect(result.KeyCount).toBe(4);
    expect(result.IsTruncated).toBe(false);
  });

  it('groups keys under the delimiter into CommonPrefixes', async () => {
    const root = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    expect(root.Contents?.map((object) => object.Key)).toEqual(['a.txt', 'z.txt']);
    expect(root.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['inbox/', 'out/']);
    const inbox = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'inbox/', Delimiter: '/' }));
    expect(inbox.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['inbox/sub/']);
  });

  it('pages with max-keys and continuation tokens through every key exactly once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
      pages += 1;
      expect(page.IsTruncated).toBe(token !== undefined);
    } while (token);
    expect(pages).toBe(4);
    expect(seen).toEqual([
      'a.txt',
      'inbox/1.json',
      'inbox/2.json',
      'inbox/sub/3.json',
      'inbox/sub/4.json',
      'out/5.json',
      'z.txt',
    ]);
  });

  it('pages common prefixes without repeating them', async () => {
    const first = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2 }));
    expect([...(first.Contents ?? []).map((o) => o.Key), ...(first.CommonPrefixes ?? []).map((p) => p.Prefix)]).toEqual(
      ['a.txt', 'inbox/'],
    );
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket: 'listing',
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );
    expect(second.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['out/']);
    expect(second.Contents?.map((o) => o.Key)).toEqual(['z.txt']);
  });

  it('starts after a given key', async () => {
    const result = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'inbox/sub/4.json' }));
    expect(result.Contents?.map((object) => object.Key)).toEqual(['out/5.json', 'z.txt']);
  });

  it('rejects a continuation token it did not issue', async () => {
    const error = await s3
      .send(new ListObjectsV2Command({ Bucket: 'listing', ContinuationToken: 'forged' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidArgument' });
  });
});

describe('S3 emulator: copy and delete', () => {
  it('copies across buckets keeping metadata, as quarantine does', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket: 'intake',
        Key: 'inbox/unknown.bin',
        Body: 'garbage',
        ContentType: 'application/octet-stream',
        Metadata: { reason: 'unknown-format' },
      }),
    );
    const copy = await s3.send(
      new CopyObjectCommand({ Bucket: 'quarantine', Key: 'unknown.bin', CopySource: 'intake/inbox/unknown.bin' }),
    );
    expect(copy.CopyObjectResult?.ETag).toBe(`"${md5('garbage')}"`);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'quarantine', Key: 'unknown.bin' }));
    expect(head.Metadata).toEqual({ reason: 'unknown-format' });
    expect(head.ContentType).toBe('application/octet-stream');
    expect(await getText('quarantine', 'unknown.bin')).toBe('garbage');
  });

  it('copies within a bucket with a URL-encoded source and replaced metadata', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'inbox/a b.txt', Body: 'spaced' }));
    await s3.send(
      new CopyObjectCommand({
        Bucket: 'intake',
        Key: 'done/a b.txt',
        CopySource: `intake/${encodeURIComponent('inbox/a b.txt')}`,
        MetadataDirective: 'REPLACE',
        Metadata: { status: 'coded' },
        ContentType: 'text/plain',
      }),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'intake', Key: 'done/a b.txt' }));
    expect(head.Metadata).toEqual({ status: 'coded' });
    expect(head.ContentType).toBe('text/plain');
  });

  it('refuses to copy an object onto itself without changes', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'intake', Key: 'self.txt', Body: 'x' }));
    const error = await s3
      .send(new CopyObjectCommand({ Bucket: 'intake', Key: 'self.txt', CopySource: 'intake/self.txt' }))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidRequest' });
  });

  it('answers NoSuchKey when the copy source is missing', async () => {
    await expect(
      s3.send(new CopyObjectCommand({ Bucket: 'quarantine', Key: 'x', CopySource: 'intake/not-there' })),
    ).rejects.toBeInstanceOf(NoSuchKey);
  });

  it('deletes one object, and several at once', async () => {
    await Promise.all(
      ['d1', 'd2', 'd3'].map((Key) => s3.send(new PutObjectCommand({ Bucket: 'intake', Key, Body: Key }))),
    );
    await s3.send(new DeleteObjectCommand({ Bucket: 'intake', Key: 'd1' }));
    await expect(s3.send(new GetObjectCommand({ Bucket: 'intake', Key: 'd1' }))).rejects.toBeInstanceOf(NoSuchKey);
    const batch = await s3.send(
      new DeleteObjectsCommand({ Bucket: 'intake', Delete: { Objects: [{ Key: 'd2' }, { Key: 'd3' }] } }),
    );
    expect(batch.Deleted?.map((deleted) => deleted.Key)).toEqual(['d2', 'd3']);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: 'intake', Prefix: 'd' }));
    expect(left.Contents?.map((object) => object.Key) ?? []).toEqual(['done/a b.txt']);
  });

  it('treats deleting a missing key as success, as S3 does', async () => {
    const result = await s3.send(new DeleteObjectCommand({ Bucket: 'intake', Key: 'never-existed' }));
    expect(result.$metadata.httpStatusCode).toBe(204);
  });
});
