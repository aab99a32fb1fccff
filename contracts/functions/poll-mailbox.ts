/**
 * poll-mailbox: scheduled (every few minutes; contracts/clearinghouse-delivery.ts). Copies new files from the
 * clearinghouse's mailbox to `responses/raw/` and queues their pointers on the remittance queue, as the webhook does,
 * recording each copy in the domain table. Reaches the clearinghouse with the connection secret submit-claims uses.
 */
import { z } from 'zod';
import {
  clearinghouseEnvironment,
  domainTableEnvironment,
  functionEnvironment,
  intakeBucketEnvironment,
  remittanceQueueEnvironment,
} from '../environment.ts';

export const pollMailboxEnvironment = functionEnvironment({
  ...domainTableEnvironment,
  ...intakeBucketEnvironment,
  ...remittanceQueueEnvironment,
  ...clearinghouseEnvironment,
  /** Mailbox files one run looks at, retries included (practice configuration `clearinghouse.mailbox`). */
  POLL_MAILBOX_MAX_FILES: z.coerce.number().int().min(1).max(5000),
});

export type PollMailboxEnvironment = z.infer<typeof pollMailboxEnvironment>;
