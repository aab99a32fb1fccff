/**
 * The metrics the functions emit (Powertools EMF) and the dashboard and alarms read: one namespace, one service
 * dimension, and each metric's name. A name used on one side only is a bug, so both import it from here.
 */

/** CloudWatch namespace of every ClaimFlow metric (POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'ClaimFlow';
/** The `service` dimension Powertools adds to every metric (POWERTOOLS_SERVICE_NAME). */
export const SERVICE_NAME = 'claimflow';

/**
 * Dimension that attributes a function's own metric to it, beside `service`: its value is the Lambda function name
 * (AWS_LAMBDA_FUNCTION_NAME), so the alarm of one function does not fire for another's failures.
 */
export const FUNCTION_DIMENSION = 'FunctionName';

/** Metrics every queue-driven function emits, with the dimensions service and FUNCTION_DIMENSION. */
export const BATCH_METRICS = {
  /**
   * Records of an SQS batch reported back as failed (ReportBatchItemFailures). Lambda's Errors metric does not count
   * them, because the invocation itself succeeds; without this metric a poisoned message is retried silently until
   * it reaches the dead-letter queue.
   */
  batchItemFailures: 'BatchItemFailures',
} as const;

/** Intake and coding (code-encounter). */
export const PIPELINE_METRICS = {
  documentsReceived: 'DocumentsReceived',
  documentsDuplicate: 'DocumentsDuplicate',
  documentsFailed: 'DocumentsFailed',
  documentsCoded: 'DocumentsCoded',
  documentsNeedingReview: 'DocumentsNeedingReview',
  claimsCreated: 'ClaimsCreated',
  documentBytes: 'DocumentBytes',
} as const;

/** Submission, responses and remittance, and the reconciler (the functions that emit them are being built). */
export const REVENUE_CYCLE_METRICS = {
  claimsSubmitted: 'ClaimsSubmitted',
  submissionsDuplicate: 'SubmissionsDuplicate',
  /** Claims submit-claims sent to a biller: the 837P cannot carry them, or the clearinghouse refused them up front. */
  submissionsNeedingReview: 'SubmissionsNeedingReview',
  /** Submission messages given up on after their last delivery (dead-lettered; noted in the submission ledger). */
  submissionsDeadLettered: 'SubmissionsDeadLettered',
  webhooksReceived: 'WebhooksReceived',
  webhooksRejected: 'WebhooksRejected',
  /** 835 transactions posted (each claim payment once; a repeated payment is not posted again). */
  remittancesPosted: 'RemittancesPosted',
  /** 835 transactions quarantined whole (they do not balance, or repeat a payment): a work item each. */
  remittancesQuarantined: 'RemittancesQuarantined',
  /** Response files (999, 277CA, 835) applied to claims by process-remittance. */
  responseFilesApplied: 'ResponseFilesApplied',
  /** Response files delivered again (webhook and mailbox, redelivery) that changed nothing. */
  responseFilesDuplicate: 'ResponseFilesDuplicate',
  /** Response files that could not be read: kept as received, a work item each. */
  responseFilesUnreadable: 'ResponseFilesUnreadable',
  /** Items the reconciler found left in an intermediate status (it finishes or fails each one with a reason). */
  itemsReconciled: 'ItemsReconciled',
  /** Follow-up work items raised for billers (no 277CA, no 835, timely filing near), by the daily follow-up run. */
  followUpsRaised: 'FollowUpsRaised',
  /** A follow-up check that read its maximum of claims and left the rest for the next run. */
  followUpChecksTruncated: 'FollowUpChecksTruncated',
} as const;

export type MetricName =
  | (typeof BATCH_METRICS)[keyof typeof BATCH_METRICS]
  | (typeof PIPELINE_METRICS)[keyof typeof PIPELINE_METRICS]
  | (typeof REVENUE_CYCLE_METRICS)[keyof typeof REVENUE_CYCLE_METRICS];
