/**
 * code-encounter: consumes the intake queue (S3 ObjectCreated notifications for inbox/). For each document: record it
 * in the ledger, read and detect it (core/intake), then parse, code, build, scrub and persist its claims, queueing
 * the clean ones (core/pipeline); the document settles CODED, NEEDS_REVIEW or FAILED. Thin glue: validate the event,
 * call core, report metrics. Each SQS record is processed on its own; a failing record is reported back
 * (ReportBatchItemFailures) so only it is redelivered.
 */

import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { codeEncounterEnvironment } from '#contracts/functions/code-encounter';
import type { StoredObject } from '#core/intake/document-ledger';
import { type IntakeOutcome, ingestDocument } from '#core/intake/ingest-document';
import { codeDocument } from '#core/pipeline/code-document';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { pipelinePorts } from './pipeline-ports.ts';
import { objectsInNotification } from './s3-notification.ts';

const settings = config(codeEncounterEnvironment);
const { ledger, objects, coding } = pipelinePorts(settings);
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
      process: (document) => codeDocument(document, coding),
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
