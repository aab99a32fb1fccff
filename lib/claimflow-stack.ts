/**
 * The ClaimFlow stack. It grows with each capability: a resource arrives together with the behaviour that uses it.
 *
 *   S3 intake bucket (inbox/) --ObjectCreated--> intake queue --> code-encounter λ --> DynamoDB (document ledger)
 *                                                                              └--> quarantine/ (what cannot be read)
 *   claim-submission queue: READY claims are published here by code-encounter.
 */
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';

export interface ClaimFlowStackProps extends StackProps {
  /** The practice configuration document (JSON text), validated by the caller; inlined into function bundles. */
  practiceConfigJson: string;
  /**
   * A code set bundle directory (`claimflow codesets import --out DIR`) shipped inside code-encounter's asset.
   * Without it the functions use the starter bundle compiled into their code.
   */
  codeSetsDir?: string;
  /** Folder of versioned payer rule files (`<rulesId>.json`) shipped with the functions. */
  payerRulesDir: string;
}

import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import type { Construct } from 'constructs';
import { INBOX_PREFIX, MAX_DOCUMENT_BYTES, QUARANTINE_PREFIX } from '#contracts/bucket-layout';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#contracts/metrics';
import { ClaimFlowFunction } from './constructs/claimflow-function.ts';
import { OperationsDashboard } from './constructs/operations-dashboard.ts';
import { QueueWithDlq } from './constructs/queue-with-dlq.ts';
import { accessLogBucketProps, secureBucketProps, secureTableProps } from './defaults/secure-defaults.ts';

const CODE_ENCOUNTER_TIMEOUT = Duration.seconds(60);

export class ClaimFlowStack extends Stack {
  readonly intakeBucket: s3.Bucket;
  readonly table: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;
  readonly intakeQueue: QueueWithDlq;
  readonly submissionQueue: QueueWithDlq;
  readonly codeEncounter: ClaimFlowFunction;

  constructor(scope: Construct, id: string, props: ClaimFlowStackProps) {
    super(scope, id, props);

    // Two keys by data class. Documents, claims and logs share one; queues and the alarm topic use another, because
    // S3 must be allowed to use the queue key for notifications, and that grant names the bucket: with a single key
    // the bucket and the key would depend on each other (a CloudFormation circular dependency).
    const key = new kms.Key(this, 'DataKey', {
      description: 'ClaimFlow: encrypts documents, claims and logs (PHI at rest)',
      enableKeyRotation: true,
      alias: `alias/${id}-data`,
    });
    const messagesKey = new kms.Key(this, 'MessagesKey', {
      description: 'ClaimFlow: encrypts queues and notifications',
      enableKeyRotation: true,
      alias: `alias/${id}-messages`,
    });
    // CloudWatch Logs encrypts log groups with the key only if the service is allowed to, for this account's groups.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${this.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${this.partition}:logs:${this.region}:${this.account}:*`,
          },
        },
      }),
    );

    const accessLogs = new s3.Bucket(this, 'AccessLogsBucket', accessLogBucketProps());
    this.intakeBucket = new s3.Bucket(this, 'IntakeBucket', {
      ...secureBucketProps(key, accessLogs, 'intake/'),
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });

    // One table for the domain (document ledger now; claims and their history next), keyed pk/sk with one index
    // for "everything in status X, oldest first", which is what work queues and the CLI ask.
    this.table = new dynamodb.Table(this, 'ClaimFlowTable', {
      ...secureTableProps(key),
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
    });
    this.table.addGlobalSecondaryIndex({
      indexName: 'byStatus',
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
    });
    // A practice's work queue: claims someone must act on, by practice and owner, then status and age
    // (functions/common/storage/keys/claim-keys.ts). Sparse: claims nobody has to act on carry no gsi2pk.
    this.table.addGlobalSecondaryIndex({
      indexName: 'byWorkQueue',
      partitionKey: { name: 'gsi2pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: dynamodb.AttributeType.STRING },
    });
    // Claims by duplicate key (a hash of member id, birth date, billing NPI, dates of service and procedure codes): the
    // scrubber's duplicate-claim edit asks it. Sparse: only claims with a complete key carry the attribute.
    this.table.addGlobalSecondaryIndex({
      indexName: 'byDuplicateKey',
      partitionKey: { name: 'dupKey', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['id', 'status'],
    });
    // Powertools idempotency records: their own table, so their TTL clean-up never touches domain data.
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...secureTableProps(key),
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });

    const backupPlan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(this, 'BackupPlan');
    backupPlan.addSelection('Tables', {
      resources: [backup.BackupResource.fromDynamoDbTable(this.table)],
    });

    this.intakeQueue = new QueueWithDlq(this, 'IntakeQueue', {
      key: messagesKey,
      visibilityTimeout: Duration.seconds(CODE_ENCOUNTER_TIMEOUT.toSeconds() * 6),
      maxReceiveCount: 3,
      maxMessageAge: Duration.minutes(15),
    });
    this.submissionQueue = new QueueWithDlq(this, 'ClaimSubmissionQueue', {
      key: messagesKey,
      visibilityTimeout: Duration.minutes(6),
      maxReceiveCount: 5,
      maxMessageAge: Duration.hours(1),
    });

    this.intakeBucket.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.intakeQueue.queue),
      { prefix: INBOX_PREFIX },
    );

    this.codeEncounter = new ClaimFlowFunction(this, 'CodeEncounter', {
      handlerFolder: 'code-encounter',
      description: 'Records each uploaded encounter document in the ledger, then codes and scrubs it',
      key,
      serviceName: SERVICE_NAME,
      metricsNamespace: METRICS_NAMESPACE,
      timeout: CODE_ENCOUNTER_TIMEOUT,
      environment: {
        INBOX_PREFIX,
        QUARANTINE_PREFIX,
        MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
        // Relative to the function's task root (LAMBDA_TASK_ROOT), where the asset folder is unpacked.
        ...(props.codeSetsDir ? { CLAIMFLOW_CODESETS: 'codesets' } : {}),
        CLAIMFLOW_PAYER_RULES: 'payer-rules',
      },
      assetFolders: {
        'payer-rules': props.payerRulesDir,
        ...(props.codeSetsDir ? { codesets: props.codeSetsDir } : {}),
      },
      bundleDefines: { 'process.env.CLAIMFLOW_PRACTICE_CONFIG': props.practiceConfigJson },
    })
      .bindTable('TABLE_NAME', this.table)
      .bindTable('IDEMPOTENCY_TABLE_NAME', this.idempotencyTable)
      .bindBucket('INTAKE_BUCKET_NAME', this.intakeBucket, { readPrefix: INBOX_PREFIX, writePrefix: QUARANTINE_PREFIX })
      .bindQueueProducer('SUBMISSION_QUEUE_URL', this.submissionQueue.queue);
    this.codeEncounter.function.addEventSource(
      new lambdaEventSources.SqsEventSource(this.intakeQueue.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
        maxConcurrency: 5,
      }),
    );

    const operations = new OperationsDashboard(this, 'Operations', {
      key: messagesKey,
      serviceName: SERVICE_NAME,
      functions: [this.codeEncounter.function],
      queues: [
        { title: 'Intake', queue: this.intakeQueue.queue, deadLetterQueue: this.intakeQueue.deadLetterQueue },
        {
          title: 'Claim submission',
          queue: this.submissionQueue.queue,
          deadLetterQueue: this.submissionQueue.deadLetterQueue,
        },
      ],
      alarms: [...this.intakeQueue.alarms, ...this.submissionQueue.alarms, ...this.codeEncounter.alarms],
    });

    new CfnOutput(this, 'IntakeBucketName', { value: this.intakeBucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SubmissionQueueUrl', { value: this.submissionQueue.queue.queueUrl });
    new CfnOutput(this, 'DashboardName', { value: operations.dashboard.dashboardName });
  }
}
