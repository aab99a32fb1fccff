/** Reads claims for the CLI's work queue and the twin's summary. */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '#core/claims/claim';
import { formatCents } from '#core/kernel/money';
import { DynamoDbClaimStore } from '#functions/common/dynamodb-claim-store';
import { formatTextTable } from './text-table.ts';

export async function listClaims(
  client: DynamoDBDocumentClient,
  tableName: string,
  statuses: readonly ClaimStatus[] = CLAIM_STATUSES,
): Promise<Claim[]> {
  const store = new DynamoDbClaimStore(client, tableName);
  return (await Promise.all(statuses.map((s) => store.listByStatus(s)))).flat();
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
    c.encounter.key,
  ]);
  const header = ['CLAIM', 'STATUS', 'OWNER', 'REASON', 'DIAGNOSES', 'LINES', 'CHARGE', 'DOCUMENT'];
  return formatTextTable(header, rows, 48);
}
