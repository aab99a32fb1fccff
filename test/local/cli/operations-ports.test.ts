/**
 * The CLI's operator actions scrub a claim again on the CLI's side, so on the twin they must scrub with what the
 * twin's functions were deployed with (recorded in twin.json), never with a configuration the CLI loads on its own.
 * The twin here was "started" with a practice configuration whose payer accepts claims for one day only: the CLI's
 * rescrub finds the claim late (TIMELY-FILING) although CLAIMFLOW_PRACTICE_CONFIG points at the sample, which gives
 * that payer 180 days. Asking for another configuration, or one edited since the twin started, is refused.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { SAMPLE_PRACTICE_CONFIG } from '#lib/sample-config';
import { type OperationsTarget, operationsPorts, ScrubSettingsError } from '#local/cli/operations-ports';
import { twinScrubbing } from '#local/twin/twin-state';
import { startClaimFlowTable } from '#test/support/dynalite';
import { queuedClaim } from '../../unit/submission/submission-harness.ts';

let table: Awaited<ReturnType<typeof startClaimFlowTable>>;
let oneDayConfig: string;

/** The sample configuration with the sandbox payer's timely-filing limit cut to one day. */
function writeOneDayConfig(): string {
  const config = JSON.parse(readFileSync(SAMPLE_PRACTICE_CONFIG, 'utf8')) as {
    payers: { payerId: string; timelyFilingDays: number }[];
  };
  for (const payer of config.payers) if (payer.payerId === 'SANDBOX1') payer.timelyFilingDays = 1;
  const file = join(mkdtempSync(join(tmpdir(), 'claimflow-config-')), 'practice.json');
  writeFileSync(file, JSON.stringify(config));
  return file;
}

function target(scrubbing?: OperationsTarget['scrubbing']): OperationsTarget {
  return {
    description: 'test twin',
    s3: new S3Client({ region: 'us-east-1' }),
    sqs: new SQSClient({ region: 'us-east-1' }),
    dynamo: table.client,
    outputs: { TableName: table.tableName, SubmissionQueueUrl: 'http://127.0.0.1:1/q', IntakeBucketName: 'intake' },
    ...(scrubbing ? { scrubbing } : {}),
  };
}

/** A claim served twelve days ago to the sandbox payer. */
function lateClaim(): Claim {
  const served = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
  const claim = queuedClaim('CFSCRUBWITH00000001');
  return { ...claim, lines: claim.lines.map((line) => ({ ...line, serviceDate: served })) };
}

const findingIds = async (t: OperationsTarget) =>
  (await operationsPorts(t).rescrub(lateClaim())).findings.map((f) => f.id);

beforeAll(async () => {
  table = await startClaimFlowTable();
  oneDayConfig = writeOneDayConfig();
  vi.stubEnv('CLAIMFLOW_PRACTICE_CONFIG', SAMPLE_PRACTICE_CONFIG);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await table?.stop();
});

describe("the CLI's rescrub on the twin", () => {
  it("uses the practice configuration the twin deployed, not the CLI's own", async () => {
    expect(await findingIds(target(twinScrubbing({ practiceConfigPath: oneDayConfig })))).toContain('TIMELY-FILING');
    // The same claim under the configuration the CLI would load by itself: not late.
    expect(await findingIds(target())).not.toContain('TIMELY-FILING');
  });

  it('refuses a --config naming another file, before anything is scrubbed', () => {
    const onTwin = target(twinScrubbing({ practiceConfigPath: oneDayConfig }));
    expect(() => operationsPorts(onTwin, { config: SAMPLE_PRACTICE_CONFIG })).toThrow(ScrubSettingsError);
    expect(() => operationsPorts(onTwin, { config: SAMPLE_PRACTICE_CONFIG })).toThrow(
      /--config .*practice\.sample\.json: the twin's functions scrub with .*practice\.json.*start the twin with --config/,
    );
    expect(() => operationsPorts(onTwin, { config: oneDayConfig })).not.toThrow();
  });

  it('refuses to scrub with a configuration file edited since the twin started', async () => {
    const file = writeOneDayConfig();
    const onTwin = target(twinScrubbing({ practiceConfigPath: file }));
    writeFileSync(file, readFileSync(SAMPLE_PRACTICE_CONFIG));

    expect(() => operationsPorts(onTwin, { scrubs: true })).toThrow(/changed since the twin started.*restart the twin/);
    await expect(operationsPorts(onTwin).rescrub(lateClaim())).rejects.toThrow(ScrubSettingsError);
  });
});
