/**
 * The stack's contracts, asserted on the synthesized template: encryption, TLS, DLQs and redrive, the event wiring,
 * least privilege, environments equal to their contracts, alarms that reach someone, stateful resources that are
 * never replaced, and cdk-nag with zero unacknowledged findings.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { INBOX_PREFIX } from '#contracts/bucket-layout';
import { environmentKeys } from '#contracts/environment';
import { FUNCTION_ENVIRONMENTS, type FunctionName } from '#contracts/functions/index';
import { BATCH_METRICS, FUNCTION_DIMENSION, METRICS_NAMESPACE } from '#contracts/metrics';
import { createApp } from '#lib/app';
import { FUNCTION_NAME_METADATA } from '#lib/constructs/claimflow-function';
import { DEAD_LETTER_QUEUES } from '#local/cli/dead-letter-routes';
import { actionsOf, functionNamed, roleStatements, type Statement } from './template-queries.ts';

/** What a function that reads claims and writes them with conditions may do on the domain table: never delete, scan or batch-write. */
const READS_AND_CONDITIONAL_WRITES = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

let template: Template;
let outdir: string;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'claimflow-infra-'));
  const { app, stack } = createApp({ outdir, context: { 'claimflow:allowSampleConfig': true } });
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

  it('encrypts every queue with KMS, keeps its messages 14 days, and rotates both keys', () => {
    for (const queue of Object.values(template.findResources('AWS::SQS::Queue'))) {
      expect(queue.Properties.KmsMasterKeyId).toBeDefined();
      expect(queue.Properties.MessageRetentionPeriod).toBe(14 * 24 * 60 * 60);
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
    expect(workQueues).toHaveLength(3);
    expect(Object.keys(queues).sort()).toEqual([...workQueues.map(([id]) => id), ...deadLetterArns].sort());
    expect(workQueues.map(([, q]) => q.Properties.RedrivePolicy.maxReceiveCount).sort()).toEqual([3, 5, 5]);
  });

  it('alarms when any dead-letter queue holds a message', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    expect(alarms).toHaveLength(3);
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

  it('consumes the claim-submission queue with submit-claims, partial batch failures reported, two at a time', () => {
    const [functionId] = functionNamed(template, 'submit-claims');
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': ['ClaimSubmissionQueueE1654341', 'Arn'] },
      FunctionName: { Ref: functionId },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 5,
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('gives submit-claims its own queue and maxReceiveCount for backoff, and alarms on dead-lettered submissions', () => {
    const [, fn] = functionNamed(template, 'submit-claims');
    const variables = (fn.Properties as unknown as { Environment: { Variables: Record<string, unknown> } }).Environment
      .Variables;
    expect(variables.SUBMISSION_QUEUE_URL).toEqual({ Ref: 'ClaimSubmissionQueueE1654341' });
    const queue = template.findResources('AWS::SQS::Queue').ClaimSubmissionQueueE1654341!;
    expect(variables.SUBMISSION_MAX_RECEIVE_COUNT).toBe(String(queue.Properties.RedrivePolicy.maxReceiveCount));
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === 'SubmissionsDeadLettered',
    );
    expect(alarms.map((a) => [a.Properties.Threshold, a.Properties.ComparisonOperator])).toEqual([
      [0, 'GreaterThanThreshold'],
    ]);
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
    const byAction = s3GrantsOf('code-encounter');
    expect(byAction['s3:GetObject,s3:GetObjectVersion']).toContain('/inbox/*');
    expect(byAction['s3:PutObject']).toContain('/quarantine/*');
    expect(Object.keys(byAction).sort()).toEqual(['s3:GetObject,s3:GetObjectVersion', 's3:PutObject']);
  });

  it('lets submit-claims read and write only submissions/ objects', () => {
    const byAction = s3GrantsOf('submit-claims');
    expect(byAction['s3:GetObject,s3:GetObjectVersion']).toMatch(/\/submissions\/\*"\]\]\}$/);
    expect(byAction['s3:PutObject']).toMatch(/\/submissions\/\*"\]\]\}$/);
    expect(Object.keys(byAction).sort()).toEqual(['s3:GetObject,s3:GetObjectVersion', 's3:PutObject']);
  });
});

/** A function's S3 grants: its actions (joined) to the resources they apply to (as JSON). */
function s3GrantsOf(name: FunctionName): Record<string, string> {
  const [logicalId] = functionNamed(template, name);
  const s3Statements = roleStatements(template, logicalId).filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
  return Object.fromEntries(s3Statements.map((s) => [actionsOf(s).join(','), JSON.stringify(s.Resource)]));
}

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
      context: { 'claimflow:allowSampleConfig': true, 'aws:cdk:bundling-stacks': [] },
      customize: (stack) => {
        // A bucket without encryption, logging or TLS enforcement: several rules must fire.
        new s3.Bucket(stack, 'CarelessBucket');
      },
    });
    expect(() => app.synth()).toThrow(/CarelessBucket|[Vv]alidation/);
  });
});

const servicesOf = (s: Statement) => [s.Principal?.Service ?? []].flat();

function ourFunctions(): [string, { Properties: Record<string, never>; Metadata?: Record<string, string> }][] {
  return Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Metadata?.[FUNCTION_NAME_METADATA] !== undefined,
  ) as never;
}

function keyStatements(keyLogicalId: string): Statement[] {
  return template.findResources('AWS::KMS::Key')[keyLogicalId]!.Properties.KeyPolicy.Statement as Statement[];
}

describe('function environments equal their contracts', () => {
  it('gives each function exactly the variables of its schema in contracts/functions/', () => {
    const functions = ourFunctions();
    expect(functions.map(([, fn]) => fn.Metadata![FUNCTION_NAME_METADATA]).sort()).toEqual(
      Object.keys(FUNCTION_ENVIRONMENTS).sort(),
    );
    for (const [, fn] of functions) {
      const name = fn.Metadata![FUNCTION_NAME_METADATA] as FunctionName;
      const { all, optional } = environmentKeys(FUNCTION_ENVIRONMENTS[name]);
      const set = Object.keys(
        (fn.Properties as unknown as { Environment: { Variables: object } }).Environment.Variables,
      );
      // The one optional variable names a code set bundle, which this synth (the starter bundle) does not deploy.
      expect({ name, variables: set.sort() }).toEqual({
        name,
        variables: all.filter((k) => !optional.includes(k) || set.includes(k)).sort(),
      });
    }
  });

  it('reserves no concurrency unless the deployment asks (a new account has 10 in all)', () => {
    for (const [, fn] of ourFunctions()) {
      expect((fn.Properties as Record<string, unknown>).ReservedConcurrentExecutions).toBeUndefined();
    }
  });
});

describe('least privilege', () => {
  it('grants code-encounter no DeleteItem, BatchWriteItem or Scan on the domain table, only what its stores use', () => {
    const [logicalId] = functionNamed(template, 'code-encounter');
    const statements = roleStatements(template, logicalId);
    const onTable = (tableId: string) =>
      statements
        .filter((s) => JSON.stringify(s.Resource).includes(tableId))
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('dynamodb:'));
    const domain = new Set(onTable('ClaimFlowTable39A2FE62'));
    expect([...domain].sort()).toEqual([...READS_AND_CONDITIONAL_WRITES].sort());
    // Powertools deletes the in-progress record of an invocation that failed, so the idempotency table needs it.
    expect(new Set(onTable('IdempotencyTable22A5A209'))).toEqual(
      new Set(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
  });

  it('lets code-encounter send only to the submission queue and to its own intake queue (the pieces of a split document)', () => {
    const [logicalId] = functionNamed(template, 'code-encounter');
    const sendsTo = roleStatements(template, logicalId)
      .filter((s) => actionsOf(s).includes('sqs:SendMessage'))
      .map((s) => JSON.stringify(s.Resource));
    const queueIds = Object.keys(template.findResources('AWS::SQS::Queue'));
    const named = (prefix: string) => queueIds.find((id) => id.startsWith(prefix) && !id.includes('DeadLetter'))!;
    expect(sendsTo.map((r) => queueIds.find((id) => r.includes(`"${id}"`))).sort()).toEqual(
      [named('ClaimSubmissionQueue'), named('IntakeQueue')].sort(),
    );
  });

  it('grants submit-claims reads, conditional puts and updates on the domain table only, no queue sends', () => {
    const [logicalId] = functionNamed(template, 'submit-claims');
    const actions = new Set(roleStatements(template, logicalId).flatMap(actionsOf));
    const dynamo = [...actions].filter((a) => a.startsWith('dynamodb:')).sort();
    expect(dynamo).toEqual([...READS_AND_CONDITIONAL_WRITES].sort());
    expect([...actions].filter((a) => a.startsWith('sqs:')).sort()).toEqual(
      [
        'sqs:ChangeMessageVisibility',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ReceiveMessage',
      ].sort(),
    );
  });

  it('never lets a function encrypt or re-encrypt with a key, or use a wildcard KMS action', () => {
    for (const [logicalId] of ourFunctions()) {
      const kmsActions = roleStatements(template, logicalId)
        .flatMap(actionsOf)
        .filter((a) => a.startsWith('kms:'));
      expect(kmsActions.length).toBeGreaterThan(0);
      expect(
        kmsActions.filter((a) => a.startsWith('kms:Encrypt') || a.startsWith('kms:ReEncrypt') || a.includes('*')),
      ).toEqual([]);
    }
  });

  it('lets S3 use the messages key only for notifications from the intake bucket in this account', () => {
    const forS3 = keyStatements('MessagesKey44305758').filter((s) => servicesOf(s).includes('s3.amazonaws.com'));
    expect(forS3).toHaveLength(1);
    expect(actionsOf(forS3[0]!).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(forS3[0]!.Condition).toEqual({
      ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': ['IntakeBucket8068C236', 'Arn'] } },
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    });
    const queuePolicies = Object.values(template.findResources('AWS::SQS::QueuePolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => servicesOf(s).includes('s3.amazonaws.com'));
    expect(queuePolicies).toHaveLength(1);
    expect(queuePolicies[0]!.Condition).toEqual(forS3[0]!.Condition);
  });
});

describe('alarms that reach someone', () => {
  it("lets CloudWatch use the alarm topic's key, only for this account's alarms", () => {
    const topic = Object.values(template.findResources('AWS::SNS::Topic'))[0]!;
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0] as string;
    const forCloudWatch = keyStatements(keyId).filter((s) => servicesOf(s).includes('cloudwatch.amazonaws.com'));
    expect(forCloudWatch).toHaveLength(1);
    expect(forCloudWatch[0]).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect(actionsOf(forCloudWatch[0]!).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(forCloudWatch[0]!.Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':cloudwatch:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':alarm:*',
            ],
          ],
        },
      },
    });
  });

  it('lets CloudWatch publish to the topic, and has every alarm notify it on alarm and on recovery', () => {
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    const publish = Object.values(template.findResources('AWS::SNS::TopicPolicy'))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
      .filter((s) => servicesOf(s).includes('cloudwatch.amazonaws.com'));
    expect(publish.map((s) => [s.Effect, actionsOf(s)])).toEqual([['Allow', ['sns:Publish']]]);
    for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
  });

  it('alarms on failed batch items of each queue consumer, from the metric the functions emit', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
      (a) => a.Properties.MetricName === BATCH_METRICS.batchItemFailures,
    );
    // One alarm per queue consumer (code-encounter, submit-claims, process-remittance): one per event source mapping.
    const consumers = Object.keys(template.findResources('AWS::Lambda::EventSourceMapping'));
    expect(consumers).toHaveLength(3);
    expect(alarms).toHaveLength(consumers.length);
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({
        Namespace: METRICS_NAMESPACE,
        Statistic: 'Sum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
      const dimensions = (alarm.Properties.Dimensions as { Name: string; Value: unknown }[]).map((d) => d.Name);
      expect(dimensions.sort()).toEqual([FUNCTION_DIMENSION, 'service'].sort());
    }
    const functionsAlarmed = alarms.map((a) =>
      JSON.stringify(
        (a.Properties.Dimensions as { Name: string; Value: unknown }[]).find((d) => d.Name === FUNCTION_DIMENSION)
          ?.Value,
      ),
    );
    expect(new Set(functionsAlarmed).size).toBe(3);
  });
});

describe('stateful resources are never replaced by a reshaped construct tree', () => {
  it('keeps the logical ids the keys, buckets, tables, queues, their policies and the backup vault were deployed with', () => {
    const ids = Object.keys(template.toJSON().Resources as object);
    expect(ids).toEqual(
      expect.arrayContaining([
        'DataKey17AFBB84',
        'DataKeyAliasF989EB84',
        'MessagesKey44305758',
        'MessagesKeyAlias26E5D486',
        'AccessLogsBucket83982689',
        'AccessLogsBucketPolicy7F77476F',
        'IntakeBucket8068C236',
        'IntakeBucketPolicyA22D1043',
        'IntakeBucketNotifications6E97CAD8',
        'ClaimFlowTable39A2FE62',
        'IdempotencyTable22A5A209',
        'BackupPlanA8F64793',
        'BackupPlanVault758FCE49',
        'IntakeQueueF8C45524',
        'IntakeQueuePolicy383E7C2F',
        'IntakeQueueDeadLetterQueue7AEB8FC5',
        'IntakeQueueDeadLetterQueuePolicy0933E965',
        'ClaimSubmissionQueueE1654341',
        'ClaimSubmissionQueuePolicy3216F956',
        'ClaimSubmissionQueueDeadLetterQueue415FC5E0',
        'ClaimSubmissionQueueDeadLetterQueuePolicyFB5F0614',
        'CodeEncounterLogGroupBD780A41',
      ]),
    );
  });
});

describe('tags', () => {
  it('tags resources with the application and stage, and the stores that hold PHI as such', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      Tags: Match.arrayWith([
        { Key: 'claimflow:application', Value: 'ClaimFlow' },
        { Key: 'claimflow:data-classification', Value: 'phi' },
        { Key: 'claimflow:stage', Value: 'default' },
      ]),
    });
    template.hasResourceProperties('AWS::S3::Bucket', {
      Tags: Match.arrayWith([{ Key: 'claimflow:data-classification', Value: 'phi' }]),
    });
  });
});

describe('follow-up', () => {
  const followUpId = () => functionNamed(template, 'follow-up')[0];

  it('runs follow-up once a day from an EventBridge schedule, with retries', () => {
    const rules = template.findResources('AWS::Events::Rule', {
      Properties: { ScheduleExpression: 'rate(1 day)' },
    });
    const targets = Object.values(rules).flatMap((rule) => rule.Properties.Targets as { Arn: unknown }[]);
    expect(targets.map((t) => JSON.stringify(t.Arn))).toEqual([
      JSON.stringify({ 'Fn::GetAtt': [followUpId(), 'Arn'] }),
    ]);
    expect(Object.values(rules)[0]!.Properties.Targets[0].RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
  });

  it('lets follow-up read claims and raise and resolve work items, nothing else: no deletes, scans, queues or buckets', () => {
    const actions = new Set(roleStatements(template, followUpId()).flatMap(actionsOf));
    expect([...actions].filter((a) => a.startsWith('dynamodb:')).sort()).toEqual(
      [...READS_AND_CONDITIONAL_WRITES].sort(),
    );
    expect([...actions].filter((a) => /^(sqs|s3):/.test(a))).toEqual([]);
  });

  it('outputs every queue and dead-letter queue `claimflow dlq redrive --queue` works on', () => {
    for (const names of Object.values(DEAD_LETTER_QUEUES)) {
      template.hasOutput(names.queue, {});
      template.hasOutput(names.deadLetters, {});
    }
  });

  it('declares the byServiceDate index its timely-filing check queries', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: Match.arrayWith([
        Match.objectLike({
          IndexName: 'byServiceDate',
          KeySchema: [
            { AttributeName: 'gsi3pk', KeyType: 'HASH' },
            { AttributeName: 'gsi3sk', KeyType: 'RANGE' },
          ],
        }),
      ]),
    });
  });
});

describe('grants match what the functions call', () => {
  /** DynamoDB commands (lib-dynamodb and client names) by the IAM action they need. */
  const ACTION_OF: Record<string, string> = {
    Get: 'GetItem',
    GetItem: 'GetItem',
    Put: 'PutItem',
    PutItem: 'PutItem',
    Update: 'UpdateItem',
    UpdateItem: 'UpdateItem',
    Delete: 'DeleteItem',
    DeleteItem: 'DeleteItem',
    Query: 'Query',
    Scan: 'Scan',
    BatchGet: 'BatchGetItem',
    BatchGetItem: 'BatchGetItem',
    BatchWrite: 'BatchWriteItem',
    BatchWriteItem: 'BatchWriteItem',
    TransactWrite: 'TransactWriteItems',
    TransactWriteItems: 'TransactWriteItems',
    TransactGet: 'TransactGetItems',
    TransactGetItems: 'TransactGetItems',
  };

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith('.ts') ? [path] : [];
    });
  }

  it('grants every DynamoDB operation the function code calls (the twin does not enforce IAM; AWS would)', () => {
    const functionsDir = join(import.meta.dirname, '..', '..', 'functions');
    const called = new Set<string>();
    for (const file of sourceFiles(functionsDir)) {
      const text = readFileSync(file, 'utf8');
      if (!/@aws-sdk\/(lib|client)-dynamodb/.test(text)) continue;
      for (const match of text.matchAll(/new (\w+)Command\(/g)) {
        const action = ACTION_OF[match[1]!];
        if (action) called.add(`dynamodb:${action}`);
      }
    }
    expect(called.size).toBeGreaterThan(0);
    const granted = new Set(
      ourFunctions().flatMap(([logicalId]) => roleStatements(template, logicalId).flatMap(actionsOf)),
    );
    expect([...called].filter((action) => !granted.has(action))).toEqual([]);
  });
});
