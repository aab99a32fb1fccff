/**
 * AWS::DynamoDB::Table: a table in dynalite with the template's keys and global secondary indexes. A table read
 * back from the data folder is kept when its keys and indexes are the template's; otherwise the twin stops and says
 * to start fresh, instead of running the functions against a table shaped for another version of the stack.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { property } from '../template.ts';
import type { ResourceProvider } from './provider.ts';

interface TableShape {
  keys: KeySchemaElement[];
  indexes: { IndexName?: string; KeySchema?: KeySchemaElement[] }[];
}

export const dynamodbTables = (): ResourceProvider => ({
  types: ['AWS::DynamoDB::Table'],
  identify({ logicalId }, twin) {
    const name = twin.localName(logicalId, 255);
    return { ref: name, attributes: { Arn: twin.arn('dynamodb', `table/${name}`) } };
  },
  async create(items, twin) {
    for (const { logicalId, resource } of items) {
      const tableName = twin.intrinsics.resources.get(logicalId)!.ref;
      const indexes = (property<GlobalSecondaryIndex[]>(resource, 'GlobalSecondaryIndexes') ?? []).map((index) => ({
        IndexName: index.IndexName,
        KeySchema: index.KeySchema,
        Projection: index.Projection,
      }));
      const wanted: TableShape = { keys: property<KeySchemaElement[]>(resource, 'KeySchema') ?? [], indexes };
      const existing = await describe(twin.services.dynamodb, tableName);
      if (existing) {
        if (shapeOf(existing) !== canonical(wanted)) {
          throw new Error(
            `table ${logicalId} kept from an earlier run has other keys or indexes than the template now declares; ` +
              'start with `npm start -- --fresh` to begin with empty data',
          );
        }
        continue;
      }
      await twin.services.dynamodb.send(
        new CreateTableCommand({
          TableName: tableName,
          AttributeDefinitions: property(resource, 'AttributeDefinitions'),
          KeySchema: wanted.keys,
          BillingMode: 'PAY_PER_REQUEST',
          ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
        }),
      );
    }
  },
});

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function shapeOf(table: TableDescription): string {
  return canonical({ keys: table.KeySchema ?? [], indexes: table.GlobalSecondaryIndexes ?? [] });
}

function canonical(shape: TableShape): string {
  const keys = (schema: KeySchemaElement[] = []) => schema.map((k) => `${k.AttributeName}:${k.KeyType}`).join(',');
  const indexes = shape.indexes.map((i) => `${i.IndexName}(${keys(i.KeySchema)})`).sort();
  return `${keys(shape.keys)}|${indexes.join(';')}`;
}
