/**
 * The AWS side of the webhook core's id store: receipts in the domain table (DynamoDB, one item per webhook-id written
 * with a condition). The archive and the queue are functions/common/raw-response-ports.ts, shared with the mailbox
 * poller.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { WebhookIdStore, WebhookReceipt } from '#core/responses/receive-webhook';

/** Receipts share the domain table; the partition names the sender's id, which is an opaque token, never PHI. */
export const webhookReceiptKey = (webhookId: string) => ({ pk: `WEBHOOK#${webhookId}`, sk: 'RECEIPT' });

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
