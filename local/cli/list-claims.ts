/** Reads claims for the CLI's work queue and the twin's summary. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '#core/claims/claim';
import { formatCents } from '#core/kernel/money';
import type { WorkQueueQuery } from '#core/storage/claim-store';
import { type Page, type PageRequest, readAllPages } from '#core/storage/page';
import { DynamoDbClaimStore } from '#functions/common/storage/dynamodb-claim-store';
import { formatTextTable } from './text-table.ts';

/** Every claim in the given statuses (each status read page by page). */
export async function listClaims(
  client: DynamoDBDocumentClient,
  tableName: string,
  statuses: readonly ClaimStatus[] = CLAIM_STATUSES,
): Promise<Claim[]> {
  const store = new DynamoDbClaimStore(client, tableName);
  const lists = await Promise.all(
    statuses.map((status) => readAllPages((page) => store.listByStatus({ status }, page))),
  );
  return lists.flat();
}

/** One page of a practice's work queue for one owner. */
export async function workQueuePage(
  client: DynamoDBDocumentClient,
  tableName: string,
  query: WorkQueueQuery,
  page: PageRequest,
): Promise<Page<Claim>> {
  return new DynamoDbClaimStore(client, tableName).workQueue(query, page);
}

/** One line per claim: what a biller scans in a work queue (ids, codes, money, owner and reason; no names). */
export function formatClaimTable(claims: Claim[]): string {
  const rows = claims.map((c) => [
    c.id,
    c.status,
    c.owner,
    c.reasonCategory ?? '',
    c.diagnoses.map((d) => d.code).join(' ') || '-',
    c.lines.map((l) => [l.code, ...l.modifiers].join('-')).join(' ') || '-',
    formatCents(c.totalChargeCents),
    c.documentId,
  ]);
  const header = ['CLAIM', 'STATUS', 'OWNER', 'REASON', 'DIAGNOSES', 'LINES', 'CHARGE', 'DOCUMENT'];
  return formatTextTable(header, rows, 48);
}
