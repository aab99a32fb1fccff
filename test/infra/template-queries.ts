/**
 * Reading the synthesized template the way the infra specs do: our functions by their contract name, the statements
 * of a function's execution role, a secret by its role, the remittance work queue, and the grants of a function that
 * keeps raw responses (the webhook and the mailbox poller must not differ there).
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import { SECRET_ROLE_METADATA } from '#contracts/secrets';
import { FUNCTION_NAME_METADATA } from '#lib/constructs/claimflow-function';

// biome-ignore lint/suspicious/noExplicitAny: template resources are untyped JSON, read the way Template returns them
export type CfnJson = Record<string, any>;

export type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: { Service?: string | string[]; AWS?: unknown };
  Condition?: Record<string, Record<string, unknown>>;
};

export const actionsOf = (s: Statement): string[] => [s.Action].flat();

/** Our functions (logical id and resource) whose contract is `name`. */
export function functionsNamed(template: Template, name: string): [string, CfnJson][] {
  return Object.entries(template.findResources('AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Metadata?.[FUNCTION_NAME_METADATA] === name,
  );
}

/** The one function whose contract is `name`; throws when the stack has none. */
export function functionNamed(template: Template, name: string): [string, CfnJson] {
  const found = functionsNamed(template, name)[0];
  if (!found) throw new Error(`no function ${name}`);
  return found;
}

/** Statements of the execution role of the function whose logical id is given. */
export function roleStatements(template: Template, functionLogicalId: string): Statement[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId]!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

export function secretWithRole(template: Template, role: string): [string, CfnJson] {
  const found = Object.entries(template.findResources('AWS::SecretsManager::Secret')).find(
    ([, s]) => s.Metadata?.[SECRET_ROLE_METADATA] === role,
  );
  if (!found) throw new Error(`no secret with role ${role}`);
  return found;
}

/** Logical id of the remittance work queue (the one with a redrive policy; the other is its dead-letter queue). */
export function remittanceQueueId(template: Template): string {
  const found = Object.entries(template.findResources('AWS::SQS::Queue')).find(
    ([id, q]) => id.startsWith('ResponsesRemittanceQueue') && q.Properties.RedrivePolicy,
  );
  if (!found) throw new Error('no remittance queue');
  return found[0];
}

/** A function keeping raw responses may put objects under responses/raw/ and send to the remittance queue, no more. */
export function expectOnlyRawResponseWritesAndRemittanceSends(template: Template, statements: Statement[]): void {
  const s3 = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('s3:')));
  expect(s3.flatMap(actionsOf)).toEqual(['s3:PutObject']);
  expect(JSON.stringify(s3[0]!.Resource)).toContain('/responses/raw/*');
  const sqs = statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')));
  expect(sqs.flatMap(actionsOf)).toEqual(['sqs:SendMessage']);
  expect(sqs[0]!.Resource).toEqual({ 'Fn::GetAtt': [remittanceQueueId(template), 'Arn'] });
}
