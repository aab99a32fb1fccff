/**
 * Builds the CDK app: the ClaimFlow stack with cdk-nag's AwsSolutions, HIPAA Security and Serverless packs applied on
 * every synth. Used by bin/app.ts (`cdk synth`/`cdk deploy`), by the infra tests and by the local twin, so all three
 * see the same template.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, type StackProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import { DEFAULT_STACK_NAME } from '#contracts/deployment';
import { ClaimFlowStack } from './claimflow-stack.ts';
import { acknowledgeNagFindings } from './nag-acknowledgements.ts';

import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from './sample-config.ts';

export { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG };

export const STACK_NAME = DEFAULT_STACK_NAME;

export interface CreateAppOptions {
  outdir?: string;
  stackProps?: StackProps;
  /** Extra context, e.g. `aws:cdk:enable-asset-metadata`, which the CDK CLI sets and in-process synthesis must ask for. */
  context?: Record<string, unknown>;
  /** Path of the practice configuration file (default: context `claimflow:config`, else the sample). */
  practiceConfigPath?: string;
  /** Payer rules folder to deploy (default: context `claimflow:payerRules`, else config/payer-rules). */
  payerRulesDir?: string;
  /** Code set bundle directory to deploy (default: context `claimflow:codesets`, else the starter bundle). */
  codeSetsDir?: string;
  /** Change the stack before synthesis (tests use this to prove the twin's wiring comes from the template). */
  customize?: (stack: ClaimFlowStack) => void;
}

export function createApp(options: CreateAppOptions = {}): { app: App; stack: ClaimFlowStack } {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    // Findings of the validation plugins (cdk-nag, CloudFormation validation) fail synthesis instead of warning.
    context: { '@aws-cdk/core:validateAgainstDefaultRules': true, ...options.context },
  });
  const configPath =
    options.practiceConfigPath ??
    (app.node.tryGetContext('claimflow:config') as string | undefined) ??
    SAMPLE_PRACTICE_CONFIG;
  // Minified to one line: it is inlined into every bundle. Validated by the functions at cold start and by bin/app.ts.
  const practiceConfigJson = JSON.stringify(JSON.parse(readFileSync(configPath, 'utf8')));
  const codeSetsDir = options.codeSetsDir ?? (app.node.tryGetContext('claimflow:codesets') as string | undefined);
  const stack = new ClaimFlowStack(app, STACK_NAME, {
    ...options.stackProps,
    practiceConfigJson,
    payerRulesDir: resolve(
      options.payerRulesDir ??
        (app.node.tryGetContext('claimflow:payerRules') as string | undefined) ??
        SAMPLE_PAYER_RULES,
    ),
    ...(codeSetsDir ? { codeSetsDir: resolve(codeSetsDir) } : {}),
  });
  options.customize?.(stack);
  acknowledgeNagFindings(stack);
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return { app, stack };
}
