/**
 * Mailbox polling, for a clearinghouse that keeps responses in a mailbox (contracts/clearinghouse-delivery.ts says
 * which connectors do; the practice configuration may turn it off): an EventBridge schedule runs poll-mailbox, which
 * copies each new mailbox file to `responses/raw/` and puts its pointer on the remittance queue, exactly as the
 * webhook does (core/responses/keep-raw-response), recording each copy with a conditional write so a file is copied
 * once. process-remittance then applies it; a file that also came by webhook is applied once (by its X12's hash).
 */
import { Duration } from 'aws-cdk-lib';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { RESPONSES_RAW_PREFIX } from '#contracts/bucket-layout';
import type { MailboxPolling as MailboxPollingSettings } from '#contracts/clearinghouse-delivery';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import type { Platform } from '../platform/platform.ts';

export interface MailboxPollingProps {
  platform: Platform;
  /** Where copied files' pointers go (the Responses feature's queue). */
  remittanceQueue: sqs.IQueue;
  /** How to reach the clearinghouse (the Submission feature's connection secret). */
  clearinghouseSecret: secretsmanager.ISecret;
  /** The validated practice configuration (JSON text): which connector, and its endpoint. */
  practiceConfigJson: string;
  polling: MailboxPollingSettings;
  reservedConcurrency?: number;
}

/** Runs in a row with a failure before someone is told: one failed fetch is retried by the next run, three are not luck. */
const FAILING_RUNS_BEFORE_ALARM = 3;

export class MailboxPolling extends Construct implements MonitoredFeature {
  readonly pollMailbox: ClaimFlowFunction;
  readonly schedule: events.Rule;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: MailboxPollingProps) {
    super(scope, id);
    const { platform } = props;

    this.pollMailbox = new ClaimFlowFunction(this, 'PollMailbox', {
      name: 'poll-mailbox',
      description:
        'Copies new clearinghouse mailbox files (999, 277CA, 835) to responses/raw/ and the remittance queue',
      key: platform.dataKey,
      // A run copies at most maxFilesPerRun files, one fetch, put and send each; well inside the schedule's period.
      timeout: Duration.minutes(Math.min(5, props.polling.everyMinutes)),
      reservedConcurrency: props.reservedConcurrency,
      readsSecrets: true,
      environment: { POLL_MAILBOX_MAX_FILES: String(props.polling.maxFilesPerRun) },
      bundleDefines: { 'process.env.CLAIMFLOW_PRACTICE_CONFIG': props.practiceConfigJson },
    })
      // Copy records (conditional put and update per mailbox file), the read position (conditional put), the
      // PENDING files through byStatus: TABLE_ACCESS.readWrite; no deletes, batch writes or scans.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      // Writes each copied response once; never reads or lists the archive.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, { writePrefix: RESPONSES_RAW_PREFIX })
      .bindQueueProducer('REMITTANCE_QUEUE_URL', props.remittanceQueue)
      .bindSecret('CLEARINGHOUSE_SECRET_ARN', props.clearinghouseSecret);

    this.schedule = this.pollMailbox.runOnSchedule(this, {
      every: Duration.minutes(props.polling.everyMinutes),
      description: "Copies the clearinghouse mailbox's new files for the response side",
      nextRun: 'the next run reads on from the stored position and retries every PENDING file',
    });

    this.monitoring = {
      panels: [
        {
          title: 'Mailbox',
          left: [
            REVENUE_CYCLE_METRICS.mailboxFilesPolled,
            REVENUE_CYCLE_METRICS.mailboxFilesCopied,
            REVENUE_CYCLE_METRICS.mailboxFilesDuplicate,
          ],
          right: [REVENUE_CYCLE_METRICS.mailboxCopyFailures],
        },
      ],
      functions: [{ title: 'poll-mailbox', function: this.pollMailbox.function, consumesBatches: false }],
      metricAlarms: [
        {
          title: 'Mailbox copy failures',
          metric: REVENUE_CYCLE_METRICS.mailboxCopyFailures,
          threshold: 0,
          evaluationPeriods: FAILING_RUNS_BEFORE_ALARM,
          description:
            'the mailbox poller could not list the clearinghouse mailbox or copy a file in each of the last ' +
            `${FAILING_RUNS_BEFORE_ALARM} five-minute periods; failed files are kept PENDING (MAILBOXFILE items) and ` +
            "retried every run. Check the poll-mailbox function's logs for the stage (fetch, archive, queue, " +
            'too_large) and the clearinghouse connection secret',
        },
      ],
    };
  }
}
