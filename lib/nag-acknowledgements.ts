/**
 * Every cdk-nag finding ClaimFlow acknowledges, each scoped to one resource with the reason it is acceptable.
 * Anything not listed here fails synthesis (see lib/app.ts); a new finding is fixed, or acknowledged here with a real
 * reason, never silenced for the whole stack.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ClaimFlowStack } from './claimflow-stack.ts';
import type { ClaimFlowFunction } from './constructs/claimflow-function.ts';
import type { QueueWithDlq } from './constructs/queue-with-dlq.ts';

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

function child(scope: IConstruct, path: string): IConstruct {
  const found = path.split('/').reduce<IConstruct | undefined>((node, id) => node?.node.tryFindChild(id), scope);
  if (!found) throw new Error(`nag acknowledgement names a construct that does not exist: ${scope.node.path}/${path}`);
  return found;
}

function acknowledgeFunction(fn: ClaimFlowFunction, tableLogicalIds: string[], bucketLogicalId: string) {
  const rolePolicy = fn.function.role?.node.tryFindChild('DefaultPolicy')?.node.defaultChild;
  if (!rolePolicy) throw new Error(`${fn.node.path} has no default policy to acknowledge findings on`);
  acknowledge(
    rolePolicy,
    'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords support no resource-level permissions.',
  );
  for (const table of tableLogicalIds) {
    acknowledge(
      rolePolicy,
      `AwsSolutions::AwsSolutions-IAM5[Resource::<${table}.Arn>/index/*]`,
      "Queries go through the table's own global secondary indexes, whose ARNs are only known as table/index/*.",
    );
  }
  acknowledge(
    rolePolicy,
    `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/inbox/*]`,
    'Object-level permission on the inbox prefix: documents arrive under keys unknown in advance.',
  );
  acknowledge(
    rolePolicy,
    `AwsSolutions::AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/quarantine/*]`,
    'Object-level permission on the quarantine prefix: one copy per rejected document, keys unknown in advance.',
  );
  for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*']) {
    acknowledge(
      rolePolicy,
      `AwsSolutions::AwsSolutions-IAM5[Action::${action}]`,
      "Data-key operations that DynamoDB and SQS perform on behalf of the function, limited to the stack's own keys.",
    );
  }
  acknowledge(
    rolePolicy,
    'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy',
    'The policy is generated per role from exact resource grants; a managed policy would hold the same statements.',
  );
  const resource = fn.function.node.defaultChild!;
  acknowledge(
    resource,
    'HIPAA.Security::HIPAA.Security-LambdaInsideVPC',
    'The function reaches only AWS service endpoints over TLS with IAM auth; it holds no VPC resources to protect.',
  );
  acknowledge(
    resource,
    'HIPAA.Security::HIPAA.Security-LambdaDLQ',
    "Invoked only by an SQS event source: failed messages go to that queue's dead-letter queue (alarmed).",
  );
  acknowledge(
    resource,
    'Serverless::Serverless-LambdaDLQ',
    "Invoked only by an SQS event source: failed messages go to that queue's dead-letter queue (alarmed).",
  );
}

function acknowledgeDeadLetterQueue(q: QueueWithDlq): void {
  acknowledge(
    q.deadLetterQueue.node.defaultChild!,
    'Serverless::Serverless-SQSRedrivePolicy',
    'This is the dead-letter queue itself: it is alarmed and redriven by an operator, never by another DLQ.',
  );
}

export function acknowledgeNagFindings(stack: ClaimFlowStack): void {
  const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as never);
  const tables = [logicalId(stack.table), logicalId(stack.idempotencyTable)];
  acknowledgeFunction(stack.codeEncounter, tables, logicalId(stack.intakeBucket));
  acknowledgeDeadLetterQueue(stack.intakeQueue);
  acknowledgeDeadLetterQueue(stack.submissionQueue);

  const esm = stack.codeEncounter.function.node.children.find((c) => c.node.id.startsWith('SqsEventSource'));
  if (esm?.node.defaultChild) {
    acknowledge(
      esm.node.defaultChild,
      'Serverless::Serverless-LambdaEventSourceMappingDestination',
      "SQS event sources do not support on-failure destinations; the queue's redrive policy sends failures to its DLQ.",
    );
  }

  acknowledge(
    stack.idempotencyTable.node.defaultChild!,
    'HIPAA.Security::HIPAA.Security-DynamoDBInBackupPlan',
    'Idempotency records live for hours and are recreated on demand; backing them up restores nothing of value.',
  );
  for (const bucket of [stack.intakeBucket, child(stack, 'AccessLogsBucket')]) {
    const resource = bucket.node.defaultChild!;
    acknowledge(
      resource,
      'HIPAA.Security::HIPAA.Security-S3BucketReplicationEnabled',
      'Single-region deployment; versioning, retention and point-in-time table recovery cover availability. ' +
        'Cross-region replication is a per-deployment decision (it doubles where PHI lives).',
    );
  }
  acknowledge(
    child(stack, 'AccessLogsBucket/Resource'),
    'HIPAA.Security::HIPAA.Security-S3DefaultEncryptionKMS',
    'S3 server access logging can only deliver to buckets encrypted with S3-managed keys (SSE-S3).',
  );

  acknowledge(
    child(stack, 'BackupPlan/Tables/Role/Resource'),
    'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
    'The AWS-documented service role policy for AWS Backup; it is scoped by the backup selection.',
  );

  // The bucket-notification custom resource is CDK's own singleton Lambda that configures S3 notifications at deploy.
  const notificationsHandler = stack.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
  if (notificationsHandler) {
    acknowledge(
      child(notificationsHandler, 'Role/Resource'),
      'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'CDK-managed deploy-time handler that only writes its own logs; it never touches PHI.',
    );
  }
  acknowledge(
    child(stack, 'IntakeBucket/Notifications/HandlerPolicy/Resource'),
    'HIPAA.Security::HIPAA.Security-IAMNoInlinePolicy',
    "CDK-managed policy allowing the deploy-time handler to set this bucket's notification configuration only.",
  );
}
