/** `claimflow claims [--status S]... [--owner O] [--json]`: claims and the work queue (who acts next, and why). */
import { parseArgs } from 'node:util';
import { CLAIM_STATUSES, type ClaimStatus } from '#core/claims/claim';
import { formatClaimTable, listClaims } from '#local/cli/list-claims';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary = 'claims [--status S] [--owner CODER|BILLER|...] [--json]: claims and the work queue';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...TARGET_OPTIONS,
      status: { type: 'string', multiple: true },
      owner: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const statuses = (values.status ?? []).map((s) => s.toUpperCase());
  const unknown = statuses.filter((s) => !(CLAIM_STATUSES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`claims: unknown status ${unknown.join(', ')}; known: ${CLAIM_STATUSES.join(', ')}\n`);
    return 2;
  }
  const target = await resolveTarget(values);
  const all = await listClaims(
    target.dynamo,
    target.outputs.TableName!,
    statuses.length > 0 ? (statuses as ClaimStatus[]) : CLAIM_STATUSES,
  );
  const owner = values.owner?.toUpperCase();
  const claims = owner ? all.filter((c) => c.owner === owner) : all;
  if (values.json) process.stdout.write(`${JSON.stringify({ claims }, null, 2)}\n`);
  else process.stdout.write(`${formatClaimTable(claims)}\n${claims.length} claim(s) in ${target.description}\n`);
  return 0;
}
