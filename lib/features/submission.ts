/**
 * Submission: READY claims wait in the claim-submission queue (contracts/messages.ts: claimSubmissionMessage) until
 * they are sent to the clearinghouse. The submit-claims function lands here as one more ClaimFlowFunction that
 * consumes this queue, binds the domain table and the `submissions/` prefix, and is added to `monitoring.functions`.
 */
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { QueueWithDlq } from '../constructs/queue-with-dlq.ts';
import type { FeatureMonitoring, MonitoredFeature } from '../monitoring/monitored.ts';
import type { Platform } from '../platform/platform.ts';

export class Submission extends Construct implements MonitoredFeature {
  readonly queue: QueueWithDlq;
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, props: { platform: Platform }) {
    super(scope, id);
    this.queue = new QueueWithDlq(this, 'ClaimSubmissionQueue', {
      key: props.platform.messagesKey,
      visibilityTimeout: Duration.minutes(6),
      maxReceiveCount: 5,
      deployedLogicalIds: {
        queue: 'ClaimSubmissionQueueE1654341',
        queuePolicy: 'ClaimSubmissionQueuePolicy3216F956',
        deadLetterQueue: 'ClaimSubmissionQueueDeadLetterQueue415FC5E0',
        deadLetterQueuePolicy: 'ClaimSubmissionQueueDeadLetterQueuePolicyFB5F0614',
      },
    });
    this.monitoring = {
      queues: [
        {
          title: 'Claim submission',
          queue: this.queue.queue,
          deadLetterQueue: this.queue.deadLetterQueue,
          thresholds: { maxMessageAge: Duration.hours(1) },
        },
      ],
    };
  }
}
