/**
 * How a deployment is named and configured: the `cdk -c` context keys bin/app.ts reads, and the default stack name the
 * CLI looks for (`--stack` overrides it). No CDK import, so the CLI can name a stack without loading aws-cdk-lib.
 */

/** The stack deployed when no stage is given. */
export const DEFAULT_STACK_NAME = 'ClaimFlow';

/** `cdk deploy -c <key>=<value>`: every setting a deployment can change, by name. */
export const CONTEXT_KEYS = {
  /** Stage name (e.g. `staging`, `production`): names the stack `ClaimFlow-<stage>` unless `stackName` is set. */
  stage: 'claimflow:stage',
  /** Explicit stack name; two deployments in one account and region need two names. */
  stackName: 'claimflow:stackName',
  /** Path of the practice configuration file (default: the sample, which must be allowed explicitly). */
  config: 'claimflow:config',
  /** `true` to deploy the sample practice configuration (demos, the twin, tests); refused otherwise. */
  allowSampleConfig: 'claimflow:allowSampleConfig',
  /** Folder of payer rule files. */
  payerRules: 'claimflow:payerRules',
  /** Code set bundle directory from `claimflow codesets import --out`. */
  codesets: 'claimflow:codesets',
  /** Reserved concurrency per function (a number), or none when absent: a new account's quota is 10 in all. */
  reservedConcurrency: 'claimflow:reservedConcurrency',
  /** Email address subscribed to the alarm topic. */
  alarmEmail: 'claimflow:alarmEmail',
  /** HTTPS endpoint (a paging service's integration URL) subscribed to the alarm topic. */
  alarmHttpsEndpoint: 'claimflow:alarmHttpsEndpoint',
} as const;

/** Stage names are part of resource names and aliases: lowercase letters, digits and dashes. */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;

/** The stack name for a stage: `ClaimFlow` without one, `ClaimFlow-staging` with one. */
export function stackNameFor(stage: string | undefined): string {
  if (stage === undefined) return DEFAULT_STACK_NAME;
  if (!STAGE_PATTERN.test(stage)) {
    throw new Error(`stage '${stage}' must be lowercase letters, digits and dashes, starting with a letter (max 20)`);
  }
  return `${DEFAULT_STACK_NAME}-${stage}`;
}
