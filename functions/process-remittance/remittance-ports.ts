/**
 * The ports of process-remittance in AWS (and on the twin): every store on the domain table, the raw response
 * archive in the intake bucket (read only), the system clock, and the payer contract rates of the practice
 * configuration bundled with the function.
 */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ProcessRemittanceEnvironment } from '#contracts/functions/process-remittance';
import { systemClock } from '#core/kernel/clock';
import type { ApplyResponsePorts } from '#core/responses/apply-response-file';
import { dynamoDocumentClient } from '#functions/common/clients';
import { practiceConfig } from '#functions/common/practice-config';
import { DynamoDbClaimResponseEvents } from '#functions/common/storage/dynamodb-claim-response-events';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { DynamoDbResponseApplications } from '#functions/common/storage/dynamodb-response-applications';
import { DynamoDbSubmissionRecords } from '#functions/common/storage/dynamodb-submission-records';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';

/**
 * Largest response file read. The webhook keeps at most 4 MiB, but a mailbox or SFTP 835 for a large group can be
 * far larger; the reader is linear and keeps no 835 segments, so the bound is the function's memory, not time.
 */
export const MAX_RESPONSE_FILE_BYTES = 64 * 1024 * 1024;

export function remittancePorts(settings: ProcessRemittanceEnvironment): ApplyResponsePorts {
  const dynamo = dynamoDocumentClient();
  const table = settings.TABLE_NAME;
  const { contracts } = practiceConfig();
  return {
    claims: new DynamoDbClaimStore(dynamo, table),
    submissions: new DynamoDbSubmissionRecords(dynamo, table),
    events: new DynamoDbClaimResponseEvents(dynamo, table),
    ledger: new DynamoDbRemittanceLedger(dynamo, table),
    providerLedger: new DynamoDbProviderLedger(dynamo, table),
    applications: new DynamoDbResponseApplications(dynamo, table),
    workItems: new DynamoDbWorkItems(dynamo, table),
    clock: systemClock,
    // The practice's payer contracts, bundled with the function: an allowed amount below them is an underpayment.
    ...(contracts ? { contracts } : {}),
  };
}

export class ResponseFileTooLargeError extends Error {
  constructor(readonly bytes: number) {
    super(`the response file is ${bytes} bytes; the most process-remittance reads is ${MAX_RESPONSE_FILE_BYTES}`);
    this.name = 'ResponseFileTooLargeError';
  }
}

/** The archived bytes of one pointer (the version it names, when it names one). */
export async function readRawResponse(
  s3: S3Client,
  location: { bucket: string; key: string; versionId?: string },
): Promise<Uint8Array> {
  const object = await s3.send(
    new GetObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      ...(location.versionId ? { VersionId: location.versionId } : {}),
    }),
  );
  if ((object.ContentLength ?? 0) > MAX_RESPONSE_FILE_BYTES) {
    object.Body?.transformToWebStream().cancel();
    throw new ResponseFileTooLargeError(object.ContentLength ?? 0);
  }
  if (!object.Body) throw new Error(`s3://${location.bucket}/${location.key} has no body`);
  return object.Body.transformToByteArray();
}
