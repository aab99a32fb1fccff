/**
 * The operator CLI finds the running twin through .claimflow/twin.json; with no twin running and no AWS target asked
 * for, it says so and how to start one, instead of failing inside the AWS SDK for want of credentials.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoTargetError, resolveTarget } from '#bin/commands/_target';
import { writeTwinState } from '#local/twin/twin-state';

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'claimflow-cli-')), 'twin.json');
const state = (pid: number) => ({
  pid,
  startedAt: new Date().toISOString(),
  region: 'us-east-1',
  endpoints: { s3: 'http://127.0.0.1:1', sqs: 'http://127.0.0.1:2', dynamodb: 'http://127.0.0.1:3' },
  outputs: { TableName: 'ClaimFlow-Table', IntakeBucketName: 'claimflow-intake' },
  apis: {},
});

describe('which ClaimFlow the CLI talks to', () => {
  it('says no twin is running and how to start one when none is and AWS was not asked for', async () => {
    const attempt = resolveTarget({}, stateFile());

    await expect(attempt).rejects.toBeInstanceOf(NoTargetError);
    await expect(attempt).rejects.toThrow(/no local twin is running.*npm start.*--target aws/s);
  });

  it('treats the state file of a twin that was killed as no twin', async () => {
    const file = stateFile();
    writeTwinState(state(2 ** 22 + 12_345), file);

    await expect(resolveTarget({ target: 'twin' }, file)).rejects.toThrow(/no local twin is running/);
  });

  it('talks to the running twin through its endpoints and outputs', async () => {
    const file = stateFile();
    writeTwinState(state(process.pid), file);

    const target = await resolveTarget({}, file);

    expect(target.description).toContain(`pid ${process.pid}`);
    expect(target.outputs.TableName).toBe('ClaimFlow-Table');
  });
});
