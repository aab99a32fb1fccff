/** Synthesizes the real CDK app (same code path as `cdk synth`) and returns the template and where its assets are. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONTEXT_KEYS } from '#contracts/deployment';
import { type CreateAppOptions, createApp } from '#lib/app';
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

export function defaultOutdir(projectRoot: string): string {
  return join(projectRoot, '.claimflow', 'cdk.out');
}
