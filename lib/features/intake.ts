/**
 * Intake: ObjectCreated under `inbox/` → intake queue → code-encounter, which records each document in the ledger,
 * codes and scrubs it, persists its claims and queues the READY ones for submission. A document with more visits than
 * one invocation codes goes back round the same queue, one message per piece.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { INBOX_PREFIX, MAX_DOCUMENT_BYTES, QUARANTINE_PREFIX } from '#contracts/bucket-layout';
import { PIPELINE_METRICS } from '#contracts/metrics';
import { ClaimFlowFunction, TABLE_ACCESS } from '../constructs/claimflow-function.ts';
import { EncryptedQueueDestination } from '../constructs/encrypted-queue-destination.ts';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import { acknowledge } from '../nag.ts';
import { keepLogicalId } from '../platform/logical-ids.ts';
import type { Platform } from '../platform/platform.ts';
import { type ReferenceData, scrubbingReferenceData } from './reference-data.ts';

export interface IntakeProps {
  platform: Platform;
  /** Where READY claims are queued (the submission feature's queue). */
  submissionQueue: sqs.IQueue;
  reference: ReferenceData;
  reservedConcurrency?: number;
  /** The practice configuration turns Amazon Comprehend Medical on (contracts/comprehend-medical.ts). */
  comprehendMedical: boolean;
}

const CODE_ENCOUNTER_TIMEOUT = Duration.seconds(60);

export class Intake extends Construct implements MonitoredFeature {
  readonly queue: QueueWithDlq;
  readonly codeEncounter: ClaimFlowFunction;
  /** code-encounter may call Amazon Comprehend Medical InferICD10CM. */
  readonly comprehendMedical: boolean;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: IntakeProps) {
    super(scope, id);
    const { platform, reference } = props;
    this.queue = new QueueWithDlq(this, 'IntakeQueue', {
      key: platform.messagesKey,
      visibilityTimeout: Duration.seconds(CODE_ENCOUNTER_TIMEOUT.toSeconds() * 6),
      maxReceiveCount: 3,
      deployedLogicalIds: {
        queue: 'IntakeQueueF8C45524',
        queuePolicy: 'IntakeQueuePolicy383E7C2F',
        deadLetterQueue: 'IntakeQueueDeadLetterQueue7AEB8FC5',
        deadLetterQueuePolicy: 'IntakeQueueDeadLetterQueuePolicy0933E965',
      },
    });
    platform.intakeBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new EncryptedQueueDestination(this.queue.queue),
      { prefix: INBOX_PREFIX },
    );
    keepLogicalId(platform.intakeBucket.node.findChild('Notifications'), 'IntakeBucketNotifications6E97CAD8');
    this.acknowledgeNotificationHandler(platform.intakeBucket);

    const scrubbing = scrubbingReferenceData(reference);
    this.codeEncounter = new ClaimFlowFunction(this, 'CodeEncounter', {
      name: 'code-encounter',
      description: 'Records each uploaded encounter document in the ledger, then codes and scrubs it',
      key: platform.dataKey,
      timeout: CODE_ENCOUNTER_TIMEOUT,
      reservedConcurrency: props.reservedConcurrency,
      deployedLogGroupLogicalId: 'CodeEncounterLogGroupBD780A41',
      environment: {
        INBOX_PREFIX,
        QUARANTINE_PREFIX,
        MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
        ...scrubbing.environment,
      },
      assetFolders: scrubbing.assetFolders,
      bundleDefines: scrubbing.bundleDefines,
    })
      .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
      .bindTable('IDEMPOTENCY_TABLE_NAME', platform.idempotencyTable, TABLE_ACCESS.idempotency)
      .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, {
        readPrefix: INBOX_PREFIX,
        writePrefix: QUARANTINE_PREFIX,
      })
      .bindQueueProducer('SUBMISSION_QUEUE_URL', props.submissionQueue)
      // The pieces of a document split in pieces come back on the intake queue, one message each.
      .bindQueueProducer('INTAKE_QUEUE_URL', this.queue.queue)
      .consumeQueue(this.queue.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(1), maxConcurrency: 5 });
    // Off by default: the grant exists only when the practice configuration sends notes to the service.
    this.comprehendMedical = props.comprehendMedical;
    if (this.comprehendMedical) this.codeEncounter.grantComprehendMedicalInference();

    this.monitoring = {
      panels: [
        {
          title: 'Documents',
          left: [
            PIPELINE_METRICS.documentsReceived,
            PIPELINE_METRICS.documentsDuplicate,
            PIPELINE_METRICS.documentsFailed,
            PIPELINE_METRICS.documentsCoded,
            PIPELINE_METRICS.documentsNeedingReview,
          ],
          right: [PIPELINE_METRICS.claimsCreated],
        },
      ],
      queues: [
        {
          title: 'Intake',
          queue: this.queue.queue,
          deadLetterQueue: this.queue.deadLetterQueue,
          thresholds: { maxMessageAge: Duration.minutes(15) },
        },
      ],
      functions: [{ title: 'code-encounter', function: this.codeEncounter.function, consumesBatches: true }],
    };
  }

  /** The deploy-time resources CDK adds to configure the bucket's notifications. */
  private acknowledgeNotificationHandler(bucket: s3.Bucket): void {
    const stack = Stack.of(this);
    const handler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    const role = handler?.node.tryFindChild('Role')?.node.tryFindChild('Resource');
    if (!role) throw new Error('the bucket-notification handler CDK adds was not found; its acknowledgement is stale');
    acknowledge(
      role,
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK-managed deploy-time handler that only writes its own logs; it never touches PHI.',
    );
    acknowledge(
      bucket.node.findChild('Notifications').node.findChild('HandlerPolicy').node.findChild('Resource'),
      'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy',
      "CDK-managed policy allowing the deploy-time handler to set this bucket's notification configuration only.",
    );
  }
}
