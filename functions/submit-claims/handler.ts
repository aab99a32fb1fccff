/**
 * submit-claims: consumes the claim-submission queue. Thin glue: parse each record's body with the message contract,
 * hand the batch to core (core/submission/submit-claims), report the records to retry back to SQS
 * (ReportBatchItemFailures) with the backoff core chose for each (ChangeMessageVisibility), so they come back after
 * 30 s, 1.5 min, ... and after maxReceiveCount land in the dead-letter queue (alarmed; core notes each in the
 * submission ledger on its last delivery, counted as SubmissionsDeadLettered), and count what happened. Logs and metrics carry ids and counts only.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { ChangeMessageVisibilityBatchCommand } from '@aws-sdk/client-sqs';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { submitClaimsEnvironment } from '#contracts/functions/submit-claims';
import { claimSubmissionMessage, parseMessage } from '#contracts/messages';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { type SubmissionMessage, submitClaims } from '#core/submission/submit-claims';
import { recordBatchItemFailures } from '#functions/common/batch-item-failures';
import { sqsClient } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { loggableError } from '#functions/common/safe-error';
import { submitPorts } from './submit-ports.ts';

const settings = config(submitClaimsEnvironment);
const ports = submitPorts(settings);
const sqs = sqsClient();

const sqsEvent = z.object({
  Records: z.array(
    z.object({
      messageId: z.string().min(1),
      receiptHandle: z.string().min(1),
      body: z.string(),
      attributes: z.object({ ApproximateReceiveCount: z.string() }).partial().loose(),
    }),
  ),
});

/**
 * Gives each message to retry its backoff. Best effort: a message whose visibility cannot be changed comes back after
 * the queue's own visibility timeout instead, which is later, never lost.
 */
async function backOff(messages: { receiptHandle: string; seconds: number }[]): Promise<void> {
  for (let start = 0; start < messages.length; start += 10) {
    const chunk = messages.slice(start, start + 10);
    try {
      const { Failed } = await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: settings.SUBMISSION_QUEUE_URL,
          Entries: chunk.map((m, i) => ({
            Id: String(i),
            ReceiptHandle: m.receiptHandle,
            VisibilityTimeout: m.seconds,
          })),
        }),
      );
      if (Failed?.length) logger.warn('backoff not set on some messages', { failed: Failed.map((f) => f.Code) });
    } catch (error) {
      logger.warn('backoff not set', { error: loggableError(error) });
    }
  }
}

export const handler = middy(async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const { Records } = sqsEvent.parse(event);
  const failures: string[] = [];
  const messages: SubmissionMessage[] = [];
  for (const record of Records) {
    try {
      const receiveCount = Number(record.attributes.ApproximateReceiveCount);
      messages.push({
        messageId: record.messageId,
        ...parseMessage(claimSubmissionMessage, record.body, 'claim-submission'),
        ...(Number.isInteger(receiveCount) && receiveCount > 0 ? { receiveCount } : {}),
      });
    } catch (error) {
      // A body that breaks the contract is a bug or tampering: kept (retried, then dead-lettered), never dropped.
      logger.error('submission message does not parse', {
        messageId: record.messageId,
        error: (error as Error).message,
      });
      failures.push(record.messageId);
    }
  }

  const results =
    messages.length > 0
      ? await submitClaims(messages, ports, { maxReceiveCount: settings.SUBMISSION_MAX_RECEIVE_COUNT })
      : [];
  const counts = { submitted: 0, needs_review: 0, duplicate: 0, retry: 0, deadLettered: 0 };
  const backoff: { receiptHandle: string; seconds: number }[] = [];
  for (const result of results) {
    counts[result.kind]++;
    if (result.kind === 'retry') {
      failures.push(result.messageId);
      const record = Records.find((r) => r.messageId === result.messageId);
      if (record) backoff.push({ receiptHandle: record.receiptHandle, seconds: result.retryInSeconds });
      if (result.deadLettered) counts.deadLettered++;
      logger[result.deadLettered ? 'error' : 'warn'](
        result.deadLettered
          ? 'claim submission failed its last delivery: dead-lettered'
          : 'claim submission will be retried',
        {
          messageId: result.messageId,
          claimId: result.claimId,
          error: loggableError(result.error),
          receiveCount: record?.attributes.ApproximateReceiveCount,
          retryInSeconds: result.retryInSeconds,
        },
      );
    } else if (result.kind === 'needs_review') {
      logger.info('claim sent to review', { claimId: result.claimId, reasonCategory: result.reasonCategory });
    } else if (result.kind === 'submitted') {
      logger.info('claim submitted', {
        claimId: result.claimId,
        interchangeId: result.interchangeId,
        submissionId: result.submissionId,
      });
    }
  }
  metrics.addMetric(REVENUE_CYCLE_METRICS.claimsSubmitted, MetricUnit.Count, counts.submitted);
  metrics.addMetric(REVENUE_CYCLE_METRICS.submissionsDuplicate, MetricUnit.Count, counts.duplicate);
  metrics.addMetric(REVENUE_CYCLE_METRICS.submissionsNeedingReview, MetricUnit.Count, counts.needs_review);
  metrics.addMetric(REVENUE_CYCLE_METRICS.submissionsDeadLettered, MetricUnit.Count, counts.deadLettered);
  await backOff(backoff);
  return recordBatchItemFailures({ batchItemFailures: [...new Set(failures)].map((id) => ({ itemIdentifier: id })) });
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
