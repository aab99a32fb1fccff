/**
 * reconcile: runs on a schedule (EventBridge). Settles whatever was left in an intermediate status (core/pipeline/
 * reconcile) and reports how many items it found as ItemsReconciled, which has an alarm: in a healthy system the
 * count is zero. Thin glue: validate the event, call core, report metrics and counts (never document content).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { z } from 'zod';
import { reconcileEnvironment } from '#contracts/functions/reconcile';
import { REVENUE_CYCLE_METRICS } from '#contracts/metrics';
import { itemsReconciled, type ReconcileReport, reconcile } from '#core/pipeline/reconcile';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { reconcileOptions, reconcilePorts } from './reconcile-ports.ts';

const settings = config(reconcileEnvironment);
const ports = reconcilePorts(settings);
const options = reconcileOptions(settings);

/** An EventBridge scheduled event; its content does not matter, only that it is one. */
const scheduledEvent = z.object({ 'detail-type': z.literal('Scheduled Event'), time: z.string() });

export const handler = middy(async (event: unknown): Promise<ReconcileReport> => {
  const parsed = scheduledEvent.safeParse(event);
  if (!parsed.success) throw new Error('reconcile runs on an EventBridge schedule; this event is not one');
  const report = await reconcile(ports, options);
  metrics.addMetric(REVENUE_CYCLE_METRICS.itemsReconciled, MetricUnit.Count, itemsReconciled(report));
  // Counted as submit-claims counts the dead letters it notes itself (alarmed): together, each dead letter once.
  metrics.addMetric(
    REVENUE_CYCLE_METRICS.submissionsDeadLettered,
    MetricUnit.Count,
    report.submissionDeadLettersRecorded,
  );
  logger.info('reconciled', { ...report });
  return report;
})
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
