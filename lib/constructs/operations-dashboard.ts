/**
 * One CloudWatch dashboard for operations, and the alarm topic every alarm notifies. The local twin renders the same
 * widget list from `DASHBOARD_WIDGETS`, so the two never drift.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, PIPELINE_METRICS } from '#contracts/metrics';

export interface OperationsDashboardProps {
  key: kms.IKey;
  serviceName: string;
  functions: lambda.IFunction[];
  queues: { title: string; queue: sqs.IQueue; deadLetterQueue: sqs.IQueue }[];
  alarms: cloudwatch.Alarm[];
}

export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { masterKey: props.key, enforceSSL: true });
    for (const alarm of props.alarms) alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.alarmTopic));

    const pipelineMetric = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: props.serviceName },
        statistic,
        period: Duration.minutes(5),
      });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(6),
      widgets: [
        [
          new cloudwatch.GraphWidget({
            title: 'Documents',
            left: [
              pipelineMetric(PIPELINE_METRICS.documentsReceived),
              pipelineMetric(PIPELINE_METRICS.documentsDuplicate),
              pipelineMetric(PIPELINE_METRICS.documentsFailed),
              pipelineMetric(PIPELINE_METRICS.documentsCoded),
              pipelineMetric(PIPELINE_METRICS.documentsNeedingReview),
            ],
            right: [pipelineMetric(PIPELINE_METRICS.claimsCreated)],
            width: 12,
          }),
          new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: props.alarms, width: 12 }),
        ],
        props.queues.map(
          (q) =>
            new cloudwatch.GraphWidget({
              title: `${q.title} queue`,
              left: [q.queue.metricApproximateNumberOfMessagesVisible(), q.queue.metricApproximateAgeOfOldestMessage()],
              right: [q.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ label: 'Dead letters' })],
              width: 24 / props.queues.length,
            }),
        ),
        props.functions.map(
          (fn) =>
            new cloudwatch.GraphWidget({
              title: 'Function health',
              left: [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()],
              right: [fn.metricDuration({ statistic: 'p99' })],
              width: 24 / props.functions.length,
            }),
        ),
      ],
    });
  }
}
