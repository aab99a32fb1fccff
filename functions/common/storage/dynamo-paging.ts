/** One paged Query, shared by the remittance stores: the stores' page contract over DynamoDB's LastEvaluatedKey. */
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

/** The item without the table's key and index attributes. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _s1, gsi2pk: _g2, gsi2sk: _s2, ...rest } = item;
  return rest as T;
}

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string } | undefined)?.name === 'ConditionalCheckFailedException';
}
