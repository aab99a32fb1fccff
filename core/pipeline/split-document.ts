/**
 * A document with more visits than one invocation codes (a day of superbills, a FHIR bundle or an HL7 batch of
 * thousands of encounters) is coded in pieces ("chunks") of consecutive visits, one invocation each:
 *
 * 1. Planning, by the invocation that read the document: its encounters, parsed once, are packed in order into pieces
 *    of at most `encountersPerChunk` visits and `chunkBytes` of JSON; each piece is stored PENDING with its visits
 *    (DocumentChunkStore), then the manifest is noted on the ledger entry (the commit point of the plan), then the
 *    message for piece 0 is sent. The document stays RECEIVED.
 * 2. Coding a piece (codeChunk, one invocation per message): its visits are read back from its item, never from the
 *    document, and coded, bound-checked and advanced exactly as an unsplit document's (core/pipeline/code-encounters);
 *    then the piece is marked DONE with its claims (conditional: the first result stands), the entry's progress is
 *    noted, and the message for the next piece is sent. After the last piece the document settles CODED or
 *    NEEDS_REVIEW.
 * 3. Resuming (resumeSplit): the message for the first piece not DONE is sent again, or the document is settled when
 *    every piece is. A redelivered notification of the document and the reconciler resume this way.
 *
 * Exactly once: a claim's id derives from the document's text and the visit's position in it, so coding a piece again
 * (a crash before it was marked DONE, a redelivered or doubled message, two invocations at once) finds its claims and
 * resumes them; the visit reservation and the claim's outbox keep any claim from being queued or sent twice. A message
 * for a piece already DONE only passes the baton on.
 *
 * Linear: the document is read and parsed once; each visit is serialized once when planned and read back once per
 * coding of its piece; every piece is bounded in visits and bytes, and a document in total. A piece past a claim
 * bound (lines, amounts, claim size) fails the document with that reason: the piece's own claims are not stored, the
 * claims of earlier pieces stand (each a valid visit, billed once), and the failure says so.
 */
import type { Encounter } from '#core/documents/encounter';
import {
  type DocumentEntry,
  type DocumentFailureReason,
  type DocumentSplit,
  type DocumentStatus,
  storedObjectOf,
} from '#core/intake/document-ledger';
import type { Clock } from '#core/kernel/clock';
import type { DocumentObjects, ProcessingResult, ReadableDocument } from '#core/pipeline/ingest-document';
import type { DocumentChunk, DocumentChunkStore } from '#core/storage/document-chunks';
import type { DocumentLedgerStore } from '#core/storage/document-ledger-store';
import { DocumentAlreadySettledError } from '#core/storage/errors';
import { readAllPages } from '#core/storage/page';
import { type CodingResult, codeEncounters, type EncounterCodingPorts } from './code-encounters.ts';
import { DEFAULT_PIPELINE_LIMITS, type PipelineLimits } from './limits.ts';

/** The message that has one piece of a split document coded by an invocation of its own. */
export interface ChunkContinuation {
  documentId: string;
  chunk: number;
}

export interface SplitPorts {
  ledger: DocumentLedgerStore;
  chunks: DocumentChunkStore;
  clock: Clock;
  /** Sends the message for a piece (to the intake queue: the same function codes it). */
  continueWith(next: ChunkContinuation): Promise<void>;
}

export interface ChunkCodingPorts extends EncounterCodingPorts {
  split: SplitPorts;
  objects: Pick<DocumentObjects, 'quarantine'>;
  limits?: PipelineLimits;
}

/** What coding one piece did, in ids and codes only (the idempotency record stores it). */
export type ChunkOutcome =
  | {
      kind: 'chunk_coded';
      documentId: string;
      chunk: number;
      /** Claims this delivery made or resumed (0 when the piece was DONE already). */
      claims: number;
      /** Present when this piece's delivery settled the document. */
      settled?: 'CODED' | 'NEEDS_REVIEW';
    }
  | { kind: 'failed'; documentId: string; chunk: number; reason: DocumentFailureReason; quarantined: boolean }
  /** The document was settled already (by the last piece, a failure, or the reconciler): nothing to do. */
  | { kind: 'duplicate'; documentId: string; chunk: number; status: DocumentStatus };

/** A piece message that names no plan or no piece of it: a defect, left to the queue's retries and its DLQ. */
export class SplitStateError extends Error {
  constructor(documentId: string, what: string) {
    super(`document ${documentId}: ${what}`);
    this.name = 'SplitStateError';
  }
}

export interface PlannedPiece {
  /** Position of the piece's first visit among the document's encounters. */
  first: number;
  count: number;
  encountersJson: string;
}

export type ChunkPlan =
  | { ok: true; pieces: PlannedPiece[] }
  | { ok: false; reason: DocumentFailureReason; message: string };

const utf8 = new TextEncoder();

/** Packs the encounters, in order, into pieces within the limits; one pass, each encounter serialized once. */
export function planChunks(encounters: readonly Encounter[], limits: PipelineLimits): ChunkPlan {
  const pieces: PlannedPiece[] = [];
  let current: string[] = [];
  let first = 0;
  let bytes = 0;
  let total = 0;
  const close = () => {
    if (current.length > 0) pieces.push({ first, count: current.length, encountersJson: `[${current.join(',')}]` });
    current = [];
    bytes = 2; // the brackets
  };
  close();
  for (const [position, encounter] of encounters.entries()) {
    const json = JSON.stringify(encounter);
    const size = utf8.encode(json).length;
    if (size + 2 > limits.chunkBytes) {
      return {
        ok: false,
        reason: 'visit_too_large',
        message: `visit ${encounter.source.index + 1} holds ${size} bytes of data; a document coded in pieces keeps at most ${limits.chunkBytes} per piece (long notes or many codes): split the visit out of the export`,
      };
    }
    total += size + 1;
    if (total > limits.splitBytes) {
      return {
        ok: false,
        reason: 'too_large',
        message: `the document's ${encounters.length} visits take more than ${limits.splitBytes} bytes to keep in pieces: split the export into smaller files`,
      };
    }
    if (current.length >= limits.encountersPerChunk || bytes + size + 1 > limits.chunkBytes) close();
    if (current.length === 0) first = position;
    bytes += size + (current.length > 0 ? 1 : 0);
    current.push(json);
  }
  close();
  return { ok: true, pieces };
}

/**
 * Plans a readable document in pieces and sends the first; when the entry has a plan already (this is a redelivery of
 * the document's notification), resumes it instead.
 */
export async function splitDocument(
  document: ReadableDocument,
  encounters: readonly Encounter[],
  ports: SplitPorts,
  limits: PipelineLimits,
): Promise<ProcessingResult> {
  const { documentId } = document;
  const entry = await ports.ledger.get(documentId);
  if (entry?.split) {
    await resumeSplit(entry, ports);
    return { status: 'SPLIT', chunks: entry.split.chunks, encounters: entry.split.encounters };
  }
  const plan = planChunks(encounters, limits);
  if (!plan.ok) return { status: 'FAILED', reason: plan.reason, message: plan.message };

  for (const [index, piece] of plan.pieces.entries()) await ports.chunks.plan({ documentId, index, ...piece });
  const at = ports.clock.now().toISOString();
  const split: DocumentSplit = {
    chunks: plan.pieces.length,
    encounters: encounters.length,
    format: document.format,
    ...(document.facts?.sha256 ? { sha256: document.facts.sha256 } : {}),
    ...(document.facts?.contentType ? { contentType: document.facts.contentType } : {}),
    plannedAt: at,
    progressAt: at,
  };
  await ports.ledger.note(documentId, { kind: 'split_planned', at, split });
  await ports.continueWith({ documentId, chunk: 0 });
  return { status: 'SPLIT', chunks: split.chunks, encounters: split.encounters };
}

/** Codes one piece of a split document (see the note at the top), then passes the baton on. */
export async function codeChunk(message: ChunkContinuation, ports: ChunkCodingPorts): Promise<ChunkOutcome> {
  const { documentId, chunk: index } = message;
  const limits = ports.limits ?? DEFAULT_PIPELINE_LIMITS;
  const entry = await ports.split.ledger.get(documentId);
  if (!entry) throw new SplitStateError(documentId, 'no ledger entry for a piece message');
  if (entry.status !== 'RECEIVED') return { kind: 'duplicate', documentId, chunk: index, status: entry.status };
  if (!entry.split) throw new SplitStateError(documentId, 'a piece message for a document that was not split');
  const chunk = await ports.split.chunks.get(documentId, index);
  if (!chunk) throw new SplitStateError(documentId, `no piece ${index} in its plan of ${entry.split.chunks}`);

  let claims = 0;
  if (chunk.status === 'PENDING') {
    const encounters = JSON.parse(chunk.encountersJson) as Encounter[];
    const result = await codeEncounters(
      encounters,
      { documentId, receiptDate: entry.receivedAt.slice(0, 10) },
      ports,
      limits,
    );
    if (result.status === 'FAILED') return failSplit(entry, chunk, result, ports);
    const at = ports.split.clock.now().toISOString();
    await ports.split.chunks.complete(documentId, index, {
      claimIds: result.claimIds,
      reviewReasons: result.reviewReasons,
      at,
    });
    await ports.split.ledger.note(documentId, { kind: 'chunk_done', at });
    claims = result.claimIds.length;
  }

  if (index + 1 < entry.split.chunks) {
    await ports.split.continueWith({ documentId, chunk: index + 1 });
    return { kind: 'chunk_coded', documentId, chunk: index, claims };
  }
  const resumed = await resumeSplit(entry, ports.split);
  return {
    kind: 'chunk_coded',
    documentId,
    chunk: index,
    claims,
    ...(resumed.kind === 'settled' ? { settled: resumed.status } : {}),
  };
}

export type ResumeOutcome =
  /** The message for this piece, the first not DONE, was sent. */
  | { kind: 'continued'; chunk: number }
  /** Every piece was DONE: the document is settled. */
  | { kind: 'settled'; status: 'CODED' | 'NEEDS_REVIEW' }
  /** Someone else settled the document meanwhile. */
  | { kind: 'already_settled' };

/**
 * Gets a split document moving again from where it stopped: sends the message for the first piece not DONE, or, when
 * every piece is DONE, settles the document with what they add up to.
 */
export async function resumeSplit(entry: DocumentEntry, ports: SplitPorts): Promise<ResumeOutcome> {
  const split = entry.split;
  if (!split) throw new SplitStateError(entry.documentId, 'resumed, but it was not split');
  const states = await readAllPages((page) => ports.chunks.states(entry.documentId, page));
  const pending = states.find((state) => state.status !== 'DONE');
  if (pending || states.length < split.chunks) {
    const chunk = pending?.index ?? states.length;
    await ports.continueWith({ documentId: entry.documentId, chunk });
    return { kind: 'continued', chunk };
  }
  const reviewReasons = [...new Set(states.flatMap((state) => state.result?.reviewReasons ?? []))].sort();
  const status = reviewReasons.length > 0 ? 'NEEDS_REVIEW' : 'CODED';
  try {
    await ports.ledger.settle(
      entry.documentId,
      {
        status,
        format: split.format,
        ...(split.sha256 ? { sha256: split.sha256 } : {}),
        ...(split.contentType ? { contentType: split.contentType } : {}),
        ...(reviewReasons.length > 0 ? { reviewReasons } : {}),
      },
      ports.clock.now().toISOString(),
    );
    return { kind: 'settled', status };
  } catch (error) {
    if (error instanceof DocumentAlreadySettledError) return { kind: 'already_settled' };
    throw error;
  }
}

/** A piece past a bound fails the document with that reason (and a quarantine copy), saying what earlier pieces made. */
async function failSplit(
  entry: DocumentEntry,
  chunk: DocumentChunk,
  result: Extract<CodingResult, { status: 'FAILED' }>,
  ports: ChunkCodingPorts,
): Promise<ChunkOutcome> {
  const { documentId } = entry;
  const pieces = entry.split?.chunks ?? 0;
  const earlier =
    chunk.first > 0
      ? `; the claims of visits 1-${chunk.first}, made by the pieces before it, stand`
      : '; no claim of the document was made';
  const quarantineKey = await ports.objects.quarantine(storedObjectOf(entry), { documentId, reason: result.reason });
  try {
    await ports.split.ledger.settle(
      documentId,
      {
        status: 'FAILED',
        failure: {
          reason: result.reason,
          message: `${result.message} (the document was coded in ${pieces} pieces; this is piece ${chunk.index + 1}${earlier})`,
        },
        quarantineKey,
        ...(entry.split?.format ? { format: entry.split.format } : {}),
        ...(entry.split?.sha256 ? { sha256: entry.split.sha256 } : {}),
      },
      ports.split.clock.now().toISOString(),
    );
  } catch (error) {
    if (!(error instanceof DocumentAlreadySettledError)) throw error;
    const settled = await ports.split.ledger.get(documentId);
    return { kind: 'duplicate', documentId, chunk: chunk.index, status: settled?.status ?? 'FAILED' };
  }
  return { kind: 'failed', documentId, chunk: chunk.index, reason: result.reason, quarantined: true };
}
