/**
 * The HTTP APIs and the secrets on the synthesized template. The operations API: every route AWS_IAM-authorised, one
 * function with the grants its actions need and no more. The responses feature: the webhook HTTP API (one POST route, payload
 * 2.0, throttled, access-logged), the webhook function's grants (write responses/raw/ only, send to the remittance
 * queue only, read its own secret only), the remittance queue with its alarmed DLQ, refusals counted and alarmed, and
 * secrets that are generated, KMS-encrypted and never a value in a function's environment.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_TABLE_TTL_ATTRIBUTE } from '#contracts/domain-table';
import { CLEARINGHOUSE_WEBHOOK_ROUTE, OPERATIONS_ROUTE } from '#contracts/http-routes';
import {
  FUNCTION_DIMENSION,
  METRICS_NAMESPACE,
  REVENUE_CYCLE_METRICS,
  SERVICE_NAME,
  WEBHOOK_NOT_KEPT_REASONS,
  WEBHOOK_REFUSAL_DIMENSION,
  WEBHOOK_REFUSALS,
} from '#contracts/metrics';
import { SECRET_ROLES } from '#contracts/secrets';
import { createApp } from '#lib/app';
import {
  actionsOf,
  expectOnlyRawResponseWritesAndRemittanceSends,
  functionNamed,
  remittanceQueueId,
  roleStatements,
  secretWithRole,
} from './template-queries.ts';

let template: Template;

beforeAll(() => {
  const outdir = mkdtempSync(join(tmpdir(), 'claimflow-infra-'));
  const { app, stack } = createApp({ outdir, context: { 'claimflow:allowSampleConfig': true } });
  app.synth();
  template = Template.fromStack(stack);
});

describe('the webhook HTTP API', () => {
  it('has one HTTP API with exactly the webhook route, a Lambda proxy integration with payload 2.0', () => {
    const apis = template.findResources('AWS::ApiGatewayV2::Api');
    const webhookApis = Object.values(apis).filter((a) => String(a.Properties.Description).includes('webhook'));
    expect(webhookApis).toHaveLength(1);
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter(
      (r) => r.Properties.RouteKey === CLEARINGHOUSE_WEBHOOK_ROUTE,
    );
    expect(routes).toHaveLength(1);
    // No API Gateway authorizer: the Standard Webhooks signature authenticates the sender (acknowledged for nag).
    expect(routes[0]!.Properties.AuthorizationType ?? 'NONE').toBe('NONE');
    const [webhookId] = functionNamed(template, 'clearinghouse-webhook');
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: { 'Fn::GetAtt': [webhookId, 'Arn'] },
    });
  });

  it('throttles every route on the $default stage and writes JSON access logs to an encrypted log group', () => {
    const stages = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(stages.length).toBeGreaterThan(0);
    for (const stage of stages) {
      expect(stage.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: expect.any(Number),
          ThrottlingBurstLimit: expect.any(Number),
          DetailedMetricsEnabled: true,
        },
      });
      const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
      const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
      expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
      // Nothing a caller sends is logged: no header, query or body variables.
      expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/\$input|\$request|header/i);
      expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]!.Properties.KmsKeyId).toBeDefined();
    }
  });
});

describe('clearinghouse-webhook', () => {
  it('writes only responses/raw/ objects, sends only to the remittance queue, reads only its own secret', () => {
    const [logicalId] = functionNamed(template, 'clearinghouse-webhook');
    const statements = roleStatements(template, logicalId);
    expectOnlyRawResponseWritesAndRemittanceSends(template, statements);
    const [secretId] = secretWithRole(template, SECRET_ROLES.webhookSigning);
    const secrets = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')));
    expect(secrets.map((s) => s.Resource)).toEqual([{ Ref: secretId }]);
    expect(actionsOf(secrets[0]!)).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']),
    );
  });

  it('gets the secret’s ARN and the secrets extension, never the secret value; checks the body limit', () => {
    const [, fn] = functionNamed(template, 'clearinghouse-webhook');
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    const [secretId] = secretWithRole(template, SECRET_ROLES.webhookSigning);
    expect(variables.WEBHOOK_SECRET_ARN).toEqual({ Ref: secretId });
    expect(
      Object.keys(variables).filter((k) => /SECRET(?!S_MANAGER|_ARN)/.test(k) && !k.startsWith('PARAMETERS_')),
    ).toEqual([]);
    expect(variables.MAX_WEBHOOK_BODY_BYTES).toBe(String(4 * 1024 * 1024));
    expect(fn.Properties.Layers).toHaveLength(1);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
  });
});

describe('the remittance queue', () => {
  it('is encrypted, keeps messages 14 days and redrives to an alarmed dead-letter queue', () => {
    const queues = Object.entries(template.findResources('AWS::SQS::Queue')).filter(([id]) =>
      id.startsWith('ResponsesRemittanceQueue'),
    );
    expect(queues).toHaveLength(2);
    const [, work] = queues.find(([, q]) => q.Properties.RedrivePolicy)!;
    expect(work.Properties).toMatchObject({
      MessageRetentionPeriod: 14 * 24 * 3600,
      KmsMasterKeyId: expect.anything(),
    });
    const dlqId = work.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter((a) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(dlqId),
    );
    expect(alarms).toHaveLength(1);
  });
});

describe('process-remittance', () => {
  it('consumes the remittance queue with partial batch failures, reads only responses/raw/, sends nothing', () => {
    const [logicalId] = functionNamed(template, 'process-remittance');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId },
      EventSourceArn: { 'Fn::GetAtt': [remittanceQueueId(template), 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const statements = roleStatements(template, logicalId);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/responses/raw/*');
    expect(statements.flatMap(actionsOf).filter((a) => a === 'sqs:SendMessage')).toEqual([]);
    // The queue's visibility is six times the consumer's timeout (AWS guidance for Lambda event sources).
    const fn = template.findResources('AWS::Lambda::Function')[logicalId]!;
    const queue = template.findResources('AWS::SQS::Queue')[remittanceQueueId(template)]!;
    expect(queue.Properties.VisibilityTimeout).toBe(fn.Properties.Timeout * 6);
  });
});

describe('refusals', () => {
  it('alarms when more webhook deliveries than a handful are refused in five minutes', () => {
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === REVENUE_CYCLE_METRICS.webhooksRejected,
    );
    expect(alarm?.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 10,
    });
  });
});

describe('failures per sender', () => {
  it('alarms as soon as a sender is refused for failing authentication too often', () => {
    const alarm = Object.values(template.findResources('AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties.MetricName === REVENUE_CYCLE_METRICS.webhookSenderRefusals,
    );
    expect(alarm?.Properties).toMatchObject({
      Namespace: METRICS_NAMESPACE,
      Dimensions: [{ Name: 'service', Value: SERVICE_NAME }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('keeps the counters in the domain table, deleted by DynamoDB TTL on an attribute no domain item carries', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    const domain = tables.find((t) => t.Properties.KeySchema?.[0]?.AttributeName === 'pk');
    expect(domain?.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: DOMAIN_TABLE_TTL_ATTRIBUTE,
      Enabled: true,
    });
  });
});

describe('the operations dashboard', () => {
  /** The dashboard body with each token written as `{Ref}` of what it names, so it parses as JSON. */
  function dashboardWidgets(): { properties: { title?: string; metrics?: unknown[][] } }[] {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    const body = dashboard!.Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
    const text = body['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : `{${(part as { Ref?: string }).Ref ?? 'token'}}`))
      .join('');
    return JSON.parse(text).widgets;
  }

  it('draws webhook refusals by reason: one line per reason, from clearinghouse-webhook’s own metric', () => {
    const [webhookId] = functionNamed(template, 'clearinghouse-webhook');
    const widget = dashboardWidgets().find((w) => w.properties.title === 'Webhook refusals by reason');
    const reasons = [...WEBHOOK_REFUSALS, ...WEBHOOK_NOT_KEPT_REASONS];
    const drawn = (widget?.properties.metrics ?? []).map((entry) => {
      const [namespace, metricName, ...rest] = entry;
      const options = rest.pop() as { label?: string };
      const dimensions = Object.fromEntries(
        Array.from({ length: rest.length / 2 }, (_, i) => [rest[2 * i], rest[2 * i + 1]]),
      );
      return { namespace, metricName, dimensions, label: options.label };
    });
    expect(drawn).toEqual(
      reasons.map((reason) => ({
        namespace: METRICS_NAMESPACE,
        metricName: REVENUE_CYCLE_METRICS.webhooksRejected,
        dimensions: {
          service: SERVICE_NAME,
          [FUNCTION_DIMENSION]: `{${webhookId}}`,
          [WEBHOOK_REFUSAL_DIMENSION]: reason,
        },
        label: reason,
      })),
    );
    expect(reasons).toContain('too_many_failures');
  });
});

describe('secrets', () => {
  it('generates every secret (letters and digits) and encrypts it with a customer-managed key', () => {
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret'));
    expect(secrets).toHaveLength(2);
    for (const secret of secrets) {
      expect(secret.Properties.SecretString).toBeUndefined();
      expect(secret.Properties.GenerateSecretString).toMatchObject({ ExcludePunctuation: true, IncludeSpace: false });
      expect(secret.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Arn'] });
    }
    const [, connection] = secretWithRole(template, SECRET_ROLES.clearinghouseConnection);
    expect(connection.Properties.GenerateSecretString).toMatchObject({ GenerateStringKey: 'apiKey' });
  });

  it('gives submit-claims the connection secret’s ARN, not a key or URL', () => {
    const [logicalId, fn] = functionNamed(template, 'submit-claims');
    const [secretId] = secretWithRole(template, SECRET_ROLES.clearinghouseConnection);
    expect(fn.Properties.Environment.Variables.CLEARINGHOUSE_SECRET_ARN).toEqual({ Ref: secretId });
    expect(fn.Properties.Environment.Variables.CLEARINGHOUSE_API_KEY).toBeUndefined();
    const secrets = roleStatements(template, logicalId).filter((s) =>
      actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
    );
    expect(secrets.map((s) => s.Resource)).toEqual([{ Ref: secretId }]);
  });
});

describe('the operations API', () => {
  it('requires AWS_IAM on every route (SigV4-signed callers only) and serves each action through one function', () => {
    const [operationsId] = functionNamed(template, 'operations');
    const integrations = Object.entries(template.findResources('AWS::ApiGatewayV2::Integration')).filter(([, i]) =>
      JSON.stringify(i.Properties.IntegrationUri).includes(operationsId),
    );
    expect(integrations).toHaveLength(1);
    const apiId = integrations[0]![1].Properties.ApiId.Ref as string;
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).filter(
      (r) => r.Properties.ApiId.Ref === apiId,
    );
    expect(routes.map((r) => r.Properties.RouteKey)).toEqual([OPERATIONS_ROUTE]);
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('lets the operations function read and conditionally write claims, read the 837P archive and queue approved claims, nothing else', () => {
    const [logicalId, fn] = functionNamed(template, 'operations');
    const statements = roleStatements(template, logicalId);
    const dynamo = new Set(statements.flatMap(actionsOf).filter((a) => a.startsWith('dynamodb:')));
    for (const forbidden of ['dynamodb:DeleteItem', 'dynamodb:Scan', 'dynamodb:BatchWriteItem'])
      expect(dynamo.has(forbidden)).toBe(false);
    const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
    expect(s3.flatMap(actionsOf).sort()).toEqual(['s3:GetObject', 's3:GetObjectVersion']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain('/submissions/*');
    const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
    expect(sqs.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
    expect(statements.some((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:')))).toBe(false);
    expect(fn.Properties.Environment.Variables.CLAIMFLOW_PAYER_RULES).toBe('payer-rules');
  });
});
