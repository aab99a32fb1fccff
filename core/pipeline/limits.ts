/**
 * Bounds on everything a document can make grow. A document past one of them ends FAILED with a reason that says
 * which bound and what to do, before any claim of the visits concerned is stored; nothing waits for a timeout or
 * DynamoDB's 400 KB item limit to fail it obscurely. A document with more visits than one invocation codes is not a
 * failure: it is coded in pieces (core/pipeline/split-document.ts), within bounds of its own.
 */
export interface PipelineLimits {
  /** Visits per document at all (the absolute cap): what a document may hold, however it is split. */
  encountersPerDocument: number;
  /** Visits one invocation codes: coding them must finish well within the function's timeout. More are split. */
  encountersPerChunk: number;
  /** Largest piece of a split document, its visits JSON-encoded, in bytes: one DynamoDB item each (400 KB limit). */
  chunkBytes: number;
  /** All pieces of one split document together, in bytes: what the planning invocation writes and holds. */
  splitBytes: number;
  /**
   * Service lines per visit. A claim carries at most 50 (LX01 1-50) and a longer visit is split into several claims
   * or held by its payer's rule (core/pipeline/line-limit.ts); this bound only stops a hostile or broken document
   * from making a visit of thousands of lines.
   */
  linesPerVisit: number;
  /** Largest line charge in cents ($9,999,999.99): more is a typo or a unit error, not a charge. */
  maxLineChargeCents: number;
  /** Largest stored claim, JSON-encoded, in bytes: DynamoDB's item limit is 400 KB; leave room for index attributes. */
  claimBytes: number;
}

export const DEFAULT_PIPELINE_LIMITS: PipelineLimits = {
  encountersPerDocument: 10_000,
  encountersPerChunk: 250,
  chunkBytes: 300 * 1024,
  splitBytes: 32 * 1024 * 1024,
  linesPerVisit: 500,
  maxLineChargeCents: 999_999_999,
  claimBytes: 300 * 1024,
};
