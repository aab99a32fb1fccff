/**
 * The local twin: the stack `cdk deploy` deploys, running on one machine with no AWS account and no Docker.
 * Everything is read from the synthesized template (buckets, queues, tables, functions, their environment and
 * every event wiring), so a wiring mistake in the stack shows up here too.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import type { CreateAppOptions } from '#lib/app';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { AsyncInvoker } from './async-invoker.ts';
import { EmfMetrics } from './emf-metrics.ts';
import { type IntrinsicContext, type LocalResourceAttributes, resolveString, resolveValue } from './intrinsics.ts';
import { type FunctionDefinition, LambdaRuntime } from './lambda-runtime.ts';
import { BucketNotifications, type NotificationTarget } from './s3-notifications.ts';
import { SqsEventSource } from './sqs-event-source.ts';
import { type SynthesizedStack, synthesize } from './synthesize.ts';
import { type CfnResource, property, resourcesOfType } from './template.ts';

const REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Declared in the template, with no behaviour to reproduce offline (security and observability controls). */
const INERT_TYPES = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
  'AWS::S3::BucketPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::Logs::LogGroup',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::Dashboard',
  'AWS::Backup::BackupPlan',
  'AWS::Backup::BackupVault',
  'AWS::Backup::BackupSelection',
  'AWS::Lambda::Permission',
  'AWS::CDK::Metadata',
]);

export interface LocalTwinOptions {
  /** Where to synthesize the app (default: a temporary folder under .claimflow/). */
  outdir: string;
  /** Use an already synthesized stack instead of synthesizing. */
  synthesized?: SynthesizedStack;
  customize?: CreateAppOptions['customize'];
  /** Deploy this code set bundle directory with the functions (as `cdk deploy -c claimflow:codesets=DIR`). */
  codeSetsDir?: string;
  /** Practice configuration file (default: the sample). */
  practiceConfigPath?: string;
  host?: string;
  ports?: { s3?: number; sqs?: number; dynamodb?: number };
  /**
   * Multiplies queue visibility timeouts and retry delays, so a failure's redelivery takes seconds, not minutes
   * (default 1/60: the six-minute intake visibility timeout becomes six seconds). 1 reproduces AWS timing.
   */
  timeScale?: number;
  /** Execution environments per function at most (default: the smaller of reserved concurrency and 2). */
  maxEnvironmentsPerFunction?: number;
  /** Receives function log lines (default: dropped). EMF metric lines go to `metrics`. */
  log?: (functionName: string, stream: 'stdout' | 'stderr', text: string) => void;
  /** Receives errors of the wiring itself (failed invocations are normal and counted, not reported here). */
  onWiringError?: (error: unknown) => void;
}

export interface QueueState {
  logicalId: string;
  name: string;
  url: string;
  visible: number;
  inFlight: number;
  delayed: number;
  deadLetterQueue: boolean;
  consumed: boolean;
  oldestMessageAgeSeconds: number;
}

export class LocalTwin {
  readonly metrics: EmfMetrics;
  readonly outputs: Record<string, string> = {};
  readonly resources = new Map<string, LocalResourceAttributes & { type: string }>();
  /** Resource types the template declares that have no offline behaviour, with their count. */
  readonly inert = new Map<string, number>();
  readonly runtimes = new Map<string, LambdaRuntime>();
  readonly eventSources: SqsEventSource[] = [];
  readonly asyncInvokers: AsyncInvoker[] = [];
  endpoints = { s3: '', sqs: '', dynamodb: '' };
  s3!: S3Client;
  sqs!: SQSClient;
  dynamodb!: DynamoDBClient;

  private readonly s3Emulator = new S3Emulator({ region: REGION });
  private readonly sqsEmulator = new SqsEmulator({ region: REGION, accountId: ACCOUNT_ID });
  private readonly dynaliteServer = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  private notifications?: BucketNotifications;
  private unsubscribe?: () => void;
  private readonly queueRoles = new Map<string, { deadLetterQueue: boolean; consumed: boolean; name: string }>();

  private constructor(
    readonly stack: SynthesizedStack,
    private readonly options: LocalTwinOptions,
  ) {
    this.metrics = new EmfMetrics(options.log ?? (() => {}));
  }

  static async start(options: LocalTwinOptions): Promise<LocalTwin> {
    const stack =
      options.synthesized ??
      synthesize(options.outdir, options.customize, {
        ...(options.codeSetsDir ? { codeSetsDir: options.codeSetsDir } : {}),
        ...(options.practiceConfigPath ? { practiceConfigPath: options.practiceConfigPath } : {}),
      });
    const twin = new LocalTwin(stack, options);
    try {
      await twin.boot();
    } catch (error) {
      await twin.stop();
      throw error;
    }
    return twin;
  }

  /** The context the twin resolves the template's intrinsics with (local names, URLs and ARNs). */
  get intrinsicContext(): IntrinsicContext {
    return this.context;
  }

  private get context(): IntrinsicContext {
    return { region: REGION, accountId: ACCOUNT_ID, stackName: this.stack.stackName, resources: this.resources };
  }

  private localName(logicalId: string, maxLength: number, lowerCase = false): string {
    const name = `${this.stack.stackName}-${logicalId}`.slice(0, maxLength);
    return lowerCase ? name.toLowerCase() : name;
  }

  private async boot(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    this.endpoints.s3 = await this.s3Emulator.listen(this.options.ports?.s3 ?? 0, host);
    this.endpoints.sqs = await this.sqsEmulator.listen(this.options.ports?.sqs ?? 0, host);
    await new Promise<void>((resolve) => this.dynaliteServer.listen(this.options.ports?.dynamodb ?? 0, host, resolve));
    this.endpoints.dynamodb = `http://${host}:${(this.dynaliteServer.address() as AddressInfo).port}`;

    const client = { region: REGION, credentials: LOCAL_CREDENTIALS };
    this.s3 = new S3Client({ ...client, endpoint: this.endpoints.s3, forcePathStyle: true });
    this.sqs = new SQSClient({ ...client, endpoint: this.endpoints.sqs });
    this.dynamodb = new DynamoDBClient({ ...client, endpoint: this.endpoints.dynamodb });

    this.nameEveryResource();
    this.createBuckets();
    this.createQueues();
    await this.createTables();
    this.createFunctions();
    this.wireEventSourceMappings();
    this.wireBucketNotifications();
    this.resolveOutputs();
  }

  /** Physical names, Ref values and GetAtt attributes for every resource, before anything references them. */
  private nameEveryResource(): void {
    const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;
    for (const [logicalId, resource] of Object.entries(this.stack.template.Resources)) {
      let attributes: LocalResourceAttributes;
      switch (resource.Type) {
        case 'AWS::S3::Bucket': {
          const name = this.localName(logicalId, 63, true);
          attributes = {
            ref: name,
            attributes: {
              Arn: `arn:aws:s3:::${name}`,
              DomainName: `${name}.s3.amazonaws.com`,
              RegionalDomainName: `${name}.s3.${REGION}.amazonaws.com`,
            },
          };
          break;
        }
        case 'AWS::SQS::Queue': {
          const name = this.localName(logicalId, 80);
          const url = `${this.endpoints.sqs}/${ACCOUNT_ID}/${name}`;
          attributes = { ref: url, attributes: { Arn: arn('sqs', name), QueueName: name, QueueUrl: url } };
          break;
        }
        case 'AWS::DynamoDB::Table': {
          const name = this.localName(logicalId, 255);
          attributes = { ref: name, attributes: { Arn: arn('dynamodb', `table/${name}`) } };
          break;
        }
        case 'AWS::Lambda::Function': {
          const name = this.localName(logicalId, 64);
          attributes = { ref: name, attributes: { Arn: arn('lambda', `function:${name}`) } };
          break;
        }
        case 'AWS::KMS::Key': {
          const id = `local-${logicalId}`;
          attributes = { ref: id, attributes: { Arn: arn('kms', `key/${id}`), KeyId: id } };
          // Keys are referenced (so they get ids) but nothing is encrypted offline.
          this.inert.set(resource.Type, (this.inert.get(resource.Type) ?? 0) + 1);
          break;
        }
        default: {
          const name = this.localName(logicalId, 128);
          attributes = { ref: name, attributes: { Arn: arn('local', name) } };
          if (INERT_TYPES.has(resource.Type)) this.inert.set(resource.Type, (this.inert.get(resource.Type) ?? 0) + 1);
        }
      }
      this.resources.set(logicalId, { ...attributes, type: resource.Type });
    }
  }

  private createBuckets(): void {
    for (const [logicalId, bucket] of resourcesOfType(this.stack.template, 'AWS::S3::Bucket')) {
      const versioning = property<{ Status?: string }>(bucket, 'VersioningConfiguration');
      this.s3Emulator.createBucket(this.resources.get(logicalId)!.ref, { versioned: versioning?.Status === 'Enabled' });
    }
  }

  /** Dead-letter queues first, so each redrive policy names a queue that exists. */
  private createQueues(): void {
    const queues = resourcesOfType(this.stack.template, 'AWS::SQS::Queue');
    const redriveOf = (q: CfnResource) => property<Record<string, unknown>>(q, 'RedrivePolicy');
    const deadLetterArns = new Set(
      queues
        .map(([, q]) => redriveOf(q))
        .filter(Boolean)
        .map((r) => resolveString(r!.deadLetterTargetArn, this.context)),
    );
    const ordered = [...queues].sort(([, a], [, b]) => Number(Boolean(redriveOf(a))) - Number(Boolean(redriveOf(b))));
    const scale = this.options.timeScale ?? 1 / 60;
    for (const [logicalId, queue] of ordered) {
      const local = this.resources.get(logicalId)!;
      const attributes: Record<string, string> = {};
      const visibility = property<number>(queue, 'VisibilityTimeout');
      attributes.VisibilityTimeout = String(Math.max(1, Math.round((visibility ?? 30) * scale)));
      const retention = property<number>(queue, 'MessageRetentionPeriod');
      if (retention !== undefined) attributes.MessageRetentionPeriod = String(retention);
      const delay = property<number>(queue, 'DelaySeconds');
      if (delay !== undefined) attributes.DelaySeconds = String(delay);
      const redrive = redriveOf(queue);
      if (redrive) attributes.RedrivePolicy = JSON.stringify(resolveValue(redrive, this.context));
      const name = local.attributes.QueueName!;
      this.sqsEmulator.createQueue(name, attributes);
      this.queueRoles.set(logicalId, {
        name,
        deadLetterQueue: deadLetterArns.has(local.attributes.Arn!),
        consumed: false,
      });
    }
  }

  private async createTables(): Promise<void> {
    for (const [logicalId, table] of resourcesOfType(this.stack.template, 'AWS::DynamoDB::Table')) {
      const indexes = property<Record<string, unknown>[]>(table, 'GlobalSecondaryIndexes');
      await this.dynamodb.send(
        new CreateTableCommand({
          TableName: this.resources.get(logicalId)!.ref,
          AttributeDefinitions: property(table, 'AttributeDefinitions'),
          KeySchema: property(table, 'KeySchema'),
          BillingMode: 'PAY_PER_REQUEST',
          ...(indexes
            ? {
                GlobalSecondaryIndexes: indexes.map((index) => ({
                  IndexName: index.IndexName as string,
                  KeySchema: index.KeySchema as never,
                  Projection: index.Projection as never,
                })),
              }
            : {}),
        }),
      );
    }
  }

  /** Functions with a bundled asset run in the twin; CDK's inline deploy-time helpers have nothing to do offline. */
  private createFunctions(): void {
    const scale = this.options.timeScale ?? 1 / 60;
    for (const [logicalId, fn] of resourcesOfType(this.stack.template, 'AWS::Lambda::Function')) {
      const assetPath = fn.Metadata?.['aws:asset:path'];
      if (typeof assetPath !== 'string') {
        this.inert.set(
          'AWS::Lambda::Function (deploy-time helper)',
          (this.inert.get('AWS::Lambda::Function (deploy-time helper)') ?? 0) + 1,
        );
        continue;
      }
      const local = this.resources.get(logicalId)!;
      const [file, exportName] = splitHandler(String(property(fn, 'Handler') ?? 'index.handler'));
      const variables = resolveValue(
        property<{ Variables?: unknown }>(fn, 'Environment')?.Variables ?? {},
        this.context,
      ) as Record<string, string>;
      const reserved = property<number>(fn, 'ReservedConcurrentExecutions');
      const memorySize = property<number>(fn, 'MemorySize') ?? 128;
      const definition: FunctionDefinition = {
        logicalId,
        functionName: local.ref,
        functionArn: local.attributes.Arn!,
        entryFile: join(this.stack.assemblyDir, assetPath, `${file}.js`),
        exportName,
        timeoutSeconds: property<number>(fn, 'Timeout') ?? 3,
        memorySize,
        concurrency: Math.max(1, Math.min(reserved ?? 1000, this.options.maxEnvironmentsPerFunction ?? 2)),
        environment: {
          ...variables,
          AWS_REGION: REGION,
          AWS_DEFAULT_REGION: REGION,
          AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
          AWS_ENDPOINT_URL_S3: this.endpoints.s3,
          AWS_ENDPOINT_URL_SQS: this.endpoints.sqs,
          AWS_ENDPOINT_URL_DYNAMODB: this.endpoints.dynamodb,
          AWS_LAMBDA_FUNCTION_NAME: local.ref,
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
          AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${local.ref}`,
          // Where Lambda unpacks the asset (/var/task): here, the asset folder itself.
          LAMBDA_TASK_ROOT: join(this.stack.assemblyDir, assetPath),
          TZ: 'UTC',
        },
      };
      const runtime = new LambdaRuntime(definition, this.metrics);
      this.runtimes.set(logicalId, runtime);
      const invokeConfig = resourcesOfType(this.stack.template, 'AWS::Lambda::EventInvokeConfig').find(
        ([, c]) => resolveString(property(c, 'FunctionName'), this.context) === local.ref,
      )?.[1];
      const failureArn =
        (invokeConfig &&
          resolveValue(
            (property<{ OnFailure?: { Destination?: unknown } }>(invokeConfig, 'DestinationConfig') ?? {}).OnFailure
              ?.Destination,
            this.context,
          )) ??
        resolveValue(property<{ TargetArn?: unknown }>(fn, 'DeadLetterConfig')?.TargetArn, this.context);
      this.asyncInvokers.push(
        new AsyncInvoker(
          runtime,
          {
            maximumRetryAttempts: (invokeConfig && property<number>(invokeConfig, 'MaximumRetryAttempts')) ?? 2,
            ...(typeof failureArn === 'string' ? { failureQueueUrl: this.queueUrlOfArn(failureArn) } : {}),
            retryDelayMs: (attempt) => attempt * 60_000 * scale,
          },
          this.sqs,
          this.wiringError,
        ),
      );
    }
  }

  private wireEventSourceMappings(): void {
    for (const [logicalId, mapping] of resourcesOfType(this.stack.template, 'AWS::Lambda::EventSourceMapping')) {
      if (property(mapping, 'Enabled') === false) continue;
      const sourceArn = resolveString(property(mapping, 'EventSourceArn'), this.context);
      const functionName = resolveString(property(mapping, 'FunctionName'), this.context);
      const runtime = [...this.runtimes.values()].find((r) => r.definition.functionName === functionName);
      if (!runtime)
        throw new Error(`event source mapping ${logicalId} targets ${functionName}, which the twin does not run`);
      const queueUrl = this.queueUrlOfArn(sourceArn);
      const queueLogicalId = [...this.resources.entries()].find(([, r]) => r.attributes.Arn === sourceArn)?.[0];
      if (queueLogicalId) this.queueRoles.get(queueLogicalId)!.consumed = true;
      const scaling = property<{ MaximumConcurrency?: number }>(mapping, 'ScalingConfig');
      const source = new SqsEventSource(
        {
          logicalId,
          queueUrl,
          queueArn: sourceArn,
          batchSize: property<number>(mapping, 'BatchSize') ?? 10,
          maximumBatchingWindowSeconds: property<number>(mapping, 'MaximumBatchingWindowInSeconds') ?? 0,
          reportBatchItemFailures: (property<string[]>(mapping, 'FunctionResponseTypes') ?? []).includes(
            'ReportBatchItemFailures',
          ),
          maximumConcurrency: Math.min(scaling?.MaximumConcurrency ?? 2, runtime.definition.concurrency),
          region: REGION,
        },
        this.sqs,
        runtime,
        // Lambda reports a failed invocation in the function's log stream; so does the twin.
        (error) =>
          this.options.log?.(runtime.definition.functionName, 'stderr', `invocation failed: ${describe(error)}`),
      );
      source.start();
      this.eventSources.push(source);
    }
  }

  private wireBucketNotifications(): void {
    const targets = new Map<string, NotificationTarget[]>();
    for (const [, custom] of resourcesOfType(this.stack.template, 'Custom::S3BucketNotifications')) {
      const bucketName = resolveString(property(custom, 'BucketName'), this.context);
      const configuration =
        property<Record<string, Record<string, unknown>[]>>(custom, 'NotificationConfiguration') ?? {};
      const list = targets.get(bucketName) ?? [];
      for (const entry of configuration.QueueConfigurations ?? []) {
        list.push({
          events: entry.Events as string[],
          filter: keyFilter(entry.Filter),
          destination: { kind: 'queue', queueUrl: this.queueUrlOfArn(resolveString(entry.QueueArn, this.context)) },
        });
      }
      for (const entry of configuration.LambdaFunctionConfigurations ?? []) {
        const functionArn = resolveString(entry.LambdaFunctionArn, this.context);
        const index = [...this.runtimes.values()].findIndex((r) => r.definition.functionArn === functionArn);
        if (index < 0) throw new Error(`bucket ${bucketName} notifies ${functionArn}, which the twin does not run`);
        const invoker = this.asyncInvokers[index]!;
        list.push({
          events: entry.Events as string[],
          filter: keyFilter(entry.Filter),
          destination: { kind: 'function', invokeAsync: (event) => invoker.invoke(event) },
        });
      }
      if ((configuration.TopicConfigurations ?? []).length > 0) this.inert.set('S3 notifications to SNS', 1);
      targets.set(bucketName, list);
    }
    this.notifications = new BucketNotifications(targets, this.sqs, this.wiringError);
    this.unsubscribe = this.s3Emulator.onObjectCreated((record) => this.notifications!.deliver(record));
  }

  private resolveOutputs(): void {
    for (const [name, output] of Object.entries(this.stack.template.Outputs ?? {})) {
      this.outputs[name] = resolveString(output.Value, this.context);
    }
  }

  private queueUrlOfArn(queueArn: string): string {
    const name = queueArn.split(':').pop()!;
    return `${this.endpoints.sqs}/${ACCOUNT_ID}/${name}`;
  }

  private readonly wiringError = (error: unknown) => this.options.onWiringError?.(error);

  queues(): QueueState[] {
    return [...this.queueRoles.entries()].map(([logicalId, role]) => ({
      logicalId,
      name: role.name,
      url: `${this.endpoints.sqs}/${ACCOUNT_ID}/${role.name}`,
      deadLetterQueue: role.deadLetterQueue,
      consumed: role.consumed,
      oldestMessageAgeSeconds: this.sqsEmulator.oldestMessageAgeSeconds(role.name),
      ...this.sqsEmulator.stats(role.name),
    }));
  }

  /** Nothing is moving: no delivery, invocation or consumed message is pending anywhere. */
  isIdle(): boolean {
    const busy =
      (this.notifications?.inFlight ?? 0) +
      this.asyncInvokers.reduce((n, a) => n + a.inFlight, 0) +
      this.eventSources.reduce((n, s) => n + s.inFlight, 0) +
      [...this.runtimes.values()].reduce((n, r) => n + r.inFlight, 0) +
      this.queues()
        .filter((q) => q.consumed)
        .reduce((n, q) => n + q.visible + q.inFlight + q.delayed, 0);
    return busy === 0;
  }

  /** Resolves once the twin has been idle for `settleMs` in a row; rejects after `timeoutMs`. */
  async waitUntilDrained({ timeoutMs = 120_000, settleMs = 400 } = {}): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let idleSince: number | undefined;
    while (Date.now() < deadline) {
      if (this.isIdle()) {
        idleSince ??= Date.now();
        if (Date.now() - idleSince >= settleMs) return;
      } else idleSince = undefined;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pending = this.queues()
      .filter((q) => q.visible + q.inFlight + q.delayed > 0)
      .map((q) => `${q.logicalId}: ${q.visible} visible, ${q.inFlight} in flight`);
    throw new Error(`the twin did not drain within ${timeoutMs} ms (${pending.join('; ') || 'invocations pending'})`);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await Promise.all(this.eventSources.map((s) => s.stop()));
    await Promise.all([...this.runtimes.values()].map((r) => r.close()));
    this.s3?.destroy();
    this.sqs?.destroy();
    this.dynamodb?.destroy();
    await Promise.allSettled([
      this.s3Emulator.close(),
      this.sqsEmulator.close(),
      new Promise<void>((resolve) => this.dynaliteServer.close(() => resolve())),
    ]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}

function keyFilter(filter: unknown): { prefix?: string; suffix?: string } {
  const rules =
    (filter as { Key?: { FilterRules?: { Name: string; Value: string }[] } } | undefined)?.Key?.FilterRules ?? [];
  const result: { prefix?: string; suffix?: string } = {};
  for (const rule of rules) {
    if (rule.Name.toLowerCase() === 'prefix') result.prefix = rule.Value;
    if (rule.Name.toLowerCase() === 'suffix') result.suffix = rule.Value;
  }
  return result;
}
