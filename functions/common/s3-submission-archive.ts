/**
 * The submission archive in S3 under `submissions/`: each interchange written once with `If-None-Match: *` (S3's
 * conditional write), so of two deliveries archiving one interchange the first bytes stand and both send those.
 * Object metadata holds nothing (S3 metadata is not encrypted by SSE-KMS).
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SubmissionArchive } from '#core/submission/submission-archive';

export class S3SubmissionArchive implements SubmissionArchive {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  keyFor(name: string): string {
    return `${this.prefix}${name}`;
  }

  async putIfAbsent(key: string, text: string): Promise<string> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: text,
          ContentType: 'application/edi-x12',
          IfNoneMatch: '*',
        }),
      );
      return text;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // 412: already written; 409: a concurrent conditional write of the same key is in progress.
      if (status !== 412 && status !== 409) throw error;
      const stored = await this.get(key);
      if (stored === undefined) throw new Error(`archived interchange ${key} exists but cannot be read yet`);
      return stored;
    }
  }

  async get(key: string): Promise<string | undefined> {
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return await response.Body!.transformToString('utf-8');
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }
}
