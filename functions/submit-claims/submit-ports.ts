/**
 * The ports of submit-claims in AWS (and on the twin): claims, the submission outbox and control number counters on
 * the domain table, the archive in S3, the configured clearinghouse reached with the connection secret, the
 * practice's submitter identity.
 */
import type { SubmitClaimsEnvironment } from '#contracts/functions/submit-claims';
import { parseClearinghouseConnection } from '#contracts/secrets';
import { systemClock } from '#core/kernel/clock';
import type { SubmitClaimsPorts } from '#core/submission/submit-claims';
import { connectedClearinghouse } from '#functions/common/clearinghouse-connection';
import { dynamoDocumentClient, s3Client } from '#functions/common/clients';
import { practiceConfig } from '#functions/common/practice-config';
import { S3SubmissionArchive } from '#functions/common/s3-submission-archive';
import { secretReader } from '#functions/common/secrets-extension';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbControlNumberCounters } from '#functions/common/storage/dynamodb-control-number-counters';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';

export function submitPorts(settings: SubmitClaimsEnvironment): SubmitClaimsPorts {
  const dynamo = dynamoDocumentClient();
  const identity = practiceConfig().submitter;
  return {
    claims: new DynamoDbClaimStore(dynamo, settings.TABLE_NAME),
    records: new DynamoDbSubmissionRecords(dynamo, settings.TABLE_NAME),
    counters: new DynamoDbControlNumberCounters(dynamo, settings.TABLE_NAME),
    archive: new S3SubmissionArchive(s3Client(), settings.INTAKE_BUCKET_NAME, settings.SUBMISSIONS_PREFIX),
    clearinghouse: connectedClearinghouse(
      practiceConfig().clearinghouse,
      secretReader(settings.CLEARINGHOUSE_SECRET_ARN, 'clearinghouse secret', parseClearinghouseConnection),
    ),
    clock: systemClock,
    identityFor: () => identity,
  };
}
