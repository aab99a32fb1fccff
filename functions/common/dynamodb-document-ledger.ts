/**
 * Document ledger on the ClaimFlow table. One item per document (pk DOC#<id>, sk DOC), indexed by status for work
 * queues and the CLI (gsi1pk DOCSTATUS#<status>, gsi1sk <receivedAt>#<id>). Every change is one conditional write
 * that also appends to the entry's history, so concurrent deliveries cannot both win.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  DocumentEntry,
  DocumentLedgerStore,
  DocumentSettlement,
  DocumentStatus,
} from '#core/intake/document-ledger';
import { queryAll } from './dynamodb-query.ts';

const key = (documentId: string) => ({ pk: `DOC#${documentId}`, sk: 'DOC' });
// The index sort key never changes (arrival order); only the partition moves with the status.
const statusIndexKeys = (status: DocumentStatus, receivedAt: string, documentId: string) => ({
  gsi1pk: `DOCSTATUS#${status}`,
  gsi1sk: `${receivedAt}#${documentId}`,
});

type LedgerItem = DocumentEntry & { pk: string; sk: string; history: unknown[] };

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
    const item: LedgerItem = {
      ...key(entry.documentId),
      ...statusIndexKeys(entry.status, entry.receivedAt, entry.documentId),
      ...entry,
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
      ':gsi1pk': `DOCSTATUS#${update.status}`,
    };
    const sets = [
      '#status = :status',
      '#updatedAt = :at',
      'gsi1pk = :gsi1pk',
      '#history = list_append(#history, :event)',
    ];
    for (const field of [
      'sha256',
      'contentType',
      'format',
      'failure',
      'quarantineKey',
      'claimIds',
      'reviewReasons',
    ] as const) {
      if (update[field] === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = update[field];
      sets.push(`#${field} = :${field}`);
    }
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: key(documentId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: '#status = :received',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async get(documentId: string): Promise<DocumentEntry | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(documentId), ConsistentRead: true }),
    );
    return Item ? toEntry(Item) : undefined;
  }

  /** Entries in one status, oldest first, following pagination to the end. */
  async listByStatus(status: DocumentStatus): Promise<DocumentEntry[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byStatus',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `DOCSTATUS#${status}` },
    });
    return items.map(toEntry);
  }
}
