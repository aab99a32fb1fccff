/**
 * The dashboards with their data, as `/api/dashboard` returns them: every widget of the template with its series
 * over the requested window and, for alarm widgets, each alarm's current state.
 */
import { type AlarmDefinition, type AlarmState, evaluateAlarm } from './alarms.ts';
import type { Datapoint } from './metric-query.ts';
import type { MetricSource } from './metric-source.ts';
import type {
  AlarmWidget,
  DashboardModel,
  MetricWidget,
  TextWidget,
  UnsupportedWidget,
  WidgetMetric,
} from './widgets.ts';

export interface MetricSeries extends WidgetMetric {
  datapoints: Datapoint[];
  /** False when the twin has no source for this metric at all (it would stay empty whatever happens). */
  available: boolean;
}

export interface MetricWidgetView extends Omit<MetricWidget, 'metrics'> {
  metrics: MetricSeries[];
}

export interface AlarmStatus {
  arn: string;
  name: string;
  description?: string;
  state: AlarmState;
  reason: string;
}

export interface AlarmWidgetView extends AlarmWidget {
  alarms: AlarmStatus[];
}

export type WidgetView = MetricWidgetView | AlarmWidgetView | TextWidget | UnsupportedWidget;

export interface DashboardView {
  generatedAt: number;
  window: { start: number; end: number };
  dashboards: { logicalId: string; start?: string; widgets: WidgetView[] }[];
  alarms: AlarmStatus[];
}

export class DashboardData {
  /** Each alarm's last state: CloudWatch keeps it when missing data is ignored. */
  private readonly lastStates = new Map<string, AlarmState>();

  constructor(
    readonly dashboards: readonly DashboardModel[],
    readonly alarmDefinitions: readonly AlarmDefinition[],
    private readonly source: MetricSource,
  ) {}

  view(now: number, windowMs: number): DashboardView {
    const window = { start: now - windowMs, end: now };
    const alarms = this.evaluateAlarms(now);
    const byArn = new Map(alarms.map((a) => [a.arn, a]));
    return {
      generatedAt: now,
      window,
      dashboards: this.dashboards.map((dashboard) => ({
        logicalId: dashboard.logicalId,
        ...(dashboard.start ? { start: dashboard.start } : {}),
        widgets: dashboard.widgets.map((widget): WidgetView => {
          if (widget.kind === 'metric') {
            return {
              ...widget,
              metrics: widget.metrics.map((metric) => ({
                ...metric,
                datapoints: this.source.datapoints(metric.query, window),
                available: this.source.supports(metric.query),
              })),
            };
          }
          if (widget.kind === 'alarm') {
            return {
              ...widget,
              alarms: widget.alarmArns.map(
                (arn) =>
                  byArn.get(arn) ?? {
                    arn,
                    name: arn,
                    state: 'INSUFFICIENT_DATA',
                    reason: 'no alarm of the template has this ARN',
                  },
              ),
            };
          }
          return widget;
        }),
      })),
      alarms,
    };
  }

  private evaluateAlarms(now: number): AlarmStatus[] {
    return this.alarmDefinitions.map((alarm) => {
      const periods = alarm.query ? alarm.query.periodSeconds * 1000 * alarm.evaluationPeriods : 0;
      const datapoints = alarm.query ? this.source.datapoints(alarm.query, { start: now - periods, end: now }) : [];
      const { state, reason } = evaluateAlarm(alarm, datapoints, now, this.lastStates.get(alarm.logicalId));
      this.lastStates.set(alarm.logicalId, state);
      return {
        arn: alarm.arn,
        name: alarm.name,
        ...(alarm.description ? { description: alarm.description } : {}),
        state,
        reason,
      };
    });
  }
}
