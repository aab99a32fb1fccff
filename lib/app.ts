/**
 * Builds the CDK app: the ClaimFlow stack with cdk-nag's AwsSolutions, HIPAA Security and Serverless packs applied on
 * every synth. Used by bin/app.ts (`cdk synth`/`cdk deploy`), by the infra tests and by the local twin, so all three
 * see the same template. Every deployment setting is a context value (contracts/deployment.ts) or an option here.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, ServerlessChecks } from 'cdk-nag';
import { CONTEXT_KEYS, DEFAULT_STACK_NAME, stackNameFor } from '#contracts/deployment';
import { ClaimFlowStack } from './claimflow-stack.ts';
import { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG } from './sample-config.ts';

export { SAMPLE_PAYER_RULES, SAMPLE_PRACTICE_CONFIG };

/** The default stack name; a stage or `claimflow:stackName` gives another (contracts/deployment.ts). */
export const STACK_NAME = DEFAULT_STACK_NAME;

export interface CreateAppOptions {
  outdir?: string;
  stackProps?: StackProps;
  /** Context, as `cdk -c` gives it (CONTEXT_KEYS), plus e.g. `aws:cdk:enable-asset-metadata` for in-process synth. */
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
  const context = (key: string) => app.node.tryGetContext(key) as unknown;
  const text = (key: string) => {
    const value = context(key);
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new Error(`context ${key} must be a string`);
    return value;
  };

  const configPath = options.practiceConfigPath ?? text(CONTEXT_KEYS.config) ?? SAMPLE_PRACTICE_CONFIG;
  // Minified to one line: it is inlined into every bundle. Validated by the functions at cold start and by bin/app.ts.
  const practiceConfigJson = JSON.stringify(JSON.parse(readFileSync(configPath, 'utf8')));
  const demo = isTrue(context(CONTEXT_KEYS.allowSampleConfig));
  refuseSampleConfiguration(practiceConfigJson, configPath, demo);
  refusePatientRecordsInBundle(practiceConfigJson, configPath, demo);
  const codeSetsDir = options.codeSetsDir ?? text(CONTEXT_KEYS.codesets);
  const stage = text(CONTEXT_KEYS.stage);
  const stackName = text(CONTEXT_KEYS.stackName) ?? stackNameFor(stage);

  const stack = new ClaimFlowStack(app, stackName, {
    ...options.stackProps,
    reference: {
      practiceConfigJson,
      payerRulesDir: resolve(options.payerRulesDir ?? text(CONTEXT_KEYS.payerRules) ?? SAMPLE_PAYER_RULES),
      ...(codeSetsDir ? { codeSetsDir: resolve(codeSetsDir) } : {}),
    },
    reservedConcurrency: reservedConcurrency(context(CONTEXT_KEYS.reservedConcurrency)),
    alarmSubscriptions: {
      email: text(CONTEXT_KEYS.alarmEmail),
      httpsEndpoint: text(CONTEXT_KEYS.alarmHttpsEndpoint),
    },
  });
  // Cost allocation and ownership: every resource says which application and stage it belongs to.
  Tags.of(stack).add('claimflow:application', 'ClaimFlow');
  Tags.of(stack).add('claimflow:stage', stage ?? 'default');
  options.customize?.(stack);
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, { verbose: true }),
    new HIPAASecurityChecks(app, { verbose: true }),
    new ServerlessChecks(app, { verbose: true }),
  );
  return { app, stack };
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/**
 * The sample configuration names fictitious providers, payers and a sandbox submitter: claims built from it would go
 * out under identifiers nobody owns. It deploys only when asked for (demos, the twin, tests).
 */
function refuseSampleConfiguration(configJson: string, configPath: string, allowed: boolean): void {
  if (allowed) return;
  const sample = JSON.stringify(JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')));
  if (configJson !== sample) return;
  throw new Error(
    `refusing to deploy the sample practice configuration (${configPath}): its providers, payers and submitter are ` +
      `fictitious. Deploy your own with -c ${CONTEXT_KEYS.config}=path/to/practice.json, or allow the sample for a ` +
      `demo with -c ${CONTEXT_KEYS.allowSampleConfig}=true.`,
  );
}

/**
 * The practice configuration is inlined into every function bundle; patient records are PHI and belong on the
 * encrypted domain table (`claimflow patients load`). Only a demo (the sample's fictitious patients) keeps them in
 * the configuration.
 */
function refusePatientRecordsInBundle(configJson: string, configPath: string, demo: boolean): void {
  if (demo) return;
  const records = (JSON.parse(configJson) as { patientDirectory?: unknown[] }).patientDirectory?.length ?? 0;
  if (records === 0) return;
  throw new Error(
    `refusing to bundle the ${records} patient record(s) of ${configPath} (patientDirectory) into the functions: ` +
      'patient records are PHI. Remove them from the configuration and load them onto the encrypted table with ' +
      `\`claimflow patients load FILE.json\` (a demo may keep them with -c ${CONTEXT_KEYS.allowSampleConfig}=true).`,
  );
}

function reservedConcurrency(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`context ${CONTEXT_KEYS.reservedConcurrency} must be a positive whole number, not '${value}'`);
  }
  return n;
}
