/** The DynamoDB MailboxCopies, on dynalite with the table's keys and indexes, passes the in-memory store's suite. */
import { afterAll, beforeAll } from 'vitest';
import type { MailboxCopies } from '#core/storage/mailbox-copies';
import { DynamoDbMailboxCopies } from '#functions/common/storage/dynamodb-mailbox-copies';
import { startClaimFlowTable } from '#test/support/dynalite';
import { mailboxCopiesConformance } from '../unit/storage/conformance/mailbox-copies.ts';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let copies: MailboxCopies;

beforeAll(async () => {
  table = await startClaimFlowTable();
  copies = new DynamoDbMailboxCopies(table.client, table.tableName);
});

afterAll(async () => {
  await table?.stop();
});

mailboxCopiesConformance('DynamoDB (dynalite)', () => copies);
