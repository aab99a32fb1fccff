/**
 * The mailbox poller's records on the ClaimFlow table: one per mailbox file (`MAILBOXFILE#<mailbox>#<file id>`), in
 * the byStatus index while PENDING (`MAILBOXPENDING#<mailbox>`, sorted by when the file became available) and out of
 * it once COPIED; and the mailbox's read position (`MAILBOX#<mailbox>` / `POSITION`). Mailbox names are connector
 * names and file ids the clearinghouse's tokens: never PHI.
 */
export const mailboxFileKey = (mailbox: string, fileId: string) => ({
  pk: `MAILBOXFILE#${mailbox}#${fileId}`,
  sk: 'MAILBOXFILE',
});

export const mailboxPendingPartition = (mailbox: string) => `MAILBOXPENDING#${mailbox}`;
export const mailboxPendingSortKey = (availableAt: string, fileId: string) => `${availableAt}#${fileId}`;

export const mailboxPositionKey = (mailbox: string) => ({ pk: `MAILBOX#${mailbox}`, sk: 'POSITION' });
