/** Response application records on the ClaimFlow table (keys: keys/response-keys.ts), changed by conditional writes. */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ResponseApplicationRecord,
  ResponseApplicationSummary,
  ResponseApplications,
  ResponseFileSource,
} from '#core/storage/response-applications';
import { isConditionFailure, withoutKeys } from './dynamo-paging.ts';
import { responseFileKey } from './keys/response-keys.ts';

export class DynamoDbResponseApplications implements ResponseApplications {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(fileId: string): Promise<ResponseApplicationRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: responseFileKey(fileId), ConsistentRead: true }),
    );
    return Item ? withoutKeys<ResponseApplicationRecord>(Item) : undefined;
  }

  async begin(fileId: string, source: ResponseFileSource, at: string): Promise<ResponseApplicationRecord> {
    const record: ResponseApplicationRecord = { fileId, status: 'APPLYING', source, startedAt: at, attempts: 1 };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...responseFileKey(fileId), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: responseFileKey(fileId),
          UpdateExpression: 'ADD attempts :one',
          ConditionExpression: '#status = :applying',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':applying': 'APPLYING' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<ResponseApplicationRecord>(Attributes ?? {});
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.get(fileId);
      if (!held) throw new Error(`response file ${fileId} exists but cannot be read`);
      return held;
    }
  }

  async finish(
    fileId: string,
    outcome: { status: 'APPLIED'; summary: ResponseApplicationSummary } | { status: 'UNREADABLE'; reason: string },
    at: string,
  ): Promise<void> {
    const field = outcome.status === 'APPLIED' ? 'summary' : 'reason';
    const value = outcome.status === 'APPLIED' ? outcome.summary : outcome.reason;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: responseFileKey(fileId),
          UpdateExpression: 'SET #status = :to, finishedAt = :at, #field = :value',
          ConditionExpression: '#status = :applying',
          ExpressionAttributeNames: { '#status': 'status', '#field': field },
          ExpressionAttributeValues: { ':to': outcome.status, ':at': at, ':value': value, ':applying': 'APPLYING' },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.get(fileId);
      if (held?.status === outcome.status) return;
      throw new Error(`response file ${fileId} is ${held?.status ?? 'absent'}, not APPLYING`);
    }
  }
}
