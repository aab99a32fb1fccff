/** Reads the document ledger for the CLI and the twin's summary. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_STATUSES, type DocumentEntry, type DocumentStatus } from '#core/intake/document-ledger';
import { readAllPages } from '#core/storage/page';
import { DynamoDbDocumentLedger } from '#functions/common/storage/dynamodb-document-ledger';
import { formatTextTable } from './text-table.ts';

export async function listDocuments(
  client: DynamoDBDocumentClient,
  tableName: string,
  statuses: readonly DocumentStatus[] = DOCUMENT_STATUSES,
): Promise<DocumentEntry[]> {
  const ledger = new DynamoDbDocumentLedger(client, tableName);
  const lists = await Promise.all(
    statuses.map((status) => readAllPages((page) => ledger.listByStatus({ status }, page))),
  );
  return lists.flat().sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.key.localeCompare(b.key));
}

/** How many documents (or claims) are in each status. */
export function countByStatus(entries: readonly { status: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.status] = (counts[entry.status] ?? 0) + 1;
  return counts;
}

/**
 * A plain-text table for people: one line per document, named by its document id. Object keys are left out on
 * purpose: practices name exports after the patient ("smith-john-2026-11-30.hl7"), and this table is printed to
 * terminals and CI logs next to diagnoses. `claimflow documents --json` gives the keys to an operator who asks. A
 * failure's message can quote the key (format detection names the object it read): the key is replaced by the id.
 */
export function formatDocumentTable(entries: DocumentEntry[]): string {
  const rows = entries.map((e) => [
    e.status,
    e.format ?? '-',
    String(e.size),
    e.documentId,
    e.failure ? `${e.failure.reason}: ${withoutKey(e.failure.message, e)}` : '',
  ]);
  const header = ['STATUS', 'FORMAT', 'BYTES', 'DOCUMENT', 'REASON'];
  return formatTextTable(header, rows, 60);
}

/** The message with the document's object key (and its file name) written as its document id. */
function withoutKey(message: string, entry: Pick<DocumentEntry, 'key' | 'documentId'>): string {
  const fileName = entry.key.slice(entry.key.lastIndexOf('/') + 1);
  let text = message.replaceAll(entry.key, entry.documentId);
  if (fileName.length > 0) text = text.replaceAll(fileName, entry.documentId);
  return text;
}
