/**
 * Looks at dead-lettered intake messages (S3 notifications, and the pieces of split documents) without taking them out of the queue: received with a short
 * visibility timeout, then made visible again at once, so `claimflow dlq redrive` (or an operator) still finds them.
 * A dead-letter queue has no redrive policy of its own, so receiving does not move the message anywhere.
 */
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { documentChunkMessage, isDocumentChunkBody } from '#contracts/messages';
import type { DeadLetter } from '#core/pipeline/reconcile';
import { objectsInNotification } from './s3-notification.ts';

export async function peekDeadLetters(client: SQSClient, queueUrl: string, max: number): Promise<DeadLetter[]> {
  const letters = new Map<string, DeadLetter>();
  const receipts: string[] = [];
  try {
    // Received messages stay invisible while the loop goes on, so each receive returns others; all of them are made
    // visible again at the end.
    while (letters.size < max) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - letters.size),
          VisibilityTimeout: 60,
          // Long polling: a short poll samples only some of SQS's servers and may answer empty while messages wait.
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        receipts.push(message.ReceiptHandle!);
        const chunkOf = pieceOf(message.Body ?? '');
        letters.set(message.MessageId!, {
          messageId: message.MessageId!,
          receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
          objects: chunkOf ? undefined : readableObjects(message.Body ?? ''),
          ...(chunkOf ? { chunkOf } : {}),
        });
      }
    }
  } finally {
    for (let start = 0; start < receipts.length; start += 10) {
      await client.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: receipts.slice(start, start + 10).map((receipt, index) => ({
            Id: String(index),
            ReceiptHandle: receipt,
            VisibilityTimeout: 0,
          })),
        }),
      );
    }
  }
  return [...letters.values()];
}

/** The piece a split document's message names, or undefined for any other body. */
function pieceOf(body: string) {
  try {
    const json: unknown = JSON.parse(body);
    if (!isDocumentChunkBody(json)) return undefined;
    const parsed = documentChunkMessage.safeParse(json);
    return parsed.success ? { documentId: parsed.data.documentId, chunk: parsed.data.chunk } : undefined;
  } catch {
    return undefined;
  }
}

function readableObjects(body: string) {
  try {
    return objectsInNotification(body);
  } catch {
    return undefined;
  }
}
