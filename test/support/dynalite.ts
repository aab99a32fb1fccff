/**
 * A throwaway dynalite with the ClaimFlow table's key schema and indexes (as the stores query them), for adapter tests
 * that need no whole twin.
 */
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { TABLE_INDEXES } from '#functions/common/storage/keys/table-indexes';

export async function startClaimFlowTable(): Promise<{
  client: DynamoDBDocumentClient;
  tableName: string;
  stop: () => Promise<void>;
}> {
  const server = dynalite({ createTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const raw = new DynamoDBClient({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = 'claimflow-test';
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        ...new Set(['pk', 'sk', ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, ...(i.sortKey ? [i.sortKey] : [])])]),
      ].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
        ],
        Projection: index.nonKeyAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.nonKeyAttributes }
          : { ProjectionType: 'ALL' },
      })),
    }),
  );
  return {
    client: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
    stop: async () => {
      raw.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
