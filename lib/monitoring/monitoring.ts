/**
 * Operations monitoring, in the manner of cdk-monitoring-constructs: every function and queue of every feature is
 * registered once, its metrics come from the pure factories (metric-factory.ts), its widgets have whole-column
 * widths and titles that name it, and its alarms take their thresholds from the feature's declaration. All alarms
 * notify one encrypted topic with the deployment's subscriptions. The local twin draws this same dashboard from the
 * synthesized template.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type AlarmSubscriptions, AlarmTopic } from './alarm-topic.ts';
import { checkWidth, packRows, WIDTH } from './dashboard-layout.ts';
import { functionMetricByDimension, functionMetrics, queueMetrics, serviceMetric } from './metric-factory.ts';
import {
  DEFAULT_FUNCTION_THRESHOLDS,
  type MetricAlarm,
  type MetricBreakdown,
  type MetricPanel,
  type MonitoredFeature,
  type MonitoredFunction,
  type MonitoredQueue,
} from './monitored.ts';

export interface MonitoringProps {
  /** Encrypts the alarm topic; its policy is extended so CloudWatch may publish. */
  key: kms.Key;
  alarmSubscriptions: AlarmSubscriptions;
  features: MonitoredFeature[];
}

const ALARM_PERIOD = Duration.minutes(1);

export class Monitoring extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly alarmTopic: AlarmTopic;
  readonly alarms: cloudwatch.Alarm[] = [];
  private readonly registered = new Set<string>();
  private readonly action: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { key: props.key, subscriptions: props.alarmSubscriptions });
    this.action = new cloudwatchActions.SnsAction(this.alarmTopic.topic);

    const panels: cloudwatch.IWidget[] = [];
    const queues: cloudwatch.IWidget[] = [];
    const functions: cloudwatch.IWidget[] = [];
    for (const feature of props.features) {
      for (const panel of feature.monitoring.panels ?? []) panels.push(this.panelWidget(panel));
      for (const breakdown of feature.monitoring.breakdowns ?? []) panels.push(this.breakdownWidget(breakdown));
      for (const queue of feature.monitoring.queues ?? []) queues.push(...this.monitorQueue(queue));
      for (const fn of feature.monitoring.functions ?? []) functions.push(...this.monitorFunction(fn));
      for (const metricAlarm of feature.monitoring.metricAlarms ?? []) this.monitorMetric(metricAlarm);
    }
    // The status widget reads the alarm list when the template is rendered, so it shows every alarm made above.
    const alarmStatus = new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: WIDTH.half });
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(6) });
    for (const row of [...packRows([...panels, alarmStatus]), ...packRows(queues), ...packRows(functions)]) {
      this.dashboard.addWidgets(...row);
    }
  }

  private register(kind: string, path: string, title: string): Construct {
    if (this.registered.has(path)) throw new Error(`${kind} ${title} (${path}) is registered with monitoring twice`);
    this.registered.add(path);
    return new Construct(this, `${kind}-${title}`);
  }

  private monitorFunction(monitored: MonitoredFunction): cloudwatch.IWidget[] {
    const { title } = monitored;
    const scope = this.register('Function', monitored.function.node.path, title);
    const thresholds = { ...DEFAULT_FUNCTION_THRESHOLDS, ...monitored.thresholds };
    const forAlarms = functionMetrics(monitored.function, ALARM_PERIOD);
    this.alarm(scope, 'Errors', {
      alarmDescription: `${title}: more than ${thresholds.errorsPerMinute} failed invocations in a minute.`,
      metric: forAlarms.errors,
      threshold: thresholds.errorsPerMinute,
      evaluationPeriods: 1,
    });
    this.alarm(scope, 'Throttles', {
      alarmDescription: `${title}: invocations throttled for three minutes (concurrency limit reached).`,
      metric: forAlarms.throttles,
      threshold: thresholds.throttlesPerMinute,
      evaluationPeriods: 3,
    });
    const metrics = functionMetrics(monitored.function);
    const widgets: cloudwatch.IWidget[] = [
      this.graph(`${title} function`, [metrics.invocations, metrics.errors, metrics.throttles], [metrics.durationP99]),
    ];
    if (monitored.consumesBatches) {
      this.alarm(scope, 'BatchItemFailures', {
        alarmDescription:
          `${title}: more than ${thresholds.batchItemFailuresPer5Minutes} queue records failed in five minutes ` +
          '(they are retried, then dead-lettered; the Errors alarm does not see them).',
        metric: functionMetrics(monitored.function, Duration.minutes(5)).batchItemFailures,
        threshold: thresholds.batchItemFailuresPer5Minutes,
        evaluationPeriods: 1,
      });
      widgets.push(
        this.graph(`${title} failed batch items`, [metrics.batchItemFailures.with({ label: 'Failed batch items' })]),
      );
    }
    return widgets;
  }

  private monitorQueue(monitored: MonitoredQueue): cloudwatch.IWidget[] {
    const { title } = monitored;
    const scope = this.register('Queue', monitored.queue.node.path, title);
    const deadLetters = monitored.thresholds.deadLetters ?? 0;
    const maxAge = monitored.thresholds.maxMessageAge;
    const forAlarms = queueMetrics(monitored.queue, monitored.deadLetterQueue, ALARM_PERIOD);
    this.alarm(scope, 'DeadLetterQueueNotEmpty', {
      alarmDescription: `${title} queue: more than ${deadLetters} messages in its dead-letter queue; inspect and redrive.`,
      metric: forAlarms.deadLetters,
      threshold: deadLetters,
      evaluationPeriods: 1,
    });
    this.alarm(scope, 'OldestMessageTooOld', {
      alarmDescription: `${title} queue: the oldest message waits longer than ${maxAge.toHumanString()}.`,
      metric: forAlarms.oldestAge,
      threshold: maxAge.toSeconds(),
      evaluationPeriods: 5,
    });
    const metrics = queueMetrics(monitored.queue, monitored.deadLetterQueue);
    return [
      this.graph(
        `${title} queue`,
        [metrics.visible, metrics.oldestAge],
        [metrics.deadLetters.with({ label: 'Dead letters' })],
      ),
    ];
  }

  private monitorMetric(monitored: MetricAlarm): void {
    const scope = this.register('Metric', monitored.metric, monitored.title);
    this.alarm(scope, 'Alarm', {
      alarmDescription: `${monitored.title}: ${monitored.description}.`,
      metric: serviceMetric(monitored.metric, Duration.minutes(5)),
      threshold: monitored.threshold,
      evaluationPeriods: monitored.evaluationPeriods ?? 1,
    });
  }

  private panelWidget(panel: MetricPanel): cloudwatch.IWidget {
    return this.graph(
      panel.title,
      panel.left.map((name) => serviceMetric(name)),
      (panel.right ?? []).map((name) => serviceMetric(name)),
    );
  }

  private breakdownWidget(breakdown: MetricBreakdown): cloudwatch.IWidget {
    const lines = functionMetricByDimension(
      breakdown.metric,
      breakdown.function,
      breakdown.dimension,
      breakdown.values,
    );
    return this.graph(
      breakdown.title,
      lines.map(({ value, metric }) => metric.with({ label: value })),
    );
  }

  private graph(title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []): cloudwatch.GraphWidget {
    return new cloudwatch.GraphWidget({ title, left, right, width: checkWidth(WIDTH.half, title) });
  }

  private alarm(
    scope: Construct,
    id: string,
    props: Pick<cloudwatch.AlarmProps, 'alarmDescription' | 'metric' | 'threshold' | 'evaluationPeriods'>,
  ): void {
    const alarm = new cloudwatch.Alarm(scope, id, {
      ...props,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}
