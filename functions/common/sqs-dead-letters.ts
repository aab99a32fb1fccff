/**
 * Looks at dead-lettered messages without taking them out of their queue: received with a short visibility timeout,
 * then made visible again at once, so `claimflow dlq redrive` (or an operator) still finds them. A dead-letter queue
 * has no redrive policy of its own, so receiving does not move the message anywhere. The intake DLQ holds S3
 * notifications and the pieces of split documents; the claim-submission DLQ holds submission messages.
 */
import { ChangeMessageVisibilityBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { claimSubmissionMessage, documentChunkMessage, isDocumentChunkBody } from '#contracts/messages';
import type { DeadLetter, SubmissionDeadLetterMessage } from '#core/pipeline/reconcile';
import { objectsInNotification } from './s3-notification.ts';

interface PeekedMessage {
  messageId: string;
  receiveCount: number;
  body: string;
}

/** The intake DLQ's messages: what each notification names, or which piece of a split document it is. */
export async function peekDeadLetters(client: SQSClient, queueUrl: string, max: number): Promise<DeadLetter[]> {
  return (await peekMessages(client, queueUrl, max)).map(({ messageId, receiveCount, body }) => {
    const chunkOf = pieceOf(body);
    return chunkOf
      ? { messageId, receiveCount, objects: undefined, chunkOf }
      : { messageId, receiveCount, objects: readableObjects(body) };
  });
}

/** The claim-submission DLQ's messages: the claim version each names (undefined for a body off the contract). */
export async function peekSubmissionDeadLetters(
  client: SQSClient,
  queueUrl: string,
  max: number,
): Promise<SubmissionDeadLetterMessage[]> {
  return (await peekMessages(client, queueUrl, max)).map(({ messageId, receiveCount, body }) => ({
    messageId,
    receiveCount,
    claim: claimOf(body),
  }));
}

async function peekMessages(client: SQSClient, queueUrl: string, max: number): Promise<PeekedMessage[]> {
  const messages = new Map<string, PeekedMessage>();
  const receipts: string[] = [];
  try {
    // Received messages stay invisible while the loop goes on, so each receive returns others; all of them are made
    // visible again at the end.
    while (messages.size < max) {
      const { Messages = [] } = await client.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - messages.size),
          VisibilityTimeout: 60,
          // Long polling: a short poll samples only some of SQS's servers and may answer empty while messages wait.
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        receipts.push(message.ReceiptHandle!);
        messages.set(message.MessageId!, {
          messageId: message.MessageId!,
          receiveCount: Number(message.Attributes?.ApproximateReceiveCount ?? 0),
          body: message.Body ?? '',
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
  return [...messages.values()];
}

/** The piece a split document's message names, or undefined for any other body. */
function pieceOf(body: string) {
  const json = jsonOf(body);
  if (!isDocumentChunkBody(json)) return undefined;
  const parsed = documentChunkMessage.safeParse(json);
  return parsed.success ? { documentId: parsed.data.documentId, chunk: parsed.data.chunk } : undefined;
}

function claimOf(body: string) {
  const parsed = claimSubmissionMessage.safeParse(jsonOf(body));
  return parsed.success ? { claimId: parsed.data.claimId, version: parsed.data.version } : undefined;
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body);
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
