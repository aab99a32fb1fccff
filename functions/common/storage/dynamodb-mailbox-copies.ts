/**
 * The mailbox poller's copy records and read position on the ClaimFlow table (keys: keys/mailbox-keys.ts), changed
 * by conditional writes only: COPIED is written once, PENDING never overwrites COPIED, the position moves only from
 * where the writer read it.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { MailboxCopies, MailboxCopyRecord, MailboxCopyStage, MailboxFileRef } from '#core/storage/mailbox-copies';
import type { PageRequest } from '#core/storage/page';
import { isConditionFailure, queryPage, withoutKeys } from './dynamo-paging.ts';
import {
  mailboxFileKey,
  mailboxPendingPartition,
  mailboxPendingSortKey,
  mailboxPositionKey,
} from './keys/mailbox-keys.ts';

export class DynamoDbMailboxCopies implements MailboxCopies {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(mailbox: string, fileId: string): Promise<MailboxCopyRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: mailboxFileKey(mailbox, fileId), ConsistentRead: true }),
    );
    return Item ? withoutKeys<MailboxCopyRecord>(Item) : undefined;
  }

  async markCopied(file: MailboxFileRef, copy: { sha256: string; key: string; copiedAt: string }): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailboxFileKey(file.mailbox, file.fileId),
          // Out of the PENDING partition of byStatus (if it was there): nothing is left to retry.
          UpdateExpression:
            'SET mailbox = :mailbox, fileId = :fileId, kind = :kind, availableAt = :availableAt, #status = :copied, ' +
            'sha256 = :sha256, #key = :key, copiedAt = :copiedAt, failures = if_not_exists(failures, :zero) ' +
            'REMOVE gsi1pk, gsi1sk',
          ConditionExpression: 'attribute_not_exists(pk) OR #status <> :copied',
          ExpressionAttributeNames: { '#status': 'status', '#key': 'key' },
          ExpressionAttributeValues: {
            ':mailbox': file.mailbox,
            ':fileId': file.fileId,
            ':kind': file.kind,
            ':availableAt': file.availableAt,
            ':copied': 'COPIED',
            ':sha256': copy.sha256,
            ':key': copy.key,
            ':copiedAt': copy.copiedAt,
            ':zero': 0,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markFailed(file: MailboxFileRef, failure: { stage: MailboxCopyStage; at: string }): Promise<number> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mailboxFileKey(file.mailbox, file.fileId),
          UpdateExpression:
            'SET mailbox = :mailbox, fileId = :fileId, kind = :kind, availableAt = :availableAt, #status = :pending, ' +
            'lastFailure = :failure, gsi1pk = :partition, gsi1sk = :sortKey ADD failures :one',
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':mailbox': file.mailbox,
            ':fileId': file.fileId,
            ':kind': file.kind,
            ':availableAt': file.availableAt,
            ':pending': 'PENDING',
            ':failure': failure,
            ':partition': mailboxPendingPartition(file.mailbox),
            ':sortKey': mailboxPendingSortKey(file.availableAt, file.fileId),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Number(Attributes?.failures ?? 1);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Copied meanwhile (another run): its failures stand as they were.
      return (await this.get(file.mailbox, file.fileId))?.failures ?? 0;
    }
  }

  async listPending(mailbox: string, page?: PageRequest) {
    const result = await queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': mailboxPendingPartition(mailbox) },
      },
      page,
    );
    return { ...result, items: result.items.map((item) => withoutKeys<MailboxCopyRecord>(item)) };
  }

  async readPosition(mailbox: string): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: mailboxPositionKey(mailbox), ConsistentRead: true }),
    );
    return typeof Item?.position === 'string' ? Item.position : undefined;
  }

  async advanceReadPosition(mailbox: string, from: string | undefined, to: string, at: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...mailboxPositionKey(mailbox), mailbox, position: to, movedAt: at },
          ...(from === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: '#position = :from',
                ExpressionAttributeNames: { '#position': 'position' },
                ExpressionAttributeValues: { ':from': from },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
