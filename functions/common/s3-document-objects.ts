/**
 * Reads inbox objects and copies rejected ones into quarantine. The copy's metadata holds the document id and the
 * reason code only: S3 metadata is not encrypted by SSE-KMS, and a failure message may quote the document.
 */
import { CopyObjectCommand, GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentFailureReason, StoredObject } from '#core/intake/document-ledger';
import type { DocumentObjects } from '#core/pipeline/ingest-document';

export class S3DocumentObjects implements DocumentObjects {
  constructor(
    private readonly client: S3Client,
    private readonly inboxPrefix: string,
    private readonly quarantinePrefix: string,
  ) {}

  async read(object: StoredObject): Promise<{ bytes: Uint8Array; contentType?: string } | undefined> {
    try {
      const response = await this.client.send(
        new GetObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          ...(object.versionId ? { VersionId: object.versionId } : {}),
        }),
      );
      const bytes = await response.Body!.transformToByteArray();
      return { bytes, ...(response.ContentType ? { contentType: response.ContentType } : {}) };
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchVersion') return undefined;
      throw error;
    }
  }

  async quarantine(
    object: StoredObject,
    label: { documentId: string; reason: DocumentFailureReason },
  ): Promise<string> {
    const relative = object.key.startsWith(this.inboxPrefix) ? object.key.slice(this.inboxPrefix.length) : object.key;
    const quarantineKey = `${this.quarantinePrefix}${relative}`;
    const source = `${object.bucket}/${encodeURIComponent(object.key).replace(/%2F/g, '/')}`;
    await this.client.send(
      new CopyObjectCommand({
        Bucket: object.bucket,
        Key: quarantineKey,
        CopySource: object.versionId ? `${source}?versionId=${encodeURIComponent(object.versionId)}` : source,
        MetadataDirective: 'REPLACE',
        Metadata: { 'claimflow-document-id': label.documentId, 'claimflow-reason': label.reason },
      }),
    );
    return quarantineKey;
  }
}
