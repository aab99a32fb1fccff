/**
 * follow-up: runs on a schedule (EventBridge, daily by default). Raises a biller's work item for each claim that has
 * waited too long for its 277CA or its 835, or is nearing its timely-filing limit (core/followup), and reports how
 * many it raised. Thin glue: validate the event, call core, report counts (never claim content).
 *
 * The run decides as of the schedule's own time (the event's `time`), not the moment it happens to execute: a retried
 * run decides exactly what the first attempt did, and the items it raises carry that instant.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { followUpEnvironment } from '#contracts/functions/follow-up';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { type FollowUpReport, followUpsRaised, raiseFollowUps } from '#core/followup/raise-follow-ups';
import { fixedClock } from '#core/kernel/clock';
import { dynamoDocumentClient } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { practiceConfig } from '#functions/common/practice-config';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { DynamoDbWorkItems } from '#functions/common/storage/dynamodb-work-items';

const settings = config(followUpEnvironment);
const client = dynamoDocumentClient();
const claims = new DynamoDbClaimStore(client, settings.TABLE_NAME);
const workItems = new DynamoDbWorkItems(client, settings.TABLE_NAME);

/** An EventBridge scheduled event: its time is the instant the run decides as of. */
const scheduledEvent = z.object({
  'detail-type': z.literal('Scheduled Event'),
  time: z.iso.datetime({ offset: true }),
});

export const handler = middy(async (event: unknown): Promise<FollowUpReport> => {
  const parsed = scheduledEvent.safeParse(event);
  if (!parsed.success)
    throw new Error('follow-up runs on an EventBridge schedule; this event is not a scheduled event with a time');
  const report = await raiseFollowUps(
    { claims, workItems, config: practiceConfig(), clock: fixedClock(parsed.data.time) },
    { lookbackDays: settings.FOLLOW_UP_LOOKBACK_DAYS, maxClaimsPerCheck: 5000 },
  );
  const truncated = [report.noAcknowledgment, report.noPayment, report.timelyFiling].filter((c) => c.truncated);
  metrics.addMetric(REVENUE_CYCLE_METRICS.followUpsRaised, MetricUnit.Count, followUpsRaised(report));
  metrics.addMetric(REVENUE_CYCLE_METRICS.followUpChecksTruncated, MetricUnit.Count, truncated.length);
  logger.info('follow-ups raised', { asOf: parsed.data.time, ...report });
  return report;
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
