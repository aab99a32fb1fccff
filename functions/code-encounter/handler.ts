/**
 * code-encounter: consumes the intake queue (S3 ObjectCreated notifications for inbox/), records each document in the
 * ledger and settles it. Thin glue: parse the event, call core/intake, report metrics. Each SQS record is processed
 * on its own; a failing record is reported back (ReportBatchItemFailures) so only it is redelivered.
 */

import { isAbsolute, join } from 'node:path';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Claim } from '#core/claims/claim';
import { resolveCodeSets } from '#core/codesets/resolve';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import type { StoredObject } from '#core/intake/document-ledger';
import { type IntakeOutcome, ingestDocument } from '#core/intake/ingest-document';
import { codeDocument } from '#core/pipeline/code-document';
import { scrubClaim } from '#core/scrubbing/index';
import { loadPayerRulesDirectory } from '#core/scrubbing/payer-rule-files';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { DynamoDbClaimStore } from '#functions/common/dynamodb-claim-store';
import { DynamoDbDocumentLedger } from '#functions/common/dynamodb-document-ledger';
import { DynamoDbPriorClaims } from '#functions/common/dynamodb-prior-claims';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { practiceConfig } from '#functions/common/practice-config';
import { S3DocumentObjects } from '#functions/common/s3-document-objects';
import { SqsClaimSubmissions } from '#functions/common/sqs-claim-submissions';
import { objectsInNotification } from './s3-notification.ts';

const settings = config();
const ledger = new DynamoDbDocumentLedger(dynamoDocumentClient(), settings.TABLE_NAME);
const objects = new S3DocumentObjects(s3Client(), settings.INBOX_PREFIX, settings.QUARANTINE_PREFIX);
const claims = new DynamoDbClaimStore(dynamoDocumentClient(), settings.TABLE_NAME);
const scrubPorts = {
  codeSets: resolveCodeSets(fromTaskRoot(process.env.CLAIMFLOW_CODESETS), process.env).codeSets,
  config: practiceConfig(),
  payerRules: loadPayerRulesDirectory(fromTaskRoot(process.env.CLAIMFLOW_PAYER_RULES) ?? 'payer-rules'),
  priorClaims: new DynamoDbPriorClaims(claims),
};
const codingPorts = {
  codeSets: scrubPorts.codeSets,
  config: scrubPorts.config,
  claims,
  submissions: new SqsClaimSubmissions(sqsClient(), settings.SUBMISSION_QUEUE_URL),
  now: () => new Date(),
  // Scrubbed on the day it is processed: timely filing and "date of service in the future" count to today.
  scrub: (claim: Claim, coded: CodedEncounter) =>
    scrubClaim(claim, coded, { ...scrubPorts, today: new Date().toISOString().slice(0, 10) }),
};
const processor = new BatchProcessor(EventType.SQS);

/** What the idempotency record keeps of an outcome: everything but the document text (PHI). */
type RecordedOutcome = IntakeOutcome extends infer O ? (O extends unknown ? Omit<O, 'text'> : never) : never;

// The idempotency record keys on the object version: two concurrent deliveries of one notification cannot both
// process it (the second waits and is retried), and a finished one answers repeats from the stored outcome.
// A replayed outcome is marked so metrics count it as a duplicate delivery, not as a second document.
const idempotency = new IdempotencyConfig({
  expiresAfterSeconds: 24 * 60 * 60,
  responseHook: (response) => ({ ...(response as object), replayed: true }),
});
const ingestOnce = makeIdempotent(
  async (object: StoredObject): Promise<RecordedOutcome> => {
    const outcome = await ingestDocument(object, {
      ledger,
      objects,
      now: () => new Date(),
      maxDocumentBytes: settings.MAX_DOCUMENT_BYTES,
      process: (document) => codeDocument(document, codingPorts),
    });
    // The text stays out of the idempotency record: it is document content (PHI).
    const { text: _text, ...recorded } = outcome as IntakeOutcome & { text?: string };
    return recorded;
  },
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: settings.IDEMPOTENCY_TABLE_NAME }),
    config: idempotency,
  },
);

/**
 * Folders deployed inside the function asset (payer rules; a code set bundle with `cdk deploy -c
 * claimflow:codesets=DIR`) are named relative to the task root. Without a code set bundle, the starter bundle
 * compiled into the code is used.
 */
function fromTaskRoot(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  return isAbsolute(dir) ? dir : join(process.env.LAMBDA_TASK_ROOT ?? '/var/task', dir);
}

/** A failed record is logged (ids and the error, never document content) and reported for redelivery. */
async function processRecord(record: SQSRecord): Promise<void> {
  try {
    await processNotification(record);
  } catch (error) {
    logger.error('record failed; it will be redelivered', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    throw error;
  }
}

async function processNotification(record: SQSRecord): Promise<void> {
  for (const object of objectsInNotification(record.body)) {
    const outcome = (await ingestOnce(object)) as RecordedOutcome & { replayed?: boolean };
    logger.info('document settled', {
      documentId: outcome.documentId,
      outcome: outcome.kind,
      replayed: outcome.replayed,
    });
    if (outcome.kind === 'duplicate' || outcome.replayed) {
      metrics.addMetric('DocumentsDuplicate', MetricUnit.Count, 1);
      continue;
    }
    metrics.addMetric('DocumentsReceived', MetricUnit.Count, 1);
    metrics.addMetric('DocumentBytes', MetricUnit.Bytes, object.size);
    if (outcome.kind === 'failed') {
      metrics.addMetric('DocumentsFailed', MetricUnit.Count, 1);
      logger.warn('document failed', { documentId: outcome.documentId, reason: outcome.reason });
    }
    if (outcome.kind === 'coded') {
      metrics.addMetric(outcome.status === 'CODED' ? 'DocumentsCoded' : 'DocumentsNeedingReview', MetricUnit.Count, 1);
      metrics.addMetric('ClaimsCreated', MetricUnit.Count, outcome.claimIds.length);
    }
  }
}

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotency.registerLambdaContext(context);
  return processPartialResponse(event, processRecord, processor, { context });
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
