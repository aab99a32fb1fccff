/**
 * The AWS side of the webhook core's id store: receipts in the domain table (DynamoDB, one item per webhook-id written
 * with a condition). The archive and the queue are functions/common/raw-response-ports.ts, shared with the mailbox
 * poller.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DOMAIN_TABLE_TTL_ATTRIBUTE } from '#contracts/domain-table';
import type { WebhookIdStore, WebhookReceipt } from '#core/responses/receive-webhook';
import type { SenderFailureCounter } from '#core/responses/sender-failures';

/** Receipts share the domain table; the partition names the sender's id, which is an opaque token, never PHI. */
export const webhookReceiptKey = (webhookId: string) => ({ pk: `WEBHOOK#${webhookId}`, sk: 'RECEIPT' });

/** A sender's failures in one window: the sender is a digest of its address, the window its start (ISO). */
export const senderFailuresKey = (senderKey: string, windowStart: string) => ({
  pk: `WEBHOOKSENDER#${senderKey}`,
  sk: `FAILURES#${windowStart}`,
});

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

/**
 * One counter item per sender and window: ADD under a condition that stops it at the cap (concurrent failures cannot
 * push it past), with the TTL attribute set once so DynamoDB deletes it a window after it ends.
 */
export function dynamoSenderFailureCounter(dynamo: DynamoDBDocumentClient, tableName: string): SenderFailureCounter {
  return {
    async failures(senderKey, windowStart) {
      const { Item } = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: senderFailuresKey(senderKey, windowStart),
          ConsistentRead: true,
          ProjectionExpression: '#failures',
          ExpressionAttributeNames: { '#failures': 'failures' },
        }),
      );
      return typeof Item?.failures === 'number' ? Item.failures : 0;
    },
    async recordFailure(senderKey, windowStart, cap, expiresAt) {
      try {
        const { Attributes } = await dynamo.send(
          new UpdateCommand({
            TableName: tableName,
            Key: senderFailuresKey(senderKey, windowStart),
            UpdateExpression: 'ADD #failures :one SET #ttl = if_not_exists(#ttl, :expiresAt)',
            ConditionExpression: 'attribute_not_exists(#failures) OR #failures < :cap',
            ExpressionAttributeNames: { '#failures': 'failures', '#ttl': DOMAIN_TABLE_TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':expiresAt': expiresAt },
            ReturnValues: 'UPDATED_NEW',
          }),
        );
        return Number(Attributes?.failures);
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return cap;
        throw error;
      }
    },
  };
}
