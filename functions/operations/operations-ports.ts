/**
 * The ports of the operator actions in AWS (and on the twin): claims, visit reservations and the submission outbox on
 * the same table and queue intake uses, the 837P archive, and the edit library bound to the deployed practice
 * configuration, payer rules and code sets, so an approved claim is scrubbed exactly as intake scrubs.
 */
import { isAbsolute, join } from 'node:path';
import type { OperationsEnvironment } from '#contracts/functions/operations';
import { systemClock } from '#core/kernel/clock';
import { type OperationsPorts, rescrubberFor } from '#core/operations/index';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { resolveCodeSets } from '#functions/common/codesets/resolve-code-sets';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { practiceConfig } from '#functions/common/practice-config';
import { S3SubmissionArchive } from '#functions/common/s3-submission-archive';
import { SqsClaimSubmissions } from '#functions/common/sqs-claim-submissions';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbVisitReservations } from '#functions/common/storage/dynamodb-visit-reservations';

/** Folders deployed inside the function asset are named relative to the task root. */
function fromTaskRoot(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  return isAbsolute(dir) ? dir : join(process.env.LAMBDA_TASK_ROOT ?? '/var/task', dir);
}

export function operationsPorts(settings: OperationsEnvironment): OperationsPorts {
  const client = dynamoDocumentClient();
  const claims = new DynamoDbClaimStore(client, settings.TABLE_NAME);
  const codeSets = resolveCodeSets(fromTaskRoot(settings.CLAIMFLOW_CODESETS), process.env).codeSets;
  const clock = systemClock;
  return {
    claims,
    visits: new DynamoDbVisitReservations(client, settings.TABLE_NAME),
    submissions: new SqsClaimSubmissions(sqsClient(), settings.SUBMISSION_QUEUE_URL),
    clock,
    rescrub: rescrubberFor({
      codeSets,
      config: practiceConfig(),
      payerRules: loadPayerRulesDirectory(fromTaskRoot(settings.CLAIMFLOW_PAYER_RULES) ?? 'payer-rules'),
      priorClaims: priorClaimsIn(claims),
      // Scrubbed on the day of the action: timely filing counts to today.
      today: () => clock.now().toISOString().slice(0, 10),
    }),
    archive: new S3SubmissionArchive(s3Client(), settings.INTAKE_BUCKET_NAME, settings.SUBMISSIONS_PREFIX),
  };
}
