/**
 * `claimflow dlq redrive [--limit N]`: sends notifications that reached the intake dead-letter queue back to the
 * intake queue, after the cause (an outage, a fixed defect) is gone. The reconciler has already recorded each of them
 * on its document's ledger entry; a redriven document that the reconciler finished meanwhile is answered as a
 * duplicate, so redriving twice never processes a document twice.
 */
import { parseArgs } from 'node:util';
import { redrive } from '#local/cli/redrive';
import { resolveTarget, TARGET_OPTIONS } from './_target.ts';

export const summary = 'dlq redrive [--limit N]: send dead-lettered intake notifications back to the intake queue';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...TARGET_OPTIONS, limit: { type: 'string', default: '1000' } },
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
  const { IntakeQueueUrl: queueUrl, IntakeDeadLetterQueueUrl: deadLetterQueueUrl } = target.outputs;
  if (!queueUrl || !deadLetterQueueUrl) {
    process.stderr.write(`dlq: ${target.description} has no IntakeQueueUrl/IntakeDeadLetterQueueUrl outputs\n`);
    return 1;
  }
  const result = await redrive(target.sqs, { deadLetterQueueUrl, queueUrl }, limit);
  process.stdout.write(`moved ${result.moved} message(s) from the intake dead-letter queue back to the intake queue\n`);
  return 0;
}
