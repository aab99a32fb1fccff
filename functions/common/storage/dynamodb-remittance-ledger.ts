/**
 * The remittance ledger on the ClaimFlow table (keys: keys/remittance-keys.ts). Posting a claim payment is one
 * conditional put on the check's partition (the commit point: a payment key posts once), then its copy on the
 * claim's partition, rewritten on every attempt so a crash between the two is completed by the retry.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '#core/storage/page';
import type {
  ClaimPaymentRecord,
  PostOutcome,
  RemittanceLedger,
  RemittancePaymentRecord,
} from '#core/storage/remittance-ledger';
import { isConditionFailure, queryPrefixPage, withoutKeys } from './dynamo-paging.ts';
import { claimPartition } from './keys/claim-keys.ts';
import {
  CHECK_CLAIM_PAYMENT_PREFIX,
  CLAIM_POSTING_PREFIX,
  checkClaimPaymentKey,
  checkPartition,
  claimPostingKey,
  remittanceKey,
} from './keys/remittance-keys.ts';

export class DynamoDbRemittanceLedger implements RemittanceLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordPayment(record: RemittancePaymentRecord) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...remittanceKey(record.payerKey, record.traceNumber), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { created: true, record };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.getPayment(record.payerKey, record.traceNumber);
      if (!held) throw new Error(`payment ${record.payerKey}/${record.traceNumber} exists but cannot be read`);
      return { created: false, record: held };
    }
  }

  async getPayment(payerKey: string, traceNumber: string) {
    return this.#get<RemittancePaymentRecord>(remittanceKey(payerKey, traceNumber));
  }

  async postClaimPayment(record: ClaimPaymentRecord): Promise<PostOutcome> {
    let outcome: PostOutcome = { posted: true };
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...checkClaimPaymentKey(record.payerKey, record.traceNumber, record.paymentKey), ...record },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const held = await this.getClaimPayment(record.payerKey, record.traceNumber, record.paymentKey);
      if (!held) throw new Error(`claim payment ${record.paymentKey} exists but cannot be read`);
      outcome = { posted: false, held };
    }
    // The by-claim copy of what is held (this record, or the first one posted under its key).
    const held = outcome.posted ? record : outcome.held;
    if (held.claimId !== undefined) {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...claimPostingKey(held.claimId, held.paymentKey), ...held },
        }),
      );
    }
    return outcome;
  }

  async getClaimPayment(payerKey: string, traceNumber: string, paymentKey: string) {
    return this.#get<ClaimPaymentRecord>(checkClaimPaymentKey(payerKey, traceNumber, paymentKey));
  }

  async claimPaymentsForClaim(claimId: string, page?: PageRequest): Promise<Page<ClaimPaymentRecord>> {
    return this.#query(claimPartition(claimId), CLAIM_POSTING_PREFIX, page);
  }

  async claimPaymentsForCheck(payerKey: string, traceNumber: string, page?: PageRequest) {
    return this.#query(checkPartition(payerKey, traceNumber), CHECK_CLAIM_PAYMENT_PREFIX, page);
  }

  async #query(pk: string, prefix: string, page: PageRequest | undefined): Promise<Page<ClaimPaymentRecord>> {
    return queryPrefixPage<ClaimPaymentRecord>(this.client, this.tableName, pk, prefix, page);
  }

  async #get<T>(key: { pk: string; sk: string }): Promise<T | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item ? withoutKeys<T>(Item) : undefined;
  }
}
