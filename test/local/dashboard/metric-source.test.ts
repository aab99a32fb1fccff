/** Where each metric the dashboard asks for comes from in the twin, and how it is matched by dimensions. */
import { describe, expect, it } from 'vitest';
import { type FunctionActivity, MetricSource, type QueueGauge } from '#local/dashboard/metric-source';
import type { MetricPoint } from '#local/twin/emf-metrics';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);
const WINDOW = { start: T0, end: T0 + 60 * 60_000 };

function emf(name: string, value: number, dimensions: Record<string, string>, timestamp = T0 + 1000): MetricPoint {
  return { namespace: 'ClaimFlow', name, unit: 'Count', dimensions, value, timestamp, functionName: 'fn' };
}

function source(inputs: { points?: MetricPoint[]; functions?: FunctionActivity[]; queues?: QueueGauge[] }, now = T0) {
  return new MetricSource(
    {
      emfPoints: () => inputs.points ?? [],
      functions: () => inputs.functions ?? [],
      queues: () => inputs.queues ?? [],
    },
    { clock: () => now },
  );
}

describe('custom namespaces from EMF points', () => {
  it('sums the points of exactly the queried dimension set, per period', () => {
    const metrics = source({
      points: [
        emf('DocumentsReceived', 1, { service: 'claimflow' }),
        emf('DocumentsReceived', 1, { service: 'claimflow' }, T0 + 301_000),
        emf('DocumentsReceived', 1, { service: 'claimflow', function_name: 'x' }),
        emf('DocumentsReceived', 1, { service: 'other' }),
        emf('DocumentsFailed', 1, { service: 'claimflow' }),
      ],
    });
    const query = {
      namespace: 'ClaimFlow',
      metricName: 'DocumentsReceived',
      dimensions: { service: 'claimflow' },
      statistic: 'Sum' as const,
      periodSeconds: 300,
    };

    expect(metrics.datapoints(query, WINDOW)).toEqual([
      { timestamp: T0, value: 1 },
      { timestamp: T0 + 300_000, value: 1 },
    ]);
  });

  it('matches dimensions in any order and sees points printed after an earlier query', () => {
    const points = [emf('ColdStart', 1, { service: 'claimflow', function_name: 'a' })];
    const metrics = source({ points });
    const query = {
      namespace: 'ClaimFlow',
      metricName: 'ColdStart',
      dimensions: { function_name: 'a', service: 'claimflow' },
      statistic: 'SampleCount' as const,
      periodSeconds: 60,
    };
    expect(metrics.datapoints(query, WINDOW)).toEqual([{ timestamp: T0, value: 1 }]);

    points.push(emf('ColdStart', 1, { function_name: 'a', service: 'claimflow' }, T0 + 2000));

    expect(metrics.datapoints(query, WINDOW)).toEqual([{ timestamp: T0, value: 2 }]);
  });
});

describe('AWS/Lambda from completed invocations', () => {
  const functions: FunctionActivity[] = [
    {
      functionName: 'ClaimFlow-CodeEncounter',
      completed: [
        { endedAt: T0 + 1000, durationMs: 40, error: false },
        { endedAt: T0 + 2000, durationMs: 60, error: true },
        { endedAt: T0 + 3000, durationMs: 900, error: false },
      ],
    },
    { functionName: 'ClaimFlow-Other', completed: [{ endedAt: T0 + 1000, durationMs: 5, error: true }] },
  ];
  const lambda = (metricName: string, statistic: 'Sum' | 'Average' | 'p99') => ({
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: { FunctionName: 'ClaimFlow-CodeEncounter' },
    statistic,
    periodSeconds: 300,
  });

  it('counts invocations and errors of the named function only', () => {
    const metrics = source({ functions });
    expect(metrics.datapoints(lambda('Invocations', 'Sum'), WINDOW)).toEqual([{ timestamp: T0, value: 3 }]);
    expect(metrics.datapoints(lambda('Errors', 'Sum'), WINDOW)).toEqual([{ timestamp: T0, value: 1 }]);
  });

  it('reports zero throttles where there were invocations (the twin queues instead of throttling)', () => {
    expect(source({ functions }).datapoints(lambda('Throttles', 'Sum'), WINDOW)).toEqual([{ timestamp: T0, value: 0 }]);
  });

  it('takes duration percentiles over the invocations of the period', () => {
    expect(source({ functions }).datapoints(lambda('Duration', 'p99'), WINDOW)).toEqual([
      { timestamp: T0, value: 900 },
    ]);
  });

  it('answers nothing for a function the twin does not run', () => {
    const query = { ...lambda('Invocations', 'Sum'), dimensions: { FunctionName: 'Unknown' } };
    expect(source({ functions }).datapoints(query, WINDOW)).toEqual([]);
  });
});

describe('AWS/SQS from samples of the queue emulator', () => {
  it('keeps one observation per sample and takes the statistic over the period', () => {
    const clock = { now: T0 + 1000 };
    const queue: QueueGauge = { name: 'intake', visible: 3, inFlight: 1, delayed: 0, oldestMessageAgeSeconds: 12 };
    const metrics = new MetricSource(
      { emfPoints: () => [], functions: () => [], queues: () => [{ ...queue }] },
      { clock: () => clock.now },
    );
    metrics.sampleQueues();
    clock.now += 5000;
    queue.visible = 7;
    queue.oldestMessageAgeSeconds = 17;
    metrics.sampleQueues();
    const sqs = (metricName: string, statistic: 'Maximum' | 'Average') => ({
      namespace: 'AWS/SQS',
      metricName,
      dimensions: { QueueName: 'intake' },
      statistic,
      periodSeconds: 60,
    });

    expect(metrics.datapoints(sqs('ApproximateNumberOfMessagesVisible', 'Maximum'), WINDOW)).toEqual([
      { timestamp: T0, value: 7 },
    ]);
    expect(metrics.datapoints(sqs('ApproximateNumberOfMessagesVisible', 'Average'), WINDOW)).toEqual([
      { timestamp: T0, value: 5 },
    ]);
    expect(metrics.datapoints(sqs('ApproximateAgeOfOldestMessage', 'Maximum'), WINDOW)).toEqual([
      { timestamp: T0, value: 17 },
    ]);
  });

  it('drops samples older than the retention', () => {
    const clock = { now: T0 };
    const metrics = new MetricSource(
      {
        emfPoints: () => [],
        functions: () => [],
        queues: () => [{ name: 'q', visible: 1, inFlight: 0, delayed: 0, oldestMessageAgeSeconds: 0 }],
      },
      { clock: () => clock.now, retentionMs: 60_000 },
    );
    metrics.sampleQueues();
    clock.now += 120_000;
    metrics.sampleQueues();
    const observations = metrics.observations({
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'q' },
    });
    expect(observations.map((o) => o.timestamp)).toEqual([T0 + 120_000]);
  });

  it('says which metrics the twin has a source for', () => {
    const metrics = source({});
    expect(metrics.supports({ namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage' })).toBe(true);
    expect(metrics.supports({ namespace: 'AWS/SQS', metricName: 'NumberOfMessagesSent' })).toBe(false);
    expect(metrics.supports({ namespace: 'AWS/DynamoDB', metricName: 'ConsumedReadCapacityUnits' })).toBe(false);
    expect(metrics.supports({ namespace: 'ClaimFlow', metricName: 'AnythingTheFunctionsPrint' })).toBe(true);
  });
});
