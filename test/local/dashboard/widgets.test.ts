/** Reading a CloudWatch dashboard body into widget models, including the forms CDK does not emit and broken bodies. */
import { describe, expect, it } from 'vitest';
import { parseDashboardBody } from '#local/dashboard/widgets';

describe('parsing a dashboard body', () => {
  it('applies the widget default statistic and period, the "." shorthand and per-metric options', () => {
    const body = {
      widgets: [
        {
          type: 'metric',
          x: 0,
          y: 0,
          width: 12,
          height: 6,
          properties: {
            title: 'Latency',
            stat: 'p90',
            period: 60,
            metrics: [
              ['AWS/Lambda', 'Duration', 'FunctionName', 'a'],
              ['.', '.', '.', 'b', { stat: 'Maximum', label: 'Slowest b', yAxis: 'right', color: '#ff0000' }],
            ],
            yAxis: { left: { min: 0, max: 1000, label: 'ms' } },
          },
        },
      ],
    };

    const [widget] = parseDashboardBody(body, 'Dash').widgets;

    expect(widget).toMatchObject({ kind: 'metric', title: 'Latency', x: 0, y: 0, width: 12, height: 6 });
    expect(widget?.kind === 'metric' && widget.metrics).toEqual([
      {
        query: {
          namespace: 'AWS/Lambda',
          metricName: 'Duration',
          dimensions: { FunctionName: 'a' },
          statistic: 'p90',
          periodSeconds: 60,
        },
        label: 'Duration',
        yAxis: 'left',
      },
      {
        query: {
          namespace: 'AWS/Lambda',
          metricName: 'Duration',
          dimensions: { FunctionName: 'b' },
          statistic: 'Maximum',
          periodSeconds: 60,
        },
        label: 'Slowest b',
        yAxis: 'right',
        color: '#ff0000',
      },
    ]);
    expect(widget?.kind === 'metric' && widget.yAxis).toEqual({ left: { min: 0, max: 1000, label: 'ms' } });
  });

  it("uses CloudWatch's defaults: Average over 300 s, and a 6 by 6 widget placed left to right", () => {
    const body = {
      widgets: [
        { type: 'metric', properties: { metrics: [['NS', 'A']] } },
        { type: 'metric', properties: { metrics: [['NS', 'B']] } },
      ],
    };
    const widgets = parseDashboardBody(body, 'Dash').widgets;
    expect(widgets.map((w) => [w.x, w.y, w.width, w.height])).toEqual([
      [0, 0, 6, 6],
      [6, 0, 6, 6],
    ]);
    expect(widgets[0]?.kind === 'metric' && widgets[0].metrics[0]?.query).toMatchObject({
      statistic: 'Average',
      periodSeconds: 300,
    });
  });

  it('tells metrics of one widget apart when they share a default label', () => {
    const body = {
      widgets: [
        {
          type: 'metric',
          properties: {
            metrics: [
              ['AWS/SQS', 'Visible', 'QueueName', 'a'],
              ['AWS/SQS', 'Visible', 'QueueName', 'b'],
            ],
          },
        },
      ],
    };
    const [widget] = parseDashboardBody(body, 'Dash').widgets;
    expect(widget?.kind === 'metric' && widget.metrics.map((m) => m.label)).toEqual(['Visible (a)', 'Visible (b)']);
  });

  it('keeps what it cannot draw as problems of the widget instead of failing the page', () => {
    const body = {
      widgets: [
        {
          type: 'metric',
          properties: {
            title: 'Mixed',
            metrics: [[{ expression: 'm1 / m2', label: 'ratio' }], ['NS', 'A', { stat: 'IQM' }], ['NS', 'B']],
          },
        },
        { type: 'log', properties: { title: 'Logs', query: 'fields @message' } },
        { type: 'text', properties: { markdown: '# Runbook' } },
      ],
    };
    const [metric, log, text] = parseDashboardBody(body, 'Dash').widgets;
    expect(metric?.kind === 'metric' && metric.problems).toEqual([
      'metric math (m1 / m2) is not computed locally',
      "A: statistic 'IQM' is not computed locally (expected Sum, Average, Maximum, Minimum, SampleCount or pNN)",
    ]);
    expect(metric?.kind === 'metric' && metric.metrics.map((m) => m.query.metricName)).toEqual(['B']);
    expect(log).toMatchObject({ kind: 'unsupported', type: 'log', title: 'Logs' });
    expect(text).toMatchObject({ kind: 'text', markdown: '# Runbook' });
  });

  it('names the dashboard, widget and metric of a malformed entry', () => {
    expect(() => parseDashboardBody({ start: '-PT6H' }, 'Dash')).toThrow(
      "dashboard Dash: expected a body object with a 'widgets' array",
    );
    expect(() => parseDashboardBody({ widgets: [{ properties: {} }] }, 'Dash')).toThrow(
      "dashboard Dash, widget 0: expected an object with a 'type'",
    );
    expect(() =>
      parseDashboardBody({ widgets: [{ type: 'metric', properties: { metrics: [['NS', 'A', 'OnlyName']] } }] }, 'Dash'),
    ).toThrow('dashboard Dash, widget 0, metric 0: expected namespace, metric name and dimension name/value pairs');
    expect(() => parseDashboardBody({ widgets: [{ type: 'metric', width: '12', properties: {} }] }, 'Dash')).toThrow(
      'dashboard Dash, widget 0: width: expected a number, got "12"',
    );
    expect(() => parseDashboardBody({ widgets: [{ type: 'alarm', properties: { alarms: [1] } }] }, 'Dash')).toThrow(
      "dashboard Dash, widget 0 (alarm): expected 'alarms' to be a list of alarm ARNs",
    );
  });
});
