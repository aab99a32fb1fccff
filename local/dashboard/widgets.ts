/**
 * The CloudWatch dashboards of the synthesized template, as widget models: the local page draws exactly the widgets
 * CloudWatch shows, read from the same `DashboardBody`, so the two cannot drift.
 * Body format: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
import { type IntrinsicContext, resolveString } from '#local/twin/intrinsics';
import { type CfnTemplate, property, resourcesOfType } from '#local/twin/template';
import type { MetricQuery } from './metric-query.ts';
import { parseStatistic } from './statistics.ts';

/** CloudWatch's defaults when a metric widget names no period or statistic. */
const DEFAULT_PERIOD_SECONDS = 300;
const DEFAULT_STATISTIC = 'Average';
const DEFAULT_WIDTH = 6;
const DEFAULT_HEIGHT = 6;

export interface WidgetPlacement {
  title: string;
  /** Position and size in CloudWatch's grid: 24 columns, rows of equal height. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WidgetMetric {
  query: MetricQuery;
  label: string;
  yAxis: 'left' | 'right';
  color?: string;
}

export interface AxisRange {
  min?: number;
  max?: number;
  label?: string;
}

export interface MetricWidget extends WidgetPlacement {
  kind: 'metric';
  view: string;
  metrics: WidgetMetric[];
  yAxis: { left?: AxisRange; right?: AxisRange };
  /** Entries of the widget that the local page cannot draw (e.g. metric math), each saying why. */
  problems: string[];
}

export interface AlarmWidget extends WidgetPlacement {
  kind: 'alarm';
  alarmArns: string[];
}

export interface TextWidget extends WidgetPlacement {
  kind: 'text';
  markdown: string;
}

export interface UnsupportedWidget extends WidgetPlacement {
  kind: 'unsupported';
  type: string;
}

export type Widget = MetricWidget | AlarmWidget | TextWidget | UnsupportedWidget;

export interface DashboardModel {
  logicalId: string;
  /** The dashboard's time range as CloudWatch opens it, e.g. `-PT6H`. */
  start?: string;
  widgets: Widget[];
}

/** Every `AWS::CloudWatch::Dashboard` of the template, its body resolved with the twin's local names. */
export function readDashboards(template: CfnTemplate, context: IntrinsicContext): DashboardModel[] {
  return resourcesOfType(template, 'AWS::CloudWatch::Dashboard').map(([logicalId, resource]) => {
    const text = resolveString(property(resource, 'DashboardBody'), context);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new Error(
        `dashboard ${logicalId}: DashboardBody is not JSON after resolving intrinsics (${String(error)})`,
      );
    }
    return parseDashboardBody(body, logicalId);
  });
}

export function parseDashboardBody(body: unknown, logicalId: string): DashboardModel {
  if (!isRecord(body) || !Array.isArray(body.widgets)) {
    throw new Error(`dashboard ${logicalId}: expected a body object with a 'widgets' array`);
  }
  const widgets: Widget[] = [];
  let flowX = 0;
  let flowY = 0;
  body.widgets.forEach((raw, index) => {
    const where = `dashboard ${logicalId}, widget ${index}`;
    if (!isRecord(raw) || typeof raw.type !== 'string') throw new Error(`${where}: expected an object with a 'type'`);
    const properties = isRecord(raw.properties) ? raw.properties : {};
    const width = optionalNumber(raw.width, `${where}: width`) ?? DEFAULT_WIDTH;
    const height = optionalNumber(raw.height, `${where}: height`) ?? DEFAULT_HEIGHT;
    // Widgets without a position flow left to right, as CloudWatch places them.
    if (flowX + width > 24) [flowX, flowY] = [0, flowY + DEFAULT_HEIGHT];
    const x = optionalNumber(raw.x, `${where}: x`) ?? flowX;
    const y = optionalNumber(raw.y, `${where}: y`) ?? flowY;
    [flowX, flowY] = [x + width, y];
    const placement = { title: typeof properties.title === 'string' ? properties.title : '', x, y, width, height };
    widgets.push(parseWidget(raw.type, properties, placement, where));
  });
  return { logicalId, ...(typeof body.start === 'string' ? { start: body.start } : {}), widgets };
}

function parseWidget(
  type: string,
  properties: Record<string, unknown>,
  placement: WidgetPlacement,
  where: string,
): Widget {
  switch (type) {
    case 'metric':
      return parseMetricWidget(properties, placement, where);
    case 'alarm': {
      const alarms = properties.alarms;
      if (!Array.isArray(alarms) || !alarms.every((a) => typeof a === 'string')) {
        throw new Error(`${where} (alarm): expected 'alarms' to be a list of alarm ARNs`);
      }
      return { kind: 'alarm', ...placement, alarmArns: alarms };
    }
    case 'text':
      return {
        kind: 'text',
        ...placement,
        markdown: typeof properties.markdown === 'string' ? properties.markdown : '',
      };
    default:
      return { kind: 'unsupported', ...placement, type };
  }
}

function parseMetricWidget(properties: Record<string, unknown>, placement: WidgetPlacement, where: string): Widget {
  if (!Array.isArray(properties.metrics)) throw new Error(`${where} (metric): expected a 'metrics' array`);
  const widgetStatistic = typeof properties.stat === 'string' ? properties.stat : DEFAULT_STATISTIC;
  const widgetPeriod = optionalNumber(properties.period, `${where}: period`) ?? DEFAULT_PERIOD_SECONDS;
  const metrics: WidgetMetric[] = [];
  const problems: string[] = [];
  let previous: unknown[] = [];
  properties.metrics.forEach((entry, index) => {
    const at = `${where}, metric ${index}`;
    if (!Array.isArray(entry)) throw new Error(`${at}: expected an array [namespace, name, dimensions..., options]`);
    const last = entry[entry.length - 1];
    const options = isRecord(last) ? last : {};
    // '.' repeats the value at the same position of the previous metric (dashboard shorthand).
    const fields = (isRecord(last) ? entry.slice(0, -1) : entry).map((v, i) => (v === '.' ? previous[i] : v));
    previous = fields;
    if (typeof options.expression === 'string') {
      problems.push(`metric math (${options.expression}) is not computed locally`);
      return;
    }
    if (fields.length < 2 || fields.length % 2 !== 0 || !fields.every((f) => typeof f === 'string')) {
      throw new Error(
        `${at}: expected namespace, metric name and dimension name/value pairs, got ${JSON.stringify(entry)}`,
      );
    }
    const [namespace, metricName, ...pairs] = fields as string[];
    const dimensions: Record<string, string> = {};
    for (let i = 0; i < pairs.length; i += 2) dimensions[pairs[i]!] = pairs[i + 1]!;
    const statisticName = typeof options.stat === 'string' ? options.stat : widgetStatistic;
    let statistic: MetricQuery['statistic'];
    try {
      statistic = parseStatistic(statisticName);
    } catch (error) {
      problems.push(`${metricName}: ${(error as Error).message}`);
      return;
    }
    metrics.push({
      query: {
        namespace: namespace!,
        metricName: metricName!,
        dimensions,
        statistic,
        periodSeconds: optionalNumber(options.period, `${at}: period`) ?? widgetPeriod,
      },
      label: typeof options.label === 'string' ? options.label : metricName!,
      yAxis: options.yAxis === 'right' ? 'right' : 'left',
      ...(typeof options.color === 'string' ? { color: options.color } : {}),
    });
  });
  disambiguateLabels(metrics);
  const yAxis = isRecord(properties.yAxis) ? properties.yAxis : {};
  return {
    kind: 'metric',
    ...placement,
    view: typeof properties.view === 'string' ? properties.view : 'timeSeries',
    metrics,
    yAxis: { ...axisRange(yAxis.left, 'left'), ...axisRange(yAxis.right, 'right') },
    problems,
  };
}

/** Two metrics of one widget with the same default label get their dimension values appended, so each reads apart. */
function disambiguateLabels(metrics: WidgetMetric[]): void {
  const counts = new Map<string, number>();
  for (const m of metrics) counts.set(m.label, (counts.get(m.label) ?? 0) + 1);
  for (const m of metrics) {
    if ((counts.get(m.label) ?? 0) > 1 && m.label === m.query.metricName) {
      m.label = `${m.label} (${Object.values(m.query.dimensions).join(', ')})`;
    }
  }
}

function axisRange(raw: unknown, side: 'left' | 'right'): { left?: AxisRange } | { right?: AxisRange } {
  if (!isRecord(raw)) return {};
  const range: AxisRange = {};
  if (typeof raw.min === 'number') range.min = raw.min;
  if (typeof raw.max === 'number') range.max = raw.max;
  if (typeof raw.label === 'string') range.label = raw.label;
  return { [side]: range };
}

function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new Error(`${what}: expected a number, got ${JSON.stringify(value)}`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
