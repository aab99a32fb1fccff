/**
 * Control number counters on the ClaimFlow table: one item per sender (CONTROL#<sender>), one attribute per kind,
 * advanced by an atomic UpdateItem ADD. The condition refuses a block that would pass 999999999, so the counter
 * never wraps and never hands out a number twice, however many functions reserve at once.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ControlNumberCounters,
  ControlNumbersExhaustedError,
  checkBlockSize,
} from '#core/storage/control-number-counters';
import { type ControlNumberKind, MAX_CONTROL_NUMBER } from '#core/x12/837p/control-numbers';
import { controlNumberKey } from './keys/control-number-keys.ts';

export class DynamoDbControlNumberCounters implements ControlNumberCounters {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(senderId: string, kind: ControlNumberKind, count = 1): Promise<number> {
    checkBlockSize(count);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: controlNumberKey(senderId),
          UpdateExpression: 'ADD #kind :count',
          ConditionExpression: 'attribute_not_exists(#kind) OR #kind <= :limit',
          ExpressionAttributeNames: { '#kind': kind },
          ExpressionAttributeValues: { ':count': count, ':limit': MAX_CONTROL_NUMBER - count },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const last = Number(Attributes?.[kind]);
      if (!Number.isSafeInteger(last)) throw new Error(`control number counter ${senderId}/${kind} returned no value`);
      return last - count + 1;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException)
        throw new ControlNumbersExhaustedError(senderId, kind, count);
      throw error;
    }
  }
}
