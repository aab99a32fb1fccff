/**
 * What a resource provider is: the twin's behaviour for one kind of resource in the synthesized template. The
 * orchestrator (twin.ts) asks every provider, in registration order, to name its resources (so every Ref and
 * Fn::GetAtt resolves before anything is created), then to create them, then to wire them to each other; it stops
 * them in reverse order. A provider holds its own running parts (runtimes, pollers, servers) and publishes what
 * others need through the shared `TwinContext` directories.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { S3Emulator } from '#local/emulators/s3';
import type { SqsEmulator } from '#local/emulators/sqs';
import type { AsyncInvoker } from '../async-invoker.ts';
import type { EmfMetrics } from '../emf-metrics.ts';
import type { IntrinsicContext, LocalResourceAttributes } from '../intrinsics.ts';
import type { LambdaRuntime } from '../lambda-runtime.ts';
import type { SecretsExtension } from '../secrets-extension.ts';
import type { SqsEventSource } from '../sqs-event-source.ts';
import type { SynthesizedStack } from '../synthesize.ts';
import type { CfnResource } from '../template.ts';

export interface TemplateResource {
  logicalId: string;
  resource: CfnResource;
}

export interface ResourceProvider {
  /** The resource types this provider is responsible for (exact CloudFormation type names). */
  readonly types: readonly string[];
  /** Ref and Fn::GetAtt values, before anything exists. Without it, resources get a local name and ARN. */
  identify?(item: TemplateResource, twin: TwinContext): LocalResourceAttributes;
  /** Creates this provider's resources (all of them, in one call, so it can order them). */
  create?(items: TemplateResource[], twin: TwinContext): void | Promise<void>;
  /** Connects resources once every provider has created its own (event sources, notifications, APIs). */
  wire?(items: TemplateResource[], twin: TwinContext): void | Promise<void>;
  /** Work this provider has started and not finished (deliveries, invocations): the twin is drained at zero. */
  pending?(): number;
  /** Stops what `create` and `wire` started. */
  stop?(): void | Promise<void>;
}

/** The emulators and clients every provider creates its resources in. */
export interface TwinServices {
  s3Emulator: S3Emulator;
  sqsEmulator: SqsEmulator;
  s3: S3Client;
  sqs: SQSClient;
  dynamodb: DynamoDBClient;
  endpoints: { s3: string; sqs: string; dynamodb: string };
}

/** A queue the twin created, with the role the template gives it. */
export interface LocalQueue {
  logicalId: string;
  name: string;
  url: string;
  arn: string;
  deadLetterQueue: boolean;
  /** An event source mapping reads it. */
  consumed: boolean;
}

/** A function the twin runs, and its asynchronous invoker (S3 notifications, async Invoke). */
export interface LocalFunction {
  logicalId: string;
  runtime: LambdaRuntime;
  asyncInvoker: AsyncInvoker;
}

export interface TwinContext {
  readonly stack: SynthesizedStack;
  readonly region: string;
  readonly accountId: string;
  /** Factor applied to every AWS duration that is waiting, not work: visibility, retry delays, function timeouts. */
  readonly timeScale: number;
  /** Most execution environments per function. */
  readonly maxEnvironmentsPerFunction: number;
  /** Variables set on top of the template's environment, by ClaimFlow function name (the function's folder). */
  readonly functionEnvironments: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly services: TwinServices;
  readonly intrinsics: IntrinsicContext;
  readonly metrics: EmfMetrics;
  readonly queues: Map<string, LocalQueue>;
  readonly functions: Map<string, LocalFunction>;
  readonly eventSources: SqsEventSource[];
  /** Base URL of each HTTP API the twin serves, by logical id. */
  readonly apis: Map<string, string>;
  /** The secrets of the template, served to the functions as the Parameters and Secrets extension serves them. */
  readonly secrets: SecretsExtension;
  /** Resource types (or parts of them) declared in the template with no offline behaviour, with their count. */
  readonly inert: Map<string, number>;
  readonly host: string;
  /** `<stack>-<logicalId>`, cut to the service's length limit. */
  localName(logicalId: string, maxLength: number, lowerCase?: boolean): string;
  arn(service: string, resource: string): string;
  resolve(value: unknown): unknown;
  resolveString(value: unknown): string;
  /** A failure of the twin's own wiring (a failed invocation is not one: it is counted and retried). */
  wiringError(error: unknown): void;
  log(functionName: string, stream: 'stdout' | 'stderr', text: string): void;
  countInert(what: string, count?: number): void;
}

export function findFunctionByName(twin: TwinContext, functionName: string): LocalFunction | undefined {
  return [...twin.functions.values()].find((f) => f.runtime.definition.functionName === functionName);
}

export function findFunctionByArn(twin: TwinContext, functionArn: string): LocalFunction | undefined {
  // Lambda accepts a function's name, its ARN, or its ARN with a version or alias qualifier.
  const unqualified = functionArn.split(':').slice(0, 7).join(':');
  return [...twin.functions.values()].find(
    (f) => f.runtime.definition.functionArn === unqualified || f.runtime.definition.functionName === functionArn,
  );
}

export function findQueueByArn(twin: TwinContext, queueArn: string): LocalQueue | undefined {
  return [...twin.queues.values()].find((q) => q.arn === queueArn);
}
