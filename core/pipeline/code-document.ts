/**
 * From a readable document to persisted claims: parse it into encounters and code them (core/pipeline/code-encounters)
 * in this invocation when they are few enough, or plan the document in pieces coded one invocation each
 * (core/pipeline/split-document) when they are more. A document past an absolute bound fails whole, before any claim
 * of it is stored.
 */
import { parseDetected } from '#core/documents/index';
import type { ProcessingResult, ReadableDocument } from '#core/pipeline/ingest-document';
import type { ClaimScrubber } from './advance-claim.ts';
import { codeEncounters, describe, type EncounterCodingPorts } from './code-encounters.ts';
import { DEFAULT_PIPELINE_LIMITS, type PipelineLimits } from './limits.ts';
import { type SplitPorts, splitDocument } from './split-document.ts';

export interface CodingPipelinePorts extends EncounterCodingPorts {
  maxNoteChars?: number;
  limits?: PipelineLimits;
  /** Where a document with more visits than one invocation codes is planned in pieces. Absent: such a document fails. */
  split?: SplitPorts;
}

export { PIPELINE_ACTOR } from './code-encounters.ts';
export type { ClaimScrubber };

export async function codeDocument(document: ReadableDocument, ports: CodingPipelinePorts): Promise<ProcessingResult> {
  const limits = ports.limits ?? DEFAULT_PIPELINE_LIMITS;
  // Parsing and coding are pure: an exception they throw would be thrown again on every retry, so it fails the
  // document here (with the error in the ledger entry only) instead of sending it round the queue to the DLQ.
  let parsed: ReturnType<typeof parseDetected>;
  try {
    parsed = parseDetected(
      document.format,
      document.text,
      { key: document.object.key },
      { maxNoteChars: ports.maxNoteChars },
    );
  } catch (error) {
    return {
      status: 'FAILED',
      reason: 'unparseable',
      message: `the ${document.format} parser stopped: ${describe(error)}`,
    };
  }
  if (!parsed.ok) {
    const where = parsed.location ? ` at ${parsed.location}` : '';
    return { status: 'FAILED', reason: 'unparseable', message: `${parsed.reason}${where}: ${parsed.message}` };
  }
  const count = parsed.encounters.length;
  if (count === 0) {
    return { status: 'FAILED', reason: 'no_encounters', message: 'the document parsed but holds no claimable visit' };
  }
  if (count > limits.encountersPerDocument) {
    return {
      status: 'FAILED',
      reason: 'too_many_encounters',
      message: `the document holds ${count} visits; at most ${limits.encountersPerDocument} are coded from one document: split the export into smaller files`,
    };
  }
  if (count > limits.encountersPerChunk) {
    if (ports.split) return splitDocument(document, parsed.encounters, ports.split, limits);
    return {
      status: 'FAILED',
      reason: 'too_many_encounters',
      message: `the document holds ${count} visits; at most ${limits.encountersPerChunk} are coded at once here: split the export into smaller files`,
    };
  }
  return codeEncounters(
    parsed.encounters,
    { documentId: document.documentId, receiptDate: document.object.eventTime.slice(0, 10) },
    ports,
    limits,
  );
}
