/**
 * Work items on the ClaimFlow table (keys: keys/response-keys.ts): raised with a conditional put on their
 * deterministic id (the same problem raised twice is one item), listed open through the byStatus index.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PageRequest } from '#core/storage/page';
import type { WorkItem, WorkItemResolution, WorkItemStore } from '#core/storage/work-items';
import { isConditionFailure, queryPage, withoutKeys } from './dynamo-paging.ts';
import { workItemKey, workItemStatusPartition } from './keys/response-keys.ts';

export class DynamoDbWorkItems implements WorkItemStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async raise(item: WorkItem): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...workItemKey(item.id),
            ...item,
            gsi1pk: workItemStatusPartition(item.status),
            gsi1sk: `${item.raisedAt}#${item.id}`,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async get(id: string): Promise<WorkItem | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: workItemKey(id), ConsistentRead: true }),
    );
    return Item ? withoutKeys<WorkItem>(Item) : undefined;
  }

  async listOpen(page?: PageRequest) {
    const result = await queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': workItemStatusPartition('OPEN') },
      },
      page,
    );
    return { ...result, items: result.items.map((item) => withoutKeys<WorkItem>(item)) };
  }

  async resolve(id: string, resolution: WorkItemResolution): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: workItemKey(id),
          // Out of the open partition of byStatus, into the resolved one (kept: the item is the record of the work).
          UpdateExpression:
            'SET #status = :resolved, gsi1pk = :partition, resolvedAt = :at, resolvedBy = :actor, resolution = :reason',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':resolved': 'RESOLVED',
            ':open': 'OPEN',
            ':partition': workItemStatusPartition('RESOLVED'),
            ':at': resolution.at,
            ':actor': resolution.actor,
            ':reason': resolution.reason,
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }
}
