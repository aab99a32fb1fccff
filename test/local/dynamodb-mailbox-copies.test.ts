/** The DynamoDB MailboxCopies, on dynalite with the table's keys and indexes, passes the in-memory store's suite. */
import { DynamoDbMailboxCopies } from '#functions/common/storage/dynamodb-mailbox-copies';
import { claimFlowTableForSuite } from '#test/support/dynalite-suite';
import { mailboxCopiesConformance } from '../unit/storage/conformance/mailbox-copies.ts';

const table = claimFlowTableForSuite();

mailboxCopiesConformance('DynamoDB (dynalite)', () => new DynamoDbMailboxCopies(table().client, table().tableName));
