/**
 * An SQS event source mapping as Lambda runs it: pollers receive batches, invoke the function synchronously, delete
 * what succeeded and leave the rest to reappear after the visibility timeout (and, after maxReceiveCount, to be
 * redriven to the DLQ by the queue itself). With ReportBatchItemFailures only the reported records stay.
 */
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LambdaRuntime } from './lambda-runtime.ts';

export interface SqsEventSourceDefinition {
  logicalId: string;
  queueUrl: string;
  queueArn: string;
  batchSize: number;
  maximumBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  maximumConcurrency: number;
  region: string;
}

export class SqsEventSource {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  /** Batches received and not yet finished (deleted or abandoned). */
  inFlight = 0;
  /** Message ids of every batch handed to the function, in order: what a test or an operator inspects. */
  readonly batches: string[][] = [];

  constructor(
    readonly definition: SqsEventSourceDefinition,
    private readonly sqs: SQSClient,
    private readonly runtime: LambdaRuntime,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.running = true;
    for (let i = 0; i < this.definition.maximumConcurrency; i += 1) this.loops.push(this.poll());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops.splice(0));
  }

  private async poll(): Promise<void> {
    while (this.running) {
      try {
        const messages = await this.receiveBatch();
        if (messages.length === 0) continue;
        this.inFlight += 1;
        try {
          await this.deliver(messages);
        } finally {
          this.inFlight -= 1;
        }
      } catch (error) {
        if (this.running) this.onError(error);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /** Up to batchSize messages, waiting at most the batching window for a batch to fill. */
  private async receiveBatch(): Promise<Message[]> {
    const { queueUrl, batchSize, maximumBatchingWindowSeconds } = this.definition;
    const messages: Message[] = [];
    const windowEnds = Date.now() + maximumBatchingWindowSeconds * 1000;
    do {
      const response = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, batchSize - messages.length),
          WaitTimeSeconds: messages.length === 0 ? 1 : 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
      );
      const received = response.Messages ?? [];
      messages.push(...received);
      if (received.length === 0) break;
    } while (this.running && messages.length < batchSize && Date.now() < windowEnds);
    return messages;
  }

  private async deliver(messages: Message[]): Promise<void> {
    const event = { Records: messages.map((m) => this.toRecord(m)) };
    this.batches.push(messages.map((m) => m.MessageId!));
    let failedIds: Set<string>;
    try {
      const result = (await this.runtime.invoke(event)) as { batchItemFailures?: { itemIdentifier?: string }[] } | null;
      failedIds = this.failuresFrom(result, messages);
    } catch (error) {
      // The whole batch failed: nothing is deleted, every message comes back after its visibility timeout.
      this.onError(error);
      return;
    }
    const done = messages.filter((m) => !failedIds.has(m.MessageId!));
    if (done.length === 0) return;
    await this.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: this.definition.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
  }

  /** As Lambda does: an unknown or empty item identifier in the response fails the whole batch. */
  private failuresFrom(
    result: { batchItemFailures?: { itemIdentifier?: string }[] } | null,
    messages: Message[],
  ): Set<string> {
    if (!this.definition.reportBatchItemFailures || !result?.batchItemFailures) return new Set();
    const ids = new Set(messages.map((m) => m.MessageId!));
    const failed = new Set<string>();
    for (const failure of result.batchItemFailures) {
      if (!failure.itemIdentifier || !ids.has(failure.itemIdentifier)) return ids;
      failed.add(failure.itemIdentifier);
    }
    return failed;
  }

  private toRecord(message: Message) {
    return {
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      body: message.Body ?? '',
      attributes: message.Attributes ?? {},
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            stringValue: value.StringValue,
            binaryValue: value.BinaryValue ? Buffer.from(value.BinaryValue).toString('base64') : undefined,
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          },
        ]),
      ),
      md5OfBody: message.MD5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.definition.queueArn,
      awsRegion: this.definition.region,
    };
  }
}
