/**
 * AWS::Lambda::EventSourceMapping from an SQS queue: pollers that receive batches and invoke the function as Lambda
 * does (batch size, batching window, maximum concurrency, partial batch failures). Mappings from other sources
 * (Kinesis, DynamoDB streams, Kafka, MQ) stop the twin with a message saying so.
 */
import { SqsEventSource } from '../sqs-event-source.ts';
import { property } from '../template.ts';
import { findFunctionByName, findQueueByArn, type ResourceProvider } from './provider.ts';

export const eventSourceMappings = (): ResourceProvider => {
  const sources: SqsEventSource[] = [];
  return {
    types: ['AWS::Lambda::EventSourceMapping'],
    wire(items, twin) {
      for (const { logicalId, resource } of items) {
        if (property(resource, 'Enabled') === false) continue;
        const sourceArn = twin.resolveString(property(resource, 'EventSourceArn'));
        const functionName = twin.resolveString(property(resource, 'FunctionName'));
        const fn = findFunctionByName(twin, functionName);
        if (!fn)
          throw new Error(`event source mapping ${logicalId} targets ${functionName}, which the twin does not run`);
        const queue = findQueueByArn(twin, sourceArn);
        if (!queue) {
          throw new Error(
            `event source mapping ${logicalId} reads ${sourceArn}: the twin runs mappings from its SQS queues only`,
          );
        }
        queue.consumed = true;
        const runtime = fn.runtime;
        const scaling = property<{ MaximumConcurrency?: number }>(resource, 'ScalingConfig');
        const source = new SqsEventSource(
          {
            logicalId,
            queueUrl: queue.url,
            queueArn: sourceArn,
            batchSize: property<number>(resource, 'BatchSize') ?? 10,
            maximumBatchingWindowSeconds: property<number>(resource, 'MaximumBatchingWindowInSeconds') ?? 0,
            reportBatchItemFailures: (property<string[]>(resource, 'FunctionResponseTypes') ?? []).includes(
              'ReportBatchItemFailures',
            ),
            maximumConcurrency: Math.min(scaling?.MaximumConcurrency ?? 2, runtime.definition.concurrency),
            region: twin.region,
          },
          twin.services.sqs,
          runtime,
          // Lambda reports a failed invocation in the function's log stream; so does the twin.
          (error) => twin.log(runtime.definition.functionName, 'stderr', `invocation failed: ${describe(error)}`),
        );
        source.start();
        sources.push(source);
        twin.eventSources.push(source);
      }
    },
    pending: () => sources.reduce((n, s) => n + s.inFlight, 0),
    async stop() {
      await Promise.all(sources.map((s) => s.stop()));
    },
  };
};

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
