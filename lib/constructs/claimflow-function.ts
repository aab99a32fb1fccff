/**
 * The one way ClaimFlow declares a Lambda: a NodejsFunction bundled locally by esbuild (never Docker), secure
 * defaults, its own encrypted log group, Powertools settings, and `bind*` methods that add a resource's name to the
 * environment and grant exactly the access the function needs in one call.
 */
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambdaNodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionDefaults, secureLogGroupProps } from '../defaults/secure-defaults.ts';
import { PROJECT_ROOT } from '../project-root.ts';

export interface ClaimFlowFunctionProps {
  /** Folder under functions/ holding `handler.ts`. */
  handlerFolder: string;
  description: string;
  key: kms.IKey;
  serviceName: string;
  metricsNamespace: string;
  timeout?: Duration;
  memorySize?: number;
  reservedConcurrentExecutions?: number;
  environment?: Record<string, string>;
  /** Values esbuild inlines into the bundle at synth (e.g. the validated practice configuration). */
  bundleDefines?: Record<string, string>;
  /** Folders copied into the function asset next to the bundle, by name in the asset (absolute source paths). */
  assetFolders?: Record<string, string>;
}

export class ClaimFlowFunction extends Construct {
  readonly function: lambdaNodejs.NodejsFunction;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: ClaimFlowFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'LogGroup', secureLogGroupProps(props.key));
    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group, this
    // role only to the function's own.
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${id}: least-privilege execution role`,
    });
    logGroup.grantWrite(role);
    const defaults = functionDefaults();
    this.function = new lambdaNodejs.NodejsFunction(this, 'Function', {
      ...defaults,
      description: props.description,
      entry: join(PROJECT_ROOT, 'functions', props.handlerFolder, 'handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      timeout: props.timeout ?? defaults.timeout,
      memorySize: props.memorySize ?? defaults.memorySize,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions ?? defaults.reservedConcurrentExecutions,
      logGroup,
      role,
      environmentEncryption: props.key,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        // Bundle the SDK too: the deployed code is exactly the code the twin runs and the tests exercised.
        externalModules: [],
        minify: true,
        sourceMap: true,
        // The local twin runs these same bundles on the developer's Node.js (22 or later, 24 as on Lambda): target the older one.
        target: 'node22',
        forceDockerBundling: false,
        ...(props.assetFolders
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (_inputDir: string, outputDir: string) =>
                  Object.entries(props.assetFolders!).map(
                    ([name, source]) => `cp -R ${JSON.stringify(source)} ${JSON.stringify(`${outputDir}/${name}`)}`,
                  ),
              },
            }
          : {}),
        ...(props.bundleDefines
          ? {
              define: Object.fromEntries(
                Object.entries(props.bundleDefines).map(([name, value]) => [name, JSON.stringify(value)]),
              ),
            }
          : {}),
      },
    });
    this.alarms = [
      new cloudwatch.Alarm(this, 'Errors', {
        alarmDescription: `${id}: invocations are failing.`,
        metric: this.function.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'Throttles', {
        alarmDescription: `${id}: invocations are throttled (reserved concurrency reached).`,
        metric: this.function.metricThrottles({ period: Duration.minutes(1), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }

  /** Read-write access to a table, its name in `envName`. */
  bindTable(envName: string, table: dynamodb.ITable, access: 'read' | 'readWrite' = 'readWrite'): this {
    this.function.addEnvironment(envName, table.tableName);
    if (access === 'read') table.grantReadData(this.function);
    else table.grantReadWriteData(this.function);
    return this;
  }

  /**
   * Object access to a bucket, its name in `envName`: read (and head) objects under `readPrefix`, write objects under
   * `writePrefix`. Nothing else: no listing, no deletes, no bucket configuration.
   */
  bindBucket(envName: string, bucket: s3.IBucket, access: { readPrefix?: string; writePrefix?: string }): this {
    this.function.addEnvironment(envName, bucket.bucketName);
    if (access.readPrefix !== undefined) {
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [bucket.arnForObjects(`${access.readPrefix}*`)],
        }),
      );
      bucket.encryptionKey?.grantDecrypt(this.function);
    }
    if (access.writePrefix !== undefined) {
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects(`${access.writePrefix}*`)],
        }),
      );
      // Writing with SSE-KMS needs a data key, and Decrypt for the bucket key's multipart/copy paths.
      bucket.encryptionKey?.grant(this.function, 'kms:GenerateDataKey', 'kms:Decrypt');
    }
    return this;
  }

  /** Permission to publish to a queue, its URL in `envName`. */
  bindQueueProducer(envName: string, queue: sqs.IQueue): this {
    this.function.addEnvironment(envName, queue.queueUrl);
    queue.grantSendMessages(this.function);
    return this;
  }
}
