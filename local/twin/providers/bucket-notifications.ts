/**
 * Custom::S3BucketNotifications (how CDK declares a bucket's notification configuration): each created object is
 * matched against the configured events and key filters and sent to its queue, or invoked asynchronously on its
 * function with Lambda's retry policy. Notifications to SNS topics have no offline behaviour and are counted as such.
 */
import { BucketNotifications, type KeyFilter, type NotificationTarget } from '../s3-notifications.ts';
import { property } from '../template.ts';
import { findFunctionByArn, findQueueByArn, type ResourceProvider } from './provider.ts';

export const bucketNotifications = (): ResourceProvider => {
  let notifications: BucketNotifications | undefined;
  let unsubscribe: (() => void) | undefined;
  return {
    types: ['Custom::S3BucketNotifications'],
    wire(items, twin) {
      const targets = new Map<string, NotificationTarget[]>();
      for (const { logicalId, resource } of items) {
        const bucketName = twin.resolveString(property(resource, 'BucketName'));
        const configuration =
          property<Record<string, Record<string, unknown>[]>>(resource, 'NotificationConfiguration') ?? {};
        const list = targets.get(bucketName) ?? [];
        for (const entry of configuration.QueueConfigurations ?? []) {
          const queueArn = twin.resolveString(entry.QueueArn);
          const queue = findQueueByArn(twin, queueArn);
          if (!queue)
            throw new Error(`${logicalId}: bucket ${bucketName} notifies ${queueArn}, which the twin does not run`);
          list.push({
            events: entry.Events as string[],
            filter: keyFilter(entry.Filter),
            destination: { kind: 'queue', queueUrl: queue.url },
          });
        }
        for (const entry of configuration.LambdaFunctionConfigurations ?? []) {
          const functionArn = twin.resolveString(entry.LambdaFunctionArn);
          const fn = findFunctionByArn(twin, functionArn);
          if (!fn)
            throw new Error(`${logicalId}: bucket ${bucketName} notifies ${functionArn}, which the twin does not run`);
          list.push({
            events: entry.Events as string[],
            filter: keyFilter(entry.Filter),
            destination: { kind: 'function', invokeAsync: (event) => fn.asyncInvoker.invoke(event) },
          });
        }
        const topics = (configuration.TopicConfigurations ?? []).length;
        if (topics > 0) twin.countInert('S3 notifications to SNS', topics);
        targets.set(bucketName, list);
      }
      const delivery = new BucketNotifications(targets, twin.services.sqs, (error) => twin.wiringError(error));
      notifications = delivery;
      unsubscribe = twin.services.s3Emulator.onObjectCreated((record) => delivery.deliver(record));
    },
    pending: () => notifications?.inFlight ?? 0,
    stop() {
      unsubscribe?.();
    },
  };
};

function keyFilter(filter: unknown): KeyFilter {
  const rules =
    (filter as { Key?: { FilterRules?: { Name: string; Value: string }[] } } | undefined)?.Key?.FilterRules ?? [];
  const result: KeyFilter = {};
  for (const rule of rules) {
    if (rule.Name.toLowerCase() === 'prefix') result.prefix = rule.Value;
    if (rule.Name.toLowerCase() === 'suffix') result.suffix = rule.Value;
  }
  return result;
}
