/**
 * A work queue and its dead-letter queue, redrive after `maxReceiveCount`, and the two alarms every DLQ needs:
 * something is in it, and the main queue's oldest message is getting old (consumers stuck or throttled).
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueProps, secureQueueProps } from '../defaults/secure-defaults.ts';

export interface QueueWithDlqProps {
  key: kms.IKey;
  /** Must be at least six times the consumer's timeout (AWS guidance for Lambda event sources). */
  visibilityTimeout: Duration;
  maxReceiveCount: number;
  /** Alarm when the oldest message is older than this. */
  maxMessageAge: Duration;
}

export class QueueWithDlq extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: QueueWithDlqProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', deadLetterQueueProps(props.key));
    this.queue = new sqs.Queue(this, 'Queue', {
      ...secureQueueProps(props.key),
      visibilityTimeout: props.visibilityTimeout,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
    this.alarms = [
      new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
        alarmDescription: `${id}: messages reached the dead-letter queue; inspect and redrive them.`,
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
          period: Duration.minutes(1),
          statistic: 'Maximum',
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      new cloudwatch.Alarm(this, 'OldestMessageTooOld', {
        alarmDescription: `${id}: the oldest message waits longer than ${props.maxMessageAge.toHumanString()}.`,
        metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: props.maxMessageAge.toSeconds(),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 5,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
