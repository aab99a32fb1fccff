/**
 * The mailbox poller on the synthesized template: deployed for a connector that keeps a mailbox (the sandbox, by
 * default) on the schedule the practice configuration asks for, with the grants copying needs and no more (write
 * responses/raw/ only, send to the remittance queue only, read the clearinghouse connection secret only, no deletes
 * or scans), its failures alarmed when they persist; and not deployed when the configuration turns polling off.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRICS_NAMESPACE, REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { SECRET_ROLES } from '#contracts/secrets';
import { createApp, SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import {
  actionsOf,
  expectOnlyRawResponseWritesAndRemittanceSends,
  functionsNamed,
  roleStatements,
  secretWithRole,
} from './template-queries.ts';

/** The stack synthesized with the sample configuration, its clearinghouse's `mailbox` settings replaced. */
function synthesizedWith(mailbox: Record<string, unknown> | undefined): Template {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-mailbox-'));
  const config = JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8'));
  config.clearinghouse = { ...config.clearinghouse, ...(mailbox ? { mailbox } : {}) };
  const practiceConfigPath = join(dir, 'practice.json');
  writeFileSync(practiceConfigPath, JSON.stringify(config));
  const { app, stack } = createApp({
    outdir: join(dir, 'cdk.out'),
    practiceConfigPath,
    context: { 'claimflow:allowSampleConfig': true },
  });
  app.synth();
  return Template.fromStack(stack);
}

describe('with the sandbox connector (it keeps a mailbox), tuned by the practice configuration', () => {
  let template: Template;
  let pollerId: string;

  beforeAll(() => {
    template = synthesizedWith({ everyMinutes: 2, maxFilesPerRun: 50 });
    const found = functionsNamed(template, 'poll-mailbox');
    expect(found).toHaveLength(1);
    pollerId = found[0]![0];
  });

  it('runs poll-mailbox on the configured rate from an EventBridge schedule, with retries', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) =>
      (rule.Properties.Targets as { Arn: unknown }[]).some(
        (t) => JSON.stringify(t.Arn) === JSON.stringify({ 'Fn::GetAtt': [pollerId, 'Arn'] }),
      ),
    );
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(2 minutes)',
      Targets: [{ RetryPolicy: { MaximumRetryAttempts: 2 } }],
    });
    const fn = template.findResources('AWS::Lambda::Function')[pollerId]!;
    expect(fn.Properties.Environment.Variables.POLL_MAILBOX_MAX_FILES).toBe('50');
    // A run ends before the next one is due.
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(120);
  });

  it('writes only responses/raw/, sends only to the remittance queue, reads only the connection secret', () => {
    const statements = roleStatements(template, pollerId);
    expectOnlyRawResponseWritesAndRemittanceSends(template, statements);

    const [connectionId] = secretWithRole(template, SECRET_ROLES.clearinghouseConnection);
    const secrets = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(secrets.map((s) => s.Resource)).toEqual([{ Ref: connectionId }]);
    const fn = template.findResources('AWS::Lambda::Function')[pollerId]!;
    expect(fn.Properties.Environment.Variables.CLEARINGHOUSE_SECRET_ARN).toEqual({ Ref: connectionId });

    const dynamo = new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')));
    for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'])
      expect(dynamo.has(forbidden)).toBe(false);
    expect(dynamo.has('dynamodb:UpdateItem')).toBe(true);
  });

  it('alarms when copies fail in three five-minute periods in a row, and watches the function', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    const failures = alarms.filter((a) => a.Properties.MetricName === REVENUE_CYCLE_METRICS.mailboxCopyFailures);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 3,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [expect.anything()],
    });
    const errors = alarms.filter(
      (a) => a.Properties.MetricName === 'Errors' && JSON.stringify(a.Properties.Dimensions).includes(pollerId),
    );
    expect(errors).toHaveLength(1);
  });
});

describe('when the practice configuration turns polling off', () => {
  it('deploys no poller and no schedule for it: responses come by webhook only', () => {
    const template = synthesizedWith({ poll: false });
    expect(functionsNamed(template, 'poll-mailbox')).toEqual([]);
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((a) => a.Properties.MetricName === REVENUE_CYCLE_METRICS.mailboxCopyFailures)).toEqual([]);
  });
});
