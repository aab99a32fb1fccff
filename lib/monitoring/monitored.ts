/**
 * What a feature hands to monitoring: its functions, its queues and the panels of its own metrics, each with the
 * alarm thresholds that suit it. Monitoring draws and alarms each resource exactly once from this declaration.
 */
import type { Duration } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { MetricName } from '#contracts/metrics';

export interface FunctionAlarmThresholds {
  /** Alarm when more invocations than this fail in a minute (default 0: any failure). */
  errorsPerMinute: number;
  /** Alarm when more invocations than this are throttled in each of three minutes (default 0). */
  throttlesPerMinute: number;
  /** Alarm when more batch records than this are reported failed in five minutes (default 0). */
  batchItemFailuresPer5Minutes: number;
}

export interface MonitoredFunction {
  /** Names the resource in widget titles and alarm descriptions (the function's folder, e.g. `code-encounter`). */
  title: string;
  function: lambda.IFunction;
  /** Consumes SQS batches with ReportBatchItemFailures: its partial failures are drawn and alarmed. */
  consumesBatches: boolean;
  thresholds?: Partial<FunctionAlarmThresholds>;
}

export interface QueueAlarmThresholds {
  /** Alarm when the oldest message has waited longer than this for five minutes. */
  maxMessageAge: Duration;
  /** Alarm when the dead-letter queue holds more than this many messages (default 0: any). */
  deadLetters: number;
}

export interface MonitoredQueue {
  /** Names the resource in widget titles and alarm descriptions (e.g. `Intake`, drawn as "Intake queue"). */
  title: string;
  queue: sqs.IQueue;
  deadLetterQueue: sqs.IQueue;
  thresholds: Pick<QueueAlarmThresholds, 'maxMessageAge'> & Partial<QueueAlarmThresholds>;
}

/** A graph of the service's own metrics (contracts/metrics.ts), summed per period. */
export interface MetricPanel {
  title: string;
  left: MetricName[];
  right?: MetricName[];
}

/**
 * One of the service's own metrics as one function emits it with an extra dimension (WebhooksRejected by Reason),
 * drawn one line per value: the values are listed because a dashboard graph names each metric it draws.
 */
export interface MetricBreakdown {
  title: string;
  metric: MetricName;
  function: lambda.IFunction;
  dimension: string;
  values: readonly string[];
}

/** An alarm on one of the service's own metrics: its five-minute sum above the threshold. */
export interface MetricAlarm {
  title: string;
  metric: MetricName;
  threshold: number;
  /** Five-minute periods in a row the sum must exceed the threshold (default 1): for faults a later run may cure. */
  evaluationPeriods?: number;
  /** What it means and where to look. */
  description: string;
}

export interface FeatureMonitoring {
  functions?: MonitoredFunction[];
  queues?: MonitoredQueue[];
  panels?: MetricPanel[];
  breakdowns?: MetricBreakdown[];
  metricAlarms?: MetricAlarm[];
}

/** A feature construct that has something to watch. */
export interface MonitoredFeature {
  readonly monitoring: FeatureMonitoring;
}

export const DEFAULT_FUNCTION_THRESHOLDS: FunctionAlarmThresholds = {
  errorsPerMinute: 0,
  throttlesPerMinute: 0,
  batchItemFailuresPer5Minutes: 0,
};
