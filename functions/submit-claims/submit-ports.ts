/**
 * The ports of submit-claims in AWS (and on the twin): claims, the submission outbox and control number counters on
 * the domain table, the archive in S3, the sandbox clearinghouse connector, the practice's submitter identity.
 */
import type { SubmitClaimsEnvironment } from '#contracts/functions/submit-claims';
import { systemClock } from '#core/kernel/clock';
import type { SubmitClaimsPorts } from '#core/submission/submit-claims';
import { dynamoDocumentClient, s3Client } from '#functions/common/clients';
import { practiceConfig } from '#functions/common/practice-config';
import { S3SubmissionArchive } from '#functions/common/s3-submission-archive';
import { SandboxClearinghouse } from '#functions/common/sandbox-clearinghouse';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbControlNumberCounters } from '#functions/common/storage/dynamodb-control-number-counters';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';

/** Where the clearinghouse is and the key it accepts; names what is missing without echoing values. */
export function clearinghouseConnection(settings: SubmitClaimsEnvironment): { baseUrl: string; apiKey: string } {
  const configured = practiceConfig().clearinghouse;
  if (configured.kind !== 'sandbox')
    throw new Error(`submit-claims: clearinghouse kind "${configured.kind}" has no connector yet (only "sandbox")`);
  const baseUrl = settings.CLEARINGHOUSE_URL ?? configured.url;
  if (!baseUrl)
    throw new Error('submit-claims: no clearinghouse URL (CLEARINGHOUSE_URL or the practice configuration)');
  if (settings.CLEARINGHOUSE_API_KEY) return { baseUrl, apiKey: settings.CLEARINGHOUSE_API_KEY };
  if (settings.CLEARINGHOUSE_SECRET_ARN)
    throw new Error(
      'submit-claims: reading CLEARINGHOUSE_SECRET_ARN needs the Secrets Manager client, which is not a dependency yet; ' +
        'set CLEARINGHOUSE_API_KEY',
    );
  throw new Error('submit-claims: no clearinghouse credentials (CLEARINGHOUSE_API_KEY or CLEARINGHOUSE_SECRET_ARN)');
}

export function submitPorts(settings: SubmitClaimsEnvironment): SubmitClaimsPorts {
  const dynamo = dynamoDocumentClient();
  const identity = practiceConfig().submitter;
  return {
    claims: new DynamoDbClaimStore(dynamo, settings.TABLE_NAME),
    records: new DynamoDbSubmissionRecords(dynamo, settings.TABLE_NAME),
    counters: new DynamoDbControlNumberCounters(dynamo, settings.TABLE_NAME),
    archive: new S3SubmissionArchive(s3Client(), settings.INTAKE_BUCKET_NAME, settings.SUBMISSIONS_PREFIX),
    clearinghouse: new SandboxClearinghouse(clearinghouseConnection(settings)),
    clock: systemClock,
    identityFor: () => identity,
  };
}
