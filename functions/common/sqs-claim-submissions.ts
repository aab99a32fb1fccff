/**
 * Sends submission messages. The body is the message contract (claim id and QUEUED version); the same pair travels
 * as a message attribute so the submission side can drop a repeat before parsing anything.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type ClaimQueuedMessage, type ClaimSubmissions, submissionIdentity } from '#core/claims/claim-ports';

export class SqsClaimSubmissions implements ClaimSubmissions {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(message: ClaimQueuedMessage): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ claimId: message.claimId, version: message.version }),
        MessageAttributes: {
          claimId: { DataType: 'String', StringValue: message.claimId },
          dedupeKey: { DataType: 'String', StringValue: submissionIdentity(message) },
        },
      }),
    );
  }
}
