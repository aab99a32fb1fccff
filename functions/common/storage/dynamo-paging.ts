/** One paged Query, shared by the DynamoDB stores: the stores' page contract over DynamoDB's LastEvaluatedKey. */
import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { type PageRequest, pageLimit } from '#core/storage/page';
import { decodeCursor, encodeCursor } from './page-cursor.ts';

export async function queryPage(
  client: DynamoDBDocumentClient,
  tableName: string,
  input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
  page: PageRequest | undefined,
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const result = await client.send(
    new QueryCommand({
      ...input,
      TableName: tableName,
      Limit: pageLimit(page),
      ExclusiveStartKey: decodeCursor(page?.cursor),
    }),
  );
  const cursor = encodeCursor(result.LastEvaluatedKey);
  return { items: result.Items ?? [], ...(cursor ? { cursor } : {}) };
}

/**
 * One page of a partition's items whose sort key starts with `prefix`, read consistently (postings are read back
 * right after they are written), without the table's keys.
 */
export async function queryPrefixPage<T>(
  client: DynamoDBDocumentClient,
  tableName: string,
  pk: string,
  prefix: string,
  page: PageRequest | undefined,
): Promise<{ items: T[]; cursor?: string }> {
  const result = await queryPage(
    client,
    tableName,
    {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      ConsistentRead: true,
    },
    page,
  );
  return { ...result, items: result.items.map((item) => withoutKeys<T>(item)) };
}

/** The item without the table's key and index attributes. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, ...rest } = item;
  return rest as T;
}

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}
