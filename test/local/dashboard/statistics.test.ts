/** The statistics the local dashboard computes per period, as CloudWatch defines them. */
import { describe, expect, it } from 'vitest';
import { aggregate } from '#local/dashboard/metric-source';
import { computeStatistic, parseStatistic, percentile } from '#local/dashboard/statistics';

const DURATIONS = [120, 80, 300, 95, 110, 87, 2500, 101, 99, 130];

describe('statistics over one period', () => {
  it('computes Sum, Average, Maximum, Minimum and SampleCount', () => {
    expect(computeStatistic(DURATIONS, 'Sum')).toBe(3622);
    expect(computeStatistic(DURATIONS, 'Average')).toBeCloseTo(362.2, 10);
    expect(computeStatistic(DURATIONS, 'Maximum')).toBe(2500);
    expect(computeStatistic(DURATIONS, 'Minimum')).toBe(80);
    expect(computeStatistic(DURATIONS, 'SampleCount')).toBe(10);
  });

  it('keeps negative values in Maximum and Minimum', () => {
    expect(computeStatistic([-5, -2, -9], 'Maximum')).toBe(-2);
    expect(computeStatistic([-5, -2, -9], 'Minimum')).toBe(-9);
  });

  it('answers nothing for a period without values (CloudWatch has no datapoint then)', () => {
    expect(computeStatistic([], 'Sum')).toBeUndefined();
    expect(computeStatistic([], 'p99')).toBeUndefined();
  });

  it('takes percentiles by nearest rank, so each answer is an observed value', () => {
    // Sorted: 80 87 95 99 101 110 120 130 300 2500
    expect(percentile(DURATIONS, 50)).toBe(101);
    expect(percentile(DURATIONS, 90)).toBe(300);
    expect(percentile(DURATIONS, 99)).toBe(2500);
    expect(percentile(DURATIONS, 10)).toBe(80);
    expect(computeStatistic(DURATIONS, 'p99.9')).toBe(2500);
    expect(percentile([42], 99)).toBe(42);
  });

  it('takes the p99 of 1000 values as the 990th smallest', () => {
    const values = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    expect(percentile(values, 99)).toBe(990);
  });

  it('accepts CloudWatch statistic names and rejects others with the names it knows', () => {
    expect(parseStatistic('p99')).toBe('p99');
    expect(parseStatistic('p99.9')).toBe('p99.9');
    expect(parseStatistic('SampleCount')).toBe('SampleCount');
    expect(() => parseStatistic('avg')).toThrow(/'avg' is not computed locally \(expected Sum, Average/);
    expect(() => parseStatistic('p101')).toThrow(/'p101'/);
    expect(() => parseStatistic('tm99')).toThrow(/'tm99'/);
  });
});

describe('grouping observations into periods', () => {
  const minute = 60_000;
  const start = Date.UTC(2026, 10, 23, 2, 0, 0);

  it('aligns periods to the epoch and applies the statistic to each', () => {
    const observations = [
      { timestamp: start + 5_000, value: 1 },
      { timestamp: start + 59_999, value: 1 },
      { timestamp: start + minute, value: 1 },
      { timestamp: start + 3 * minute + 1, value: 4 },
    ];
    const datapoints = aggregate(
      observations,
      { statistic: 'Sum', periodSeconds: 60 },
      { start, end: start + 5 * minute },
    );
    expect(datapoints).toEqual([
      { timestamp: start, value: 2 },
      { timestamp: start + minute, value: 1 },
      { timestamp: start + 3 * minute, value: 4 },
    ]);
  });

  it('includes the whole first period of the window and nothing after its end', () => {
    const observations = [
      { timestamp: start + 10_000, value: 7 },
      { timestamp: start + 10 * minute, value: 9 },
    ];
    const datapoints = aggregate(
      observations,
      { statistic: 'Maximum', periodSeconds: 300 },
      { start: start + 2 * minute, end: start + 9 * minute },
    );
    expect(datapoints).toEqual([{ timestamp: start, value: 7 }]);
  });

  it('rejects a period that is not a positive number of seconds', () => {
    expect(() => aggregate([], { statistic: 'Sum', periodSeconds: 0 }, { start, end: start })).toThrow(
      /period must be a positive number of seconds, got 0/,
    );
  });
});
