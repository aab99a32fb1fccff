/**
 * One run of the mailbox poller: copy what a clearinghouse that must be polled has put in its mailbox into the same
 * place the webhook puts pushed responses (archived under `responses/raw/`, a pointer on the remittance queue), so
 * the response side sees one kind of input whichever way a file came. Pure: the mailbox, the copy records, the
 * archive, the queue and the clock are ports.
 *
 * Per file, in this order (nothing is marked copied that is not kept):
 *   1. fetch it from the mailbox;
 *   2. keepRawResponse: archive the exact X12 and queue its pointer (the webhook's own path);
 *   3. mark it COPIED, a conditional write keyed by mailbox and file id (stable across retries and runs).
 * A crash between 2 and 3 copies the file again next run: the archive key is the same (its day is the date the
 * mailbox gives the file, its name the X12's hash) and process-remittance applies a file once by the SHA-256 of its
 * X12, so the second pointer changes nothing. The same holds for a file the webhook also delivered.
 *
 * Bounded and never stuck: a run first retries files earlier runs could not copy (PENDING), then reads on from the
 * stored read position, page by page, until the mailbox has nothing newer or the run has looked at `maxFiles`. A file
 * that fails is recorded PENDING with the stage that failed and the run goes on with the next one, so one bad file
 * never holds back the others; the read position moves past a page once each of its files is COPIED or PENDING.
 *
 * Acknowledging: a mailbox that marks files read or deletes them (`acknowledgeResponse`) is told only after step 3,
 * and again whenever a run meets a file already COPIED (the acknowledgement of an earlier run may have been lost). A
 * failed acknowledgement loses nothing (the file is kept) and is reported. The sandbox's mailbox has none: files stay
 * at the clearinghouse, and the read position is what moves.
 *
 * The report carries counts, file ids and stages only: never the content.
 */
import type { ResponseFileSummary, ResponseMailbox } from '#core/clearinghouse/clearinghouse';
import type { Clock } from '#core/kernel/clock';
import type { MailboxCopies, MailboxCopyStage, MailboxFileRef } from '#core/storage/mailbox-copies';
import { keepRawResponse, type RawResponseArchive, type RemittanceQueue } from './keep-raw-response.ts';

export interface MailboxCopyPorts {
  /** The connector's name: records and the read position are kept per mailbox. */
  mailboxName: string;
  mailbox: ResponseMailbox;
  copies: MailboxCopies;
  archive: RawResponseArchive;
  queue: RemittanceQueue;
  clock: Clock;
  /** SHA-256 as lowercase hex (node:crypto in functions, injected so core stays runtime-neutral). */
  sha256(bytes: Uint8Array): string;
}

export interface MailboxCopyLimits {
  /** Files looked at in one run, retries included; the rest waits for the next run. */
  maxFiles: number;
  /** Files asked of the mailbox per listing. */
  pageSize: number;
  /** A file larger than this is not kept (recorded PENDING as `too_large`, alarmed like any failure). */
  maxFileBytes: number;
}

export const DEFAULT_MAILBOX_COPY_LIMITS: MailboxCopyLimits = {
  maxFiles: 200,
  pageSize: 50,
  // process-remittance reads response files up to 64 MiB; a larger one could never be applied.
  maxFileBytes: 64 * 1024 * 1024,
};

export interface MailboxCopyReport {
  /** Files looked at: PENDING ones retried and listed ones. */
  polled: number;
  /** Files archived and queued by this run. */
  copied: number;
  /** Files found already copied (by an earlier or concurrent run). */
  duplicates: number;
  /** Files this run could not copy; each is PENDING for the next run. */
  failed: number;
  failures: { fileId: string; stage: MailboxCopyStage | 'record'; failures: number }[];
  /** Kept files the mailbox could not be told about (acknowledgeResponse failed); acknowledged when listed again. */
  unacknowledged: number;
  /** The mailbox could not be listed (the clearinghouse down or refusing): nothing new was read this run. */
  listingFailed: boolean;
  /** The run stopped at `maxFiles` (or lost the read position to a concurrent run) with more possibly waiting. */
  truncated: boolean;
}

export async function copyMailbox(
  ports: MailboxCopyPorts,
  limits: MailboxCopyLimits = DEFAULT_MAILBOX_COPY_LIMITS,
): Promise<MailboxCopyReport> {
  const report: MailboxCopyReport = {
    polled: 0,
    copied: 0,
    duplicates: 0,
    failed: 0,
    failures: [],
    unacknowledged: 0,
    listingFailed: false,
    truncated: false,
  };
  let budget = limits.maxFiles;

  // Files earlier runs could not copy come first: they are the oldest, and the read position is already past them.
  const pending = await ports.copies.listPending(ports.mailboxName, { limit: Math.max(1, budget) });
  for (const record of pending.items) {
    if (budget === 0) break;
    budget -= 1;
    await copyOne(record, undefined, ports, limits, report);
  }

  let position = await ports.copies.readPosition(ports.mailboxName);
  while (budget > 0) {
    const limit = Math.min(limits.pageSize, budget);
    let page: { files: ResponseFileSummary[]; cursor?: string };
    try {
      page = await ports.mailbox.listResponses({ ...(position === undefined ? {} : { cursor: position }), limit });
    } catch {
      report.listingFailed = true;
      break;
    }
    let handled = 0;
    for (const summary of page.files.slice(0, limit)) {
      const file: MailboxFileRef = {
        mailbox: ports.mailboxName,
        fileId: summary.id,
        kind: summary.kind,
        availableAt: summary.availableAt,
      };
      const held = await ports.copies.get(ports.mailboxName, summary.id);
      budget -= 1;
      if (held?.status === 'COPIED') {
        report.polled += 1;
        report.duplicates += 1;
        await acknowledge(file.fileId, ports, report);
      } else if (!(await copyOne(file, summary.sizeBytes, ports, limits, report))) {
        break;
      }
      handled += 1;
    }
    // The position moves past a page only when each of its files is COPIED or PENDING: a file whose failure could
    // not even be recorded is read again next run.
    if (handled < page.files.length) break;
    const next = page.cursor;
    if (page.files.length === 0 || next === undefined || next === position) break;
    const moved = await ports.copies.advanceReadPosition(
      ports.mailboxName,
      position,
      next,
      ports.clock.now().toISOString(),
    );
    if (!moved) {
      // Another run moved it: that run reads on from there; this one stops rather than read the same files.
      report.truncated = true;
      break;
    }
    position = next;
    if (page.files.length < limit) break;
  }
  if (budget === 0) report.truncated = true;
  return report;
}

/**
 * Copies one file; true when it ended COPIED or PENDING (the run may move past it), false when not even its failure
 * could be recorded.
 */
async function copyOne(
  file: MailboxFileRef,
  listedBytes: number | undefined,
  ports: MailboxCopyPorts,
  limits: MailboxCopyLimits,
  report: MailboxCopyReport,
): Promise<boolean> {
  report.polled += 1;
  const failed = async (stage: MailboxCopyStage): Promise<boolean> => {
    report.failed += 1;
    try {
      const failures = await ports.copies.markFailed(file, { stage, at: ports.clock.now().toISOString() });
      report.failures.push({ fileId: file.fileId, stage, failures });
      return true;
    } catch {
      report.failures.push({ fileId: file.fileId, stage: 'record', failures: 0 });
      return false;
    }
  };

  if (listedBytes !== undefined && listedBytes > limits.maxFileBytes) return failed('too_large');
  let x12: string;
  try {
    ({ x12 } = await ports.mailbox.fetchResponse(file.fileId));
  } catch {
    return failed('fetch');
  }
  const body = new TextEncoder().encode(x12);
  if (body.byteLength > limits.maxFileBytes) return failed('too_large');
  const sha256 = ports.sha256(body);
  const kept = await keepRawResponse(
    {
      body,
      contentType: 'application/edi-x12',
      sha256,
      // The date the mailbox gives the file, not the time of this run: every retry writes the same archive key.
      receivedAt: isoInstant(file.availableAt) ?? ports.clock.now().toISOString(),
      origin: { mailboxFileId: file.fileId },
    },
    ports,
  );
  if (!kept.kept) return failed(kept.stage);
  try {
    const first = await ports.copies.markCopied(file, {
      sha256,
      key: kept.key,
      copiedAt: ports.clock.now().toISOString(),
    });
    if (first) report.copied += 1;
    else report.duplicates += 1;
  } catch {
    // Kept and queued, but not marked: the next run copies it again, which the response side applies once.
    report.failed += 1;
    report.failures.push({ fileId: file.fileId, stage: 'record', failures: 0 });
    return false;
  }
  await acknowledge(file.fileId, ports, report);
  return true;
}

/** Tells a mailbox that acknowledges files that this one is kept; a failure is counted, never fatal. */
async function acknowledge(fileId: string, ports: MailboxCopyPorts, report: MailboxCopyReport): Promise<void> {
  if (!ports.mailbox.acknowledgeResponse) return;
  try {
    await ports.mailbox.acknowledgeResponse(fileId);
  } catch {
    report.unacknowledged += 1;
  }
}

/** The instant as ISO 8601 UTC with milliseconds (the pointer's format), or undefined when it is not a date. */
function isoInstant(value: string): string | undefined {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
