/**
 * operations: the operations API's one function. `POST /operations/{operation}` with the action's JSON request
 * (core/operations/requests.ts); API Gateway has already authenticated the caller with AWS_IAM (SigV4), and the
 * caller's IAM principal is the actor recorded on every change: a request cannot name someone else. Thin glue:
 * parse the event, run the operation through core, map the outcome to an HTTP answer. Answers carry claim data to an
 * authorised operator over TLS; logs carry the operation, the claim id, the outcome and the principal only.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { operationsEnvironment } from '#contracts/functions/operations';
import { OPERATION_NAMES, OPERATION_REQUESTS, OperationError, runOperation } from '#core/operations/index';
import { config } from '#functions/common/config';
import { logger, metrics, tracer } from '#functions/common/powertools';
import { loggableError } from '#functions/common/safe-error';
import { operationsPorts } from './operations-ports.ts';

const settings = config(operationsEnvironment);
const ports = operationsPorts(settings);

/** The part of an IAM-authorised HTTP API (payload 2.0) event this function reads. */
const operationsEvent = z.object({
  version: z.literal('2.0'),
  body: z.string().optional(),
  isBase64Encoded: z.boolean(),
  pathParameters: z.object({ operation: z.string() }),
  requestContext: z.object({
    requestId: z.string(),
    authorizer: z.object({
      iam: z.object({ userArn: z.string().min(1), userId: z.string().min(1), accountId: z.string() }).loose(),
    }),
  }),
});

const STATUS_BY_KIND = { invalid_request: 400, not_found: 404, illegal_action: 409, conflict: 409 } as const;

/** The actor recorded for a caller: its IAM ARN (its user id when the ARN is longer than an actor may be). */
export function actorOf(iam: { userArn: string; userId: string }): string {
  return iam.userArn.length <= 128 ? iam.userArn : iam.userId.slice(0, 128);
}

export async function operate(rawEvent: unknown): Promise<APIGatewayProxyStructuredResultV2> {
  const event = operationsEvent.parse(rawEvent);
  const { operation } = event.pathParameters;
  const { requestId } = event.requestContext;
  const actor = actorOf(event.requestContext.authorizer.iam);
  const known = (OPERATION_NAMES as string[]).includes(operation);
  let input: unknown;
  try {
    const text = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
    input = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return answer(400, { error: { kind: 'invalid_request', message: 'the body is not JSON' } });
  }
  if (known && typeof input === 'object' && input !== null && !Array.isArray(input)) {
    const shape = OPERATION_REQUESTS[operation as keyof typeof OPERATION_REQUESTS].shape as Record<string, unknown>;
    if ('actor' in shape) {
      const given = (input as { actor?: unknown }).actor;
      if (given !== undefined && given !== actor) {
        return answer(400, {
          error: { kind: 'invalid_request', message: `actor is the signed caller (${actor}); leave it out` },
        });
      }
      input = { ...input, actor };
    }
  }
  const claimId = typeof input === 'object' && input !== null ? (input as { claimId?: unknown }).claimId : undefined;
  const context = {
    requestId,
    operation: known ? operation : 'unknown',
    actor,
    ...(typeof claimId === 'string' ? { claimId } : {}),
  };
  try {
    const result = await runOperation(operation, input, ports);
    logger.info('operation done', context);
    return answer(200, result);
  } catch (error) {
    if (error instanceof OperationError) {
      // The message names fields and statuses, never claim content; it is the operator's answer, logged by kind only.
      logger.info('operation refused', { ...context, kind: error.kind });
      return answer(STATUS_BY_KIND[error.kind], error.toJSON());
    }
    logger.error('operation failed', { ...context, error: loggableError(error) });
    return answer(500, { error: { kind: 'internal', message: `the operation failed; request id ${requestId}` } });
  }
}

function answer(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export const handler = middy(operate)
  .use(captureLambdaHandler(tracer))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics));
