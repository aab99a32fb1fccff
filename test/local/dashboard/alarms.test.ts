/**
 * Alarm evaluation as CloudWatch does it: the last N periods of the alarm's statistic against its threshold, with
 * datapoints to alarm and the treatment of missing data; queue gauges come from samples of the emulator.
 */
import { describe, expect, it } from 'vitest';
import { type AlarmDefinition, evaluateAlarm, readAlarms } from '#local/dashboard/alarms';
import { MetricSource, type QueueGauge } from '#local/dashboard/metric-source';
import type { IntrinsicContext, LocalResourceAttributes } from '#local/twin/intrinsics';
import type { CfnTemplate } from '#local/twin/template';

const MINUTE = 60_000;
const NOW = Date.UTC(2026, 10, 23, 2, 30, 20);
const CURRENT_PERIOD = Date.UTC(2026, 10, 23, 2, 30, 0);

function alarm(overrides: Partial<AlarmDefinition> = {}): AlarmDefinition {
  return {
    logicalId: 'DeadLetterQueueNotEmpty',
    arn: 'arn:aws:local:us-east-1:000000000000:DeadLetterQueueNotEmpty',
    name: 'DeadLetterQueueNotEmpty',
    query: {
      namespace: 'AWS/SQS',
      metricName: 'ApproximateNumberOfMessagesVisible',
      dimensions: { QueueName: 'dlq' },
      statistic: 'Maximum',
      periodSeconds: 60,
    },
    threshold: 0,
    comparison: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'notBreaching',
    ...overrides,
  };
}

function queueSource(clock: { now: number }, dlq: Partial<QueueGauge>) {
  const gauge: QueueGauge = { name: 'dlq', visible: 0, inFlight: 0, delayed: 0, oldestMessageAgeSeconds: 0, ...dlq };
  const source = new MetricSource(
    { emfPoints: () => [], functions: () => [], queues: () => [{ ...gauge }] },
    { clock: () => clock.now },
  );
  return { source, gauge };
}

describe('a dead-letter queue alarm (Maximum of visible messages > 0 over one minute)', () => {
  it('is ALARM when a sample of the dead-letter queue holds a message', () => {
    const clock = { now: NOW };
    const { source } = queueSource(clock, { visible: 1 });
    source.sampleQueues();
    const definition = alarm();
    const datapoints = source.datapoints(definition.query!, { start: NOW - MINUTE, end: NOW });

    const evaluation = evaluateAlarm(definition, datapoints, NOW);

    expect(evaluation.state).toBe('ALARM');
    expect(evaluation.reason).toBe('1 of the last 1 datapoints [1] was greater than the threshold (0)');
  });

  it('is OK when every sample of the dead-letter queue is empty', () => {
    const clock = { now: NOW };
    const { source } = queueSource(clock, { visible: 0 });
    source.sampleQueues();
    const definition = alarm();

    const evaluation = evaluateAlarm(definition, source.datapoints(definition.query!, { start: 0, end: NOW }), NOW);

    expect(evaluation.state).toBe('OK');
  });

  it('goes back to OK once the minute with the message has passed and the queue was redriven', () => {
    const clock = { now: NOW };
    const { source, gauge } = queueSource(clock, { visible: 2 });
    source.sampleQueues();
    gauge.visible = 0;
    clock.now = NOW + MINUTE;
    source.sampleQueues();
    const definition = alarm();

    const evaluation = evaluateAlarm(
      definition,
      source.datapoints(definition.query!, { start: 0, end: clock.now }),
      clock.now,
    );

    expect(evaluation.state).toBe('OK');
  });
});

describe('evaluation periods, datapoints to alarm and missing data', () => {
  const points = (...values: (number | undefined)[]) =>
    values.flatMap((value, i) =>
      value === undefined ? [] : [{ timestamp: CURRENT_PERIOD - (values.length - 1 - i) * MINUTE, value }],
    );
  const oldestMessage = (overrides: Partial<AlarmDefinition>) =>
    alarm({ threshold: 900, evaluationPeriods: 5, datapointsToAlarm: 5, ...overrides });

  it('needs every one of 5 periods above the threshold when datapoints to alarm is 5', () => {
    expect(evaluateAlarm(oldestMessage({}), points(901, 950, 1000, 1100, 1200), NOW).state).toBe('ALARM');
    expect(evaluateAlarm(oldestMessage({}), points(901, 950, 800, 1100, 1200), NOW).state).toBe('OK');
  });

  it('alarms on M of N breaching periods', () => {
    const threeOfFive = oldestMessage({ datapointsToAlarm: 3 });
    expect(evaluateAlarm(threeOfFive, points(0, 901, 0, 950, 990), NOW).state).toBe('ALARM');
    expect(evaluateAlarm(threeOfFive, points(0, 901, 0, 0, 990), NOW).state).toBe('OK');
  });

  it('ignores datapoints older than the evaluation range', () => {
    const old = [{ timestamp: CURRENT_PERIOD - 10 * MINUTE, value: 5000 }];
    expect(evaluateAlarm(oldestMessage({ datapointsToAlarm: 1 }), old, NOW).state).toBe('OK');
  });

  it('compares with the operator the template names, threshold included or not', () => {
    const atThreshold = points(900);
    const single = { evaluationPeriods: 1, datapointsToAlarm: 1 };
    expect(evaluateAlarm(oldestMessage({ ...single }), atThreshold, NOW).state).toBe('OK');
    expect(
      evaluateAlarm(oldestMessage({ ...single, comparison: 'GreaterThanOrEqualToThreshold' }), atThreshold, NOW).state,
    ).toBe('ALARM');
    expect(evaluateAlarm(oldestMessage({ ...single, comparison: 'LessThanThreshold' }), points(10), NOW).state).toBe(
      'ALARM',
    );
  });

  it('treats missing data as the template says', () => {
    const none = points(undefined, undefined, undefined, undefined, undefined);
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'notBreaching' }), none, NOW).state).toBe('OK');
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'breaching' }), none, NOW).state).toBe('ALARM');
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'missing' }), none, NOW).state).toBe('INSUFFICIENT_DATA');
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'ignore' }), none, NOW, 'ALARM').state).toBe('ALARM');
  });

  it('counts missing periods as breaching only when told to', () => {
    const gaps = points(1000, undefined, 1000, undefined, 1000);
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'breaching' }), gaps, NOW).state).toBe('ALARM');
    expect(evaluateAlarm(oldestMessage({ treatMissingData: 'notBreaching' }), gaps, NOW).state).toBe('OK');
  });

  it('reports an alarm it cannot evaluate as INSUFFICIENT_DATA with the reason', () => {
    const mathAlarm = alarm({ query: undefined, unsupported: 'metric math alarms are not evaluated locally' });
    expect(evaluateAlarm(mathAlarm, [], NOW)).toEqual({
      state: 'INSUFFICIENT_DATA',
      reason: 'metric math alarms are not evaluated locally',
    });
  });
});

describe('reading alarms from a template', () => {
  const context: IntrinsicContext = {
    region: 'us-east-1',
    accountId: '000000000000',
    stackName: 'Stack',
    resources: new Map<string, LocalResourceAttributes>([
      ['Dlq', { ref: 'http://sqs/Stack-Dlq', attributes: { QueueName: 'Stack-Dlq' } }],
      [
        'DlqAlarm',
        { ref: 'Stack-DlqAlarm', attributes: { Arn: 'arn:aws:local:us-east-1:000000000000:Stack-DlqAlarm' } },
      ],
    ]),
  };
  const template = (properties: Record<string, unknown>): CfnTemplate => ({
    Resources: {
      Dlq: { Type: 'AWS::SQS::Queue' },
      DlqAlarm: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          ComparisonOperator: 'GreaterThanThreshold',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['Dlq', 'QueueName'] } }],
          EvaluationPeriods: 1,
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Period: 60,
          Statistic: 'Maximum',
          Threshold: 0,
          TreatMissingData: 'notBreaching',
          ...properties,
        },
      },
    },
  });

  it('resolves dimensions to local names and defaults datapoints to alarm to the evaluation periods', () => {
    const [definition] = readAlarms(template({ EvaluationPeriods: 3 }), context);
    expect(definition).toMatchObject({
      arn: 'arn:aws:local:us-east-1:000000000000:Stack-DlqAlarm',
      name: 'Stack-DlqAlarm',
      query: { dimensions: { QueueName: 'Stack-Dlq' }, statistic: 'Maximum', periodSeconds: 60 },
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
    });
  });

  it('reads a percentile alarm from ExtendedStatistic', () => {
    const [definition] = readAlarms(template({ Statistic: undefined, ExtendedStatistic: 'p99' }), context);
    expect(definition?.query?.statistic).toBe('p99');
  });

  it('keeps an anomaly detection alarm, marked as not evaluated locally', () => {
    const [definition] = readAlarms(
      template({ ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold' }),
      context,
    );
    expect(definition?.query).toBeUndefined();
    expect(definition?.unsupported).toMatch(/LessThanLowerOrGreaterThanUpperThreshold \(anomaly detection\)/);
  });

  it('names the alarm and the property when a required number is missing', () => {
    expect(() => readAlarms(template({ Period: undefined }), context)).toThrow(
      'alarm DlqAlarm: Period: expected a positive number, got undefined',
    );
    expect(() => readAlarms(template({ TreatMissingData: 'sometimes' }), context)).toThrow(
      "alarm DlqAlarm: TreatMissingData 'sometimes' is not a CloudWatch value",
    );
  });
});
