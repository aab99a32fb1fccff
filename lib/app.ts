/**
 * Builds the CDK app: the ClaimFlow stack with cdk-nag's AwsSolutions, HIPAA Security and Serverless packs applied on
 * every synth. Used by bin/app.ts (`cdk synth`/`cdk deploy`), by the infra tests and by the local twin, so all three
 * see the same template.
 */
import { App, type StackProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import { ClaimFlowStack } from './claimflow-stack.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

export const STACK_NAME = 'ClaimFlow';

export interface CreateAppOptions {
  outdir?: string;
  stackProps?: StackProps;
  /** Extra context, e.g. `aws:cdk:enable-asset-metadata`, which the CDK CLI sets and in-process synthesis must ask for. */
  context?: Record<string, unknown>;
  /** Change the stack before synthesis (tests use this to prove the twin's wiring comes from the template). */
  customize?: (stack: ClaimFlowStack) => void;
}

export function createApp(options: CreateAppOptions = {}): { app: App; stack: ClaimFlowStack } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // Findings of the validation plugins (cdk-nag, CloudFormation validation) fail synthesis instead of warning.
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...options.context },
  });
  const stack = new ClaimFlowStack(app, STACK_NAME, options.stackProps);
  options.customize?.(stack);
  acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return { app, stack };
}
