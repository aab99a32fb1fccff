/**
 * process-remittance: consumes the remittance queue. Thin glue: parse each record's body with the pointer contract,
 * refuse a pointer outside the archive (`responses/raw/` of our bucket), read the archived bytes, and hand them to
 * core (core/remittance applyResponseFile), which applies the 999, 277CA or 835 exactly once. What the core cannot
 * read becomes a work item with the file kept as it is; a transient fault, or a claim whose submission is not
 * recorded yet, is reported back to SQS (ReportBatchItemFailures) to be retried, then dead-lettered and alarmed.
 * Logs and metrics carry ids, counts and statuses only: never the response's contents.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { isUnderPrefix } from '#contracts/bucket-layout';
import { processRemittanceEnvironment } from '#contracts/functions/process-remittance';
import { parseMessage, remittancePointerMessage } from '#contracts/messages';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { applyResponseFile, refuseResponseFile } from '#core/responses/apply-response-file';
import { recordBatchItemFailures } from '#functions/common/batch-item-failures';
import { s3Client } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { loggableError } from '#functions/common/safe-error';
import { ResponseFileTooLargeError, readRawResponse, remittancePorts } from './remittance-ports.ts';

const settings = config(processRemittanceEnvironment);
const ports = remittancePorts(settings);
const s3 = s3Client();

const sqsEvent = z.object({
  Records: z.array(
    z.object({
      messageId: z.string().min(1),
      body: z.string(),
      attributes: z.object({ ApproximateReceiveCount: z.string() }).partial().loose(),
    }),
  ),
});

export const handler = middy(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { Records } = sqsEvent.parse(event);
  const failures: string[] = [];
  const counts = { applied: 0, duplicate: 0, unreadable: 0, retry: 0, posted: 0, quarantined: 0 };
  for (const record of Records) {
    try {
      const pointer = parseMessage(remittancePointerMessage, record.body, 'remittance pointer');
      if (pointer.bucket !== settings.INTAKE_BUCKET_NAME || !isUnderPrefix(pointer.key, settings.RESPONSES_RAW_PREFIX))
        throw new Error(
          `remittance pointer names an object outside ${settings.RESPONSES_RAW_PREFIX} of the intake bucket`,
        );
      const { key, webhookId, mailboxFileId, receivedAt } = pointer;
      const source = {
        key,
        receivedAt,
        ...(webhookId ? { webhookId } : {}),
        ...(mailboxFileId ? { mailboxFileId } : {}),
      };
      const body = await readRawResponse(s3, pointer).catch((error: unknown) => {
        if (error instanceof ResponseFileTooLargeError) return error;
        throw error;
      });
      const result =
        body instanceof ResponseFileTooLargeError
          ? await refuseResponseFile({ fileId: pointer.sha256, source, reason: body.message }, ports)
          : await applyResponseFile({ body, expectedSha256: pointer.sha256, source }, ports);
      switch (result.kind) {
        case 'applied':
          counts.applied += 1;
          for (const transaction of result.summary.transactions) {
            if (transaction.status === 'posted') counts.posted += 1;
            if (transaction.status === 'quarantined') counts.quarantined += 1;
          }
          logger.info('response file applied', {
            messageId: record.messageId,
            fileId: result.fileId,
            transactions: result.summary.transactions.map((t) => `${t.kind}:${t.status}`),
            claimsChanged: result.summary.claimsChanged,
            workItems: result.summary.workItems,
          });
          break;
        case 'already_applied':
          counts.duplicate += 1;
          logger.info('response file already applied', { messageId: record.messageId, fileId: result.fileId });
          break;
        case 'unreadable':
          counts.unreadable += 1;
          logger.warn('response file unreadable: kept, work item raised', {
            messageId: record.messageId,
            fileId: result.fileId,
            workItemId: result.workItemId,
          });
          break;
        case 'retry':
          counts.retry += 1;
          failures.push(record.messageId);
          logger.info('response file will be applied again', { messageId: record.messageId, fileId: result.fileId });
          break;
      }
    } catch (error) {
      // Unparseable pointers, S3 or DynamoDB faults: the message comes back, then lands in the dead-letter queue.
      failures.push(record.messageId);
      logger.error('response file not applied; it will be retried', {
        messageId: record.messageId,
        error: loggableError(error),
        receiveCount: record.attributes.ApproximateReceiveCount,
      });
    }
  }
  metrics.addMetric(REVENUE_CYCLE_METRICS.responseFilesApplied, MetricUnit.Count, counts.applied);
  metrics.addMetric(REVENUE_CYCLE_METRICS.responseFilesDuplicate, MetricUnit.Count, counts.duplicate);
  metrics.addMetric(REVENUE_CYCLE_METRICS.responseFilesUnreadable, MetricUnit.Count, counts.unreadable);
  metrics.addMetric(REVENUE_CYCLE_METRICS.remittancesPosted, MetricUnit.Count, counts.posted);
  metrics.addMetric(REVENUE_CYCLE_METRICS.remittancesQuarantined, MetricUnit.Count, counts.quarantined);
  return recordBatchItemFailures({ batchItemFailures: [...new Set(failures)].map((id) => ({ itemIdentifier: id })) });
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
