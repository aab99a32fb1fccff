/**
 * Monitoring grows by registration: a feature with more functions and queues gets a dashboard whose widgets have
 * whole-column widths, fit the 24-column grid and are titled after the resource they show, with each resource's
 * alarms. The throwaway feature below stands for the next capability.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { PIPELINE_METRICS } from '#contracts/metrics';
import { QueueWithDlq } from '#lib/constructs/queue-with-dlq';
import { checkWidth, GRID_WIDTH, packRows } from '#lib/monitoring/dashboard-layout';
import type { FeatureMonitoring, MonitoredFeature } from '#lib/monitoring/monitored';
import { Monitoring } from '#lib/monitoring/monitoring';
import { Platform } from '#lib/platform/platform';

/** Five functions and two queues: five functions is what made the old dashboard draw widths of 4.8. */
class ThrowawayFeature extends Construct implements MonitoredFeature {
  readonly monitoring: FeatureMonitoring;

  constructor(scope: Construct, id: string, platform: Platform) {
    super(scope, id);
    const queues = ['Throwaway', 'Second throwaway'].map((title, i) => {
      const q = new QueueWithDlq(this, `Queue${i}`, {
        key: platform.messagesKey,
        visibilityTimeout: Duration.minutes(1),
        maxReceiveCount: 3,
      });
      return {
        title,
        queue: q.queue,
        deadLetterQueue: q.deadLetterQueue,
        thresholds: { maxMessageAge: Duration.minutes(i + 1) },
      };
    });
    const functions = ['throwaway-a', 'throwaway-b', 'throwaway-c', 'throwaway-d', 'throwaway-e'].map((title, i) => ({
      title,
      function: new lambda.Function(this, `Function${i}`, {
        runtime: lambda.Runtime.NODEJS_24_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => {};'),
      }),
      consumesBatches: i % 2 === 0,
      thresholds: { errorsPerMinute: i },
    }));
    this.monitoring = {
      panels: [{ title: 'Throwaway work', left: [PIPELINE_METRICS.documentsReceived] }],
      queues,
      functions,
    };
  }
}

interface DashboardWidget {
  type: string;
  x: number;
  y: number;
  width: number;
  height: number;
  properties: { title?: string };
}

function dashboardOf(template: Template): DashboardWidget[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  // Tokens (function and queue names) are joined in; the layout and titles are literal.
  const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return (JSON.parse(text) as { widgets: DashboardWidget[] }).widgets;
}

function throwawayStack() {
  const stack = new Stack(new App(), 'MonitoringTest');
  const platform = new Platform(stack, 'Platform');
  const feature = new ThrowawayFeature(stack, 'Throwaway', platform);
  const monitoring = new Monitoring(stack, 'Monitoring', {
    key: platform.messagesKey,
    alarmSubscriptions: { email: 'oncall@billing.example' },
    features: [feature],
  });
  return { stack, feature, monitoring, template: Template.fromStack(stack) };
}

describe('a dashboard for a feature with five functions and two queues', () => {
  const { template } = throwawayStack();
  const widgets = dashboardOf(template);

  it('gives every widget a whole-column width inside the 24-column grid', () => {
    expect(widgets.length).toBeGreaterThan(0);
    for (const w of widgets) {
      expect(Number.isInteger(w.width), `${w.properties.title} width ${w.width}`).toBe(true);
      expect(Number.isInteger(w.x)).toBe(true);
      expect(w.x + w.width).toBeLessThanOrEqual(GRID_WIDTH);
    }
  });

  it('titles each widget after the resource it shows, each once', () => {
    const titles = widgets.map((w) => w.properties.title);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Throwaway work',
        'Alarms',
        'Throwaway queue',
        'Second throwaway queue',
        ...['a', 'b', 'c', 'd', 'e'].map((s) => `throwaway-${s} function`),
        'throwaway-a failed batch items',
        'throwaway-c failed batch items',
        'throwaway-e failed batch items',
      ]),
    );
    expect(titles).not.toContain('throwaway-b failed batch items');
  });

  it("alarms on each resource with the feature's thresholds, and lists every alarm in the status widget", () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    // Per function: errors and throttles, plus failed batch items for the three queue consumers; per queue: two.
    expect(alarms).toHaveLength(5 * 2 + 3 + 2 * 2);
    const errorThresholds = alarms.filter((a) => a.MetricName === 'Errors').map((a) => a.Threshold);
    expect(errorThresholds.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    const ages = alarms.filter((a) => a.MetricName === 'ApproximateAgeOfOldestMessage').map((a) => a.Threshold);
    expect(ages.sort((a, b) => a - b)).toEqual([60, 120]);
    const status = widgets.find((w) => w.type === 'alarm') as unknown as { properties: { alarms: unknown[] } };
    expect(status.properties.alarms).toHaveLength(alarms.length);
  });
});

describe('registration', () => {
  it('refuses a resource registered twice', () => {
    const stack = new Stack(new App(), 'Twice');
    const platform = new Platform(stack, 'Platform');
    const feature = new ThrowawayFeature(stack, 'Throwaway', platform);
    const twice: MonitoredFeature = { monitoring: { functions: [feature.monitoring.functions![0]!] } };
    expect(
      () =>
        new Monitoring(stack, 'Monitoring', {
          key: platform.messagesKey,
          alarmSubscriptions: {},
          features: [feature, twice],
        }),
    ).toThrow(/registered with monitoring twice/);
  });
});

describe('dashboard layout', () => {
  it('packs widgets into rows that never exceed the grid, in order', () => {
    const widths = [12, 12, 8, 8, 8, 12, 6, 6, 24];
    const rows = packRows(widths.map((width, i) => ({ width, i })));
    expect(rows.map((r) => r.map((w) => w.width))).toEqual([[12, 12], [8, 8, 8], [12, 6, 6], [24]]);
    expect(rows.flat().map((w) => w.i)).toEqual(widths.map((_, i) => i));
  });

  it('refuses a width that is not a whole number of columns within the grid', () => {
    expect(checkWidth(8, 'ok')).toBe(8);
    expect(() => checkWidth(24 / 5, 'Function health')).toThrow(/'Function health' has width 4.8/);
    expect(() => checkWidth(0, 'none')).toThrow(/whole columns/);
    expect(() => checkWidth(25, 'wide')).toThrow(/whole columns/);
  });
});
