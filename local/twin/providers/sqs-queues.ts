/**
 * AWS::SQS::Queue: a standard queue in the SQS emulator. Visibility timeouts are scaled by the twin's time scale
 * (retention and delays are not: they bound how long a message may wait, not how soon it comes back).
 */
import { type CfnResource, property } from '../template.ts';
import type { ResourceProvider } from './provider.ts';

export const sqsQueues = (): ResourceProvider => ({
  types: ['AWS::SQS::Queue'],
  identify({ logicalId, resource }, twin) {
    if (property(resource, 'FifoQueue') === true) {
      throw new Error(`queue ${logicalId} is a FIFO queue, which the local twin's SQS emulator does not support`);
    }
    const name = twin.localName(logicalId, 80);
    const url = `${twin.services.endpoints.sqs}/${twin.accountId}/${name}`;
    return { ref: url, attributes: { Arn: twin.arn('sqs', name), QueueName: name, QueueUrl: url } };
  },
  /** Dead-letter queues first, so each redrive policy names a queue that exists. */
  create(items, twin) {
    const redriveOf = (q: CfnResource) => property<Record<string, unknown>>(q, 'RedrivePolicy');
    const deadLetterArns = new Set(
      items.flatMap(({ resource }) => {
        const redrive = redriveOf(resource);
        return redrive ? [twin.resolveString(redrive.deadLetterTargetArn)] : [];
      }),
    );
    const ordered = [...items].sort(
      (a, b) => Number(Boolean(redriveOf(a.resource))) - Number(Boolean(redriveOf(b.resource))),
    );
    for (const { logicalId, resource } of ordered) {
      const local = twin.intrinsics.resources.get(logicalId)!;
      const attributes: Record<string, string> = {};
      const visibility = property<number>(resource, 'VisibilityTimeout') ?? 30;
      attributes.VisibilityTimeout = String(Math.max(1, Math.round(visibility * twin.timeScale)));
      const retention = property<number>(resource, 'MessageRetentionPeriod');
      if (retention !== undefined) attributes.MessageRetentionPeriod = String(retention);
      const delay = property<number>(resource, 'DelaySeconds');
      if (delay !== undefined) attributes.DelaySeconds = String(delay);
      const redrive = redriveOf(resource);
      if (redrive) attributes.RedrivePolicy = JSON.stringify(twin.resolve(redrive));
      const name = local.attributes.QueueName!;
      const { url, arn } = twin.services.sqsEmulator.ensureQueue(name, attributes);
      twin.queues.set(logicalId, {
        logicalId,
        name,
        url,
        arn,
        deadLetterQueue: deadLetterArns.has(arn),
        consumed: false,
      });
    }
  },
});
