/**
 * The AWS side of the webhook core's ports: raw responses in the intake bucket (S3), pointers on the remittance
 * queue (SQS), receipts in the domain table (DynamoDB, one item per webhook-id written with a condition).
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type RemittancePointerMessage, remittancePointerMessage } from '#contracts/messages';
import type {
  AcceptedContentType,
  RawResponseArchive,
  RemittanceQueue,
  WebhookIdStore,
  WebhookReceipt,
} from '#core/responses/receive-webhook';

/** Receipts share the domain table; the partition names the sender's id, which is an opaque token, never PHI. */
export const webhookReceiptKey = (webhookId: string) => ({ pk: `WEBHOOK#${webhookId}`, sk: 'RECEIPT' });

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

export function dynamoWebhookIdStore(dynamo: DynamoDBDocumentClient, tableName: string): WebhookIdStore {
  return {
    async get(webhookId: string) {
      const { Item } = await dynamo.send(
        new GetCommand({ TableName: tableName, Key: webhookReceiptKey(webhookId), ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const { webhookId: id, sha256, bytes, key, receivedAt } = Item as WebhookReceipt;
      return { webhookId: id, sha256, bytes, key, receivedAt };
    },
    async putIfAbsent(receipt: WebhookReceipt) {
      try {
        await dynamo.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...webhookReceiptKey(receipt.webhookId), ...receipt },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
  };
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
