/** The in-memory MailboxCopies passes the suite the DynamoDB store passes (test/local/dynamodb-mailbox-copies.test.ts). */
import { InMemoryMailboxCopies } from '#core/storage/memory/mailbox-copies';
import { mailboxCopiesConformance } from './conformance/mailbox-copies.ts';

const copies = new InMemoryMailboxCopies();

mailboxCopiesConformance('in memory', () => copies);
