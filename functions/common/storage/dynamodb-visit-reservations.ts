/**
 * Visit reservations on the ClaimFlow table: a conditional put that only the first claim for a visit wins. A release
 * marks the item instead of deleting it (the functions hold no DeleteItem permission), and a released visit can be
 * reserved again.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { VisitReservation, VisitReservations } from '#core/storage/visit-reservations';
import { visitReservationKey } from './keys/visit-keys.ts';

export class DynamoDbVisitReservations implements VisitReservations {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserve(visitKey: string, claimId: string, at: string): Promise<VisitReservation> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...visitReservationKey(visitKey), visitKey, claimId, reservedAt: at },
          ConditionExpression: 'attribute_not_exists(pk) OR attribute_exists(releasedAt) OR claimId = :claim',
          ExpressionAttributeValues: { ':claim': claimId },
        }),
      );
      return { visitKey, claimId, reservedAt: at };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.get(visitKey);
      if (!held) throw new Error(`visit reservation ${visitKey} exists but cannot be read back`);
      return held;
    }
  }

  async release(visitKey: string, claimId: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: visitReservationKey(visitKey),
          UpdateExpression: 'SET releasedAt = :now',
          ConditionExpression: 'claimId = :claim AND attribute_not_exists(releasedAt)',
          ExpressionAttributeValues: { ':claim': claimId, ':now': at },
        }),
      );
      return true;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return false;
    }
  }

  async transfer(
    visitKey: string,
    fromClaimId: string,
    toClaimId: string,
    at: string,
  ): Promise<VisitReservation | undefined> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...visitReservationKey(visitKey), visitKey, claimId: toClaimId, reservedAt: at },
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt) AND claimId = :from',
          ExpressionAttributeValues: { ':from': fromClaimId },
        }),
      );
      return { visitKey, claimId: toClaimId, reservedAt: at };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.get(visitKey);
    }
  }

  async get(visitKey: string): Promise<VisitReservation | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: visitReservationKey(visitKey), ConsistentRead: true }),
    );
    if (!Item || Item.releasedAt !== undefined) return undefined;
    return { visitKey: String(Item.visitKey), claimId: String(Item.claimId), reservedAt: String(Item.reservedAt) };
  }
}
