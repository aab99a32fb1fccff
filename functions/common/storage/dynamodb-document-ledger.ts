/**
 * The document ledger on the ClaimFlow table: one item per document, indexed by status in arrival order. Every
 * change is one conditional write that also appends to the entry's short history (received, settled, and the
 * reconciler's notes: a bounded list), so concurrent deliveries cannot both win.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DocumentEntry, DocumentSettlement } from '#core/intake/document-ledger';
import type { DocumentLedgerStore, DocumentNote, DocumentStatusQuery } from '#core/storage/document-ledger-store';
import { DocumentAlreadySettledError, ItemNotFoundError } from '#core/storage/errors';
import type { Page, PageRequest } from '#core/storage/page';
import { queryPage } from './dynamo-paging.ts';
import { documentKey, documentStatusKeys, documentStatusPartition } from './keys/document-keys.ts';

const SETTLEMENT_FIELDS = [
  'sha256',
  'contentType',
  'format',
  'failure',
  'quarantineKey',
  'claimIds',
  'reviewReasons',
] as const;

function toEntry(item: Record<string, unknown>): DocumentEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, history: _h, ...entry } = item;
  return entry as unknown as DocumentEntry;
}

export class DynamoDbDocumentLedger implements DocumentLedgerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordReceived(entry: DocumentEntry): Promise<{ created: boolean; entry: DocumentEntry }> {
    const item = {
      ...entry,
      ...documentKey(entry.documentId),
      ...documentStatusKeys(entry.status, entry.receivedAt, entry.documentId),
      history: [{ at: entry.recordedAt, status: entry.status }],
    };
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return { created: true, entry };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.get(entry.documentId);
      if (!existing) throw new Error(`ledger entry ${entry.documentId} exists but cannot be read back`);
      return { created: false, entry: existing };
    }
  }

  /** One conditional write: it fails unless the entry exists and is still RECEIVED. */
  async settle(documentId: string, update: DocumentSettlement, at: string): Promise<void> {
    const names: Record<string, string> = { '#status': 'status', '#history': 'history', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':status': update.status,
      ':received': 'RECEIVED',
      ':at': at,
      ':event': [{ at, status: update.status, ...(update.failure ? { reason: update.failure.reason } : {}) }],
      ':gsi1pk': documentStatusPartition(update.status),
    };
    const sets = [
      '#status = :status',
      '#updatedAt = :at',
      'gsi1pk = :gsi1pk',
      '#history = list_append(#history, :event)',
    ];
    for (const field of SETTLEMENT_FIELDS) {
      if (update[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = update[field];
      sets.push(`#${field} = :${field}`);
    }
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: documentKey(documentId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#status = :received',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      if (!(await this.get(documentId))) throw new ItemNotFoundError('document', documentId);
      throw new DocumentAlreadySettledError(documentId);
    }
  }

  async get(documentId: string): Promise<DocumentEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: documentKey(documentId), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  async listByStatus(query: DocumentStatusQuery, page?: PageRequest): Promise<Page<DocumentEntry>> {
    const partition = documentStatusPartition(query.status);
    const result = await queryPage(
      this.client,
      this.tableName,
      {
        IndexName: 'byStatus',
        ...(query.receivedBefore
          ? {
              KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk < :before',
              ExpressionAttributeValues: { ':pk': partition, ':before': query.receivedBefore },
            }
          : { KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': partition } }),
      },
      page,
    );
    return { ...result, items: result.items.map(toEntry) };
  }

  async note(documentId: string, note: DocumentNote): Promise<void> {
    const { expression, values, names, condition = 'attribute_exists(pk)' } = noteUpdate(note);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: documentKey(documentId),
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // A piece finished on an entry without a manifest, or a manifest planned twice: the first one stands.
      if (note.kind === 'split_planned' || note.kind === 'chunk_done') {
        if (await this.get(documentId)) return;
      }
      throw new ItemNotFoundError('document', documentId);
    }
  }
}

function noteUpdate(note: DocumentNote): {
  expression: string;
  values: Record<string, unknown>;
  names?: Record<string, string>;
  condition?: string;
} {
  switch (note.kind) {
    case 'dead_lettered':
      return {
        expression: 'SET deadLetter = :deadLetter, updatedAt = :at',
        values: {
          ':deadLetter': { at: note.at, messageId: note.messageId, receiveCount: note.receiveCount },
          ':at': note.at,
        },
      };
    case 'reconcile_attempt':
      return {
        expression: 'SET reconcileAttempts = if_not_exists(reconcileAttempts, :zero) + :one, updatedAt = :at',
        values: { ':zero': 0, ':one': 1, ':at': note.at },
      };
    case 'split_planned':
      return {
        expression: 'SET #split = :split, updatedAt = :at',
        values: { ':split': note.split, ':at': note.at },
        names: { '#split': 'split' },
        condition: 'attribute_exists(pk) AND attribute_not_exists(#split)',
      };
    case 'chunk_done':
      return {
        // Progress: the reconciler's attempts count stalls since the last piece finished.
        expression: 'SET #split.progressAt = :at, updatedAt = :at REMOVE reconcileAttempts',
        values: { ':at': note.at },
        names: { '#split': 'split' },
        condition: 'attribute_exists(pk) AND attribute_exists(#split)',
      };
  }
}
