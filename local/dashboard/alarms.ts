/**
 * The template's CloudWatch alarms, evaluated against the same series the dashboard draws: metric, statistic, period,
 * threshold, comparison, evaluation periods, datapoints to alarm and the treatment of missing data, as CloudWatch
 * evaluates them (the current, still open period counts, so a local alarm reacts at once).
 */
import { type IntrinsicContext, resolveString, resolveValue } from '#local/twin/intrinsics';
import { type CfnTemplate, property, resourcesOfType } from '#local/twin/template';
import type { Datapoint, MetricQuery } from './metric-query.ts';
import { parseStatistic } from './statistics.ts';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

const COMPARISONS = {
  GreaterThanThreshold: { test: (v: number, t: number) => v > t, words: 'greater than' },
  GreaterThanOrEqualToThreshold: { test: (v: number, t: number) => v >= t, words: 'greater than or equal to' },
  LessThanThreshold: { test: (v: number, t: number) => v < t, words: 'less than' },
  LessThanOrEqualToThreshold: { test: (v: number, t: number) => v <= t, words: 'less than or equal to' },
} as const;
type ComparisonOperator = keyof typeof COMPARISONS;

export interface AlarmDefinition {
  logicalId: string;
  /** The alarm's ARN in the twin: what an alarm widget lists. */
  arn: string;
  name: string;
  description?: string;
  /** Undefined when the alarm is one the twin cannot evaluate; `unsupported` says why. */
  query?: MetricQuery;
  unsupported?: string;
  threshold: number;
  comparison: ComparisonOperator;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  treatMissingData: TreatMissingData;
}

export interface AlarmEvaluation {
  state: AlarmState;
  reason: string;
}

export function readAlarms(template: CfnTemplate, context: IntrinsicContext): AlarmDefinition[] {
  return resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([logicalId, resource]) => {
    const where = `alarm ${logicalId}`;
    const local = context.resources.get(logicalId);
    if (!local?.attributes.Arn) throw new Error(`${where}: the twin has no local ARN for it`);
    const evaluationPeriods = requiredNumber(property(resource, 'EvaluationPeriods'), `${where}: EvaluationPeriods`);
    const comparison = String(property(resource, 'ComparisonOperator'));
    const treatMissingData = String(property(resource, 'TreatMissingData') ?? 'missing');
    if (!['missing', 'notBreaching', 'breaching', 'ignore'].includes(treatMissingData)) {
      throw new Error(`${where}: TreatMissingData '${treatMissingData}' is not a CloudWatch value`);
    }
    const description = property<string>(resource, 'AlarmDescription');
    const definition: AlarmDefinition = {
      logicalId,
      arn: local.attributes.Arn,
      name: property(resource, 'AlarmName') ? resolveString(property(resource, 'AlarmName'), context) : local.ref,
      ...(description ? { description: resolveString(description, context) } : {}),
      threshold: Number(property(resource, 'Threshold') ?? Number.NaN),
      comparison: comparison as ComparisonOperator,
      evaluationPeriods,
      datapointsToAlarm: Number(property(resource, 'DatapointsToAlarm') ?? evaluationPeriods),
      treatMissingData: treatMissingData as TreatMissingData,
    };
    const unsupported = whyUnsupported(resource.Properties ?? {}, comparison);
    if (unsupported) return { ...definition, unsupported };
    const dimensions = resolveValue(property(resource, 'Dimensions') ?? [], context) as {
      Name: string;
      Value: string;
    }[];
    return {
      ...definition,
      query: {
        namespace: String(property(resource, 'Namespace')),
        metricName: String(property(resource, 'MetricName')),
        dimensions: Object.fromEntries(dimensions.map((d) => [d.Name, String(d.Value)])),
        statistic: parseStatistic(String(property(resource, 'Statistic') ?? property(resource, 'ExtendedStatistic'))),
        periodSeconds: requiredNumber(property(resource, 'Period'), `${where}: Period`),
      },
    };
  });
}

function whyUnsupported(properties: Record<string, unknown>, comparison: string): string | undefined {
  if (properties.Metrics !== undefined) return 'metric math alarms are not evaluated locally';
  if (!(comparison in COMPARISONS)) return `comparison ${comparison} (anomaly detection) is not evaluated locally`;
  if (typeof properties.Threshold !== 'number') return 'the alarm has no static threshold';
  const statistic = String(properties.Statistic ?? properties.ExtendedStatistic);
  try {
    parseStatistic(statistic);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/**
 * Evaluates the last `evaluationPeriods` periods up to and including the one `now` falls in. `previous` is the state
 * kept when every datapoint is missing and missing data is ignored.
 */
export function evaluateAlarm(
  alarm: AlarmDefinition,
  datapoints: readonly Datapoint[],
  now: number,
  previous: AlarmState = 'INSUFFICIENT_DATA',
): AlarmEvaluation {
  if (!alarm.query) return { state: 'INSUFFICIENT_DATA', reason: alarm.unsupported ?? 'not evaluated locally' };
  const periodMs = alarm.query.periodSeconds * 1000;
  const lastPeriod = Math.floor(now / periodMs) * periodMs;
  const byPeriod = new Map(datapoints.map((d) => [d.timestamp, d.value]));
  const values = Array.from({ length: alarm.evaluationPeriods }, (_, i) =>
    byPeriod.get(lastPeriod - (alarm.evaluationPeriods - 1 - i) * periodMs),
  );
  const { test, words } = COMPARISONS[alarm.comparison];
  const present = values.filter((v): v is number => v !== undefined);
  const missing = values.length - present.length;
  const breachingMissing = alarm.treatMissingData === 'breaching' ? missing : 0;
  const breaching = present.filter((v) => test(v, alarm.threshold)).length + breachingMissing;
  const shown = `[${values.map((v) => (v === undefined ? 'missing' : String(v))).join(', ')}]`;
  const comparedTo = `${words} the threshold (${alarm.threshold})`;

  if (breaching >= alarm.datapointsToAlarm) {
    return {
      state: 'ALARM',
      reason: `${breaching} of the last ${values.length} datapoints ${shown} ${breaching === 1 ? 'was' : 'were'} ${comparedTo}`,
    };
  }
  if (present.length === 0 && (alarm.treatMissingData === 'missing' || alarm.treatMissingData === 'ignore')) {
    const state = alarm.treatMissingData === 'ignore' ? previous : 'INSUFFICIENT_DATA';
    return { state, reason: `no datapoints in the last ${values.length} period(s) of ${alarm.query.periodSeconds} s` };
  }
  return { state: 'OK', reason: `${breaching} of the last ${values.length} datapoints ${shown} ${comparedTo}` };
}

function requiredNumber(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new Error(`${what}: expected a positive number, got ${JSON.stringify(value)}`);
  }
  return value;
}
