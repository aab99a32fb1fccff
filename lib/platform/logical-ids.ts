/**
 * CloudFormation replaces a resource whose logical id changes. For a key, a bucket, a table, a queue or a log group
 * that means orphaned PHI, an undecryptable backup or messages lost in flight, so the stateful resources keep the
 * logical ids they were first deployed with, wherever they sit in the construct tree. Stateless resources (functions,
 * roles, alarms, the dashboard) may be replaced freely and keep CDK's generated ids.
 *
 * Resource policies of buckets and queues, and the bucket's notification configuration, are kept too: each is one
 * document per bucket or queue, and replacing one creates the new document and then deletes "the old one", which
 * removes the new one with it.
 */
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function keepLogicalId(construct: IConstruct, logicalId: string): void {
  const element = construct.node.defaultChild as CfnElement | undefined;
  if (!element) throw new Error(`${construct.node.path} has no CloudFormation resource whose logical id to keep`);
  element.overrideLogicalId(logicalId);
}
