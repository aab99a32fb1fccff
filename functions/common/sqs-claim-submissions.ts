/** Queues READY claims for submission: the message names the claim and the version that was ready. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Claim } from '#core/claims/claim';
import type { ClaimSubmissions } from '#core/claims/claim-ports';

export class SqsClaimSubmissions implements ClaimSubmissions {
  constructor(
    private readonly client: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async publish(claim: Claim): Promise<void> {
    await this.client.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: JSON.stringify({ claimId: claim.id, version: claim.version }),
        MessageAttributes: { claimId: { DataType: 'String', StringValue: claim.id } },
      }),
    );
  }
}
