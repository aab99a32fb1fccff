/**
 * code-encounter: consumes the intake queue (S3 ObjectCreated notifications for inbox/). For each document: record it
 * in the ledger, read and detect it (core/intake), then parse, code, build, scrub and persist its claims, queueing
 * the clean ones (core/pipeline); the document settles CODED, NEEDS_REVIEW or FAILED. A document with more visits
 * than one invocation codes is planned in pieces instead, and each piece comes back on the same queue as a message of
 * its own (core/pipeline/split-document). Thin glue: validate the event, call core, report metrics. Each SQS record
 * is processed on its own; a failing record is reported back (ReportBatchItemFailures) so only it is redelivered.
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
import { documentChunkMessage, isDocumentChunkBody, parseMessage } from '#contracts/messages';
import { documentIdOf } from '#core/intake/document-id';
import type { StoredObject } from '#core/intake/document-ledger';
import { codeDocument } from '#core/pipeline/code-document';
import { type IntakeOutcome, ingestDocument } from '#core/pipeline/ingest-document';
import { type ChunkContinuation, type ChunkOutcome, codeChunk } from '#core/pipeline/split-document';
import { recordBatchItemFailures } from '#functions/common/batch-item-failures';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { objectsInNotification } from '#functions/common/s3-notification';
import { loggableError } from '#functions/common/safe-error';
import { chunkIdentity } from '#functions/common/sqs-chunk-continuations';
import { pipelinePorts } from './pipeline-ports.ts';

const settings = config(codeEncounterEnvironment);
const { intake, coding, chunks } = pipelinePorts(settings);
const processor = new BatchProcessor(EventType.SQS);

// The idempotency record keys on the document id, which is bucket, key and version (never the whole notification:
// a re-notification of the same version with another event time must wait for, or replay, the first). Two
// concurrent deliveries cannot both process it (the second fails as in progress and is retried), and a finished one
// answers repeats from the stored outcome, which holds ids and codes only. A replayed outcome is marked so metrics
// count it as a duplicate delivery, not as a second document.
const idempotency = new IdempotencyConfig({
  eventKeyJmesPath: 'documentId',
  expiresAfterSeconds: 24 * 60 * 60,
  responseHook: (response) => ({ ...(response as object), replayed: true }),
});
const ingestOnce = makeIdempotent(
  async (delivery: { documentId: string; object: StoredObject }): Promise<IntakeOutcome> =>
    ingestDocument(delivery.object, { ...intake, process: (document) => codeDocument(document, coding) }),
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: settings.IDEMPOTENCY_TABLE_NAME }),
    config: idempotency,
  },
);

// A piece of a split document is idempotent on (document id, piece): a redelivered or doubled message of a piece
// waits for the first (in progress) or replays its outcome, and never passes the baton on twice. Its own key prefix
// keeps its records apart from the documents'.
const chunkIdempotency = new IdempotencyConfig({
  eventKeyJmesPath: 'identity',
  expiresAfterSeconds: 24 * 60 * 60,
  responseHook: (response) => ({ ...(response as object), replayed: true }),
});
const codeChunkOnce = makeIdempotent(
  async (delivery: { identity: string; piece: ChunkContinuation }): Promise<ChunkOutcome> =>
    codeChunk(delivery.piece, chunks),
  {
    persistenceStore: new DynamoDBPersistenceLayer({ tableName: settings.IDEMPOTENCY_TABLE_NAME }),
    config: chunkIdempotency,
    keyPrefix: `${process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'code-encounter'}.chunk`,
  },
);

/** A failed record is logged (ids and the error's name, never document content) and reported for redelivery. */
async function processRecord(record: SQSRecord): Promise<void> {
  try {
    await processNotification(record);
  } catch (error) {
    logger.error('record failed; it will be redelivered', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      error: loggableError(error),
    });
    // Rethrown without its message: whatever reports a failed record (Powertools, the runtime) must not see
    // document text an error may quote.
    throw new RecordFailedError(loggableError(error).name);
  }
}

class RecordFailedError extends Error {
  constructor(cause: string) {
    super(`record processing failed (${cause})`);
    this.name = 'RecordFailedError';
  }
}

async function processNotification(record: SQSRecord): Promise<void> {
  if (isChunkBody(record.body)) {
    await processChunk(parseMessage(documentChunkMessage, record.body, 'document-chunk'));
    return;
  }
  for (const object of objectsInNotification(record.body)) {
    const outcome = (await ingestOnce({ documentId: documentIdOf(object), object })) as IntakeOutcome & {
      replayed?: boolean;
    };
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

function isChunkBody(body: string): boolean {
  try {
    return isDocumentChunkBody(JSON.parse(body));
  } catch {
    return false;
  }
}

async function processChunk(piece: ChunkContinuation): Promise<void> {
  const outcome = (await codeChunkOnce({ identity: chunkIdentity(piece), piece })) as ChunkOutcome & {
    replayed?: boolean;
  };
  logger.info('document piece done', {
    documentId: outcome.documentId,
    chunk: outcome.chunk,
    outcome: outcome.kind,
    replayed: outcome.replayed,
  });
  if (outcome.replayed || outcome.kind === 'duplicate') return;
  if (outcome.kind === 'failed') {
    metrics.addMetric('DocumentsFailed', MetricUnit.Count, 1);
    logger.warn('document failed', { documentId: outcome.documentId, chunk: outcome.chunk, reason: outcome.reason });
    return;
  }
  metrics.addMetric('ClaimsCreated', MetricUnit.Count, outcome.claims);
  if (outcome.settled) {
    metrics.addMetric(outcome.settled === 'CODED' ? 'DocumentsCoded' : 'DocumentsNeedingReview', MetricUnit.Count, 1);
  }
}

export const handler = middy(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  idempotency.registerLambdaContext(context);
  chunkIdempotency.registerLambdaContext(context);
  return recordBatchItemFailures(await processPartialResponse(event, processRecord, processor, { context }));
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
