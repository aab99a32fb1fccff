/**
 * Bounds on everything a document can make grow. A document past one of them ends FAILED with a reason that says
 * which bound and what to do, before any of its claims is stored; nothing waits for a timeout or DynamoDB's 400 KB
 * item limit to fail it obscurely.
 */
export interface PipelineLimits {
  /** Visits per document: coding them all must finish well within the function's timeout. */
  encountersPerDocument: number;
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
  encountersPerDocument: 250,
  linesPerVisit: 500,
  maxLineChargeCents: 999_999_999,
  claimBytes: 300 * 1024,
};
