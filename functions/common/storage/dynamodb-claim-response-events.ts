/** Claims' response events on the ClaimFlow table (keys: keys/response-keys.ts); the first write under a key stands. */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ResponseEvent } from '#core/remittance/response-events';
import { type ClaimResponseEvents, canonicalJson, type RecordEventOutcome } from '#core/storage/claim-response-events';
import { readAllPages } from '#core/storage/page';
import { isConditionFailure, queryPrefixPage } from './dynamo-paging.ts';
import { claimPartition } from './keys/claim-keys.ts';
import { RESPONSE_EVENT_PREFIX, responseEventKey } from './keys/response-keys.ts';

export class DynamoDbClaimResponseEvents implements ClaimResponseEvents {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(event: ResponseEvent): Promise<RecordEventOutcome> {
    const key = responseEventKey(event.claimId, event.key);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { recorded: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return { recorded: false, same: canonicalJson(Item?.event) === canonicalJson(event) };
    }
  }

  async list(claimId: string): Promise<ResponseEvent[]> {
    const items = await readAllPages((page) =>
      queryPrefixPage<{ event: ResponseEvent }>(
        this.client,
        this.tableName,
        claimPartition(claimId),
        RESPONSE_EVENT_PREFIX,
        page,
      ),
    );
    return items.map((item) => item.event);
  }
}
