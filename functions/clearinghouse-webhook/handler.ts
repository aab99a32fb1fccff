/**
 * clearinghouse-webhook: the HTTP API route the clearinghouse posts 999, 277CA and 835 responses to. Thin glue:
 * parse the API Gateway (payload 2.0) event, hand the exact body bytes to core/responses/receive-webhook, map the
 * outcome to an HTTP answer, count every refusal by reason. Logs carry the webhook-id, sizes, hashes, keys and
 * reasons only, never the body (it holds PHI).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { clearinghouseWebhookEnvironment } from '#contracts/functions/clearinghouse-webhook';
import {
  FUNCTION_DIMENSION,
  REVENUE_CYCLE_METRICS,
  WEBHOOK_REFUSAL_DIMENSION,
  type WebhookRefusalReason,
} from '#contracts/metrics';
import { systemClock } from '#core/kernel/clock';
import { receiveWebhook, type WebhookOutcome } from '#core/responses/receive-webhook';
import { dynamoDocumentClient, s3Client, sqsClient } from '#functions/common/clients';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { s3RawResponseArchive, sha256Hex, sqsRemittanceQueue } from '#functions/common/raw-response-ports';
import { loggableError } from '#functions/common/safe-error';
import { bodyBytes, httpApiEvent, jsonResult } from './http-event.ts';
import { dynamoSenderFailureCounter, dynamoWebhookIdStore } from './webhook-ports.ts';
import { webhookSecretSource } from './webhook-secret.ts';

const settings = config(clearinghouseWebhookEnvironment);
const secret = webhookSecretSource(settings);
const ports = {
  ids: dynamoWebhookIdStore(dynamoDocumentClient(), settings.TABLE_NAME),
  archive: s3RawResponseArchive(s3Client(), settings.INTAKE_BUCKET_NAME),
  queue: sqsRemittanceQueue(sqsClient(), settings.REMITTANCE_QUEUE_URL),
  senders: dynamoSenderFailureCounter(dynamoDocumentClient(), settings.TABLE_NAME),
  clock: systemClock,
  sha256: sha256Hex,
};

export async function receive(rawEvent: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const event = httpApiEvent.parse(rawEvent);
  let signingSecret: string;
  try {
    signingSecret = await secret();
  } catch (error) {
    logger.error('webhook secret unavailable; answering 503 so the sender retries', { error: loggableError(error) });
    countRefusal('secret_unavailable');
    return jsonResult(503, { status: 'unavailable', message: 'try again later' });
  }
  const outcome = await receiveWebhook(
    {
      headers: event.headers,
      body: bodyBytes(event),
      ...(event.requestContext.http.sourceIp ? { sender: event.requestContext.http.sourceIp } : {}),
    },
    { secret: signingSecret, maxBodyBytes: settings.MAX_WEBHOOK_BODY_BYTES },
    ports,
  );
  report(outcome, event.requestContext.requestId);
  return answer(outcome);
}

function report(outcome: WebhookOutcome, requestId: string): void {
  switch (outcome.kind) {
    case 'accepted':
      metrics.addMetric(REVENUE_CYCLE_METRICS.webhooksReceived, MetricUnit.Count, 1);
      logger.info('webhook kept', {
        requestId,
        webhookId: outcome.webhookId,
        key: outcome.key,
        sha256: outcome.sha256,
        bytes: outcome.bytes,
      });
      return;
    case 'duplicate':
      logger.info('webhook redelivered; already kept', { requestId, webhookId: outcome.webhookId, key: outcome.key });
      return;
    case 'refused':
      countRefusal(outcome.reason);
      if (outcome.reason === 'too_many_failures') {
        metrics.addMetric(REVENUE_CYCLE_METRICS.webhookSenderRefusals, MetricUnit.Count, 1);
      }
      // The sender's address is in the API's access log under the same request id; never here.
      logger.warn('webhook refused', {
        requestId,
        status: outcome.status,
        reason: outcome.reason,
        ...(outcome.senderFailures === undefined ? {} : { senderFailures: outcome.senderFailures }),
      });
      return;
    case 'not_kept':
      countRefusal(`not_kept_${outcome.stage}`);
      logger.error('webhook not kept; the sender will retry', {
        requestId,
        status: outcome.status,
        stage: outcome.stage,
      });
      return;
  }
}

/**
 * Counted twice: once by service alone (the total the dashboard draws and the spike alarm watches), and once as a
 * single metric with the reason, so the Reason dimension does not leak onto the function's other metrics.
 */
function countRefusal(reason: WebhookRefusalReason): void {
  metrics.addMetric(REVENUE_CYCLE_METRICS.webhooksRejected, MetricUnit.Count, 1);
  const metric = metrics.singleMetric();
  metric.addDimension(FUNCTION_DIMENSION, process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown');
  metric.addDimension(WEBHOOK_REFUSAL_DIMENSION, reason);
  metric.addMetric(REVENUE_CYCLE_METRICS.webhooksRejected, MetricUnit.Count, 1);
}

function answer(outcome: WebhookOutcome): APIGatewayProxyStructuredResultV2 {
  switch (outcome.kind) {
    case 'accepted':
      return jsonResult(outcome.status, { status: 'accepted', webhookId: outcome.webhookId });
    case 'duplicate':
      return jsonResult(outcome.status, { status: 'duplicate', webhookId: outcome.webhookId });
    case 'refused':
      return jsonResult(
        outcome.status,
        { status: 'refused', reason: outcome.reason, message: outcome.message },
        outcome.retryAfterSeconds === undefined ? {} : { 'retry-after': String(outcome.retryAfterSeconds) },
      );
    case 'not_kept':
      return jsonResult(outcome.status, { status: 'not_kept', message: outcome.message });
  }
}

export const handler = middy(receive)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
