/**
 * Deployment settings, as `cdk -c` gives them: stage and stack name, reserved concurrency, alarm subscriptions, and the
 * sample practice configuration refused unless a deployment asks for it. Bundling is skipped: these tests read only
 * the template's settings, not the function code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS } from '#contracts/deployment';
import { createApp } from '#lib/app';

const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };
const OWN_CONFIG = join(import.meta.dirname, '..', 'fixtures', 'deployment', 'practice.own.json');

function synth(context: Record<string, unknown>, practiceConfigPath?: string) {
  const { app, stack } = createApp({
    outdir: mkdtempSync(join(tmpdir(), 'claimflow-deployment-')),
    context: { ...NO_BUNDLING, ...context },
    ...(practiceConfigPath ? { practiceConfigPath } : {}),
  });
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

describe('the sample practice configuration', () => {
  it('is refused unless the deployment explicitly allows it', () => {
    expect(() => createApp({ context: NO_BUNDLING })).toThrow(
      /refusing to deploy the sample practice configuration .*-c claimflow:allowSampleConfig=true/s,
    );
    expect(() => createApp({ context: { ...NO_BUNDLING, [CONTEXT_KEYS.allowSampleConfig]: 'false' } })).toThrow(
      /refusing to deploy the sample/,
    );
  });

  it('is deployed when allowed, and a practice configuration of its own needs no flag', () => {
    expect(() => createApp({ context: { ...NO_BUNDLING, [CONTEXT_KEYS.allowSampleConfig]: 'true' } })).not.toThrow();
    expect(() => createApp({ context: NO_BUNDLING, practiceConfigPath: OWN_CONFIG })).not.toThrow();
  });
});

describe('patient records in the practice configuration', () => {
  it('are refused outside a demo: they would be bundled into every function; the table holds them', () => {
    const own = JSON.parse(readFileSync(OWN_CONFIG, 'utf8'));
    const withPatients = join(mkdtempSync(join(tmpdir(), 'claimflow-deployment-')), 'practice.json');
    writeFileSync(
      withPatients,
      JSON.stringify({
        ...own,
        patientDirectory: [
          {
            mrn: 'MG-1',
            lastName: 'Kim',
            birthDate: '1975-07-09',
            address: { lines: ['1 A St'], city: 'X', state: 'IL', postalCode: '62701' },
          },
        ],
      }),
    );

    expect(() => createApp({ context: NO_BUNDLING, practiceConfigPath: withPatients })).toThrow(
      /refusing to bundle the 1 patient record\(s\) .*claimflow patients load/s,
    );
    expect(() =>
      createApp({
        context: { ...NO_BUNDLING, [CONTEXT_KEYS.allowSampleConfig]: 'true' },
        practiceConfigPath: withPatients,
      }),
    ).not.toThrow();
  });
});

describe('stages share an account', () => {
  it('names the stack, its key aliases and its stage tag after the stage', () => {
    const { stack, template } = synth({ [CONTEXT_KEYS.stage]: 'staging' }, OWN_CONFIG);
    expect(stack.stackName).toBe('ClaimFlow-staging');
    const aliases = Object.values(template.findResources('AWS::KMS::Alias')).map((a) => a.Properties.AliasName);
    expect(aliases.sort()).toEqual(['alias/ClaimFlow-staging-data', 'alias/ClaimFlow-staging-messages']);
    template.hasResourceProperties('AWS::SQS::Queue', {
      Tags: [
        { Key: 'claimflow:application', Value: 'ClaimFlow' },
        { Key: 'claimflow:stage', Value: 'staging' },
      ],
    });
  });

  it('takes an explicit stack name, and refuses a stage that cannot be part of resource names', () => {
    expect(synth({ [CONTEXT_KEYS.stackName]: 'Billing-Prod' }, OWN_CONFIG).stack.stackName).toBe('Billing-Prod');
    expect(() =>
      createApp({ context: { ...NO_BUNDLING, [CONTEXT_KEYS.stage]: 'Prod_1' }, practiceConfigPath: OWN_CONFIG }),
    ).toThrow(/lowercase/);
  });
});

describe('reserved concurrency', () => {
  it('is set on every function when the deployment asks, and refused when it is not a positive whole number', () => {
    const { template } = synth({ [CONTEXT_KEYS.reservedConcurrency]: '20' }, OWN_CONFIG);
    const functions = Object.values(template.findResources('AWS::Lambda::Function')).filter(
      (fn) => fn.Metadata?.['claimflow:function'],
    );
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) expect(fn.Properties.ReservedConcurrentExecutions).toBe(20);
    expect(() =>
      createApp({
        context: { ...NO_BUNDLING, [CONTEXT_KEYS.reservedConcurrency]: '2.5' },
        practiceConfigPath: OWN_CONFIG,
      }),
    ).toThrow(/positive whole number/);
  });
});

describe('alarm subscriptions', () => {
  it('subscribes an email address and an HTTPS endpoint to the alarm topic', () => {
    const { template } = synth(
      {
        [CONTEXT_KEYS.alarmEmail]: 'oncall@billing.example',
        [CONTEXT_KEYS.alarmHttpsEndpoint]: 'https://events.pager.example/integration/abc',
      },
      OWN_CONFIG,
    );
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')).map((s) => s.Properties);
    expect(subscriptions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@billing.example', TopicArn: { Ref: topicId } }),
        expect.objectContaining({
          Protocol: 'https',
          Endpoint: 'https://events.pager.example/integration/abc',
          TopicArn: { Ref: topicId },
        }),
      ]),
    );
    expect(subscriptions).toHaveLength(2);
  });

  it('warns at synth when no one is subscribed, and refuses an endpoint that is not an email address or https URL', () => {
    const { stack } = synth({}, OWN_CONFIG);
    const warnings = stack.node
      .findAll()
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:warning')
      .map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('No alarm subscription'))).toBe(true);
    expect(() =>
      createApp({ context: { ...NO_BUNDLING, [CONTEXT_KEYS.alarmEmail]: 'oncall' }, practiceConfigPath: OWN_CONFIG }),
    ).toThrow(/not an email address/);
    expect(() =>
      createApp({
        context: { ...NO_BUNDLING, [CONTEXT_KEYS.alarmHttpsEndpoint]: 'http://pager.example' },
        practiceConfigPath: OWN_CONFIG,
      }),
    ).toThrow(/https:\/\//);
  });
});
