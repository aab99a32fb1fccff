/**
 * Sends the message for one piece of a document coded in pieces (contracts/messages.ts: documentChunkMessage) to the
 * intake queue, where code-encounter codes it. Ids only; the pair (document id, piece) also travels as an attribute,
 * as the identity a repeat shares.
 */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DocumentChunkMessage } from '#contracts/messages';
import type { ChunkContinuation } from '#core/pipeline/split-document';

export function sqsChunkContinuations(client: SQSClient, queueUrl: string) {
  return async (next: ChunkContinuation): Promise<void> => {
    const body: DocumentChunkMessage = { kind: 'document-chunk', documentId: next.documentId, chunk: next.chunk };
    await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(body),
        MessageAttributes: {
          dedupeKey: { DataType: 'String', StringValue: chunkIdentity(next) },
        },
      }),
    );
  };
}

/** The identity of a piece's message: its idempotency key in code-encounter. */
export function chunkIdentity(next: ChunkContinuation): string {
  return `${next.documentId}#chunk#${next.chunk}`;
}
