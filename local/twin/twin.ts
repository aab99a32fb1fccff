/**
 * The local twin: the stack `cdk deploy` deploys, running on one machine with no AWS account and no Docker.
 * Everything is read from the synthesized template: each resource type has a provider (providers/) that names,
 * creates, wires and stops its resources, and a type no provider knows stops the twin before anything starts, so
 * a resource added to the stack is never silently missing offline.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import dynalite from 'dynalite';
import { parseClearinghouseConnection, SECRET_ROLES, webhookSigningSecret } from '#contracts/secrets';
import type { Clock } from '#core/kernel/clock';
import type { CreateAppOptions } from '#lib/app';
import { S3Emulator } from '#local/emulators/s3';
import { SqsEmulator } from '#local/emulators/sqs';
import { type SandboxService, startSandboxService } from '#local/sandbox/start-sandbox';
import type { AsyncInvoker } from './async-invoker.ts';
import { EmfMetrics } from './emf-metrics.ts';
import { type IntrinsicContext, type LocalResourceAttributes, resolveString, resolveValue } from './intrinsics.ts';
import type { LambdaRuntime } from './lambda-runtime.ts';
import { PROVIDERS } from './providers/index.ts';
import type {
  LocalFunction,
  LocalQueue,
  ResourceProvider,
  TemplateResource,
  TwinContext,
  TwinServices,
} from './providers/provider.ts';
import { SecretsExtension } from './secrets-extension.ts';
import type { SqsEventSource } from './sqs-event-source.ts';
import { type SynthesizedStack, synthesize } from './synthesize.ts';
import { type TwinScrubbing, twinScrubbing } from './twin-state.ts';

const REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
/**
 * `npm start`'s time scale: the six-minute intake visibility timeout becomes 72 s and the one-minute function timeout
 * 12 s. Work is not scaled, only waiting: with every sample uploaded at once on a two-core machine shared with other
 * work (load average above 20), a 6 s timeout (1/10) killed batches and their retries until documents reached the
 * DLQ, exactly as Lambda would with that little CPU. Tests, which upload a few documents at a time, use 1/10.
 */
export const DEFAULT_TIME_SCALE = 1 / 5;

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
  /**
   * Keep S3 objects, SQS messages and DynamoDB items in this folder, so a restarted twin finds them again (`npm
   * start` uses .claimflow/data). Without it everything lives in memory and is gone when the twin stops.
   */
  dataDir?: string;
  host?: string;
  ports?: { s3?: number; sqs?: number; dynamodb?: number };
  /**
   * Multiplies AWS's waiting times: queue visibility timeouts, retry delays and function timeouts, so a failure's
   * redelivery takes seconds, not minutes, while every ratio between them stays AWS's (default DEFAULT_TIME_SCALE,
   * 1/5). 1 is AWS timing. Work is not scaled: at a small scale a slow machine times out where Lambda would not.
   */
  timeScale?: number;
  /** Execution environments per function at most (default: the smaller of reserved concurrency and 2). */
  maxEnvironmentsPerFunction?: number;
  /** Receives function log lines (default: dropped). EMF metric lines go to `metrics`. */
  log?: (functionName: string, stream: 'stdout' | 'stderr', text: string) => void;
  /** Receives errors of the wiring itself (failed invocations are normal and counted, not reported here). */
  onWiringError?: (error: unknown) => void;
  /**
   * Run the sandbox clearinghouse (local/sandbox) beside the stack, at the twin's time scale, with its state under
   * `<dataDir>/clearinghouse` (default true). The twin configures both sides as an operator would in AWS: the sandbox
   * accepts the API key of the stack's clearinghouse connection secret and signs its webhooks with the stack's webhook
   * secret, delivering them to the stack's webhook API; the connection secret gets the sandbox's address.
   */
  clearinghouse?: boolean;
  /**
   * Whether the sandbox pushes its responses to the stack's webhook API (default true). Without it they wait in its
   * mailbox, and only the stack's mailbox poller (lib/features/mailbox-polling.ts) brings them in.
   */
  clearinghouseWebhooks?: boolean;
  /**
   * The sandbox payer's clock (default the wall clock). A PayerCalendar (local/sandbox/payer-calendar.ts) lets a
   * caller skip the payer's calendar to its next acknowledgment instead of waiting for it (tests).
   */
  clearinghouseClock?: Clock;
  /**
   * Environment variables the twin sets on top of the template's, by ClaimFlow function name (its folder under
   * functions/): values only the twin has, such as the local clearinghouse's address.
   */
  functionEnvironments?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The providers to run (default: every provider in providers/index.ts); tests add their own. */
  providers?: readonly (() => ResourceProvider)[];
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

/** The template declares resources no provider knows: the twin cannot run the stack faithfully. */
export class UnsupportedResourceError extends Error {
  constructor(readonly unsupported: { type: string; logicalIds: string[] }[]) {
    super(
      `the local twin cannot run this stack: no provider for ${unsupported
        .map(({ type, logicalIds }) => `${type} (${logicalIds.join(', ')})`)
        .join('; ')}. Add a provider in local/twin/providers/ (or list the type in no-offline-behaviour.ts if it ` +
        'truly has nothing to do offline).',
    );
    this.name = 'UnsupportedResourceError';
  }
}

export class LocalTwin {
  readonly metrics: EmfMetrics;
  readonly outputs: Record<string, string> = {};
  readonly resources = new Map<string, LocalResourceAttributes & { type: string }>();
  /** Resource types the template declares that have no offline behaviour, with their count. */
  readonly inert = new Map<string, number>();
  readonly eventSources: SqsEventSource[] = [];
  /** Base URL of each HTTP API, by logical id. */
  readonly apis = new Map<string, string>();
  endpoints = { s3: '', sqs: '', dynamodb: '' };
  /** The sandbox clearinghouse submit-claims sends to (absent with `clearinghouse: false`). */
  clearinghouse?: SandboxService;
  s3!: S3Client;
  sqs!: SQSClient;
  dynamodb!: DynamoDBClient;

  readonly #functions = new Map<string, LocalFunction>();
  readonly #queues = new Map<string, LocalQueue>();
  readonly #providers: { provider: ResourceProvider; items: TemplateResource[] }[];
  readonly #started: ResourceProvider[] = [];
  readonly #s3Emulator: S3Emulator;
  readonly #sqsEmulator: SqsEmulator;
  readonly #dynalite: ReturnType<typeof dynalite>;
  /** The template's secrets, served to the functions as the Parameters and Secrets extension would. */
  readonly secrets: SecretsExtension;
  #functionEnvironments: Record<string, Record<string, string>> = {};
  /** The clearinghouse's state folder when the twin keeps no data: removed when the twin stops. */
  #temporaryClearinghouseDir?: string;
  /** The practice configuration, payer rules and code sets its functions scrub with (for the CLI, twin.json). */
  readonly scrubbing: TwinScrubbing;

  private constructor(
    readonly stack: SynthesizedStack,
    private readonly options: LocalTwinOptions,
  ) {
    this.metrics = new EmfMetrics(options.log ?? (() => {}));
    this.scrubbing = twinScrubbing(options);
    this.#providers = assignProviders(
      stack,
      (options.providers ?? PROVIDERS).map((create) => create()),
    );
    const data = options.dataDir;
    if (data) mkdirSync(data, { recursive: true });
    this.#s3Emulator = new S3Emulator({ region: REGION, ...(data ? { dataDirectory: join(data, 's3') } : {}) });
    this.#sqsEmulator = new SqsEmulator({
      region: REGION,
      accountId: ACCOUNT_ID,
      // A function's per-message backoff (ChangeMessageVisibility) is one of AWS's waiting times too.
      messageVisibilityScale: options.timeScale ?? DEFAULT_TIME_SCALE,
      ...(data ? { dataDirectory: join(data, 'sqs') } : {}),
    });
    this.secrets = new SecretsExtension(data ? { file: join(data, 'secrets.json') } : {});
    this.#dynalite = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      ...(data ? { path: join(data, 'dynamodb') } : {}),
    });
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

  /** Functions the twin runs, by logical id. */
  get runtimes(): Map<string, LambdaRuntime> {
    return new Map([...this.#functions].map(([id, f]) => [id, f.runtime]));
  }

  get asyncInvokers(): AsyncInvoker[] {
    return [...this.#functions.values()].map((f) => f.asyncInvoker);
  }

  /** The context the twin resolves the template's intrinsics with (local names, URLs and ARNs). */
  get intrinsicContext(): IntrinsicContext {
    return { region: REGION, accountId: ACCOUNT_ID, stackName: this.stack.stackName, resources: this.resources };
  }

  private async boot(): Promise<void> {
    const host = this.options.host ?? '127.0.0.1';
    this.endpoints.s3 = await this.#s3Emulator.listen(this.options.ports?.s3 ?? 0, host);
    this.endpoints.sqs = await this.#sqsEmulator.listen(this.options.ports?.sqs ?? 0, host);
    await new Promise<void>((resolve, reject) => {
      this.#dynalite.once('error', reject);
      this.#dynalite.listen(this.options.ports?.dynamodb ?? 0, host, resolve);
    });
    this.endpoints.dynamodb = `http://${host}:${(this.#dynalite.address() as AddressInfo).port}`;

    const client = { region: REGION, credentials: LOCAL_CREDENTIALS };
    this.s3 = new S3Client({ ...client, endpoint: this.endpoints.s3, forcePathStyle: true });
    this.sqs = new SQSClient({ ...client, endpoint: this.endpoints.sqs });
    this.dynamodb = new DynamoDBClient({ ...client, endpoint: this.endpoints.dynamodb });
    await this.secrets.listen(host);
    this.#functionEnvironments = Object.fromEntries(
      Object.entries(this.options.functionEnvironments ?? {}).map(([name, variables]) => [name, { ...variables }]),
    );

    const context = this.#context(host);
    for (const { provider, items } of this.#providers) {
      for (const item of items) {
        const identity = provider.identify?.(item, context) ?? defaultIdentity(item, context);
        this.resources.set(item.logicalId, { ...identity, type: item.resource.Type });
      }
    }
    for (const { provider, items } of this.#providers) {
      this.#started.push(provider);
      await provider.create?.(items, context);
    }
    for (const { provider, items } of this.#providers) await provider.wire?.(items, context);
    for (const [name, output] of Object.entries(this.stack.template.Outputs ?? {})) {
      this.outputs[name] = resolveString(output.Value, this.intrinsicContext);
    }
    await this.#startClearinghouse(host);
    this.secrets.seeded();
  }

  /**
   * The sandbox clearinghouse, configured from the stack's secrets as an operator configures a real one: it accepts
   * the connection secret's API key and signs with the webhook secret, posting to the stack's webhook URL (an
   * output); then the connection secret is given the sandbox's address (the twin's port is chosen at start).
   */
  async #startClearinghouse(host: string): Promise<void> {
    if (this.options.clearinghouse === false) return;
    const connectionSecret = this.secrets.byRole(SECRET_ROLES.clearinghouseConnection);
    if (!connectionSecret) throw new Error('the stack has no clearinghouse connection secret for the sandbox');
    const connection = parseClearinghouseConnection(connectionSecret.value);
    const signing = this.secrets.byRole(SECRET_ROLES.webhookSigning);
    const webhookUrl = this.options.clearinghouseWebhooks === false ? undefined : this.outputs.ClearinghouseWebhookUrl;
    if (!this.options.dataDir)
      this.#temporaryClearinghouseDir = mkdtempSync(join(tmpdir(), 'claimflow-clearinghouse-'));
    const dataDir = this.options.dataDir
      ? join(this.options.dataDir, 'clearinghouse')
      : this.#temporaryClearinghouseDir!;
    this.clearinghouse = await startSandboxService({
      dataDir,
      host,
      port: 0,
      apiKey: connection.apiKey,
      ...(signing && webhookUrl ? { webhookUrl, webhookSecret: webhookSigningSecret(signing.value) } : {}),
      timeScale: this.options.timeScale ?? DEFAULT_TIME_SCALE,
      ...(this.options.clearinghouseClock ? { clock: this.options.clearinghouseClock } : {}),
      onError: (error) => this.options.onWiringError?.(error),
    });
    this.secrets.put(connectionSecret.arn, JSON.stringify({ ...connection, url: this.clearinghouse.url }));
  }

  #context(host: string): TwinContext {
    const services: TwinServices = {
      s3Emulator: this.#s3Emulator,
      sqsEmulator: this.#sqsEmulator,
      s3: this.s3,
      sqs: this.sqs,
      dynamodb: this.dynamodb,
      endpoints: this.endpoints,
    };
    const intrinsics = this.intrinsicContext;
    const { stackName } = this.stack;
    return {
      stack: this.stack,
      region: REGION,
      accountId: ACCOUNT_ID,
      timeScale: this.options.timeScale ?? DEFAULT_TIME_SCALE,
      maxEnvironmentsPerFunction: this.options.maxEnvironmentsPerFunction ?? 2,
      functionEnvironments: this.#functionEnvironments,
      services,
      intrinsics,
      metrics: this.metrics,
      queues: this.#queues,
      functions: this.#functions,
      eventSources: this.eventSources,
      apis: this.apis,
      secrets: this.secrets,
      inert: this.inert,
      host,
      localName: (logicalId, maxLength, lowerCase = false) => {
        const name = `${stackName}-${logicalId}`.slice(0, maxLength);
        return lowerCase ? name.toLowerCase() : name;
      },
      arn: (service, resource) => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`,
      resolve: (value) => resolveValue(value, intrinsics),
      resolveString: (value) => resolveString(value, intrinsics),
      wiringError: (error) => this.options.onWiringError?.(error),
      log: (functionName, stream, text) => this.options.log?.(functionName, stream, text),
      countInert: (what, count = 1) => this.inert.set(what, (this.inert.get(what) ?? 0) + count),
    };
  }

  queues(): QueueState[] {
    return [...this.#queues.values()].map((queue) => ({
      logicalId: queue.logicalId,
      name: queue.name,
      url: queue.url,
      deadLetterQueue: queue.deadLetterQueue,
      consumed: queue.consumed,
      oldestMessageAgeSeconds: this.#sqsEmulator.oldestMessageAgeSeconds(queue.name),
      ...this.#sqsEmulator.stats(queue.name),
    }));
  }

  /** Nothing is moving: no delivery, invocation or consumed message is pending anywhere. */
  isIdle(): boolean {
    const busy =
      this.#started.reduce((n, provider) => n + (provider.pending?.() ?? 0), 0) +
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
    for (const provider of this.#started.splice(0).reverse()) await provider.stop?.();
    this.s3?.destroy();
    this.sqs?.destroy();
    this.dynamodb?.destroy();
    await Promise.allSettled([
      this.clearinghouse?.close(),
      this.secrets.close(),
      this.#s3Emulator.close(),
      this.#sqsEmulator.close(),
      new Promise<void>((resolve) => this.#dynalite.close(() => resolve())),
    ]);
    if (this.#temporaryClearinghouseDir) rmSync(this.#temporaryClearinghouseDir, { recursive: true, force: true });
  }
}

/** Each template resource to the provider of its type; every type without one is reported at once. */
function assignProviders(
  stack: SynthesizedStack,
  providers: ResourceProvider[],
): { provider: ResourceProvider; items: TemplateResource[] }[] {
  const assigned = providers.map((provider) => ({ provider, items: [] as TemplateResource[] }));
  const unsupported = new Map<string, string[]>();
  for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
    const owner = assigned.find(({ provider }) => provider.types.includes(resource.Type));
    if (owner) owner.items.push({ logicalId, resource });
    else unsupported.set(resource.Type, [...(unsupported.get(resource.Type) ?? []), logicalId]);
  }
  if (unsupported.size > 0) {
    throw new UnsupportedResourceError([...unsupported].map(([type, logicalIds]) => ({ type, logicalIds })));
  }
  return assigned;
}

function defaultIdentity({ logicalId }: TemplateResource, twin: TwinContext): LocalResourceAttributes {
  const name = twin.localName(logicalId, 128);
  return { ref: name, attributes: { Arn: twin.arn('local', name) } };
}
