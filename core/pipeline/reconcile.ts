/**
 * The reconciler: nothing stays in an intermediate status. Run on a schedule, it
 *
 * 1. records every notification sitting in the intake dead-letter queue on its document's ledger entry (creating the
 *    entry when the outage that sent it there also kept it from being recorded), leaving the message for
 *    `claimflow dlq redrive`;
 * 2. sends documents still RECEIVED long after they arrived back to be processed (the same idempotent path a
 *    redelivery takes; a document coded in pieces whose pieces stopped moving is resumed from its first piece not
 *    done), and after `maxAttempts` such tries settles them FAILED (`processing_abandoned`) with a quarantine copy,
 *    so that a defect or an endless outage ends with a reason instead of silence;
 * 3. finishes claims left READY, or QUEUED with their message unsent (queueClaim: reserve, save QUEUED, send, mark),
 *    and sends claims left CODED by a document that is no longer processing to review;
 * 4. notes every claim-submission message in its dead-letter queue in the submission ledger
 *    (`DEADLETTER#SUBMISSION#<version>`) unless submit-claims noted that very message on its last delivery: when that
 *    delivery itself died (a crash, a timeout), nobody else would;
 * 5. releases the visit reservation of claims voided within `voidedLookbackMs` that still hold it (the voider's own
 *    release was lost to a crash), so the visit can be billed by the claim that replaces it.
 *
 * Every pass is one paged query on an index (a status and a time range, or the outbox of unsent QUEUED claims), never
 * a read of everything in a status filtered afterwards: items that need nothing can never crowd out those that do.
 *
 * "Long after" is `stuckAfterMs`, which must exceed the longest time a document can legitimately spend in processing
 * (every retry of its message), so the reconciler never races a live invocation. Each run handles at most
 * `maxItemsPerKind` of each kind and reports what it found: an item found at all means something went wrong, which
 * is why the count has an alarm.
 */

import { transition } from '#core/claims/state-machine';
import { documentIdOf } from '#core/intake/document-id';
import { type DocumentEntry, receivedEntryOf, type StoredObject, storedObjectOf } from '#core/intake/document-ledger';
import type { Clock } from '#core/kernel/clock';
import type { DocumentObjects } from '#core/pipeline/ingest-document';
import type { ClaimStore } from '#core/storage/claim-store';
import type { DocumentChunkStore } from '#core/storage/document-chunks';
import type { DocumentLedgerStore } from '#core/storage/document-ledger-store';
import { DocumentAlreadySettledError, VersionConflictError } from '#core/storage/errors';
import type { Page, PageRequest } from '#core/storage/page';
import type { SubmissionRecords } from '#core/storage/submission-records';
import { type AdvancePorts, queueClaim } from './advance-claim.ts';
import { releaseVisitOfVoidedClaim } from './release-visit.ts';
import { type ChunkContinuation, resumeSplit, type SplitPorts } from './split-document.ts';

/** A message in the intake dead-letter queue, as far as the reconciler needs it. */
export interface DeadLetter {
  messageId: string;
  receiveCount: number;
  /** The notification's objects, or undefined when the body is not an S3 notification (recorded by id only). */
  objects: StoredObject[] | undefined;
  /** When the message is a piece of a split document (core/pipeline/split-document), which one. */
  chunkOf?: ChunkContinuation;
}

/** A message in the claim-submission dead-letter queue, as far as the reconciler needs it. */
export interface SubmissionDeadLetterMessage {
  messageId: string;
  receiveCount: number;
  /** The claim version it names, or undefined when its body breaks the message contract. */
  claim: { claimId: string; version: number } | undefined;
}

/** Why the reconciler, not submit-claims, noted a dead-lettered submission (ids only, like every ledger reason). */
export const SUBMISSION_DEAD_LETTER_FOUND =
  'its last delivery ended without noting why (the invocation died or timed out); the reconciler found the message in the dead-letter queue';

export interface ReconcilePorts extends AdvancePorts {
  ledger: DocumentLedgerStore;
  claims: ClaimStore;
  objects: Pick<DocumentObjects, 'quarantine'>;
  clock: Clock;
  /** Looks at up to `max` dead-lettered messages without removing them. */
  deadLetters(max: number): Promise<DeadLetter[]>;
  /** Sends a document's notification back to the intake queue. */
  resubmit(entry: DocumentEntry): Promise<void>;
  /** The pieces of split documents, and how a piece's message is sent (to resume a split that stalled). */
  chunks: DocumentChunkStore;
  continueWith: SplitPorts['continueWith'];
  /** Looks at up to `max` messages of the claim-submission dead-letter queue without removing them. */
  submissionDeadLetters(max: number): Promise<SubmissionDeadLetterMessage[]>;
  submissionRecords: Pick<SubmissionRecords, 'getDeadLetter' | 'recordDeadLetter'>;
}

export interface ReconcileOptions {
  stuckAfterMs: number;
  maxAttempts: number;
  maxItemsPerKind: number;
  /** How far back (before the stuck cut-off) voided claims are checked for a reservation they still hold. */
  voidedLookbackMs?: number;
}

/** A day: a crash between a void and its release is found on the next runs; older voids were checked by earlier runs. */
export const DEFAULT_VOIDED_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = {
  stuckAfterMs: 30 * 60 * 1000,
  maxAttempts: 3,
  maxItemsPerKind: 200,
  voidedLookbackMs: DEFAULT_VOIDED_LOOKBACK_MS,
};

export interface ReconcileReport {
  deadLettersRecorded: number;
  /** Dead-lettered messages whose body is not a notification ClaimFlow can read (nothing to record them on). */
  deadLettersUnreadable: number;
  /** Claim-submission messages in their dead-letter queue that the submission ledger did not note yet (now noted). */
  submissionDeadLettersRecorded: number;
  documentsResubmitted: number;
  /** Documents coded in pieces that made no progress since the cut-off, sent on from the first piece not done. */
  splitsResumed: number;
  documentsAbandoned: number;
  claimsQueued: number;
  claimMessagesSent: number;
  claimsToReview: number;
  /** Visits still reserved by a voided claim, given back. */
  visitsReleased: number;
}

const ACTOR = 'reconcile';

export async function reconcile(ports: ReconcilePorts, options = DEFAULT_RECONCILE_OPTIONS): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    deadLettersRecorded: 0,
    deadLettersUnreadable: 0,
    submissionDeadLettersRecorded: 0,
    documentsResubmitted: 0,
    splitsResumed: 0,
    documentsAbandoned: 0,
    claimsQueued: 0,
    claimMessagesSent: 0,
    claimsToReview: 0,
    visitsReleased: 0,
  };
  const now = () => ports.clock.now().toISOString();
  const cutoff = new Date(ports.clock.now().getTime() - options.stuckAfterMs).toISOString();

  for (const letter of await ports.deadLetters(options.maxItemsPerKind)) {
    if (letter.chunkOf) {
      // A piece's message: its document's entry exists (the piece was planned from it); the stuck pass resumes it.
      const entry = await ports.ledger.get(letter.chunkOf.documentId);
      if (!entry) report.deadLettersUnreadable++;
      else if (entry.deadLetter?.messageId !== letter.messageId) {
        await ports.ledger.note(entry.documentId, {
          kind: 'dead_lettered',
          at: now(),
          messageId: letter.messageId,
          receiveCount: letter.receiveCount,
        });
        report.deadLettersRecorded++;
      }
      continue;
    }
    if (!letter.objects) {
      report.deadLettersUnreadable++;
      continue;
    }
    for (const object of letter.objects) {
      const documentId = documentIdOf(object);
      const at = now();
      const { entry } = await ports.ledger.recordReceived(receivedEntryOf(object, documentId, at));
      if (entry.deadLetter?.messageId === letter.messageId) continue;
      await ports.ledger.note(documentId, {
        kind: 'dead_lettered',
        at,
        messageId: letter.messageId,
        receiveCount: letter.receiveCount,
      });
      report.deadLettersRecorded++;
    }
  }

  for (const letter of await ports.submissionDeadLetters(options.maxItemsPerKind)) {
    if (!letter.claim) {
      report.deadLettersUnreadable++;
      continue;
    }
    const { claimId, version } = letter.claim;
    // submit-claims notes the message on its last delivery; only a delivery that died before it leaves this to us.
    if ((await ports.submissionRecords.getDeadLetter(claimId, version))?.messageId === letter.messageId) continue;
    await ports.submissionRecords.recordDeadLetter({
      claimId,
      version,
      messageId: letter.messageId,
      receiveCount: letter.receiveCount,
      reason: SUBMISSION_DEAD_LETTER_FOUND,
      at: now(),
    });
    report.submissionDeadLettersRecorded++;
  }

  for (const entry of await firstItems(
    (page) => ports.ledger.listByStatus({ status: 'RECEIVED', receivedBefore: cutoff }, page),
    options.maxItemsPerKind,
  )) {
    // A split document is received long before its last piece is done: stuck only once its pieces stopped moving.
    // (Attempts count stalls since its last progress: finishing a piece resets them.)
    if (entry.split && entry.split.progressAt >= cutoff) continue;
    if ((entry.reconcileAttempts ?? 0) < options.maxAttempts) {
      await ports.ledger.note(entry.documentId, { kind: 'reconcile_attempt', at: now() });
      if (entry.split) {
        await resumeSplit(entry, splitPortsOf(ports));
        report.splitsResumed++;
      } else {
        await ports.resubmit(entry);
        report.documentsResubmitted++;
      }
      continue;
    }
    if (await abandon(entry, ports, options.maxAttempts)) report.documentsAbandoned++;
  }

  for (const claim of await firstItems(
    (page) => ports.claims.listByStatus({ status: 'READY', changedBefore: cutoff }, page),
    options.maxItemsPerKind,
  )) {
    const finished = await settleRace(() => queueClaim(claim, ports));
    if (finished?.status === 'QUEUED') report.claimsQueued++;
    else if (finished?.status === 'NEEDS_REVIEW') report.claimsToReview++;
  }

  for (const claim of await firstItems(
    (page) => ports.claims.listUnsent({ queuedBefore: cutoff }, page),
    options.maxItemsPerKind,
  )) {
    if (await settleRace(() => queueClaim(claim, ports))) report.claimMessagesSent++;
  }

  for (const claim of await firstItems(
    (page) => ports.claims.listByStatus({ status: 'CODED', changedBefore: cutoff }, page),
    options.maxItemsPerKind,
  )) {
    // A claim of a document still being processed (or resubmitted above) is that processing's to finish.
    if ((await ports.ledger.get(claim.documentId))?.status === 'RECEIVED') continue;
    const reviewed = transition(claim, {
      to: 'NEEDS_REVIEW',
      at: now(),
      actor: ACTOR,
      reason: 'processing of its document stopped before the claim was scrubbed',
      reasonCategory: 'processing_abandoned',
      owner: 'BILLER',
    });
    const saved = await settleRace(async () => {
      await ports.claims.save(reviewed);
      return reviewed;
    });
    if (saved) report.claimsToReview++;
  }

  const voidedFrom = new Date(Date.parse(cutoff) - (options.voidedLookbackMs ?? DEFAULT_VOIDED_LOOKBACK_MS));
  for (const claim of await firstItems(
    (page) =>
      ports.claims.listByStatus(
        { status: 'VOIDED', changedFrom: voidedFrom.toISOString(), changedBefore: cutoff },
        page,
      ),
    options.maxItemsPerKind,
  )) {
    if (await releaseVisitOfVoidedClaim(claim, ports)) report.visitsReleased++;
  }
  return report;
}

/** The total a report counts: how many items were found left in an intermediate status. */
export function itemsReconciled(report: ReconcileReport): number {
  return (
    report.deadLettersRecorded +
    report.deadLettersUnreadable +
    report.submissionDeadLettersRecorded +
    report.documentsResubmitted +
    report.splitsResumed +
    report.documentsAbandoned +
    report.claimsQueued +
    report.claimMessagesSent +
    report.claimsToReview +
    report.visitsReleased
  );
}

function splitPortsOf(ports: ReconcilePorts): SplitPorts {
  return { ledger: ports.ledger, chunks: ports.chunks, clock: ports.clock, continueWith: ports.continueWith };
}

async function abandon(entry: DocumentEntry, ports: ReconcilePorts, attempts: number): Promise<boolean> {
  const object = storedObjectOf(entry);
  let quarantineKey: string | undefined;
  try {
    quarantineKey = await ports.objects.quarantine(object, {
      documentId: entry.documentId,
      reason: 'processing_abandoned',
    });
  } catch {
    // The object may be gone or never have been ours (a refused notification never reaches here); the ledger's
    // reason is what matters.
  }
  try {
    await ports.ledger.settle(
      entry.documentId,
      {
        status: 'FAILED',
        failure: {
          reason: 'processing_abandoned',
          message: `processing did not finish after ${attempts} attempts by the reconciler${entry.deadLetter ? ' (its notification is in the dead-letter queue)' : ''}; the function's logs for this document id say why`,
        },
        ...(quarantineKey ? { quarantineKey } : {}),
      },
      ports.clock.now().toISOString(),
    );
    return true;
  } catch (error) {
    if (error instanceof DocumentAlreadySettledError) return false;
    throw error;
  }
}

/** Runs a step that a live invocation may win; a lost race means someone else finished the item. */
async function settleRace<T>(step: () => Promise<T>): Promise<T | undefined> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof VersionConflictError) return undefined;
    throw error;
  }
}

/** Up to `max` items of a paged query. */
async function firstItems<T>(read: (page: PageRequest) => Promise<Page<T>>, max: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: Math.min(max - items.length, 100), ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor && items.length < max);
  return items.slice(0, max);
}
