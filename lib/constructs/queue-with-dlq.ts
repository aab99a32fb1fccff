/**
 * A work queue and its dead-letter queue, redriven after `maxReceiveCount` receives. Both keep messages 14 days.
 * Alarms and widgets are not made here: the feature that owns the queue registers it with monitoring once.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { secureQueueProps } from '../defaults/secure-defaults.ts';
import { acknowledge, resourceOf } from '../nag.ts';
import { keepLogicalId } from '../platform/logical-ids.ts';

export interface QueueWithDlqProps {
  key: kms.IKey;
  /** At least six times the consumer's timeout (AWS guidance for Lambda event sources). */
  visibilityTimeout: Duration;
  maxReceiveCount: number;
  /** Logical ids of a queue pair that is already deployed (see platform/logical-ids.ts). */
  deployedLogicalIds?: { queue: string; queuePolicy: string; deadLetterQueue: string; deadLetterQueuePolicy: string };
}

export class QueueWithDlq extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', secureQueueProps(props.key));
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secureQueueProps(props.key),
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    if (props.deployedLogicalIds) {
      keepLogicalId(this.queue, props.deployedLogicalIds.queue);
      keepLogicalId(this.deadLetterQueue, props.deployedLogicalIds.deadLetterQueue);
      keepLogicalId(this.queue.node.findChild('Policy'), props.deployedLogicalIds.queuePolicy);
      keepLogicalId(this.deadLetterQueue.node.findChild('Policy'), props.deployedLogicalIds.deadLetterQueuePolicy);
    }
    acknowledge(
      resourceOf(this.deadLetterQueue),
      'Serverless::Serverless-SQSRedrivePolicy',
      'This is the dead-letter queue itself: it is alarmed and redriven by an operator, never by another DLQ.',
    );
  }
}
