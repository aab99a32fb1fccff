/**
 * AWS::Lambda::Function (with its AWS::Lambda::EventInvokeConfig): functions with a bundled asset run in the twin,
 * each as a pool of worker-thread execution environments with the template's environment, memory and timeout.
 * CDK's inline deploy-time helpers (custom resource handlers) have nothing to do offline and are counted as such.
 *
 * The timeout is scaled by the twin's time scale, like queue visibility: the intake queue's visibility is six
 * times the function's timeout on AWS and stays so here, so an invocation that is killed (and the in-progress
 * idempotency record Powertools keeps for the invocation's remaining time) ends before its message comes back,
 * exactly as on AWS. Work is not scaled, so a time scale far below 1 leaves a function less wall time than Lambda
 * would: the twin is for checking behaviour under AWS's timing rules, the benchmarks for speed.
 */
import { join } from 'node:path';
import { FUNCTION_NAME_METADATA } from '#lib/constructs/claimflow-function';
import { AsyncInvoker } from '../async-invoker.ts';
import type { LocalResourceAttributes } from '../intrinsics.ts';
import { type FunctionDefinition, LambdaRuntime } from '../lambda-runtime.ts';
import { property } from '../template.ts';
import type { ResourceProvider, TemplateResource, TwinContext } from './provider.ts';

const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export const lambdaFunctions = (): ResourceProvider => {
  const runtimes: LambdaRuntime[] = [];
  const invokers: AsyncInvoker[] = [];
  return {
    types: ['AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig'],
    identify({ logicalId, resource }, twin): LocalResourceAttributes {
      const name = twin.localName(logicalId, 64);
      if (resource.Type === 'AWS::Lambda::EventInvokeConfig') return { ref: name, attributes: {} };
      return { ref: name, attributes: { Arn: twin.arn('lambda', `function:${name}`) } };
    },
    create(items, twin) {
      const invokeConfigs = items.filter((i) => i.resource.Type === 'AWS::Lambda::EventInvokeConfig');
      for (const item of items.filter((i) => i.resource.Type === 'AWS::Lambda::Function')) {
        const assetPath = item.resource.Metadata?.['aws:asset:path'];
        if (typeof assetPath !== 'string') {
          twin.countInert('AWS::Lambda::Function (deploy-time helper)');
          continue;
        }
        const definition = functionDefinition(item, join(twin.stack.assemblyDir, assetPath), twin);
        const runtime = new LambdaRuntime(definition, twin.metrics);
        const asyncInvoker = asyncInvokerFor(runtime, invokeConfigs, item, twin);
        runtimes.push(runtime);
        invokers.push(asyncInvoker);
        twin.functions.set(item.logicalId, { logicalId: item.logicalId, runtime, asyncInvoker });
      }
    },
    pending: () => runtimes.reduce((n, r) => n + r.inFlight, 0) + invokers.reduce((n, a) => n + a.inFlight, 0),
    async stop() {
      await Promise.all(runtimes.map((r) => r.close()));
    },
  };
};

function functionDefinition(item: TemplateResource, taskRoot: string, twin: TwinContext): FunctionDefinition {
  const { logicalId, resource } = item;
  const local = twin.intrinsics.resources.get(logicalId)!;
  const [file, exportName] = splitHandler(String(property(resource, 'Handler') ?? 'index.handler'));
  const variables = twin.resolve(property<{ Variables?: unknown }>(resource, 'Environment')?.Variables ?? {}) as Record<
    string,
    string
  >;
  // A function with the Parameters and Secrets extension reads secrets from the twin's stand-in for it.
  if ('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT' in variables) {
    variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT = String(twin.secrets.port);
  }
  // Values only the twin has, for the function the template names.
  const claimFlowName = resource.Metadata?.[FUNCTION_NAME_METADATA];
  const overrides = typeof claimFlowName === 'string' ? (twin.functionEnvironments[claimFlowName] ?? {}) : {};
  const reserved = property<number>(resource, 'ReservedConcurrentExecutions');
  const memorySize = property<number>(resource, 'MemorySize') ?? 128;
  const declaredTimeout = property<number>(resource, 'Timeout') ?? 3;
  const runtimeName = String(property(resource, 'Runtime') ?? 'nodejs');
  const { endpoints } = twin.services;
  return {
    logicalId,
    functionName: local.ref,
    functionArn: local.attributes.Arn!,
    entryFile: join(taskRoot, `${file}.js`),
    exportName,
    declaredTimeoutSeconds: declaredTimeout,
    timeoutSeconds: declaredTimeout * twin.timeScale,
    declaredRuntime: runtimeName,
    memorySize,
    concurrency: Math.max(1, Math.min(reserved ?? 1000, twin.maxEnvironmentsPerFunction)),
    environment: {
      ...variables,
      ...overrides,
      AWS_REGION: twin.region,
      AWS_DEFAULT_REGION: twin.region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      // The session token of the execution role; the secrets extension stand-in checks it, as the extension does.
      AWS_SESSION_TOKEN: twin.secrets.sessionToken,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_EXECUTION_ENV: `AWS_Lambda_${runtimeName}`,
      AWS_LAMBDA_FUNCTION_NAME: local.ref,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${local.ref}`,
      // Where Lambda unpacks the asset (/var/task): here, the asset folder itself.
      LAMBDA_TASK_ROOT: taskRoot,
      TZ: 'UTC',
      // X-Ray has no offline behaviour: without Lambda's per-invocation trace header the tracer would report a
      // missing context (with a stack trace) on every invocation.
      POWERTOOLS_TRACE_ENABLED: 'false',
      AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    },
  };
}

/** Lambda's asynchronous invocation policy: the EventInvokeConfig's retries and on-failure destination, else the DLQ. */
function asyncInvokerFor(
  runtime: LambdaRuntime,
  invokeConfigs: TemplateResource[],
  fn: TemplateResource,
  twin: TwinContext,
): AsyncInvoker {
  const functionName = runtime.definition.functionName;
  const config = invokeConfigs.find(
    ({ resource }) => twin.resolveString(property(resource, 'FunctionName')) === functionName,
  )?.resource;
  const onFailure =
    config && property<{ OnFailure?: { Destination?: unknown } }>(config, 'DestinationConfig')?.OnFailure;
  const failureArn = onFailure?.Destination
    ? twin.resolveString(onFailure.Destination)
    : property<{ TargetArn?: unknown }>(fn.resource, 'DeadLetterConfig')?.TargetArn
      ? twin.resolveString(property<{ TargetArn?: unknown }>(fn.resource, 'DeadLetterConfig')!.TargetArn)
      : undefined;
  let failureQueueUrl: string | undefined;
  if (failureArn) {
    const queue = [...twin.queues.values()].find((q) => q.arn === failureArn);
    if (!queue)
      throw new Error(
        `function ${fn.logicalId} sends failed events to ${failureArn}, which is not a queue the twin runs`,
      );
    failureQueueUrl = queue.url;
  }
  return new AsyncInvoker(
    runtime,
    {
      maximumRetryAttempts: (config && property<number>(config, 'MaximumRetryAttempts')) ?? 2,
      ...(failureQueueUrl ? { failureQueueUrl } : {}),
      // Lambda waits about a minute before the first retry and two before the second.
      retryDelayMs: (attempt) => attempt * 60_000 * twin.timeScale,
    },
    twin.services.sqs,
    (error) => twin.wiringError(error),
  );
}

function splitHandler(handler: string): [string, string] {
  const dot = handler.lastIndexOf('.');
  return [handler.slice(0, dot), handler.slice(dot + 1)];
}
