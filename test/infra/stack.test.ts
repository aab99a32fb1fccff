/**
 * The stack's contracts, asserted on the synthesized template: encryption, TLS, DLQs and redrive, the event wiring,
 * alarms, and cdk-nag with zero unacknowledged findings.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { INBOX_PREFIX } from '#contracts/bucket-layout';
import { createApp } from '#lib/app';

let template: Template;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'claimflow-infra-'));
  const { app, stack } = createApp({ outdir });
  app.synth();
  template = Template.fromStack(stack);
});

describe('data at rest and in transit', () => {
  it('encrypts the intake bucket with a customer-managed KMS key, versions it and blocks public access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() } },
        ],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
    });
  });

  it('denies every non-TLS request to every bucket', () => {
    const policies = template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies)).toHaveLength(2);
    for (const policy of Object.values(policies)) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it('encrypts every table with KMS and keeps point-in-time recovery on', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table.Properties.SSESpecification).toMatchObject({ SSEEnabled: true, SSEType: 'KMS' });
      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
  });

  it('encrypts every queue with KMS and rotates both keys', () => {
    for (const queue of Object.values(template.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    }
    for (const key of Object.values(template.findResources('AWS::KMS::Key'))) {
      expect(key.Properties.EnableKeyRotation).toBe(true);
    }
  });
});

describe('queues', () => {
  it('gives every work queue a dead-letter queue with redrive', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    const workQueues = Object.entries(queues).filter(([, q]) => q.Properties.RedrivePolicy);
    const deadLetterArns = workQueues.map(([, q]) => q.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0]);
    expect(workQueues).toHaveLength(2);
    expect(Object.keys(queues).sort()).toEqual([...workQueues.map(([id]) => id), ...deadLetterArns].sort());
    expect(workQueues.map(([, q]) => q.Properties.RedrivePolicy.maxReceiveCount).sort()).toEqual([3, 5]);
  });

  it('alarms when any dead-letter queue holds a message', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(alarms).toHaveLength(2);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it('alarms on the age of the oldest message, and on function errors and throttles', () => {
    const metricNames = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => a.Properties.MetricName,
    );
    expect(metricNames).toEqual(expect.arrayContaining(['ApproximateAgeOfOldestMessage', 'Errors', 'Throttles']));
  });
});

describe('event wiring', () => {
  it('sends ObjectCreated notifications for inbox/ to the intake queue', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: INBOX_PREFIX }] } },
            QueueArn: Match.anyValue(),
          },
        ],
      },
    });
  });

  it('consumes the intake queue with partial batch failures reported', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 5 },
    });
  });

  it('runs code-encounter on the current Node.js runtime with tracing and its own encrypted log group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      Environment: {
        Variables: Match.objectLike({
          INBOX_PREFIX,
          TABLE_NAME: Match.anyValue(),
          IDEMPOTENCY_TABLE_NAME: Match.anyValue(),
        }),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: 365 });
  });

  it('lets code-encounter read only inbox/ objects and write only quarantine/ objects', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[],
    );
    const s3Statements = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    const byAction = Object.fromEntries(
      s3Statements.map((s) => [[s.Action].flat().join(','), JSON.stringify(s.Resource)]),
    );
    expect(byAction['s3:GetObject,s3:GetObjectVersion']).toContain('/inbox/*');
    expect(byAction['s3:PutObject']).toContain('/quarantine/*');
  });
});

describe('cdk-nag', () => {
  it('reports no unacknowledged AwsSolutions, HIPAA Security or Serverless finding', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: {
        pluginName: string;
        conclusion: string;
        violations: unknown[];
        suppressedViolations: { acknowledgedId?: string; violatingConstructs: unknown[] }[];
      }[];
    };
    const plugins = report.pluginReports.map((r) => r.pluginName);
    expect(plugins).toEqual(expect.arrayContaining(['AwsSolutions', 'HIPAA.Security', 'Serverless']));
    for (const plugin of report.pluginReports) {
      expect({ plugin: plugin.pluginName, violations: plugin.violations }).toEqual({
        plugin: plugin.pluginName,
        violations: [],
      });
    }
  });

  it('scopes every acknowledgement to a single resource', () => {
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { suppressedViolations: { ruleName: string; violatingConstructs: unknown[] }[] }[];
    };
    for (const suppressed of report.pluginReports.flatMap((r) => r.suppressedViolations)) {
      expect({ rule: suppressed.ruleName, constructs: suppressed.violatingConstructs.length }).toEqual({
        rule: suppressed.ruleName,
        constructs: 1,
      });
    }
  });

  it('fails synthesis when a new finding appears that nobody acknowledged', () => {
    const { app } = createApp({
      outdir: mkdtempSync(join(tmpdir(), 'claimflow-infra-nag-')),
      customize: (stack) => {
        // A bucket without encryption, logging or TLS enforcement: several rules must fire.
        new s3.Bucket(stack, 'CarelessBucket');
      },
    });
    expect(() => app.synth()).toThrow(/CarelessBucket|[Vv]alidation/);
  });
});
