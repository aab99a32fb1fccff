/**
 * Looks at dead-lettered intake notifications without taking them out of the queue: received with a short
 * visibility timeout, then made visible again at once, so `claimflow dlq redrive` (or an operator) still finds them.
 * A dead-letter queue has no redrive policy of its own, so receiving does not move the message anywhere.
 */
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter } from '#core/pipeline/reconcile';
import { objectsInNotification } from './s3-notification.ts';

export async function peekDeadLetters(client: SQSClient, queueUrl: string, max: number): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  const seen = new Set<string>();
  while (letters.length < max) {
    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, max - letters.length),
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );
    const fresh = Messages.filter((m) => m.MessageId && !seen.has(m.MessageId));
    if (fresh.length === 0) break;
    for (const message of fresh) {
      seen.add(message.MessageId!);
      letters.push({
        messageId: message.MessageId!,
        receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
        objects: readableObjects(message.Body ?? ''),
      });
    }
    await client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: fresh.map((m, index) => ({
          Id: String(index),
          ReceiptHandle: m.ReceiptHandle!,
          VisibilityTimeout: 0,
        })),
      }),
    );
  }
  return letters;
}

function readableObjects(body: string) {
  try {
    return objectsInNotification(body);
  } catch {
    return undefined;
  }
}
