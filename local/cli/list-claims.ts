/** Reads claims for the CLI's work queue and the twin's summary. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '#core/claims/claim';
import { formatCents } from '#core/kernel/money';
import type { WorkQueueAnswer } from '#core/operations/work-queue';
import { readAllPages } from '#core/storage/page';
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

/** The work queue as a table: one row per claim (ids, codes, money; no names), then the totals. */
export function formatWorkQueue(answer: WorkQueueAnswer): string {
  const rows = answer.rows.map((r) => [
    r.id,
    r.status,
    r.owner,
    r.assignee ?? '',
    r.reason ?? '',
    r.payerId ?? '',
    r.dateOfService ?? '',
    String(r.ageDays),
    r.lines.join(' ') || '-',
    r.charge,
  ]);
  const header = ['CLAIM', 'STATUS', 'OWNER', 'ASSIGNEE', 'REASON', 'PAYER', 'DOS', 'AGE', 'LINES', 'CHARGE'];
  const totals = (title: string, group: Record<string, { count: number; charge: string }>) =>
    Object.entries(group)
      .map(([key, t]) => `  ${title} ${key}: ${t.count} claim(s), ${t.charge}`)
      .join('\n');
  return [
    formatTextTable(header, rows, 40),
    `${answer.total.count} claim(s), ${answer.total.charge}${answer.rows.length < answer.total.count ? ` (first ${answer.rows.length} shown)` : ''}`,
    totals('status', answer.byStatus),
    totals('reason', answer.byReason),
    ...(answer.truncated
      ? [`stopped after reading ${answer.scanned} claims: narrow the filters for exact totals`]
      : []),
  ]
    .filter((part) => part.length > 0)
    .join('\n');
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
