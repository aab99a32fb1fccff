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
  /** Notes Amazon Comprehend Medical answered (only when the practice configuration turns it on). */
  comprehendMedicalNotes: 'ComprehendMedicalNotes',
  /** InferICD10CM units billed (100 characters each, one at least per request): what the service costs. */
  comprehendMedicalUnits: 'ComprehendMedicalUnits',
  /**
   * Notes coded without Amazon Comprehend Medical although it is on (throttled, failed, timed out, too long, cooling
   * off; the cause is in the log line beside it): each visit was coded by our own coder alone.
   */
  comprehendMedicalUnavailable: 'ComprehendMedicalUnavailable',
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
  /**
   * Deliveries refused 429 because their sender failed authentication too often in the current window
   * (core/responses/sender-failures.ts): a prober, or a clearinghouse signing with the wrong secret.
   */
  webhookSenderRefusals: 'WebhookSenderRefusals',
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
  /** Mailbox files the poller looked at in a run (PENDING ones retried and new ones listed). */
  mailboxFilesPolled: 'MailboxFilesPolled',
  /** Mailbox files archived under responses/raw/ and queued by the poller. */
  mailboxFilesCopied: 'MailboxFilesCopied',
  /** Mailbox files found already copied (an earlier or overlapping run). */
  mailboxFilesDuplicate: 'MailboxFilesDuplicate',
  /** Mailbox files the poller could not copy (kept PENDING for the next run), plus runs that could not list it. */
  mailboxCopyFailures: 'MailboxCopyFailures',
  /** Items the reconciler found left in an intermediate status (it finishes or fails each one with a reason). */
  itemsReconciled: 'ItemsReconciled',
  /** Follow-up work items raised for billers (no 277CA, no 835, timely filing near), by the daily follow-up run. */
  followUpsRaised: 'FollowUpsRaised',
  /** A follow-up check that read its maximum of claims and left the rest for the next run. */
  followUpChecksTruncated: 'FollowUpChecksTruncated',
} as const;

/**
 * WebhooksRejected is also emitted once per refusal with FUNCTION_DIMENSION and this dimension, whose value says why
 * the delivery was not kept; the dashboard draws one line per reason.
 */
export const WEBHOOK_REFUSAL_DIMENSION = 'Reason';

/** Why clearinghouse-webhook refused a delivery (core/responses/receive-webhook.ts answers the sender with it). */
export const WEBHOOK_REFUSALS = [
  'payload_too_large',
  'unsupported_content_type',
  'missing_headers',
  'invalid_webhook_id',
  'invalid_timestamp',
  'stale_timestamp',
  'invalid_signature',
  'invalid_envelope',
  'replayed_id',
  'too_many_failures',
] as const;

/** Why a delivery that passed every check was still not kept (the sender is asked to retry: 5xx). */
export const WEBHOOK_NOT_KEPT_REASONS = [
  'secret_unavailable',
  'not_kept_archive',
  'not_kept_queue',
  'not_kept_record',
] as const;

/** Every value of WEBHOOK_REFUSAL_DIMENSION. */
export type WebhookRefusalReason = (typeof WEBHOOK_REFUSALS)[number] | (typeof WEBHOOK_NOT_KEPT_REASONS)[number];

export type MetricName =
  | (typeof BATCH_METRICS)[keyof typeof BATCH_METRICS]
  | (typeof PIPELINE_METRICS)[keyof typeof PIPELINE_METRICS]
  | (typeof REVENUE_CYCLE_METRICS)[keyof typeof REVENUE_CYCLE_METRICS];
