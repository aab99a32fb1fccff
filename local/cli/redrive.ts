/**
 * Moving dead-lettered messages back to the queue they came from, one at a time: each message is sent to the source
 * queue first and deleted from the dead-letter queue only after, so a crash in between duplicates a message (which
 * intake's idempotency absorbs) and never loses one. Message attributes travel with the body.
 */
import {
  DeleteMessageCommand,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export interface RedriveResult {
  moved: number;
  /** Message ids moved, so the operator can find them in the ledger (`claimflow documents`). */
  messageIds: string[];
}

export async function redrive(
  sqs: SQSClient,
  from: { deadLetterQueueUrl: string; queueUrl: string },
  limit: number,
): Promise<RedriveResult> {
  const messageIds: string[] = [];
  while (messageIds.length < limit) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: from.deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, limit - messageIds.length),
        VisibilityTimeout: 60,
        // Long polling: a short poll samples only some of SQS's servers and may answer empty while messages wait.
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      const attributes = message.MessageAttributes as Record<string, MessageAttributeValue> | undefined;
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: from.queueUrl,
          MessageBody: message.Body ?? '',
          ...(attributes && Object.keys(attributes).length > 0 ? { MessageAttributes: attributes } : {}),
        }),
      );
      await sqs.send(
        new DeleteMessageCommand({ QueueUrl: from.deadLetterQueueUrl, ReceiptHandle: message.ReceiptHandle! }),
      );
      messageIds.push(message.MessageId!);
    }
  }
  return { moved: messageIds.length, messageIds };
}
