/**
 * Claims on the ClaimFlow table: one item per claim (pk CLAIM#<id>, sk CLAIM), indexed by status for work queues
 * (gsi1pk CLAIMSTATUS#<status>). Creation is conditional on absence; every later change is one conditional UpdateItem
 * on the version the change was computed from (optimistic concurrency), replacing the state and appending to the
 * history in the same write. A lost race is an error to retry, never a silent overwrite.
 */

import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimStatus } from '#core/claims/claim';
import { duplicateKey } from '#core/scrubbing/prior-claims';
import { queryAll } from './dynamodb-query.ts';

/** The duplicate-key index holds a digest, never the member id and birth date it is made of. */
export function duplicateKeyDigest(claim: Claim): string | undefined {
  const key = duplicateKey(claim);
  return key === undefined ? undefined : createHash('sha256').update(key).digest('hex');
}

const key = (claimId: string) => ({ pk: `CLAIM#${claimId}`, sk: 'CLAIM' });

export class ClaimVersionConflictError extends Error {
  constructor(claimId: string, expectedVersion: number) {
    super(`claim ${claimId} changed since version ${expectedVersion}; reload it and try again`);
    this.name = 'ClaimVersionConflictError';
  }
}

function toClaim(item: Record<string, unknown>): Claim {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, documentId: _d, dupKey: _k, ...claim } = item;
  return claim as unknown as Claim;
}

export class DynamoDbClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Creates the claim; when it exists already (a retried document) returns the stored one instead. */
  async create(claim: Claim, documentId: string): Promise<{ created: boolean; claim: Claim }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...key(claim.id),
            gsi1pk: `CLAIMSTATUS#${claim.status}`,
            gsi1sk: `${claim.history[0]?.at ?? ''}#${claim.id}`,
            documentId,
            ...(duplicateKeyDigest(claim) ? { dupKey: duplicateKeyDigest(claim) } : {}),
            ...claim,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, claim };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.get(claim.id);
      if (!stored) throw new Error(`claim ${claim.id} exists but cannot be read back`);
      return { created: false, claim: stored };
    }
  }

  /** Stores `next`, computed from the stored claim at `next.version - 1`. */
  async save(next: Claim): Promise<void> {
    const appended = next.history.at(-1);
    const { id, history: _history, ...state } = next;
    const names: Record<string, string> = { '#version': 'version', '#history': 'history' };
    const values: Record<string, unknown> = {
      ':expected': next.version - 1,
      ':event': appended ? [appended] : [],
      ':gsi1pk': `CLAIMSTATUS#${next.status}`,
    };
    const sets = ['gsi1pk = :gsi1pk', '#history = list_append(#history, :event)'];
    const removes: string[] = [];
    const digest = duplicateKeyDigest(next);
    names['#dupKey'] = 'dupKey';
    if (digest) {
      values[':dupKey'] = digest;
      sets.push('#dupKey = :dupKey');
    } else removes.push('#dupKey');
    for (const [field, value] of Object.entries(state)) {
      names[`#${field}`] = field;
      if (value === undefined) continue;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    if (next.reasonCategory === undefined) removes.push('#reasonCategory');
    names['#reasonCategory'] = 'reasonCategory';
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key(id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ClaimVersionConflictError(id, next.version - 1);
      throw error;
    }
  }

  async get(claimId: string): Promise<Claim | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key(claimId), ConsistentRead: true }),
    );
    return Item ? toClaim(Item) : undefined;
  }

  /** Ids and statuses of the claims sharing a duplicate-key digest (eventually consistent, as every GSI). */
  async findByDuplicateKey(digest: string): Promise<{ id: string; status: ClaimStatus }[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byDuplicateKey',
      KeyConditionExpression: 'dupKey = :key',
      ExpressionAttributeValues: { ':key': digest },
    });
    return items.map((item) => ({ id: String(item.id), status: item.status as ClaimStatus }));
  }

  async listByStatus(status: ClaimStatus): Promise<Claim[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: 'byStatus',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `CLAIMSTATUS#${status}` },
    });
    return items.map(toClaim);
  }
}
