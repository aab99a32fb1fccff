/**
 * Amazon Comprehend Medical on the synthesized template: absent by default (no function may call it), and when the
 * practice configuration turns it on, code-encounter alone may call InferICD10CM, on Resource "*" (the action has no
 * resource-level permissions), and no other Comprehend Medical action. Both templates synthesize with cdk-nag's
 * packs applied (lib/app.ts): an unacknowledged finding would fail the synth. The twin refuses the switch.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, SAMPLE_PRACTICE_CONFIG } from '#lib/app';
import { refuseComprehendMedical } from '#local/twin/synthesize';
import { functionNamed, roleStatements, type Statement } from './template-queries.ts';

/** Path of the sample configuration with `comprehendMedical` set (or left out). */
function configWith(comprehendMedical: Record<string, unknown> | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-comprehend-'));
  const config = JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8'));
  if (comprehendMedical) config.comprehendMedical = comprehendMedical;
  const path = join(dir, 'practice.json');
  writeFileSync(path, JSON.stringify(config));
  return path;
}

function synthesizedWith(practiceConfigPath: string): Template {
  const { app, stack } = createApp({
    outdir: join(mkdtempSync(join(tmpdir(), 'claimflow-comprehend-out-')), 'cdk.out'),
    practiceConfigPath,
    context: { 'claimflow:allowSampleConfig': true },
  });
  app.synth();
  return Template.fromStack(stack);
}

/** Every statement of every IAM policy in the template that names a Comprehend Medical action. */
function comprehendStatements(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .filter((s) => JSON.stringify(s.Action).includes('comprehendmedical:'));
}

describe('Amazon Comprehend Medical in the stack', () => {
  let off: Template;
  let on: Template;

  beforeAll(() => {
    off = synthesizedWith(configWith(undefined));
    on = synthesizedWith(configWith({ enabled: true }));
  }, 600_000);

  it('is not granted by default: no function may call Comprehend Medical (cdk-nag clean)', () => {
    expect(comprehendStatements(off)).toEqual([]);
  });

  it('when on, grants code-encounter InferICD10CM on "*" and nothing else of the service (cdk-nag clean)', () => {
    const [codeEncounter] = functionNamed(on, 'code-encounter');
    const granted = roleStatements(on, codeEncounter).filter((s) => JSON.stringify(s.Action).includes('comprehend'));
    expect(granted).toEqual([{ Effect: 'Allow', Action: 'comprehendmedical:InferICD10CM', Resource: '*' }]);
    expect(comprehendStatements(on)).toEqual(granted);
  });

  it('refuses to run in the local twin, which has no such service', () => {
    expect(() => refuseComprehendMedical(configWith(undefined))).not.toThrow();
    expect(() => refuseComprehendMedical(configWith({ enabled: false }))).not.toThrow();
    expect(() => refuseComprehendMedical(configWith({ enabled: true }))).toThrow(
      /the twin has no Amazon Comprehend Medical/,
    );
  });

  it('refuses a misspelt switch rather than leaving it off silently', () => {
    expect(() => refuseComprehendMedical(configWith({ enable: true }))).toThrow(/comprehendMedical is invalid/);
  });
});
