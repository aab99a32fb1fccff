/**
 * cdk-nag acknowledgements, added beside the resource that needs them (a construct or a `bind*` call acknowledges
 * what it creates), each scoped to one resource with the reason it is acceptable. Anything not acknowledged fails
 * synthesis (lib/app.ts).
 */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(construct: IConstruct, ruleId: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: ruleId, reason });
}

/** The logical id a resource has in the template (its override when one is set), as nag finding ids spell it. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).resolve(element.logicalId) as string;
}

/** The CloudFormation resource of a construct: what an acknowledgement must be attached to. */
export function resourceOf(construct: IConstruct): IConstruct {
  const resource = construct.node.defaultChild;
  if (!resource) throw new Error(`${construct.node.path} has no CloudFormation resource to acknowledge a finding on`);
  return resource;
}
