/**
 * The submission outbox on the ClaimFlow table: a claim record (CLAIM#<id> / SUBMISSION#<version>) per claim version,
 * an interchange record (INTERCHANGE#<sender>:<ISA13>) per interchange, and a dead-letter note (CLAIM#<id> /
 * DEADLETTER#SUBMISSION#<version>) when a claim version's message is given up on. Every write but that note (the
 * latest stands) is conditional, so a lost race is an answer (who holds the claim, what the interchange is), never a
 * silent overwrite. Ids and numbers only: no PHI.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ClaimRecordOutcome,
  ClaimSubmissionRecord,
  InterchangeReceipt,
  InterchangeRecord,
  SubmissionDeadLetter,
  SubmissionRecords,
} from '#core/storage/submission-records';
import { groupPointerKey, interchangeKey } from './keys/interchange-keys.ts';
import { submissionDeadLetterKey, submissionKey } from './keys/submission-keys.ts';

export class DynamoDbSubmissionRecords implements SubmissionRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(record: ClaimSubmissionRecord, replacing?: string): Promise<ClaimRecordOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...submissionKey(record.claimId, record.version), ...record },
          ConditionExpression:
            replacing === undefined ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR interchangeId = :old',
          ...(replacing === undefined ? {} : { ExpressionAttributeValues: { ':old': replacing } }),
        }),
      );
      return { won: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.getClaim(record.claimId, record.version);
      if (!held) throw new Error(`submission record ${record.claimId}#${record.version} exists but cannot be read`);
      return { won: false, record: held };
    }
  }

  async getClaim(claimId: string, version: number): Promise<ClaimSubmissionRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: submissionKey(claimId, version), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return {
      claimId: String(Item.claimId),
      version: Number(Item.version),
      interchangeId: String(Item.interchangeId),
      claimedAt: String(Item.claimedAt),
    };
  }

  async createInterchange(record: InterchangeRecord): Promise<{ created: boolean; record: InterchangeRecord }> {
    if (record.sealed) {
      // Group numbers are reserved once per sender, so the pointer is written unconditionally: a retry rewrites it.
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...groupPointerKey(record.sealed.senderId, record.sealed.groupControlNumber),
            interchangeId: record.id,
          },
        }),
      );
    }
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...interchangeKey(record.id), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, record };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.getInterchange(record.id);
      if (!held) throw new Error(`interchange record ${record.id} exists but cannot be read`);
      return { created: false, record: held };
    }
  }

  async getInterchange(id: string): Promise<InterchangeRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: interchangeKey(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...record } = Item;
    return record as InterchangeRecord;
  }

  async findInterchangeByGroup(senderId: string, groupControlNumber: number): Promise<InterchangeRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: groupPointerKey(senderId, groupControlNumber),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const record = await this.getInterchange(String(Item.interchangeId));
    return record?.sealed?.senderId === senderId && record.sealed.groupControlNumber === groupControlNumber
      ? record
      : undefined;
  }

  async recordReceipt(id: string, receipt: InterchangeReceipt): Promise<void> {
    await this.#settle(id, 'SENT', 'receipt', receipt);
  }

  async recordRefusal(id: string, refusal: NonNullable<InterchangeRecord['refusal']>): Promise<void> {
    await this.#settle(id, 'REFUSED', 'refusal', refusal);
  }

  async recordDeadLetter(entry: SubmissionDeadLetter): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...submissionDeadLetterKey(entry.claimId, entry.version), ...entry },
      }),
    );
  }

  async getDeadLetter(claimId: string, version: number): Promise<SubmissionDeadLetter | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: submissionDeadLetterKey(claimId, version),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { pk: _pk, sk: _sk, ...entry } = Item;
    return entry as SubmissionDeadLetter;
  }

  async #settle(id: string, to: 'SENT' | 'REFUSED', field: 'receipt' | 'refusal', value: unknown): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: interchangeKey(id),
          UpdateExpression: 'SET #status = :to, #field = :value',
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#field': field },
          ExpressionAttributeValues: { ':to': to, ':value': value, ':pending': 'PENDING' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const held = await this.getInterchange(id);
      if (held?.status === to) return;
      throw new Error(`interchange ${id} is ${held?.status ?? 'absent'}, not PENDING; it cannot become ${to}`);
    }
  }
}
