/**
 * S3 event notifications to a KMS-encrypted queue, with every grant to S3 conditioned on the one bucket and this
 * account. CDK's SqsDestination adds an unconditioned key statement for s3.amazonaws.com, which would let any
 * bucket's notifications (in any account) use the key; this destination names the source.
 */
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

export class EncryptedQueueDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    const stack = Stack.of(bucket);
    const principal = new iam.ServicePrincipal('s3.amazonaws.com');
    const conditions = {
      ArnLike: { 'aws:SourceArn': bucket.bucketArn },
      StringEquals: { 'aws:SourceAccount': stack.account },
    };
    const queuePolicy = this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [principal],
        actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
        resources: [this.queue.queueArn],
        conditions,
      }),
    );
    const key = this.queue.encryptionMasterKey;
    if (key) {
      const added = key.addToResourcePolicy(
        new iam.PolicyStatement({
          principals: [principal],
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: ['*'],
          conditions,
        }),
        false,
      );
      if (!added.statementAdded)
        throw new Error(`the key of ${this.queue.node.path} has no policy S3 can be granted in`);
    }
    return {
      arn: this.queue.queueArn,
      type: s3.BucketNotificationDestinationType.QUEUE,
      ...(queuePolicy.policyDependable ? { dependencies: [queuePolicy.policyDependable] } : {}),
    };
  }
}
