/**
 * The provider ledger on the ClaimFlow table (keys: keys/remittance-keys.ts): the entry on the check's partition is
 * the commit point (conditional put: a PLB item is recorded once), its copy on the provider's partition is derived
 * and rewritten on every attempt.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#core/storage/page';
import type { ProviderLedgerRecord, ProviderLedgerStore } from '#core/storage/provider-ledger-store';
import { isConditionFailure, queryPrefixPage, withoutKeys } from './dynamo-paging.ts';
import {
  CHECK_PROVIDER_ENTRY_PREFIX,
  checkPartition,
  checkProviderEntryKey,
  PROVIDER_ENTRY_PREFIX,
  providerEntryKey,
  providerPartition,
} from './keys/remittance-keys.ts';

export class DynamoDbProviderLedger implements ProviderLedgerStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: ProviderLedgerRecord): Promise<boolean> {
    let created = true;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...checkProviderEntryKey(entry.payerKey, entry.traceNumber, entry.entryKey), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      created = false;
    }
    if (created) {
      await this.#copy(entry);
    } else {
      const held = await this.#held(entry);
      if (held) await this.#copy(held);
    }
    return created;
  }

  async entriesForProvider(providerId: string, page?: PageRequest) {
    return this.#query(providerPartition(providerId), PROVIDER_ENTRY_PREFIX, page);
  }

  async entriesForCheck(payerKey: string, traceNumber: string, page?: PageRequest) {
    return this.#query(checkPartition(payerKey, traceNumber), CHECK_PROVIDER_ENTRY_PREFIX, page);
  }

  async #held(entry: ProviderLedgerRecord): Promise<ProviderLedgerRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: checkProviderEntryKey(entry.payerKey, entry.traceNumber, entry.entryKey),
        ConsistentRead: true,
      }),
    );
    return Item ? withoutKeys<ProviderLedgerRecord>(Item) : undefined;
  }

  async #copy(entry: ProviderLedgerRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...providerEntryKey(entry.providerId, String(entry.fiscalPeriodDate), entry.entryKey), ...entry },
      }),
    );
  }

  async #query(pk: string, prefix: string, page: PageRequest | undefined): Promise<Page<ProviderLedgerRecord>> {
    return queryPrefixPage<ProviderLedgerRecord>(this.client, this.tableName, pk, prefix, page);
  }
}
