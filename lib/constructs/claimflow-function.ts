/**
 * The one way ClaimFlow declares a Lambda: a NodejsFunction bundled locally by esbuild (never Docker), secure
 * defaults, its own encrypted log group and role, and `bind*` calls that each, in one step, put a resource's name in
 * the environment, grant exactly the access the function needs, and acknowledge the cdk-nag findings that grant
 * raises (with the reason, on the function's own policy).
 *
 * The environment is checked at synth against the function's schema in contracts/functions/ (the schema the function
 * parses `process.env` with at cold start): a variable missing, unknown to the contract, or with a value the contract
 * refuses fails the synth.
 */
import { join } from 'node:path';
import { type CfnResource, Duration, Stack, Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as apigwv2Integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as lambdaEventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as lambdaNodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { z } from 'zod';
import { environmentKeys, type FunctionEnvironmentSchema, secretsExtensionEnvironment } from '#contracts/environment';
import { FUNCTION_ENVIRONMENTS, type FunctionName } from '#contracts/functions/index';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#contracts/metrics';
import { functionDefaults, secureLogGroupProps } from '../defaults/secure-defaults.ts';
import { acknowledge, logicalIdOf, resourceOf } from '../nag.ts';
import { keepLogicalId } from '../platform/logical-ids.ts';
import { PROJECT_ROOT } from '../project-root.ts';

/** Template metadata naming a function's contract, so tests and tools can find its schema from the template. */
export const FUNCTION_NAME_METADATA = 'claimflow:function';

/**
 * DynamoDB actions by what a function does with a table. No profile grants DeleteItem on domain data, BatchWriteItem
 * (unconditional) or Scan (unbounded): history is appended, never deleted, and every read is a key or index query.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'];
export const TABLE_ACCESS = {
  read: READ_ACTIONS,
  /** Reads plus conditional puts and updates. */
  readWrite: [...READ_ACTIONS, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  /** Powertools idempotency records: read, conditional put, update, and delete of the record of a failed invocation. */
  idempotency: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
} as const;

export interface ClaimFlowFunctionProps {
  /** Folder under functions/ holding `handler.ts`, and the key of its schema in contracts/functions/. */
  name: FunctionName;
  description: string;
  /** Encrypts the log group and the environment. */
  key: kms.IKey;
  timeout?: Duration;
  memorySize?: number;
  /** Reserved concurrency; none by default (see functionDefaults). */
  reservedConcurrency?: number;
  /** Values known at synth (limits, asset folder names), checked against the contract like every other variable. */
  environment?: Record<string, string>;
  /** Values esbuild inlines into the bundle at synth (e.g. the validated practice configuration). */
  bundleDefines?: Record<string, string>;
  /** Folders copied into the function asset next to the bundle, by name in the asset (absolute source paths). */
  assetFolders?: Record<string, string>;
  /** Logical ids of a function's log group that is already deployed (see platform/logical-ids.ts). */
  deployedLogGroupLogicalId?: string;
  /**
   * The function reads Secrets Manager secrets (`bindSecret`): it gets the AWS Parameters and Secrets Lambda
   * Extension, which serves secret values on localhost with a cache, so values never sit in the environment.
   */
  readsSecrets?: boolean;
}

/**
 * How long the extension keeps a secret value: short enough that a rotated value is used within minutes, long
 * enough that a busy function does not call Secrets Manager on every invocation.
 */
const SECRET_CACHE_TTL = Duration.minutes(5);

export class ClaimFlowFunction extends Construct {
  readonly function: lambdaNodejs.NodejsFunction;
  readonly name: FunctionName;
  readonly timeout: Duration;
  readonly readsSecrets: boolean;
  private readonly role: iam.Role;
  private readonly variables = new Map<string, string>();
  /** Variables the stack sets through a layer's configuration rather than `setEnvironment` (the secrets extension). */
  private readonly layerVariables = new Set<string>();

  constructor(scope: Construct, id: string, props: ClaimFlowFunctionProps) {
    super(scope, id);
    this.name = props.name;
    this.readsSecrets = props.readsSecrets ?? false;
    if (this.readsSecrets) for (const key of Object.keys(secretsExtensionEnvironment)) this.layerVariables.add(key);
    const defaults = functionDefaults();
    this.timeout = props.timeout ?? defaults.timeout!;
    const logGroup = new logs.LogGroup(this, 'LogGroup', secureLogGroupProps(props.key));
    if (props.deployedLogGroupLogicalId) keepLogicalId(logGroup, props.deployedLogGroupLogicalId);
    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group, this
    // role only to the function's own.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.name}: least-privilege execution role`,
    });
    logGroup.grantWrite(this.role);
    this.function = new lambdaNodejs.NodejsFunction(this, 'Function', {
      ...defaults,
      description: props.description,
      entry: join(PROJECT_ROOT, 'functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      timeout: this.timeout,
      memorySize: props.memorySize ?? defaults.memorySize,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      logGroup,
      role: this.role,
      environmentEncryption: props.key,
      ...(this.readsSecrets
        ? {
            paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(
              lambda.ParamsAndSecretsVersions.V1_0_103,
              {
                cacheEnabled: true,
                secretsManagerTtl: SECRET_CACHE_TTL,
                logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
              },
            ),
          }
        : {}),
      bundling: {
        // Bundle the SDK too: the deployed code is exactly the code the twin runs and the tests exercised.
        externalModules: [],
        minify: true,
        sourceMap: true,
        // The twin runs these same bundles on the developer's Node.js (22 or later, 24 as on Lambda): target the older.
        target: 'node22',
        forceDockerBundling: false,
        ...(props.assetFolders ? { commandHooks: copyFolders(props.assetFolders) } : {}),
        ...(props.bundleDefines
          ? {
              define: Object.fromEntries(
                Object.entries(props.bundleDefines).map(([name, value]) => [name, JSON.stringify(value)]),
              ),
            }
          : {}),
      },
    });
    (this.function.node.defaultChild as CfnResource).addMetadata(FUNCTION_NAME_METADATA, props.name);

    this.setEnvironment('NODE_OPTIONS', '--enable-source-maps');
    this.setEnvironment('POWERTOOLS_SERVICE_NAME', SERVICE_NAME);
    this.setEnvironment('POWERTOOLS_METRICS_NAMESPACE', METRICS_NAMESPACE);
    this.setEnvironment('POWERTOOLS_LOG_LEVEL', 'INFO');
    for (const [name, value] of Object.entries(props.environment ?? {})) this.setEnvironment(name, value);
    this.node.addValidation({ validate: () => this.environmentProblems() });

    // Tracing adds the X-Ray statement to the role's default policy, which every later grant extends.
    const policy = this.defaultPolicy();
    acknowledge(
      policy,
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
    );
    acknowledge(
      policy,
      'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy',
      'The policy is generated per role from exact resource grants; a managed policy would hold the same statements.',
    );
    if (props.reservedConcurrency === undefined) {
      acknowledge(
        resourceOf(this.function),
        'HIPAA.Security::HIPAA.Security-LambdaConcurrency',
        'Reserved concurrency is a per-deployment choice (-c claimflow:reservedConcurrency=N): reserving fails the ' +
          "deployment in a new account, whose whole quota is 10. Queue consumers are bounded by their event source's " +
          'maximum concurrency.',
      );
    }
    acknowledge(
      resourceOf(this.function),
      'HIPAA.Security::HIPAA.Security-LambdaInsideVPC',
      'The function reaches only AWS service endpoints over TLS with IAM auth; it holds no VPC resources to protect.',
    );
  }

  /** A table, its name in `envName`, with the actions of one TABLE_ACCESS profile on the table and its indexes. */
  bindTable(envName: string, table: dynamodb.Table, actions: readonly string[]): this {
    this.setEnvironment(envName, table.tableName);
    table.grant(this.function, ...actions);
    // DynamoDB decrypts the table key with the caller's permission; it never asks the caller to encrypt.
    table.encryptionKey?.grant(this.function, 'kms:Decrypt', 'kms:DescribeKey');
    const cfnTable = table.node.defaultChild as dynamodb.CfnTable;
    const indexes = Stack.of(this).resolve(cfnTable.globalSecondaryIndexes) as unknown[] | undefined;
    if (indexes?.length) {
      acknowledge(
        this.defaultPolicy(),
        `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalIdOf(table)}.Arn>/index/*]`,
        "Queries go through the table's own global secondary indexes, whose ARNs are only known as table/index/*.",
      );
    }
    return this;
  }

  /**
   * Object access to a bucket, its name in `envName`: read (and read versions of) objects under `readPrefix`, write
   * objects under `writePrefix`. Nothing else: no listing, no deletes, no bucket configuration.
   */
  bindBucket(envName: string, bucket: s3.IBucket, access: { readPrefix?: string; writePrefix?: string }): this {
    this.setEnvironment(envName, bucket.bucketName);
    const bucketId = logicalIdOf(bucket);
    if (access.readPrefix !== undefined) {
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectVersion'],
          resources: [bucket.arnForObjects(`${access.readPrefix}*`)],
        }),
      );
      bucket.encryptionKey?.grant(this.function, 'kms:Decrypt');
      this.acknowledgePrefix(bucketId, access.readPrefix, 'objects arrive under keys unknown in advance');
    }
    if (access.writePrefix !== undefined) {
      this.function.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['s3:PutObject'],
          resources: [bucket.arnForObjects(`${access.writePrefix}*`)],
        }),
      );
      // SSE-KMS writes need a data key (the bucket key's), and Decrypt for multipart uploads.
      bucket.encryptionKey?.grant(this.function, 'kms:GenerateDataKey', 'kms:Decrypt');
      this.acknowledgePrefix(bucketId, access.writePrefix, 'one object per item written, keys unknown in advance');
    }
    return this;
  }

  /**
   * Read a Secrets Manager secret at run time, its ARN (never its value) in `envName`: GetSecretValue on that
   * secret, and Decrypt on its key through Secrets Manager only. The function must be declared `readsSecrets`.
   */
  bindSecret(envName: string, secret: secretsmanager.ISecret): this {
    if (!this.readsSecrets)
      throw new Error(`${this.node.path}: bindSecret needs readsSecrets (the secrets extension serves the value)`);
    this.setEnvironment(envName, secret.secretArn);
    // GetSecretValue and DescribeSecret on this secret; kms:Decrypt on its key only via Secrets Manager.
    secret.grantRead(this.function);
    return this;
  }

  /** Permission to send to a queue, its URL in `envName`. */
  bindQueueProducer(envName: string, queue: sqs.IQueue): this {
    this.setEnvironment(envName, queue.queueUrl);
    queue.grant(this.function, 'sqs:SendMessage');
    // SQS asks the producer for a data key (and to decrypt it when reused); never to encrypt or re-encrypt.
    queue.encryptionMasterKey?.grant(this.function, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this;
  }

  /**
   * Call Amazon Comprehend Medical InferICD10CM (only when the practice configuration's `comprehendMedical` switch is
   * on). The action has no resource-level permissions, so the statement's resource is "*": its cdk-nag finding is
   * acknowledged here, on the function's own policy, with that reason. No other Comprehend Medical action.
   */
  grantComprehendMedicalInference(): this {
    this.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['comprehendmedical:InferICD10CM'], resources: ['*'] }),
    );
    acknowledge(
      this.defaultPolicy(),
      'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      'X-Ray PutTraceSegments/PutTelemetryRecords and comprehendmedical:InferICD10CM support no resource-level ' +
        'permissions.',
    );
    return this;
  }

  /**
   * Look at a dead-letter queue's messages without consuming them (receive, then make them visible again): the
   * reconciler records dead letters and leaves them for redrive. No DeleteMessage.
   */
  bindDeadLetterQueueReader(envName: string, queue: sqs.IQueue): this {
    this.setEnvironment(envName, queue.queueUrl);
    queue.grant(this.function, 'sqs:ReceiveMessage', 'sqs:ChangeMessageVisibility');
    queue.encryptionMasterKey?.grantDecrypt(this.function);
    return this;
  }

  /**
   * Consume a queue through an event source mapping that reports partial batch failures. Failed messages go to the
   * queue's dead-letter queue after its maxReceiveCount, so the function needs no DLQ or on-failure destination of
   * its own.
   */
  consumeQueue(queue: sqs.IQueue, options: { batchSize: number; maxBatchingWindow: Duration; maxConcurrency: number }) {
    const source = new lambdaEventSources.SqsEventSource(queue, { ...options, reportBatchItemFailures: true });
    this.function.addEventSource(source);
    const reason =
      "Invoked only by an SQS event source: failed messages go to that queue's dead-letter queue (alarmed).";
    acknowledge(resourceOf(this.function), 'HIPAA.Security::HIPAA.Security-LambdaDLQ', reason);
    acknowledge(resourceOf(this.function), 'Serverless::Serverless-LambdaDLQ', reason);
    // addEventSource creates the mapping as the function's newest SqsEventSource child.
    const mapping = this.function.node.children.filter((c) => c.node.id.startsWith('SqsEventSource')).at(-1)!;
    acknowledge(
      resourceOf(mapping),
      'Serverless::Serverless-LambdaEventSourceMappingDestination',
      "SQS event sources do not support on-failure destinations; the queue's redrive policy sends failures to its DLQ.",
    );
    return this;
  }

  /**
   * Serve one route of an HTTP API (payload format 2.0): API Gateway invokes the function synchronously and answers
   * the caller with its result, so a failure is the caller's to retry (a webhook sender, an operator), never a
   * dead-letter's.
   */
  serveHttpRoute(api: apigwv2.HttpApi, method: apigwv2.HttpMethod, path: string): this {
    const integration = new apigwv2Integrations.HttpLambdaIntegration(
      `${this.node.id}Integration${method}`,
      this.function,
      {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      },
    );
    api.addRoutes({ path, methods: [method], integration });
    const reason =
      'Invoked synchronously by API Gateway: the caller receives the error and retries; there is no event to keep.';
    acknowledge(resourceOf(this.function), 'HIPAA.Security::HIPAA.Security-LambdaDLQ', reason);
    acknowledge(resourceOf(this.function), 'Serverless::Serverless-LambdaDLQ', reason);
    return this;
  }

  /**
   * Run the function on an EventBridge schedule (a rule named `Schedule` in `scope`, the feature). A failed run is
   * retried twice; beyond that the next run makes up for it (`nextRun` says how), so no dead-letter queue: it would
   * hold only empty schedule events.
   */
  runOnSchedule(scope: Construct, schedule: { every: Duration; description: string; nextRun: string }): events.Rule {
    const rule = new events.Rule(scope, 'Schedule', {
      description: schedule.description,
      schedule: events.Schedule.rate(schedule.every),
      targets: [new targets.LambdaFunction(this.function, { retryAttempts: 2 })],
    });
    const reason =
      `Invoked by an EventBridge schedule: a failed run is retried, and ${schedule.nextRun}; its Errors alarm ` +
      'reports failures. A dead-letter queue would hold only empty schedule events.';
    acknowledge(resourceOf(this.function), 'HIPAA.Security::HIPAA.Security-LambdaDLQ', reason);
    acknowledge(resourceOf(this.function), 'Serverless::Serverless-LambdaDLQ', reason);
    acknowledge(
      resourceOf(rule),
      'Serverless::Serverless-EventBusDLQ',
      'Schedule events carry no data: an event that fails delivery is made up for by the next run.',
    );
    return rule;
  }

  /** The environment as set so far (names to values, tokens unresolved). */
  environment(): Readonly<Record<string, string>> {
    return Object.fromEntries(this.variables);
  }

  private setEnvironment(name: string, value: string): void {
    if (this.variables.has(name)) throw new Error(`${this.node.path}: environment variable ${name} is bound twice`);
    this.variables.set(name, value);
    this.function.addEnvironment(name, value);
  }

  private environmentProblems(): string[] {
    const schema: FunctionEnvironmentSchema = FUNCTION_ENVIRONMENTS[this.name];
    const { all, optional } = environmentKeys(schema);
    const set = [...this.variables.keys()];
    const problems = [
      ...all
        .filter((k) => !optional.includes(k) && !this.variables.has(k) && !this.layerVariables.has(k))
        .map((k) => `${k} is not set`),
      ...set.filter((k) => !all.includes(k)).map((k) => `${k} is not in the contract`),
    ];
    for (const [key, value] of this.variables) {
      const field = schema.shape[key];
      if (!field || Token.isUnresolved(value)) continue;
      const parsed = z.safeParse(field, value);
      if (!parsed.success) problems.push(`${key}: ${parsed.error.issues.map((i) => i.message).join(', ')}`);
    }
    return problems.map((p) => `environment of ${this.name} (contracts/functions/${this.name}.ts): ${p}`);
  }

  private defaultPolicy(): iam.CfnPolicy {
    const policy = this.role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as iam.CfnPolicy | undefined;
    if (!policy) throw new Error(`${this.node.path} has no default policy yet`);
    return policy;
  }

  private acknowledgePrefix(bucketLogicalId: string, prefix: string, why: string): void {
    acknowledge(
      this.defaultPolicy(),
      `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/${prefix}*]`,
      `Object-level permission on the ${prefix} prefix only: ${why}.`,
    );
  }
}

function copyFolders(folders: Record<string, string>): lambdaNodejs.ICommandHooks {
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) =>
      Object.entries(folders).map(
        ([name, source]) => `cp -R ${JSON.stringify(source)} ${JSON.stringify(`${outputDir}/${name}`)}`,
      ),
  };
}
