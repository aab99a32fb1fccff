/**
 * Reconciliation: a function on an EventBridge schedule that settles whatever the pipeline left in an intermediate
 * status (functions/reconcile): dead-lettered intake notifications are recorded on their ledger entries, documents
 * stuck in RECEIVED are sent back (and failed after a few attempts), claims left READY or QUEUED unsent are finished.
 * Its ItemsReconciled count is alarmed: in a healthy system it finds nothing.
 */
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { INBOX_PREFIX, MAX_DOCUMENT_BYTES, QUARANTINE_PREFIX } from '#contracts/bucket-layout';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import type { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import type { Platform } from '../platform/platform.ts';

export interface ReconciliationProps {
  platform: Platform;
  intakeQueue: QueueWithDlq;
  /** The intake function's timeout: a document may spend that times every delivery in processing. */
  intakeTimeout: Duration;
  intakeMaxReceiveCount: number;
  submissionQueue: QueueWithDlq;
  /** How often it runs (default every 5 minutes). */
  every?: Duration;
  /** How often a stuck document is sent back before it is failed (default 3). */
  maxAttempts?: number;
  reservedConcurrency?: number;
}

export class Reconciliation extends Construct implements MonitoredFeature {
  readonly reconcile: ClaimFlowFunction;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: ReconciliationProps) {
    super(scope, id);
    const { platform, intakeQueue } = props;
    const every = props.every ?? Duration.minutes(5);
    // Longer than a notification can spend in processing (visibility = 6 x timeout, per delivery), plus a margin, so
    // the reconciler never races a live invocation.
    const stuckAfter = Duration.seconds(props.intakeTimeout.toSeconds() * 6 * props.intakeMaxReceiveCount + 600);

    this.reconcile = new ClaimFlowFunction(this, 'Reconcile', {
      name: 'reconcile',
      description: 'Settles documents and claims left in an intermediate status; records dead-lettered notifications',
      key: platform.dataKey,
      timeout: Duration.minutes(2),
      reservedConcurrency: props.reservedConcurrency,
      environment: {
        INBOX_PREFIX,
        QUARANTINE_PREFIX,
        MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
        RECONCILE_STUCK_AFTER_SECONDS: String(stuckAfter.toSeconds()),
        RECONCILE_MAX_ATTEMPTS: String(props.maxAttempts ?? 3),
      },
    })
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      // CopyObject into quarantine reads the inbox object.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, {
        readPrefix: INBOX_PREFIX,
        writePrefix: QUARANTINE_PREFIX,
      })
      .bindQueueProducer('INTAKE_QUEUE_URL', intakeQueue.queue)
      .bindQueueProducer('SUBMISSION_QUEUE_URL', props.submissionQueue.queue)
      // Records dead-lettered notifications and leaves them there; redrive is the operator's (`claimflow dlq redrive`).
      .bindDeadLetterQueueReader('INTAKE_DEAD_LETTER_QUEUE_URL', intakeQueue.deadLetterQueue)
      // Notes dead-lettered submissions whose last delivery died before submit-claims could (DEADLETTER#SUBMISSION).
      .bindDeadLetterQueueReader('SUBMISSION_DEAD_LETTER_QUEUE_URL', props.submissionQueue.deadLetterQueue);

    this.reconcile.runOnSchedule(this, {
      every,
      description: 'Runs the reconciler',
      nextRun: 'the next run repeats all of its work',
    });

    this.monitoring = {
      panels: [{ title: 'Reconciled', left: [REVENUE_CYCLE_METRICS.itemsReconciled] }],
      functions: [{ title: 'reconcile', function: this.reconcile.function, consumesBatches: false }],
      metricAlarms: [
        {
          title: 'Items reconciled',
          metric: REVENUE_CYCLE_METRICS.itemsReconciled,
          threshold: 0,
          description:
            'documents or claims were left in an intermediate status (or dead-lettered) and had to be reconciled; ' +
            'check the ledger and the reconcile function logs',
        },
      ],
    };
  }
}
