/**
 * What every feature stands on: the two keys, the intake bucket (documents, quarantine, submissions, raw responses)
 * with its access-log bucket, the domain table and the idempotency table, and the backup plan. Features receive the
 * platform and bind their functions to its resources; they create no keys or tables of their own.
 */
import { Duration, Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { DOMAIN_TABLE_TTL_ATTRIBUTE } from '#contracts/domain-table';
import { accessLogBucketProps, secureBucketProps, secureTableProps } from '../defaults/secure-defaults.ts';
import { acknowledge, resourceOf } from '../nag.ts';
import { keepLogicalId } from './logical-ids.ts';

/** Tag on every resource that holds PHI, so account-wide controls (Macie, Config rules, SCPs) can find them. */
const PHI_TAG = { key: 'claimflow:data-classification', value: 'phi' };

export class Platform extends Construct {
  /** Documents, claims and logs (PHI at rest). */
  readonly dataKey: kms.Key;
  /** Queues and the alarm topic. */
  readonly messagesKey: kms.Key;
  readonly intakeBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  /** Documents, claims and their history, keyed pk/sk. */
  readonly table: dynamodb.Table;
  readonly idempotencyTable: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stack = Stack.of(this);

    // Two keys by data class. Documents, claims and logs share one; queues and the alarm topic use another, because
    // S3 must be allowed to use the queue key for notifications, and that grant names the bucket: with a single key
    // the bucket and the key would depend on each other (a CloudFormation circular dependency).
    this.dataKey = new kms.Key(this, 'DataKey', {
      description: 'ClaimFlow: encrypts documents, claims and logs (PHI at rest)',
      enableKeyRotation: true,
      alias: `alias/${stack.stackName}-data`,
    });
    this.messagesKey = new kms.Key(this, 'MessagesKey', {
      description: 'ClaimFlow: encrypts queues and notifications',
      enableKeyRotation: true,
      alias: `alias/${stack.stackName}-messages`,
    });
    keepLogicalId(this.dataKey, 'DataKey17AFBB84');
    keepLogicalId(this.dataKey.node.findChild('Alias'), 'DataKeyAliasF989EB84');
    keepLogicalId(this.messagesKey, 'MessagesKey44305758');
    keepLogicalId(this.messagesKey.node.findChild('Alias'), 'MessagesKeyAlias26E5D486');
    // CloudWatch Logs encrypts log groups with the key only if the service is allowed to, for this account's groups.
    this.dataKey.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
          },
        },
      }),
    );

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', accessLogBucketProps());
    keepLogicalId(this.accessLogsBucket, 'AccessLogsBucket83982689');
    keepLogicalId(this.accessLogsBucket.policy!, 'AccessLogsBucketPolicy7F77476F');
    acknowledge(
      resourceOf(this.accessLogsBucket),
      'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS',
      'S3 server access logging can only deliver to buckets encrypted with S3-managed keys (SSE-S3).',
    );
    this.intakeBucket = new s3.Bucket(this, 'IntakeBucket', {
      ...secureBucketProps(this.dataKey, this.accessLogsBucket, 'intake/'),
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(90) }],
    });
    keepLogicalId(this.intakeBucket, 'IntakeBucket8068C236');
    keepLogicalId(this.intakeBucket.policy!, 'IntakeBucketPolicyA22D1043');
    Tags.of(this.intakeBucket).add(PHI_TAG.key, PHI_TAG.value);
    for (const bucket of [this.intakeBucket, this.accessLogsBucket]) {
      acknowledge(
        resourceOf(bucket),
        'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled',
        'Single-region deployment; versioning, retention and point-in-time table recovery cover availability. ' +
          'Cross-region replication is a per-deployment decision (it doubles where PHI lives).',
      );
    }

    // One table for the domain, keyed pk/sk, with one index for "everything in status X, oldest first", which is what
    // work queues and the CLI ask.
    this.table = new dynamodb.Table(this, 'ClaimFlowTable', {
      ...secureTableProps(this.dataKey),
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
      // Deletes short-lived bookkeeping (a webhook sender's failure counter) once it expired; domain items never
      // carry the attribute. Turning it on is an in-place update of the table.
      timeToLiveAttribute: DOMAIN_TABLE_TTL_ATTRIBUTE,
    });
    keepLogicalId(this.table, 'ClaimFlowTable39A2FE62');
    this.table.addGlobalSecondaryIndex({
      indexName: 'byStatus',
      partitionKey: { name: 'gsi1pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: dynamodb.AttributeType.STRING },
    });
    // A practice's work queue: claims someone must act on, by practice and owner, then status and age
    // (functions/common/storage/keys/claim-keys.ts), the outbox of unsent QUEUED claims and open follow-ups. Sparse:
    // claims nobody has to act on carry no gsi2pk.
    this.table.addGlobalSecondaryIndex({
      indexName: 'byWorkQueue',
      partitionKey: { name: 'gsi2pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: dynamodb.AttributeType.STRING },
    });
    // Claims in one status by first date of service: deadlines that count from the visit (timely filing) are a key
    // condition, never a read of a whole status.
    this.table.addGlobalSecondaryIndex({
      indexName: 'byServiceDate',
      partitionKey: { name: 'gsi3pk', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'gsi3sk', type: dynamodb.AttributeType.STRING },
    });
    // Claims by duplicate key (a hash of member id, birth date, billing NPI, dates of service and procedure codes):
    // the scrubber's duplicate-claim edit asks it. Sparse: only claims with a complete key carry the attribute.
    this.table.addGlobalSecondaryIndex({
      indexName: 'byDuplicateKey',
      partitionKey: { name: 'dupKey', type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.INCLUDE,
      nonKeyAttributes: ['id', 'status'],
    });
    Tags.of(this.table).add(PHI_TAG.key, PHI_TAG.value);

    // Powertools idempotency records: their own table, so their TTL clean-up never touches domain data.
    this.idempotencyTable = new dynamodb.Table(this, 'IdempotencyTable', {
      ...secureTableProps(this.dataKey),
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: 'expiration',
    });
    keepLogicalId(this.idempotencyTable, 'IdempotencyTable22A5A209');
    acknowledge(
      resourceOf(this.idempotencyTable),
      'HIPAA.Security::HIPAA.Security-DynamoDBInBackupPlan',
      'Idempotency records live for hours and are recreated on demand; backing them up restores nothing of value.',
    );

    const backupPlan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(this, 'BackupPlan');
    keepLogicalId(backupPlan, 'BackupPlanA8F64793');
    keepLogicalId(backupPlan.backupVault, 'BackupPlanVault758FCE49');
    const selection = backupPlan.addSelection('Tables', {
      resources: [backup.BackupResource.fromDynamoDbTable(this.table)],
    });
    acknowledge(
      selection.node.findChild('Role').node.findChild('Resource'),
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'The AWS-documented service role policy for AWS Backup; it is scoped by the backup selection.',
    );
  }
}
