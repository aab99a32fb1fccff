/**
 * `claimflow dlq redrive [--queue intake|submission|remittance] [--limit N]`: sends messages that reached a
 * dead-letter queue back to their queue, after the cause (an outage, a fixed defect) is gone. The reconciler has
 * already recorded each intake and submission dead letter on its document's or claim's ledger; every consumer is
 * idempotent (local/cli/dead-letter-routes.ts), so redriving twice never processes, sends or posts anything twice.
 */
import { parseArgs } from 'node:util';
import { deadLetterRoute } from '#local/cli/dead-letter-routes';
import { redrive } from '#local/cli/redrive';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary =
  'dlq redrive [--queue intake|submission|remittance] [--limit N]: send dead letters back to their queue (default intake)';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...TARGET_OPTIONS,
      queue: { type: 'string', default: 'intake' },
      limit: { type: 'string', default: '1000' },
    },
  });
  if (positionals[0] !== 'redrive' || positionals.length > 1) {
    process.stderr.write(`usage: claimflow ${summary}\n`);
    return 2;
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    process.stderr.write(`dlq: --limit must be a positive whole number, got ${values.limit}\n`);
    return 2;
  }
  const target = await resolveTarget(values);
  const route = deadLetterRoute(values.queue, target.outputs);
  if ('error' in route) {
    process.stderr.write(`dlq: ${target.description}: ${route.error}\n`);
    return 1;
  }
  const result = await redrive(target.sqs, route, limit);
  process.stdout.write(`moved ${result.moved} dead-lettered ${route.what} back to the ${values.queue} queue\n`);
  return 0;
}
