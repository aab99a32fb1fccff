/**
 * ClaimFlowFunction checks the environment it is given against the function's contract at synth: a variable the
 * contract does not declare, one it requires but nobody bound, or a value it refuses fails the synth, naming the
 * contract file. Bundling is skipped: only the template is checked.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { ClaimFlowFunction, TABLE_ACCESS } from '#lib/constructs/claimflow-function';
import { Platform } from '#lib/platform/platform';

function stackWith(configure: (platform: Platform, stack: Stack) => void): App {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'FunctionConstructTest');
  configure(new Platform(stack, 'Platform'), stack);
  return app;
}

function codeEncounter(scope: Stack, platform: Platform, environment: Record<string, string>) {
  return new ClaimFlowFunction(scope, 'CodeEncounter', {
    name: 'code-encounter',
    description: 'test',
    key: platform.dataKey,
    environment,
  });
}

const LITERALS = {
  INBOX_PREFIX: 'inbox/',
  QUARANTINE_PREFIX: 'quarantine/',
  MAX_DOCUMENT_BYTES: '1024',
  CLAIMFLOW_PAYER_RULES: 'payer-rules',
};

describe('the environment is checked against the contract at synth', () => {
  it('names every required variable nobody bound', () => {
    const app = stackWith((platform, stack) => {
      codeEncounter(stack, platform, LITERALS).bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite);
    });
    expect(() => app.synth()).toThrow(
      /environment of code-encounter \(contracts\/functions\/code-encounter\.ts\): IDEMPOTENCY_TABLE_NAME is not set/,
    );
  });

  it('refuses a variable the contract does not declare, and a value it refuses', () => {
    const app = stackWith((platform, stack) => {
      codeEncounter(stack, platform, { ...LITERALS, INBOX_PREFIX: 'uploads/', DEBUG_DUMP_DOCUMENTS: 'true' })
        .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
        .bindTable('IDEMPOTENCY_TABLE_NAME', platform.idempotencyTable, TABLE_ACCESS.idempotency)
        .bindBucket('INTAKE_BUCKET_NAME', platform.intakeBucket, { readPrefix: 'inbox/' })
        .bindQueueProducer('SUBMISSION_QUEUE_URL', new sqs.Queue(stack, 'Q'));
    });
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('DEBUG_DUMP_DOCUMENTS is not in the contract');
    expect(message).toMatch(/INBOX_PREFIX: .*inbox\//);
  });

  it('refuses binding one variable twice', () => {
    expect(() =>
      stackWith((platform, stack) => {
        codeEncounter(stack, platform, LITERALS)
          .bindTable('TABLE_NAME', platform.table, TABLE_ACCESS.readWrite)
          .bindTable('TABLE_NAME', platform.idempotencyTable, TABLE_ACCESS.idempotency);
      }),
    ).toThrow(/TABLE_NAME is bound twice/);
  });
});
