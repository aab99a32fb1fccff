/**
 * CloudWatch statistics over the raw values that fall in one period: Sum, Average, Maximum, Minimum, SampleCount and
 * percentiles (p99, p99.9, ...). The names are CloudWatch's exactly, as they appear in a dashboard body or an alarm.
 */
export type StatisticName = 'Sum' | 'Average' | 'Maximum' | 'Minimum' | 'SampleCount' | `p${number}`;

const PERCENTILE = /^p(\d{1,2}(?:\.\d+)?|100)$/;
const SIMPLE = new Set(['Sum', 'Average', 'Maximum', 'Minimum', 'SampleCount']);

/** The statistic named, or an error that says which names the local dashboard computes. */
export function parseStatistic(name: string): StatisticName {
  if (SIMPLE.has(name) || PERCENTILE.test(name)) return name as StatisticName;
  throw new Error(
    `statistic '${name}' is not computed locally (expected Sum, Average, Maximum, Minimum, SampleCount or pNN)`,
  );
}

/** One period's statistic; undefined when the period has no values (CloudWatch returns no datapoint then). */
export function computeStatistic(values: readonly number[], statistic: StatisticName): number | undefined {
  if (values.length === 0) return undefined;
  switch (statistic) {
    case 'Sum':
      return sum(values);
    case 'Average':
      return sum(values) / values.length;
    case 'Maximum':
      return values.reduce((max, v) => Math.max(max, v), Number.NEGATIVE_INFINITY);
    case 'Minimum':
      return values.reduce((min, v) => Math.min(min, v), Number.POSITIVE_INFINITY);
    case 'SampleCount':
      return values.length;
    default:
      return percentile(values, Number(statistic.slice(1)));
  }
}

/**
 * Nearest-rank percentile: the smallest value with at least p% of the values at or below it, so p99 of ten durations
 * is the largest one and every answer is a value that was actually observed (as CloudWatch's percentiles are).
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be between 0 and 100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
