/**
 * Metric factories: pure functions from a resource to the CloudWatch metrics that describe it. They create no
 * constructs, so widgets and alarms draw on the same definitions and tests can call them on their own. They carry no
 * labels: a labelled metric renders an alarm as metric math; widgets label what they draw.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import {
  BATCH_METRICS,
  FUNCTION_DIMENSION,
  METRICS_NAMESPACE,
  type MetricName,
  SERVICE_NAME,
} from '#contracts/metrics';

const DASHBOARD_PERIOD = Duration.minutes(5);

export function functionMetrics(fn: lambda.IFunction, period: Duration = DASHBOARD_PERIOD) {
  return {
    invocations: fn.metricInvocations({ period, statistic: 'Sum' }),
    errors: fn.metricErrors({ period, statistic: 'Sum' }),
    throttles: fn.metricThrottles({ period, statistic: 'Sum' }),
    durationP99: fn.metricDuration({ period, statistic: 'p99' }),
    /** Records a queue consumer reported failed (contracts/metrics.ts: BATCH_METRICS), which Errors does not count. */
    batchItemFailures: new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName: BATCH_METRICS.batchItemFailures,
      dimensionsMap: { service: SERVICE_NAME, [FUNCTION_DIMENSION]: fn.functionName },
      statistic: 'Sum',
      period,
    }),
  };
}

export function queueMetrics(queue: sqs.IQueue, deadLetterQueue: sqs.IQueue, period: Duration = DASHBOARD_PERIOD) {
  return {
    visible: queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
    oldestAge: queue.metricApproximateAgeOfOldestMessage({ period, statistic: 'Maximum' }),
    deadLetters: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
  };
}

/** One of the service's own metrics, by name, summed over the period. */
export function serviceMetric(metricName: MetricName, period: Duration = DASHBOARD_PERIOD): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: SERVICE_NAME },
    statistic: 'Sum',
    period,
  });
}

/**
 * One of the service's metrics as one function emits it beside `dimension` (FUNCTION_DIMENSION, the dimension's
 * value), one metric per value, summed over the period: e.g. WebhooksRejected by Reason.
 */
export function functionMetricByDimension(
  metricName: MetricName,
  fn: lambda.IFunction,
  dimension: string,
  values: readonly string[],
  period: Duration = DASHBOARD_PERIOD,
): { value: string; metric: cloudwatch.Metric }[] {
  return values.map((value) => ({
    value,
    metric: new cloudwatch.Metric({
      namespace: METRICS_NAMESPACE,
      metricName,
      dimensionsMap: { service: SERVICE_NAME, [FUNCTION_DIMENSION]: fn.functionName, [dimension]: value },
      statistic: 'Sum',
      period,
    }),
  }));
}
