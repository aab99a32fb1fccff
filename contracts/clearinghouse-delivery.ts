/**
 * How a clearinghouse's responses (999, 277CA, 835) come back, which the stack, the functions and the practice
 * configuration agree on: each connector says whether its clearinghouse pushes them (signed webhooks) and whether it
 * keeps them in a mailbox that can be polled; the practice configuration may turn polling off or tune it. The stack
 * deploys the mailbox poller (lib/features/mailbox-polling.ts) exactly when `mailboxPolling` says so.
 *
 * The sandbox does both, so by default the same file may arrive twice, by webhook and by mailbox: the response side
 * applies a file once by the SHA-256 of its X12, and posts a payment once by its payment key (docs/posting.md).
 */
import { z } from 'zod';

export const CONNECTOR_DELIVERY = {
  /** local/sandbox: signed webhooks, and a mailbox (`GET /v1/responses`) with a forward-only cursor. */
  sandbox: { pushes: true, mailbox: true },
  /** A clearinghouse reached over HTTP with no connector yet: the webhook only, until its connector has a mailbox. */
  http: { pushes: true, mailbox: false },
} as const satisfies Record<string, { pushes: boolean; mailbox: boolean }>;
export type ConnectorKind = keyof typeof CONNECTOR_DELIVERY;

/** `clearinghouse.mailbox` in the practice configuration; every field optional. */
export const mailboxPollingConfig = z.strictObject({
  /** Poll the connector's mailbox (default: whenever the connector has one). */
  poll: z.boolean().optional(),
  /** Minutes between runs (default 5). */
  everyMinutes: z.number().int().min(1).max(1440).optional(),
  /** Mailbox files one run looks at, retries included (default 200); the rest waits for the next run. */
  maxFilesPerRun: z.number().int().min(1).max(5000).optional(),
});
export type MailboxPollingConfig = z.infer<typeof mailboxPollingConfig>;

export interface MailboxPolling {
  everyMinutes: number;
  maxFilesPerRun: number;
}

export const DEFAULT_MAILBOX_POLLING: MailboxPolling = { everyMinutes: 5, maxFilesPerRun: 200 };

/**
 * Whether and how the configured clearinghouse's mailbox is polled: undefined when it is not. Asking to poll a
 * connector that has no mailbox is a configuration error, said at synth rather than found missing later.
 */
export function mailboxPolling(clearinghouse: { kind: string; mailbox?: unknown }): MailboxPolling | undefined {
  const delivery = CONNECTOR_DELIVERY[clearinghouse.kind as ConnectorKind];
  if (delivery === undefined) throw new Error(`clearinghouse kind "${clearinghouse.kind}" has no connector`);
  const parsed = mailboxPollingConfig.safeParse(clearinghouse.mailbox ?? {});
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`clearinghouse.mailbox: ${where}`);
  }
  const config = parsed.data;
  if (config.poll === true && !delivery.mailbox)
    throw new Error(`clearinghouse.mailbox.poll: the "${clearinghouse.kind}" connector has no mailbox to poll`);
  if (!(config.poll ?? delivery.mailbox)) return undefined;
  return {
    everyMinutes: config.everyMinutes ?? DEFAULT_MAILBOX_POLLING.everyMinutes,
    maxFilesPerRun: config.maxFilesPerRun ?? DEFAULT_MAILBOX_POLLING.maxFilesPerRun,
  };
}
