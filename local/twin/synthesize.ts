/** Synthesizes the real CDK app (same code path as `cdk synth`) and returns the template and where its assets are. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { comprehendMedicalEnabled } from '#contracts/comprehend-medical';
import { CONTEXT_KEYS } from '#contracts/deployment';
import { type CreateAppOptions, createApp, SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import type { CfnTemplate } from './template.ts';

export interface SynthesizedStack {
  stackName: string;
  template: CfnTemplate;
  /** Folder the asset paths in resource metadata are relative to. */
  assemblyDir: string;
}

export function synthesize(
  outdir: string,
  customize?: CreateAppOptions['customize'],
  app?: Pick<CreateAppOptions, 'codeSetsDir' | 'practiceConfigPath'>,
): SynthesizedStack {
  refuseComprehendMedical(app?.practiceConfigPath ?? SAMPLE_PRACTICE_CONFIG);
  mkdirSync(outdir, { recursive: true });
  // Asset metadata tells the twin where each function's bundle is; the CDK CLI asks for it, so must we.
  // The twin is a demo and test bed: it may run the sample practice configuration that a deployment refuses.
  const { app: cdkApp, stack: cdkStack } = createApp({
    outdir,
    ...app,
    context: { 'aws:cdk:enable-asset-metadata': true, [CONTEXT_KEYS.allowSampleConfig]: true },
    ...(customize ? { customize } : {}),
  });
  const assembly = cdkApp.synth();
  const stack = assembly.getStackByName(cdkStack.stackName);
  return { stackName: stack.stackName, template: stack.template as CfnTemplate, assemblyDir: assembly.directory };
}

/**
 * The twin runs offline: there is no Amazon Comprehend Medical to call, and a fake answering in its place would code
 * visits with proposals nobody made. Rather than quietly coding without it, the twin refuses a configuration that
 * turns it on (docs/coding/diagnoses.md says how to try it: deploy).
 */
export function refuseComprehendMedical(practiceConfigPath: string): void {
  if (!comprehendMedicalEnabled(readFileSync(practiceConfigPath, 'utf8'))) return;
  throw new Error(
    `the local twin cannot run ${practiceConfigPath}: it turns comprehendMedical on, and the twin has no Amazon ` +
      'Comprehend Medical (it runs without AWS). Set "comprehendMedical": { "enabled": false } (or leave it out) for ' +
      'the twin; the service is used only by a deployed stack.',
  );
}

export function defaultOutdir(projectRoot: string): string {
  return join(projectRoot, '.claimflow', 'cdk.out');
}
