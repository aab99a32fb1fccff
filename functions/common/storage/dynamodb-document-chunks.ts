/**
 * The pieces of split documents on the ClaimFlow table, on their document's partition (`DOC#<id>` / `CHUNK#<n>`):
 * planned with a conditional put (a repeat of the plan never resets a done piece), finished with a conditional update
 * from PENDING (the first result stands), read in order without their content.
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ChunkResult,
  ChunkState,
  DocumentChunk,
  DocumentChunkStore,
  PlannedChunk,
} from '#core/storage/document-chunks';
import { ItemNotFoundError } from '#core/storage/errors';
import type { Page, PageRequest } from '#core/storage/page';
import { isConditionFailure, queryPage, withoutKeys } from './dynamo-paging.ts';
import { DOCUMENT_CHUNK_PREFIX, documentChunkKey, documentKey } from './keys/document-keys.ts';

export class DynamoDbDocumentChunks implements DocumentChunkStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async plan(chunk: PlannedChunk): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...documentChunkKey(chunk.documentId, chunk.index), ...chunk, status: 'PENDING' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async get(documentId: string, index: number): Promise<DocumentChunk | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: documentChunkKey(documentId, index), ConsistentRead: true }),
    );
    return Item ? withoutKeys<DocumentChunk>(Item) : undefined;
  }

  async complete(documentId: string, index: number, result: ChunkResult): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: documentChunkKey(documentId, index),
          UpdateExpression: 'SET #status = :done, #result = :result',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status', '#result': 'result' },
          ExpressionAttributeValues: { ':done': 'DONE', ':pending': 'PENDING', ':result': result },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (!(await this.get(documentId, index))) throw new ItemNotFoundError('document', `${documentId} piece ${index}`);
    }
  }

  async states(documentId: string, page?: PageRequest): Promise<Page<ChunkState>> {
    const result = await queryPage(
      this.client,
      this.tableName,
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
        ProjectionExpression: 'documentId, #index, #first, #count, #status, #result',
        ExpressionAttributeNames: {
          '#index': 'index',
          '#first': 'first',
          '#count': 'count',
          '#status': 'status',
          '#result': 'result',
        },
        ExpressionAttributeValues: { ':pk': documentKey(documentId).pk, ':chunk': DOCUMENT_CHUNK_PREFIX },
        ConsistentRead: true,
      },
      page,
    );
    return { ...result, items: result.items.map((item) => withoutKeys<ChunkState>(item)) };
  }
}
