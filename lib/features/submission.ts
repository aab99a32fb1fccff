/**
 * Submission: READY claims wait in the claim-submission queue (contracts/messages.ts: claimSubmissionMessage) until
 * submit-claims sends them to the clearinghouse in 837P interchanges, archives each under `submissions/` and marks
 * the claims SUBMITTED. Records it must retry go back to the queue (ReportBatchItemFailures) and, after
 * maxReceiveCount, to its dead-letter queue, which is alarmed.
 */
import { type CfnResource, Duration } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SUBMISSIONS_PREFIX } from '#contracts/bucket-layout';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { SECRET_ROLE_METADATA, SECRET_ROLES } from '#contracts/secrets';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import { secureSecretProps } from '../defaults/secure-defaults.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import { acknowledge, resourceOf } from '../nag.ts';
import type { Platform } from '../platform/platform.ts';
import { practiceConfigDefines } from './reference-data.ts';

export interface SubmissionProps {
  platform: Platform;
  /** The validated practice configuration (JSON text): the submitter identity and the clearinghouse endpoint. */
  practiceConfigJson: string;
  reservedConcurrency?: number;
}

/** One interchange send per batch, answered synchronously; well inside the queue's 6-minute visibility timeout. */
const SUBMIT_CLAIMS_TIMEOUT = Duration.seconds(60);
/** Deliveries of a submission message before the dead-letter queue (the function backs off between them). */
const SUBMISSION_MAX_RECEIVE_COUNT = 5;

export class Submission extends Construct implements MonitoredFeature {
  readonly queue: QueueWithDlq;
  readonly submitClaims: ClaimFlowFunction;
  /** How submit-claims reaches the clearinghouse (contracts/secrets.ts: the API key, an optional endpoint). */
  readonly clearinghouseSecret: secretsmanager.Secret;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: SubmissionProps) {
    super(scope, id);
    const { platform } = props;
    this.queue = new QueueWithDlq(this, 'ClaimSubmissionQueue', {
      key: props.platform.messagesKey,
      visibilityTimeout: Duration.minutes(6),
      maxReceiveCount: SUBMISSION_MAX_RECEIVE_COUNT,
      deployedLogicalIds: {
        queue: 'ClaimSubmissionQueueE1654341',
        queuePolicy: 'ClaimSubmissionQueuePolicy3216F956',
        deadLetterQueue: 'ClaimSubmissionQueueDeadLetterQueue415FC5E0',
        deadLetterQueuePolicy: 'ClaimSubmissionQueueDeadLetterQueuePolicyFB5F0614',
      },
    });
    this.clearinghouseSecret = new secretsmanager.Secret(
      this,
      'ClearinghouseConnection',
      secureSecretProps(platform.dataKey, 'ClaimFlow: clearinghouse API key (and endpoint override), JSON', {
        length: 48,
        jsonKey: 'apiKey',
      }),
    );
    (resourceOf(this.clearinghouseSecret) as CfnResource).addMetadata(
      SECRET_ROLE_METADATA,
      SECRET_ROLES.clearinghouseConnection,
    );
    const issuedByClearinghouse =
      'The API key is registered with (or issued by) the clearinghouse: it is rotated there and then put here by an ' +
      'operator (docs/operations.md); a rotation Lambda cannot change it on the other side.';
    acknowledge(resourceOf(this.clearinghouseSecret), 'AwsSolutions::AwsSolutions-SMG4', issuedByClearinghouse);
    acknowledge(
      resourceOf(this.clearinghouseSecret),
      'HIPAA.Security::HIPAA.Security-SecretsManagerRotationEnabled',
      issuedByClearinghouse,
    );
    this.submitClaims = new ClaimFlowFunction(this, 'SubmitClaims', {
      name: 'submit-claims',
      description: 'Sends queued claims to the clearinghouse as 837P interchanges, exactly once per claim version',
      key: platform.dataKey,
      timeout: SUBMIT_CLAIMS_TIMEOUT,
      reservedConcurrency: props.reservedConcurrency,
      readsSecrets: true,
      environment: {
        SUBMISSIONS_PREFIX,
        // Its own queue: retries get an exponential backoff (ChangeMessageVisibility, granted with the event source)
        // and the last delivery is noted in the submission ledger before the message is dead-lettered.
        SUBMISSION_QUEUE_URL: this.queue.queue.queueUrl,
        SUBMISSION_MAX_RECEIVE_COUNT: String(SUBMISSION_MAX_RECEIVE_COUNT),
      },
      bundleDefines: practiceConfigDefines(props.practiceConfigJson),
    })
      // Claims, the submission outbox and the control number counters: conditional puts and updates, no deletes.
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      .bindSecret('CLEARINGHOUSE_SECRET_ARN', this.clearinghouseSecret)
      // The archive is read back when an interchange is resent, and written once per interchange.
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, {
        readPrefix: SUBMISSIONS_PREFIX,
        writePrefix: SUBMISSIONS_PREFIX,
      })
      // A short batching window lets claims queued together travel in one interchange; two at a time spares the
      // clearinghouse (and keeps control numbers in near send order).
      .consumeQueue(this.queue.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(5), maxConcurrency: 2 });

    this.monitoring = {
      panels: [
        {
          title: 'Submissions',
          left: [
            REVENUE_CYCLE_METRICS.claimsSubmitted,
            REVENUE_CYCLE_METRICS.submissionsDuplicate,
            REVENUE_CYCLE_METRICS.submissionsNeedingReview,
            REVENUE_CYCLE_METRICS.submissionsDeadLettered,
          ],
        },
      ],
      metricAlarms: [
        {
          title: 'Submissions dead-lettered',
          metric: REVENUE_CYCLE_METRICS.submissionsDeadLettered,
          threshold: 0,
          description:
            'claims stayed QUEUED: their submission messages failed every delivery (clearinghouse down or failing) ' +
            'and went to the claim-submission dead-letter queue; the submission ledger notes each ' +
            '(DEADLETTER#SUBMISSION items); fix the cause, then redrive the dead-letter queue',
        },
      ],
      functions: [{ title: 'submit-claims', function: this.submitClaims.function, consumesBatches: true }],
      queues: [
        {
          title: 'Claim submission',
          queue: this.queue.queue,
          deadLetterQueue: this.queue.deadLetterQueue,
          thresholds: { maxMessageAge: Duration.hours(1) },
        },
      ],
    };
  }
}
