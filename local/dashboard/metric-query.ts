/** What a widget or an alarm asks for: one metric, one statistic, one period; and what comes back. */
import type { StatisticName } from './statistics.ts';

export interface MetricQuery {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  statistic: StatisticName;
  periodSeconds: number;
}

/** One period's statistic; `timestamp` is the period's start (epoch ms), aligned to the period as CloudWatch does. */
export interface Datapoint {
  timestamp: number;
  value: number;
}

/** A raw observation before aggregation: one EMF value, one invocation, one queue sample. */
export interface Observation {
  timestamp: number;
  value: number;
}
