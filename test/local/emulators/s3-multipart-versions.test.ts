import { createHash, randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  NoSuchKey,
  NoSuchUpload,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Emulator } from '#local/emulators/s3';
import { s3ClientFor } from './s3-client.ts';

const MiB = 1024 * 1024;

let emulator: S3Emulator;
let s3: S3Client;

beforeAll(async () => {
  emulator = new S3Emulator();
  await emulator.listen();
  s3 = s3ClientFor(emulator.endpoint);
  emulator.createBucket('uploads');
  emulator.createBucket('ledger-archive', { versioned: true });
});

afterAll(async () => {
  s3.destroy();
  await emulator.close();
});

const md5 = (data: Buffer) => createHash('md5').update(data).digest();

describe('S3 emulator: multipart uploads', () => {
  it('completes an upload driven by lib-storage Upload, with progress and a multipart ETag', async () => {
    const body = randomBytes(11 * MiB);
    const progress: number[] = [];
    const upload = new Upload({
      client: s3,
      params: { Bucket: 'uploads', Key: 'big/scan.pdf', Body: body, ContentType: 'application/pdf' },
      partSize: 5 * MiB,
      queueSize: 2,
    });
    upload.on('httpUploadProgress', (event) => progress.push(event.loaded ?? 0));
    const result = await upload.done();

    const partMd5s = [0, 5 * MiB, 10 * MiB].map((start) => md5(body.subarray(start, start + 5 * MiB)));
    expect(result.ETag).toBe(`"${createHash('md5').update(Buffer.concat(partMd5s)).digest('hex')}-3"`);
    expect(Math.max(...progress)).toBe(body.length);

    const got = await s3.send(
      new GetObjectCommand({ Bucket: 'uploads', Key: 'big/scan.pdf', ChecksumMode: 'ENABLED' }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.ContentType).toBe('application/pdf');
    expect(got.ChecksumCRC32).toMatch(/-3$/);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'big/scan.pdf' }));
    expect(head.ContentLength).toBe(body.length);
  });

  it('sends a small body through lib-storage as a single PutObject', async () => {
    const result = await new Upload({
      client: s3,
      params: { Bucket: 'uploads', Key: 'small.txt', Body: 'tiny' },
    }).done();
    expect(result.ETag).toBe(`"${md5(Buffer.from('tiny')).toString('hex')}"`);
  });

  it('lists uploaded parts and refuses a completion with a wrong part ETag', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: 'parts.bin' }));
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: 'uploads',
        Key: 'parts.bin',
        UploadId,
        PartNumber: 1,
        Body: Buffer.from('only part'),
      }),
    );
    const listed = await s3.send(new ListPartsCommand({ Bucket: 'uploads', Key: 'parts.bin', UploadId }));
    expect(listed.Parts?.map((p) => [p.PartNumber, p.ETag, p.Size])).toEqual([[1, part.ETag, 9]]);

    const error = await s3
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: 'uploads',
          Key: 'parts.bin',
          UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00000000000000000000000000000000"' }] },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'InvalidPart' });

    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'uploads',
        Key: 'parts.bin',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );
    expect(done.ETag).toMatch(/-1"$/);
  });

  it('refuses parts below 5 MiB except the last', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: 'small-parts' }));
    const parts = [];
    for (const PartNumber of [1, 2]) {
      const part = await s3.send(
        new UploadPartCommand({ Bucket: 'uploads', Key: 'small-parts', UploadId, PartNumber, Body: Buffer.from('x') }),
      );
      parts.push({ PartNumber, ETag: part.ETag });
    }
    const error = await s3
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: 'uploads',
          Key: 'small-parts',
          UploadId,
          MultipartUpload: { Parts: parts },
        }),
      )
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'EntityTooSmall' });
  });

  it('forgets an aborted upload', async () => {
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'uploads', Key: 'aborted' }));
    await s3.send(new AbortMultipartUploadCommand({ Bucket: 'uploads', Key: 'aborted', UploadId }));
    await expect(
      s3.send(new UploadPartCommand({ Bucket: 'uploads', Key: 'aborted', UploadId, PartNumber: 1, Body: 'x' })),
    ).rejects.toBeInstanceOf(NoSuchUpload);
    await expect(s3.send(new HeadObjectCommand({ Bucket: 'uploads', Key: 'aborted' }))).rejects.toMatchObject({
      name: 'NotFound',
    });
  });
});

describe('S3 emulator: versioned buckets', () => {
  it('reports versioning and gives each write its own version id', async () => {
    const status = await s3.send(new GetBucketVersioningCommand({ Bucket: 'ledger-archive' }));
    expect(status.Status).toBe('Enabled');
    const first = await s3.send(new PutObjectCommand({ Bucket: 'ledger-archive', Key: 'doc.json', Body: 'v1' }));
    const second = await s3.send(new PutObjectCommand({ Bucket: 'ledger-archive', Key: 'doc.json', Body: 'v2' }));
    expect(first.VersionId).toBeTruthy();
    expect(second.VersionId).toBeTruthy();
    expect(second.VersionId).not.toBe(first.VersionId);

    const old = await s3.send(
      new GetObjectCommand({ Bucket: 'ledger-archive', Key: 'doc.json', VersionId: first.VersionId }),
    );
    expect(await old.Body!.transformToString()).toBe('v1');
    expect(old.VersionId).toBe(first.VersionId);
    const latest = await s3.send(new GetObjectCommand({ Bucket: 'ledger-archive', Key: 'doc.json' }));
    expect(await latest.Body!.transformToString()).toBe('v2');
  });

  it('hides a deleted key behind a delete marker while keeping older versions', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'ledger-archive', Key: 'gone.json', Body: 'kept' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: 'ledger-archive', Key: 'gone.json' }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toBeTruthy();
    await expect(s3.send(new GetObjectCommand({ Bucket: 'ledger-archive', Key: 'gone.json' }))).rejects.toBeInstanceOf(
      NoSuchKey,
    );
    const kept = await s3.send(
      new GetObjectCommand({ Bucket: 'ledger-archive', Key: 'gone.json', VersionId: put.VersionId }),
    );
    expect(await kept.Body!.transformToString()).toBe('kept');
  });

  it('turns versioning on for an existing bucket, and reports no version ids before that', async () => {
    const { CreateBucketCommand } = await import('@aws-sdk/client-s3');
    await s3.send(new CreateBucketCommand({ Bucket: 'later-versioned' }));
    const before = await s3.send(new PutObjectCommand({ Bucket: 'later-versioned', Key: 'k', Body: 'a' }));
    expect(before.VersionId).toBeUndefined();
    await s3.send(
      new PutBucketVersioningCommand({ Bucket: 'later-versioned', VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const after = await s3.send(new PutObjectCommand({ Bucket: 'later-versioned', Key: 'k', Body: 'b' }));
    expect(after.VersionId).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const original = await s3.send(new GetObjectCommand({ Bucket: 'later-versioned', Key: 'k', VersionId: 'null' }));
    expect(await original.Body!.transformToString()).toBe('a');
  });
});
