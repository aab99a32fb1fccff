/**
 * poll-mailbox: runs on an EventBridge schedule (every few minutes) for a clearinghouse that keeps responses in a
 * mailbox. Thin glue: check the event, call core/responses/copy-mailbox with the connector's mailbox, the copy records
 * on the domain table, the raw archive and the remittance queue (the webhook's own adapters), and report counts.
 * Logs and metrics carry counts, mailbox file ids and failure stages only: never a file's content.
 *
 * A run that fails on some files still succeeds (they are PENDING, retried first by the next run, and counted in
 * MailboxCopyFailures, which is alarmed when it persists); only a fault of the copy records themselves fails the
 * invocation, which EventBridge retries and the Errors alarm reports.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { pollMailboxEnvironment } from '#contracts/functions/poll-mailbox';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { parseClearinghouseConnection } from '#contracts/secrets';
import { systemClock } from '#core/kernel/clock';
import { copyMailbox, DEFAULT_MAILBOX_COPY_LIMITS, type MailboxCopyReport } from '#core/responses/copy-mailbox';
import { connectedClearinghouse } from '#functions/common/clearinghouse-connection';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { practiceConfig } from '#functions/common/practice-config';
import { s3RawResponseArchive, sha256Hex, sqsRemittanceQueue } from '#functions/common/raw-response-ports';
import { secretReader } from '#functions/common/secrets-extension';
import { DynamoDbMailboxCopies } from '#functions/common/storage/dynamodb-mailbox-copies';

const settings = config(pollMailboxEnvironment);
const clearinghouse = connectedClearinghouse(
  practiceConfig().clearinghouse,
  secretReader(settings.CLEARINGHOUSE_SECRET_ARN, 'clearinghouse secret', parseClearinghouseConnection),
);
const ports = {
  mailboxName: clearinghouse.name,
  mailbox: clearinghouse.mailbox,
  copies: new DynamoDbMailboxCopies(dynamoDocumentClient(), settings.TABLE_NAME),
  archive: s3RawResponseArchive(s3Client(), settings.INTAKE_BUCKET_NAME),
  queue: sqsRemittanceQueue(sqsClient(), settings.REMITTANCE_QUEUE_URL),
  clock: systemClock,
  sha256: sha256Hex,
};

const scheduledEvent = z.object({ 'detail-type': z.literal('Scheduled Event') });

export const handler = middy(async (event: unknown): Promise<MailboxCopyReport> => {
  if (!scheduledEvent.safeParse(event).success)
    throw new Error('poll-mailbox runs on an EventBridge schedule; this event is not a scheduled event');
  const report = await copyMailbox(ports, {
    ...DEFAULT_MAILBOX_COPY_LIMITS,
    maxFiles: settings.POLL_MAILBOX_MAX_FILES,
  });
  metrics.addMetric(REVENUE_CYCLE_METRICS.mailboxFilesPolled, MetricUnit.Count, report.polled);
  metrics.addMetric(REVENUE_CYCLE_METRICS.mailboxFilesCopied, MetricUnit.Count, report.copied);
  metrics.addMetric(REVENUE_CYCLE_METRICS.mailboxFilesDuplicate, MetricUnit.Count, report.duplicates);
  metrics.addMetric(
    REVENUE_CYCLE_METRICS.mailboxCopyFailures,
    MetricUnit.Count,
    report.failed + (report.listingFailed ? 1 : 0),
  );
  if (report.failed > 0 || report.listingFailed)
    logger.warn('mailbox files not copied; they are retried next run', { mailbox: ports.mailboxName, ...report });
  else logger.info('mailbox polled', { mailbox: ports.mailboxName, ...report });
  return report;
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
