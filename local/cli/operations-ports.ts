/**
 * The operator use cases' ports on a running twin or a deployed stack, from the CLI's target: the claim store and
 * visit reservations on the table, the submission queue intake publishes to, the 837P archive in the intake bucket,
 * and the edit library with the practice configuration, code sets and payer rules the functions use (the twin's
 * defaults unless --config, --codesets or --payer-rules say otherwise).
 */
import { userInfo } from 'node:os';
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
import { loadPracticeConfigFile, practiceConfigPath } from './practice-config-file.ts';

export interface ScrubSettings {
  config?: string;
  codesets?: string;
  payerRules?: string;
}

/** What the CLI talks to (bin/commands/_target.ts resolves it). */
export interface OperationsTarget {
  description: string;
  s3: S3Client;
  sqs: SQSClient;
  dynamo: DynamoDBDocumentClient;
  outputs: Record<string, string>;
}

export function operationsPorts(target: OperationsTarget, settings: ScrubSettings = {}): OperationsPorts {
  const table = target.outputs.TableName;
  const queue = target.outputs.SubmissionQueueUrl;
  const bucket = target.outputs.IntakeBucketName;
  if (!table || !queue || !bucket)
    throw new Error(`${target.description} lists no TableName, SubmissionQueueUrl or IntakeBucketName output`);
  const claims = new DynamoDbClaimStore(target.dynamo, table);
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
    rescrub: (claim) => {
      rescrub ??= rescrubberFor({
        codeSets: resolveCodeSets(settings.codesets, process.env).codeSets,
        config: loadPracticeConfigFile(practiceConfigPath(settings.config)),
        payerRules: loadPayerRulesDirectory(settings.payerRules ?? SAMPLE_PAYER_RULES),
        priorClaims: priorClaimsIn(claims),
        today: () => systemClock.now().toISOString().slice(0, 10),
      });
      return rescrub(claim);
    },
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
