/**
 * Answers CloudWatch metric queries from what the local twin observes, the way CloudWatch would aggregate them:
 * custom namespaces from the EMF lines functions print, `AWS/Lambda` from each completed invocation, and `AWS/SQS`
 * gauges sampled from the queue emulator every few seconds (SQS itself publishes them once a minute).
 */
import type { MetricPoint } from '#local/twin/emf-metrics';
import type { Datapoint, MetricQuery, Observation } from './metric-query.ts';
import { computeStatistic } from './statistics.ts';

export interface CompletedInvocation {
  endedAt: number;
  durationMs: number;
  error: boolean;
}

export interface FunctionActivity {
  functionName: string;
  completed: readonly CompletedInvocation[];
}

export interface QueueGauge {
  name: string;
  visible: number;
  inFlight: number;
  delayed: number;
  oldestMessageAgeSeconds: number;
}

/** What the twin exposes, read at query (or sampling) time. */
export interface MetricInputs {
  emfPoints(): readonly MetricPoint[];
  functions(): readonly FunctionActivity[];
  queues(): readonly QueueGauge[];
}

export interface MetricSourceOptions {
  clock?: () => number;
  /** Queue samples older than this are dropped (default: six hours, the dashboard's default range). */
  retentionMs?: number;
}

const SQS_GAUGES: Record<string, (queue: QueueGauge) => number> = {
  ApproximateNumberOfMessagesVisible: (q) => q.visible,
  ApproximateNumberOfMessagesNotVisible: (q) => q.inFlight,
  ApproximateNumberOfMessagesDelayed: (q) => q.delayed,
  ApproximateAgeOfOldestMessage: (q) => q.oldestMessageAgeSeconds,
};

/**
 * Per completed invocation, as Lambda reports them: Errors and Throttles are 0 for a successful one, so their Average
 * is a rate. The twin queues invocations beyond its environments instead of throttling, so Throttles stays 0.
 */
const LAMBDA_METRICS: Record<string, (invocation: CompletedInvocation) => number> = {
  Invocations: () => 1,
  Errors: (i) => (i.error ? 1 : 0),
  Throttles: () => 0,
  Duration: (i) => i.durationMs,
};

interface QueueSample {
  timestamp: number;
  gauges: Map<string, QueueGauge>;
}

export class MetricSource {
  private readonly clock: () => number;
  private readonly retentionMs: number;
  private readonly queueSamples: QueueSample[] = [];
  /** EMF observations by metric identity, indexed as points arrive (the twin's point list only grows). */
  private readonly emfSeries = new Map<string, Observation[]>();
  private emfIndexed = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly inputs: MetricInputs,
    options: MetricSourceOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.retentionMs = options.retentionMs ?? 6 * 60 * 60 * 1000;
  }

  /** Records every queue's gauges now. */
  sampleQueues(): void {
    const timestamp = this.clock();
    this.queueSamples.push({ timestamp, gauges: new Map(this.inputs.queues().map((q) => [q.name, { ...q }])) });
    const oldest = timestamp - this.retentionMs;
    const expired = this.queueSamples.findIndex((s) => s.timestamp >= oldest);
    if (expired > 0) this.queueSamples.splice(0, expired);
  }

  /** Samples the queues now and then every `intervalMs` until `stopSampling()`. */
  startSampling(intervalMs: number): void {
    this.stopSampling();
    this.sampleQueues();
    this.timer = setInterval(() => this.sampleQueues(), intervalMs);
    this.timer.unref();
  }

  stopSampling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Whether the twin has any source for this metric (a metric without one would always be empty). */
  supports(query: Pick<MetricQuery, 'namespace' | 'metricName'>): boolean {
    if (query.namespace === 'AWS/SQS') return query.metricName in SQS_GAUGES;
    if (query.namespace === 'AWS/Lambda') return query.metricName in LAMBDA_METRICS;
    return !query.namespace.startsWith('AWS/');
  }

  /** One datapoint per period in [start, end] that has observations, oldest first (periods without any are absent). */
  datapoints(query: MetricQuery, window: { start: number; end: number }): Datapoint[] {
    return aggregate(this.observations(query), query, window);
  }

  observations(query: Omit<MetricQuery, 'statistic' | 'periodSeconds'>): Observation[] {
    if (query.namespace === 'AWS/SQS') return this.queueObservations(query);
    if (query.namespace === 'AWS/Lambda') return this.lambdaObservations(query);
    this.indexEmfPoints();
    return this.emfSeries.get(metricKey(query.namespace, query.metricName, query.dimensions)) ?? [];
  }

  private indexEmfPoints(): void {
    const points = this.inputs.emfPoints();
    if (points.length < this.emfIndexed) {
      this.emfSeries.clear();
      this.emfIndexed = 0;
    }
    for (; this.emfIndexed < points.length; this.emfIndexed += 1) {
      const point = points[this.emfIndexed]!;
      const key = metricKey(point.namespace, point.name, point.dimensions);
      const series = this.emfSeries.get(key);
      const observation = { timestamp: point.timestamp, value: point.value };
      if (series) series.push(observation);
      else this.emfSeries.set(key, [observation]);
    }
  }

  private queueObservations(query: Omit<MetricQuery, 'statistic' | 'periodSeconds'>): Observation[] {
    const gauge = SQS_GAUGES[query.metricName];
    const queueName = query.dimensions.QueueName;
    if (!gauge || queueName === undefined || Object.keys(query.dimensions).length !== 1) return [];
    const observations: Observation[] = [];
    for (const sample of this.queueSamples) {
      const queue = sample.gauges.get(queueName);
      if (queue) observations.push({ timestamp: sample.timestamp, value: gauge(queue) });
    }
    return observations;
  }

  private lambdaObservations(query: Omit<MetricQuery, 'statistic' | 'periodSeconds'>): Observation[] {
    const measure = LAMBDA_METRICS[query.metricName];
    const functionName = query.dimensions.FunctionName;
    if (!measure || functionName === undefined || Object.keys(query.dimensions).length !== 1) return [];
    const activity = this.inputs.functions().find((f) => f.functionName === functionName);
    return (activity?.completed ?? []).map((i) => ({ timestamp: i.endedAt, value: measure(i) }));
  }
}

/** One metric's identity as CloudWatch has it: namespace, name and the exact set of dimensions, in any order. */
function metricKey(namespace: string, name: string, dimensions: Record<string, string>): string {
  const sorted = Object.keys(dimensions)
    .sort()
    .map((k) => [k, dimensions[k]]);
  return JSON.stringify([namespace, name, sorted]);
}

/** Groups observations into periods aligned to the epoch (as CloudWatch aligns them) and applies the statistic. */
export function aggregate(
  observations: readonly Observation[],
  query: Pick<MetricQuery, 'statistic' | 'periodSeconds'>,
  window: { start: number; end: number },
): Datapoint[] {
  const periodMs = query.periodSeconds * 1000;
  if (!(periodMs > 0)) throw new Error(`period must be a positive number of seconds, got ${query.periodSeconds}`);
  const firstPeriod = Math.floor(window.start / periodMs) * periodMs;
  const byPeriod = new Map<number, number[]>();
  for (const { timestamp, value } of observations) {
    if (timestamp < firstPeriod || timestamp > window.end) continue;
    const periodStart = Math.floor(timestamp / periodMs) * periodMs;
    const values = byPeriod.get(periodStart);
    if (values) values.push(value);
    else byPeriod.set(periodStart, [value]);
  }
  return [...byPeriod.entries()]
    .sort(([a], [b]) => a - b)
    .map(([timestamp, values]) => ({ timestamp, value: computeStatistic(values, query.statistic)! }));
}
