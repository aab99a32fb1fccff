/**
 * `claimflow claims`: claims by status, or one page of a practice's work queue (who acts next, and why).
 *   claims [--status S]... [--json]
 *   claims --practice P --owner CODER|BILLER|PAYER|PATIENT [--status S] [--limit N] [--cursor C] [--json]
 */
import { parseArgs } from 'node:util';
import { CLAIM_STATUSES, type ClaimStatus } from '#core/claims/claim';
import type { WorkQueueQuery } from '#core/storage/claim-store';
import { formatClaimTable, listClaims, workQueuePage } from '#local/cli/list-claims';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary =
  'claims [--status S] | --practice P --owner CODER|BILLER|... [--limit N] [--cursor C] [--json]: claims and work queues';

const OWNERS = ['CODER', 'BILLER', 'PAYER', 'PATIENT'] as const;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TARGET_OPTIONS,
      status: { type: 'string', multiple: true },
      owner: { type: 'string' },
      practice: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const statuses = (values.status ?? []).map((s) => s.toUpperCase());
  const unknown = statuses.filter((s) => !(CLAIM_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`claims: unknown status ${unknown.join(', ')}; known: ${CLAIM_STATUSES.join(', ')}\n`);
    return 2;
  }
  const owner = values.owner?.toUpperCase();
  if (owner !== undefined && !(OWNERS as readonly string[]).includes(owner)) {
    process.stderr.write(`claims: unknown owner ${owner}; work queues belong to ${OWNERS.join(', ')}\n`);
    return 2;
  }
  if ((owner === undefined) !== (values.practice === undefined)) {
    process.stderr.write('claims: a work queue needs both --practice and --owner\n');
    return 2;
  }
  if (owner !== undefined && statuses.length > 1) {
    process.stderr.write('claims: a work queue page takes at most one --status\n');
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    process.stderr.write(`claims: --limit must be a positive whole number, got ${values.limit}\n`);
    return 2;
  }
  const target = await resolveTarget(values);
  const tableName = target.outputs.TableName!;

  if (owner !== undefined && values.practice !== undefined) {
    const query: WorkQueueQuery = {
      practiceId: values.practice,
      owner: owner as WorkQueueQuery['owner'],
      ...(statuses[0] ? { status: statuses[0] as ClaimStatus } : {}),
    };
    const page = await workQueuePage(target.dynamo, tableName, query, {
      ...(limit ? { limit } : {}),
      ...(values.cursor ? { cursor: values.cursor } : {}),
    });
    if (values.json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
    else {
      process.stdout.write(`${formatClaimTable(page.items)}\n${page.items.length} claim(s) in ${target.description}\n`);
      if (page.cursor)
        process.stdout.write(
          `more: claimflow claims --practice ${query.practiceId} --owner ${owner} --cursor ${page.cursor}\n`,
        );
    }
    return 0;
  }

  const claims = await listClaims(
    target.dynamo,
    tableName,
    statuses.length > 0 ? (statuses as ClaimStatus[]) : CLAIM_STATUSES,
  );
  if (values.json) process.stdout.write(`${JSON.stringify({ claims }, null, 2)}\n`);
  else process.stdout.write(`${formatClaimTable(claims)}\n${claims.length} claim(s) in ${target.description}\n`);
  return 0;
}
