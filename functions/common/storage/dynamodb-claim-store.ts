/**
 * Claims on the ClaimFlow table. The claim item is the commit point of every change: creation is conditional on
 * absence, each later version a conditional put on the version it was computed from (optimistic concurrency; a lost
 * race is a VersionConflictError, never a silent overwrite). The event item of each version is derived from the
 * claim's `lastEvent` and written after it with a deterministic key, so rewriting it is harmless: a crash between the
 * two writes is repaired by the next save (which rewrites the event of the version it replaces) and, until then,
 * by history() (which completes the list from the claim item). No transaction is needed (dynalite has none).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimEvent, ClaimStatus } from '#core/claims/claim';
import type { ClaimStore, ServiceDateQuery, StatusQuery, UnsentQuery, WorkQueueQuery } from '#core/storage/claim-store';
import { VersionConflictError } from '#core/storage/errors';
import type { Page, PageRequest } from '#core/storage/page';
import { visitKeyOf } from '#core/storage/visit-key';
import { queryPage } from './dynamo-paging.ts';
import {
  CLAIM_EVENT_PREFIX,
  claimEventKey,
  claimIndexKeys,
  claimKey,
  claimPartition,
  claimServiceDatePartition,
  claimStatusPartition,
  UNSENT_PARTITION,
  workQueuePartition,
} from './keys/claim-keys.ts';

const STORAGE_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'dupKey'] as const;

function toClaim(item: Record<string, unknown>): Claim {
  const claim = { ...item };
  for (const attribute of STORAGE_ATTRIBUTES) delete claim[attribute];
  return claim as unknown as Claim;
}

function toEvent(item: Record<string, unknown>): ClaimEvent {
  const { pk: _pk, sk: _sk, claimId: _c, ...event } = item;
  return event as unknown as ClaimEvent;
}

/** A key condition on one partition of an index (`gsiNpk`), optionally bounded on its sort key (both inclusive). */
function sortKeyRange(
  sortKey: 'gsi1sk' | 'gsi2sk' | 'gsi3sk',
  partition: string,
  range: { from?: string; through?: string },
): Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues'> {
  const partitionKey = sortKey.replace(/sk$/, 'pk');
  const values: Record<string, string> = { ':pk': partition };
  let condition = `${partitionKey} = :pk`;
  if (range.from !== undefined && range.through !== undefined) {
    condition += ` AND ${sortKey} BETWEEN :from AND :through`;
    values[':from'] = range.from;
    values[':through'] = range.through;
  } else if (range.from !== undefined) {
    condition += ` AND ${sortKey} >= :from`;
    values[':from'] = range.from;
  } else if (range.through !== undefined) {
    condition += ` AND ${sortKey} <= :through`;
    values[':through'] = range.through;
  }
  return { KeyConditionExpression: condition, ExpressionAttributeValues: values };
}

export class DynamoDbClaimStore implements ClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(claim: Claim): Promise<{ created: boolean; claim: Claim }> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.#item(claim),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      await this.#putEvent(claim.id, claim.lastEvent);
      return { created: true, claim };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const stored = await this.get(claim.id);
      if (!stored) throw new Error(`claim ${claim.id} exists but cannot be read back`);
      return { created: false, claim: stored };
    }
  }

  async save(next: Claim): Promise<void> {
    const expected = next.version - 1;
    let previous: Record<string, unknown> | undefined;
    try {
      const result = await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.#item(next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': expected },
          ReturnValues: 'ALL_OLD',
        }),
      );
      previous = result.Attributes;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError('claim', next.id, expected);
      throw error;
    }
    // The replaced version's event first: it is lost only if a crash fell between its claim write and its event.
    const replaced = previous?.lastEvent as ClaimEvent | undefined;
    await Promise.all([
      ...(replaced ? [this.#putEvent(next.id, replaced)] : []),
      this.#putEvent(next.id, next.lastEvent),
    ]);
  }

  async get(claimId: string): Promise<Claim | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(claimId), ConsistentRead: true }),
    );
    return Item ? toClaim(Item) : undefined;
  }

  async history(claimId: string, page?: PageRequest): Promise<Page<ClaimEvent>> {
    const result = await this.#query(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': claimPartition(claimId), ':prefix': CLAIM_EVENT_PREFIX },
        ConsistentRead: true,
      },
      page,
    );
    const events = result.items.map(toEvent);
    if (result.cursor) return { items: events, cursor: result.cursor };
    // Last page: the claim item's own last event completes the list if its event item was never written.
    const claim = await this.get(claimId);
    const last = claim?.lastEvent;
    if (last && !events.some((e) => e.version === last.version) && (events.at(-1)?.version ?? 0) < last.version)
      events.push(last);
    return { items: events };
  }

  async markQueuedMessageSent(claimId: string, version: number, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: claimKey(claimId),
          // Sent: out of the outbox partition of byWorkQueue (a QUEUED claim is in no other work queue).
          UpdateExpression: 'SET queuedMessageSentAt = :at REMOVE gsi2pk, gsi2sk',
          ConditionExpression: 'version = :version AND #status = :queued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':at': at, ':version': version, ':queued': 'QUEUED' },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new VersionConflictError('claim', claimId, version);
      throw error;
    }
  }

  async workQueue(query: WorkQueueQuery, page?: PageRequest): Promise<Page<Claim>> {
    const partition = workQueuePartition(query.practiceId, query.owner);
    const result = await this.#query(
      {
        IndexName: 'byWorkQueue',
        ...(query.status
          ? {
              KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :status)',
              ExpressionAttributeValues: { ':pk': partition, ':status': `${query.status}#` },
            }
          : { KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': partition } }),
      },
      page,
    );
    return { ...result, items: result.items.map(toClaim) };
  }

  async listByStatus(query: StatusQuery, page?: PageRequest): Promise<Page<Claim>> {
    const partition = claimStatusPartition(query.status);
    const result = await this.#query(
      {
        IndexName: 'byStatus',
        ...sortKeyRange('gsi1sk', partition, {
          // A sort key is `<changedAt>#<claimId>`: every key of an instant sorts after the instant itself, so
          // "at or before the instant" is "before it", and the lower bound is inclusive.
          ...(query.changedFrom ? { from: query.changedFrom } : {}),
          ...(query.changedBefore ? { through: query.changedBefore } : {}),
        }),
      },
      page,
    );
    return { ...result, items: result.items.map(toClaim) };
  }

  async listByServiceDate(query: ServiceDateQuery, page?: PageRequest): Promise<Page<Claim>> {
    const result = await this.#query(
      {
        IndexName: 'byServiceDate',
        // `<date>#<claimId>`: everything of the last date sorts below `<date>#~` (ids are letters, digits, - and _).
        ...sortKeyRange('gsi3sk', claimServiceDatePartition(query.status), {
          ...(query.servedFrom ? { from: query.servedFrom } : {}),
          through: `${query.servedThrough}#~`,
        }),
      },
      page,
    );
    return { ...result, items: result.items.map(toClaim) };
  }

  async listUnsent(query: UnsentQuery, page?: PageRequest): Promise<Page<Claim>> {
    const result = await this.#query(
      {
        IndexName: 'byWorkQueue',
        ...sortKeyRange('gsi2sk', UNSENT_PARTITION, query.queuedBefore ? { through: query.queuedBefore } : {}),
      },
      page,
    );
    return { ...result, items: result.items.map(toClaim) };
  }

  async findByVisit(visitKey: string): Promise<{ id: string; status: ClaimStatus }[]> {
    const found: { id: string; status: ClaimStatus }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#query(
        {
          IndexName: 'byDuplicateKey',
          KeyConditionExpression: 'dupKey = :key',
          ExpressionAttributeValues: { ':key': visitKey },
        },
        { limit: 500, ...(cursor ? { cursor } : {}) },
      );
      found.push(...page.items.map((item) => ({ id: String(item.id), status: item.status as ClaimStatus })));
      cursor = page.cursor;
    } while (cursor);
    return found;
  }

  #item(claim: Claim): Record<string, unknown> {
    const visitKey = visitKeyOf(claim);
    return { ...claim, ...claimKey(claim.id), ...claimIndexKeys(claim), ...(visitKey ? { dupKey: visitKey } : {}) };
  }

  async #putEvent(claimId: string, event: ClaimEvent): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...event, ...claimEventKey(claimId, event.version), claimId },
      }),
    );
  }

  #query(
    input: Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>,
    page: PageRequest | undefined,
  ): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
    return queryPage(this.client, this.tableName, input, page);
  }
}
