/**
 * The AWS side of core/responses/keep-raw-response's ports, shared by every function that brings responses in (the
 * webhook, the mailbox poller): raw responses in the intake bucket (S3), pointers on the remittance queue (SQS).
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type RemittancePointerMessage, remittancePointerMessage } from '#contracts/messages';
import type { AcceptedContentType, RawResponseArchive, RemittanceQueue } from '#core/responses/keep-raw-response';

export function s3RawResponseArchive(s3: S3Client, bucket: string): RawResponseArchive {
  return {
    bucket,
    async put(key: string, body: Uint8Array, contentType: AcceptedContentType) {
      const result = await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          // S3 checks the bytes it stored against this digest, so a corrupted upload fails instead of being kept.
          ChecksumSHA256: createHash('sha256').update(body).digest('base64'),
        }),
      );
      return result.VersionId === undefined ? {} : { versionId: result.VersionId };
    },
  };
}

export function sqsRemittanceQueue(sqs: SQSClient, queueUrl: string): RemittanceQueue {
  return {
    async send(message: RemittancePointerMessage) {
      // Parsed before sending: a pointer the consumer would refuse is a bug here, not there.
      const body = JSON.stringify(remittancePointerMessage.parse(message));
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }));
    },
  };
}

/** SHA-256 as lowercase hex. */
export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
