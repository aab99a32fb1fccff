/**
 * submit-claims: consumes the claim-submission queue. Thin glue: parse each record's body with the message contract,
 * hand the batch to core (core/submission/submit-claims), report the records to retry back to SQS
 * (ReportBatchItemFailures: they come back after the visibility timeout, and after maxReceiveCount land in the
 * dead-letter queue, which is alarmed) and count what happened. Logs and metrics carry ids and counts only.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { submitClaimsEnvironment } from '#contracts/functions/submit-claims';
import { claimSubmissionMessage, parseMessage } from '#contracts/messages';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { type SubmissionMessage, submitClaims } from '#core/submission/submit-claims';
import { recordBatchItemFailures } from '#functions/common/batch-item-failures';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { loggableError } from '#functions/common/safe-error';
import { submitPorts } from './submit-ports.ts';

const settings = config(submitClaimsEnvironment);
const ports = submitPorts(settings);

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
  const messages: SubmissionMessage[] = [];
  for (const record of Records) {
    try {
      messages.push({
        messageId: record.messageId,
        ...parseMessage(claimSubmissionMessage, record.body, 'claim-submission'),
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

  const results = messages.length > 0 ? await submitClaims(messages, ports) : [];
  const counts = { submitted: 0, needs_review: 0, duplicate: 0, retry: 0 };
  for (const result of results) {
    counts[result.kind]++;
    if (result.kind === 'retry') {
      failures.push(result.messageId);
      logger.warn('claim submission will be retried', {
        messageId: result.messageId,
        claimId: result.claimId,
        error: loggableError(result.error),
        receiveCount: Records.find((r) => r.messageId === result.messageId)?.attributes.ApproximateReceiveCount,
      });
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
  return recordBatchItemFailures({ batchItemFailures: [...new Set(failures)].map((id) => ({ itemIdentifier: id })) });
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
