/**
 * The dashboard on a running twin: its widgets are the CloudWatch dashboard's (read from the synthesized template),
 * its numbers come from what the functions and queues did, and its alarms follow the dead-letter queues.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PurgeQueueCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, PIPELINE_METRICS } from '#contracts/metrics';
import type { AlarmStatus, DashboardView, MetricWidgetView, WidgetView } from '#local/dashboard/dashboard-view';
import { type DashboardServer, startDashboard } from '#local/dashboard/server';
import { twinIntrinsicContext } from '#local/dashboard/twin-inputs';
import { type MetricWidget, readDashboards } from '#local/dashboard/widgets';
import { resolveString } from '#local/twin/intrinsics';
import { property, resourcesOfType } from '#local/twin/template';
import type { LocalTwin } from '#local/twin/twin';
import { startTestTwin } from '#test/support/twin';

const NOTE = 'CHIEF COMPLAINT: cough for five days.\nASSESSMENT: Acute bronchitis.\nPLAN: Supportive care.\n';

let twin: LocalTwin;
let dashboard: DashboardServer;

beforeAll(async () => {
  twin = await startTestTwin();
  dashboard = await startDashboard(twin, { sampleIntervalMs: 200 });
});

afterAll(async () => {
  await dashboard?.close();
  await twin?.stop();
});

async function getView(): Promise<DashboardView> {
  const response = await fetch(new URL('api/dashboard?minutes=30', dashboard.url));
  expect(response.status).toBe(200);
  return (await response.json()) as DashboardView;
}

function widgetsOf(view: DashboardView): WidgetView[] {
  expect(view.dashboards).toHaveLength(1);
  return view.dashboards[0]!.widgets;
}

function metricWidget(widgets: readonly WidgetView[], title: string): MetricWidgetView {
  const widget = widgets.find((w) => w.title === title);
  if (widget?.kind !== 'metric') throw new Error(`no metric widget titled '${title}'`);
  return widget;
}

/** Each consumed queue of the template with the name of its dead-letter queue, from the redrive policies. */
function queuesWithDeadLetters(): { queue: string; deadLetterQueue: string }[] {
  const context = twinIntrinsicContext(twin);
  return resourcesOfType(twin.stack.template, 'AWS::SQS::Queue').flatMap(([logicalId, queue]) => {
    const redrive = property<{ deadLetterTargetArn: unknown }>(queue, 'RedrivePolicy');
    if (!redrive) return [];
    const deadLetterArn = resolveString(redrive.deadLetterTargetArn, context);
    return [
      {
        queue: context.resources.get(logicalId)!.attributes.QueueName!,
        deadLetterQueue: deadLetterArn.split(':').pop()!,
      },
    ];
  });
}

describe('widgets read from the synthesized template', () => {
  it('has the Documents widget with the pipeline metrics of the service', () => {
    const [model] = readDashboards(twin.stack.template, twinIntrinsicContext(twin));
    const documents = model!.widgets.find((w): w is MetricWidget => w.kind === 'metric' && w.title === 'Documents');
    expect(documents?.metrics.map((m) => [m.query.namespace, m.query.metricName, m.query.statistic])).toEqual([
      [METRICS_NAMESPACE, PIPELINE_METRICS.documentsReceived, 'Sum'],
      [METRICS_NAMESPACE, PIPELINE_METRICS.documentsDuplicate, 'Sum'],
      [METRICS_NAMESPACE, PIPELINE_METRICS.documentsFailed, 'Sum'],
      [METRICS_NAMESPACE, PIPELINE_METRICS.documentsCoded, 'Sum'],
      [METRICS_NAMESPACE, PIPELINE_METRICS.documentsNeedingReview, 'Sum'],
      [METRICS_NAMESPACE, PIPELINE_METRICS.claimsCreated, 'Sum'],
    ]);
    expect(new Set(documents?.metrics.map((m) => Object.keys(m.query.dimensions).join()))).toEqual(
      new Set(['service']),
    );
    expect(documents).toMatchObject({ x: 0, y: 0, width: 12 });
  });

  it('lists every alarm of the template in the Alarms widget', () => {
    const [model] = readDashboards(twin.stack.template, twinIntrinsicContext(twin));
    const alarms = model!.widgets.find((w) => w.kind === 'alarm');
    const templateAlarmArns = resourcesOfType(twin.stack.template, 'AWS::CloudWatch::Alarm').map(
      ([logicalId]) => twin.resources.get(logicalId)!.attributes.Arn,
    );
    expect(alarms?.title).toBe('Alarms');
    expect(alarms?.kind === 'alarm' && [...alarms.alarmArns].sort()).toEqual(templateAlarmArns.sort());
    expect(templateAlarmArns.length).toBeGreaterThan(0);
  });

  it('has a widget per queue with its depth and oldest message on the left and its dead letters on the right', () => {
    const [model] = readDashboards(twin.stack.template, twinIntrinsicContext(twin));
    const pairs = queuesWithDeadLetters();
    expect(pairs.length).toBeGreaterThan(0);
    for (const { queue, deadLetterQueue } of pairs) {
      const widget = model!.widgets.find(
        (w): w is MetricWidget => w.kind === 'metric' && w.metrics.some((m) => m.query.dimensions.QueueName === queue),
      );
      expect(widget?.title, `widget for ${queue}`).toMatch(/ queue$/);
      expect(
        widget?.metrics.map((m) => [m.query.metricName, m.query.dimensions.QueueName, m.yAxis, m.query.statistic]),
      ).toEqual([
        ['ApproximateNumberOfMessagesVisible', queue, 'left', 'Maximum'],
        ['ApproximateAgeOfOldestMessage', queue, 'left', 'Maximum'],
        ['ApproximateNumberOfMessagesVisible', deadLetterQueue, 'right', 'Maximum'],
      ]);
      expect(widget?.metrics[2]?.label).toBe('Dead letters');
    }
  });

  it('has a widget named after each function the twin runs, with invocations, errors, throttles and p99 duration', () => {
    const [model] = readDashboards(twin.stack.template, twinIntrinsicContext(twin));
    const health = model!.widgets.filter(
      (w): w is MetricWidget => w.kind === 'metric' && w.title.endsWith(' function'),
    );
    const functionNames = [...twin.runtimes.values()].map((r) => r.definition.functionName);
    expect(health.map((w) => w.metrics[0]?.query.dimensions.FunctionName).sort()).toEqual(functionNames.sort());
    for (const widget of health) {
      expect(widget.metrics.map((m) => [m.query.namespace, m.query.metricName, m.query.statistic, m.yAxis])).toEqual([
        ['AWS/Lambda', 'Invocations', 'Sum', 'left'],
        ['AWS/Lambda', 'Errors', 'Sum', 'left'],
        ['AWS/Lambda', 'Throttles', 'Sum', 'left'],
        ['AWS/Lambda', 'Duration', 'p99', 'right'],
      ]);
    }
  });

  it('places the widgets in the 24-column grid without overlaps', () => {
    const [model] = readDashboards(twin.stack.template, twinIntrinsicContext(twin));
    const cells = new Set<string>();
    for (const widget of model!.widgets) {
      expect(widget.x + widget.width, widget.title).toBeLessThanOrEqual(24);
      for (let x = widget.x; x < widget.x + widget.width; x += 1) {
        for (let y = widget.y; y < widget.y + widget.height; y += 1) {
          expect(cells.has(`${x},${y}`), `${widget.title} overlaps at ${x},${y}`).toBe(false);
          cells.add(`${x},${y}`);
        }
      }
    }
  });
});

describe('the dashboard server on a running twin', () => {
  it('shows an uploaded document in the Documents widget and the invocation in its function widget', async () => {
    await twin.s3.send(
      new PutObjectCommand({ Bucket: twin.outputs.IntakeBucketName!, Key: 'inbox/dashboard/note.txt', Body: NOTE }),
    );
    await twin.waitUntilDrained();

    const widgets = widgetsOf(await getView());

    const documents = metricWidget(widgets, 'Documents');
    const received = documents.metrics.find((m) => m.query.metricName === PIPELINE_METRICS.documentsReceived);
    expect(received?.datapoints.reduce((sum, d) => sum + d.value, 0)).toBeGreaterThanOrEqual(1);
    const invocations = widgets
      .filter((w): w is MetricWidgetView => w.kind === 'metric' && w.title.endsWith(' function'))
      .flatMap((w) => w.metrics.filter((m) => m.query.metricName === 'Invocations'))
      .flatMap((m) => m.datapoints.map((d) => d.value));
    expect(invocations.reduce((sum, v) => sum + v, 0)).toBeGreaterThanOrEqual(1);
  });

  it('serves a page that lists every widget title, escaped, with the script allowed by nonce only', async () => {
    const response = await fetch(dashboard.url);
    const html = await response.text();
    const view = await getView();

    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const widget of widgetsOf(view)) expect(html).toContain(`<h2>${widget.title}</h2>`);
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    expect(response.headers.get('content-security-policy')).toContain(`script-src 'nonce-${nonce}'`);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)="https?:/);
  });

  it("turns the dead-letter alarm from OK to ALARM when a message sits in the queue's dead-letter queue", async () => {
    const { deadLetterQueue } = queuesWithDeadLetters()[0]!;
    const deadLetterUrl = twin.queues().find((q) => q.name === deadLetterQueue)!.url;
    const deadLetterAlarmId = resourcesOfType(twin.stack.template, 'AWS::CloudWatch::Alarm').find(
      ([, alarm]) =>
        property(alarm, 'MetricName') === 'ApproximateNumberOfMessagesVisible' &&
        resolveString(
          (property<{ Value: unknown }[]>(alarm, 'Dimensions') ?? [])[0]?.Value,
          twinIntrinsicContext(twin),
        ) === deadLetterQueue,
    )![0];
    const alarmArn = twin.resources.get(deadLetterAlarmId)!.attributes.Arn;
    const alarmOf = (view: DashboardView): AlarmStatus => {
      const alarmWidget = widgetsOf(view).find((w) => w.kind === 'alarm');
      const status = alarmWidget?.kind === 'alarm' ? alarmWidget.alarms.find((a) => a.arn === alarmArn) : undefined;
      if (!status) throw new Error(`the Alarms widget does not show ${deadLetterAlarmId}`);
      return status;
    };

    expect(alarmOf(await getView()).state).toBe('OK');

    await twin.sqs.send(new SendMessageCommand({ QueueUrl: deadLetterUrl, MessageBody: '{"dead":"letter"}' }));
    const inAlarm = alarmOf(await getView());
    expect(inAlarm.state).toBe('ALARM');
    expect(inAlarm.reason).toMatch(/greater than the threshold \(0\)/);

    await twin.sqs.send(new PurgeQueueCommand({ QueueUrl: deadLetterUrl }));
  });

  it('answers a bad window with 400 and the reason, and other paths with 404', async () => {
    const bad = await fetch(new URL('api/dashboard?minutes=-5', dashboard.url));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "minutes must be a number between 1 and 1440, got '-5'" });
    expect((await fetch(new URL('nowhere', dashboard.url))).status).toBe(404);
    expect((await fetch(dashboard.url, { method: 'POST' })).status).toBe(405);
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(new URL(dashboard.url).hostname).toBe('127.0.0.1');
  });
});
