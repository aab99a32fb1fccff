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
import { SECRET_ROLE_METADATA, SECRET_ROLES } from '#contracts/secrets';
import { createApp, SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import { FUNCTION_NAME_METADATA } from '#lib/constructs/claimflow-function';

// biome-ignore lint/suspicious/noExplicitAny: template resources are untyped JSON, read the way Template returns them
type CfnJson = Record<string, any>;
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

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

function functionsNamed(template: Template, name: string): [string, CfnJson][] {
  return Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Metadata?.[FUNCTION_NAME_METADATA] === name,
  );
}

function roleStatements(template: Template, functionLogicalId: string): Statement[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId]!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
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
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/responses/raw/*');

    const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    const [remittanceQueueId] = Object.entries(template.findResources('AWS::SQS::Queue')).find(
      ([id, q]) => id.startsWith('ResponsesRemittanceQueue') && q.Properties.RedrivePolicy,
    )!;
    expect(sqs[0]!.Resource).toEqual({ 'Fn::GetAtt': [remittanceQueueId, 'Arn'] });

    const [connectionId] = Object.entries(template.findResources('AWS::SecretsManager::Secret')).find(
      ([, s]) => s.Metadata?.[SECRET_ROLE_METADATA] === SECRET_ROLES.clearinghouseConnection,
    )!;
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
