/**
 * Lambda's asynchronous invocation: the event is queued, invoked, retried on error (MaximumRetryAttempts, default
 * 2, with growing delays), and when retries are exhausted sent to the on-failure destination or dead-letter queue
 * in the record shape Lambda uses. With neither configured the event is counted as dropped, so the twin can report it.
 */
import { randomUUID } from 'node:crypto';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaRuntime } from './lambda-runtime.ts';

export interface AsyncInvokeConfig {
  maximumRetryAttempts: number;
  /** Queue URL of the on-failure destination or dead-letter queue, if any. */
  failureQueueUrl?: string;
  /** Delay before retry n (1-based), already scaled for the twin. */
  retryDelayMs: (attempt: number) => number;
}

export class AsyncInvoker {
  inFlight = 0;
  dropped = 0;

  constructor(
    private readonly runtime: LambdaRuntime,
    private readonly config: AsyncInvokeConfig,
    private readonly sqs: SQSClient,
    private readonly onError: (error: unknown) => void,
  ) {}

  invoke(event: unknown): void {
    this.inFlight += 1;
    void this.attempt(event, randomUUID()).finally(() => {
      this.inFlight -= 1;
    });
  }

  private async attempt(event: unknown, requestId: string): Promise<void> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.config.maximumRetryAttempts; attempt += 1) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, this.config.retryDelayMs(attempt)));
      try {
        await this.runtime.invoke(event);
        return;
      } catch (error) {
        lastError = error;
        this.onError(error);
      }
    }
    await this.fail(event, requestId, lastError);
  }

  private async fail(event: unknown, requestId: string, error: unknown): Promise<void> {
    if (!this.config.failureQueueUrl) {
      this.dropped += 1;
      return;
    }
    const { functionArn } = this.runtime.definition;
    const record = {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId,
        functionArn: `${functionArn}:$LATEST`,
        condition: 'RetriesExhausted',
        approximateInvokeCount: this.config.maximumRetryAttempts + 1,
      },
      requestPayload: event,
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorMessage: error instanceof Error ? error.message : String(error) },
    };
    await this.sqs.send(
      new SendMessageCommand({ QueueUrl: this.config.failureQueueUrl, MessageBody: JSON.stringify(record) }),
    );
  }
}
