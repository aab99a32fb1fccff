/**
 * Secure defaults as pure functions (in the manner of AWS Solutions Constructs): each returns the props a resource
 * gets unless a caller has a documented reason to differ. Constructs in lib/constructs spread these first.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** PHI lives here: customer-managed KMS, versioned, TLS only, never public, retained on stack deletion. */
export function secureBucketProps(key: kms.IKey, accessLogs?: s3.IBucket, logPrefix?: string): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    bucketKeyEnabled: true,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    ...(accessLogs ? { serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: logPrefix } : {}),
  };
}

/**
 * The access-log bucket: S3 server access logging only writes to SSE-S3 buckets, so this one bucket uses S3-managed
 * keys (it holds request metadata, never document bodies) and expires logs after the HIPAA six-year retention.
 */
export function accessLogBucketProps(): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
    lifecycleRules: [{ expiration: Duration.days(6 * 366), noncurrentVersionExpiration: Duration.days(30) }],
  };
}

/**
 * Queues carry claim ids and document references: KMS-encrypted, TLS only, and messages kept for the SQS maximum of
 * 14 days, so an outage of a consumer (or a long weekend) never expires work before someone redrives it.
 */
export function secureQueueProps(key: kms.IKey): sqs.QueueProps {
  return {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: key,
    dataKeyReuse: Duration.hours(1),
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  };
}

/** Tables: on-demand, customer-managed KMS, point-in-time recovery, deletion protection, retained. */
export function secureTableProps(key: kms.IKey): Omit<dynamodb.TableProps, 'partitionKey'> {
  return {
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** Log groups hold function logs (ids only, never PHI, but still encrypted and kept for a bounded time). */
export function secureLogGroupProps(key: kms.IKey): logs.LogGroupProps {
  return {
    encryptionKey: key,
    retention: logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * Function defaults: current Node.js runtime on Graviton, X-Ray tracing, structured JSON logs. No reserved
 * concurrency: a new account's quota is 10 in all, and reserving from it fails the deployment there; a deployment
 * that shares an account with other workloads sets it (`-c claimflow:reservedConcurrency=N`). Queue consumers are
 * bounded by their event source's maximum concurrency instead.
 */
export function functionDefaults(): Pick<
  lambda.FunctionProps,
  'runtime' | 'architecture' | 'tracing' | 'memorySize' | 'timeout' | 'loggingFormat'
> {
  return {
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    tracing: lambda.Tracing.ACTIVE,
    memorySize: 1024,
    timeout: Duration.seconds(60),
    loggingFormat: lambda.LoggingFormat.JSON,
  };
}

/**
 * Secrets: encrypted with a customer-managed key (readers need Decrypt on it through Secrets Manager), and a generated
 * value so no secret is ever typed into a template, a repository or a shell history. The value is letters and digits
 * only: it must survive JSON, URLs, HTTP headers and base64 decoding unchanged.
 */
export function secureSecretProps(
  key: kms.IKey,
  description: string,
  generate: { length: number; jsonKey?: string },
): secretsmanager.SecretProps {
  return {
    description,
    encryptionKey: key,
    generateSecretString: {
      passwordLength: generate.length,
      excludePunctuation: true,
      includeSpace: false,
      ...(generate.jsonKey ? { secretStringTemplate: '{}', generateStringKey: generate.jsonKey } : {}),
    },
  };
}

/**
 * An HTTP API stage's request limits, applied to every route (the stage's default route settings): a steady rate and
 * a burst per second, past which API Gateway answers 429 before anything runs.
 */
export function httpStageThrottle(ratePerSecond: number, burst: number) {
  return { rateLimit: ratePerSecond, burstLimit: burst };
}
