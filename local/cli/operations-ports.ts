/**
 * The operator use cases' ports on a running twin or a deployed stack, from the CLI's target: the claim store and
 * visit reservations on the table, the submission queue intake publishes to, the 837P archive in the intake bucket,
 * and the edit library with the practice configuration, code sets and payer rules the functions use: on the twin,
 * exactly those it deployed (recorded in twin.json; a --config, --codesets or --payer-rules naming others is refused,
 * and so is a configuration file edited since the twin started); on a deployed stack, the files named by the flags
 * (else CLAIMFLOW_PRACTICE_CONFIG, else the sample).
 */

import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { systemClock } from '#core/kernel/clock';
import { claimResponsesFrom, type OperationsPorts, rescrubberFor } from '#core/operations/index';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { S3SubmissionArchive } from '#functions/common/s3-submission-archive';
import { SqsClaimSubmissions } from '#functions/common/sqs-claim-submissions';
import { DynamoDbClaimResponseEvents } from '#functions/common/storage/dynamodb-claim-response-events';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbVisitReservations } from '#functions/common/storage/dynamodb-visit-reservations';
import { SAMPLE_PAYER_RULES } from '#lib/sample-config';
import { fileSha256, type TwinScrubbing } from '#local/twin/twin-state';
import { loadPracticeConfigFile, practiceConfigPath } from './practice-config-file.ts';

export interface ScrubSettings {
  config?: string;
  codesets?: string;
  payerRules?: string;
  /**
   * The action scrubs (approve, edit): check the twin's configuration is unchanged before anything is written, since
   * a correction creates its new claim before it scrubs it.
   */
  scrubs?: boolean;
}

/** What the CLI talks to (bin/commands/_target.ts resolves it). */
export interface OperationsTarget {
  description: string;
  s3: S3Client;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  outputs: Record<string, string>;
  /** The running twin's scrubbing inputs (twin.json). */
  scrubbing?: TwinScrubbing;
}

/** The scrubbing inputs asked for cannot be the ones the functions use: nothing is scrubbed or changed. */
export class ScrubSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScrubSettingsError';
  }
}

export function operationsPorts(target: OperationsTarget, settings: ScrubSettings = {}): OperationsPorts {
  const table = target.outputs.TableName;
  const queue = target.outputs.SubmissionQueueUrl;
  const bucket = target.outputs.IntakeBucketName;
  if (!table || !queue || !bucket)
    throw new Error(`${target.description} lists no TableName, SubmissionQueueUrl or IntakeBucketName output`);
  const claims = new DynamoDbClaimStore(target.dynamo, table);
  const inputs = scrubInputs(target, settings);
  if (settings.scrubs) checkUnchanged(inputs);
  let rescrub: OperationsPorts['rescrub'] | undefined;
  return {
    claims,
    visits: new DynamoDbVisitReservations(target.dynamo, table),
    submissions: new SqsClaimSubmissions(target.sqs, queue),
    clock: systemClock,
    archive: new S3SubmissionArchive(target.s3, bucket, ''),
    responses: claimResponsesFrom({
      events: new DynamoDbClaimResponseEvents(target.dynamo, table),
      ledger: new DynamoDbRemittanceLedger(target.dynamo, table),
    }),
    // Code sets and payer rules are loaded only by the actions that scrub.
    rescrub: async (claim) => {
      checkUnchanged(inputs);
      rescrub ??= rescrubberFor({
        codeSets: resolveCodeSets(inputs.codesets, process.env).codeSets,
        config: loadPracticeConfigFile(inputs.config),
        payerRules: loadPayerRulesDirectory(inputs.payerRules),
        priorClaims: priorClaimsIn(claims),
        today: () => systemClock.now().toISOString().slice(0, 10),
      });
      return rescrub(claim);
    },
  };
}

interface ScrubInputs {
  config: string;
  /** The digest the file must still have (the twin's deployed configuration). */
  configSha256?: string;
  codesets?: string;
  payerRules: string;
}

function checkUnchanged(inputs: ScrubInputs): void {
  if (inputs.configSha256 !== undefined && fileSha256(inputs.config) !== inputs.configSha256)
    throw new ScrubSettingsError(
      `practice configuration ${inputs.config} changed since the twin started, so its functions scrub with the earlier version; restart the twin (npm start) to deploy it, then act again`,
    );
}

/** On the twin, what it deployed (flags may only repeat it); on a stack, the flags and their defaults. */
function scrubInputs(target: OperationsTarget, settings: ScrubSettings): ScrubInputs {
  const twin = target.scrubbing;
  if (!twin)
    return {
      config: practiceConfigPath(settings.config),
      ...(settings.codesets ? { codesets: settings.codesets } : {}),
      payerRules: settings.payerRules ?? SAMPLE_PAYER_RULES,
    };
  const differs = (given: string | undefined, used: string | undefined) =>
    given !== undefined && (used === undefined || resolve(given) !== resolve(used));
  for (const [flag, given, used] of [
    ['--config', settings.config, twin.practiceConfigPath],
    ['--codesets', settings.codesets, twin.codeSetsDir],
    ['--payer-rules', settings.payerRules, twin.payerRulesDir],
  ] as const) {
    if (differs(given, used))
      throw new ScrubSettingsError(
        `${flag} ${given}: the twin's functions scrub with ${used ?? 'the code sets bundled with them'}, and an operator action must scrub with the same; start the twin with ${flag} ${given} instead`,
      );
  }
  return {
    config: twin.practiceConfigPath,
    configSha256: twin.practiceConfigSha256,
    ...(twin.codeSetsDir ? { codesets: twin.codeSetsDir } : {}),
    payerRules: twin.payerRulesDir,
  };
}

/** Who the CLI acts as: --as, else CLAIMFLOW_ACTOR, else `cli:<login name>`. */
export function cliActor(option: string | undefined): string {
  if (option) return option;
  if (process.env.CLAIMFLOW_ACTOR) return process.env.CLAIMFLOW_ACTOR;
  let login = 'unknown';
  try {
    login = userInfo().username;
  } catch {
    // No passwd entry (a container): the actor still says it was the CLI.
  }
  return `cli:${login}`;
}
