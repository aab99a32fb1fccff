/**
 * Records a queue consumer reported failed (ReportBatchItemFailures) as a metric of their own. Lambda's Errors metric
 * does not count them, because the invocation succeeds; the stack alarms on this one (contracts/metrics.ts).
 * Emitted with the function's name as a dimension, so each consumer's alarm sees only its own failures.
 */
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { SQSBatchResponse } from 'aws-lambda';
import { BATCH_METRICS, FUNCTION_DIMENSION } from '#contracts/metrics';
import { metrics } from './powertools.ts';

export function recordBatchItemFailures(response: SQSBatchResponse): SQSBatchResponse {
  const single = metrics.singleMetric();
  single.addDimension(FUNCTION_DIMENSION, process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown');
  single.addMetric(BATCH_METRICS.batchItemFailures, MetricUnit.Count, response.batchItemFailures.length);
  return response;
}
