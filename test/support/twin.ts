/**
 * Starting the twin in tests: the stack synthesized once per run (test/support/synthesized-stack.setup.ts), ephemeral
 * ports, fast redelivery.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import type { DocumentEntry } from '#core/intake/document-ledger';
import { PayerCalendar } from '#local/sandbox/payer-calendar';
import { type SynthesizedStack, synthesize } from '#local/twin/synthesize';
import { LocalTwin, type LocalTwinOptions } from '#local/twin/twin';

/**
 * AWS's waiting times × 1/10. The intake queue's six-minute visibility becomes 36 s and the
 * function's one-minute timeout 6 s, so a message that always fails reaches the DLQ after maxReceiveCount in under
 * two minutes. The ratio is AWS's, so a killed invocation's in-progress idempotency record expires before its message
 * comes back, as on AWS. Smaller is wrong, not just flaky: work is not scaled, and on a two-core machine shared with
 * other test runs a batch of documents in a fresh environment took up to six seconds; at 1/20 (a 3 s timeout) and
 * 1/72 (0.83 s) batches were killed again and again, exactly as Lambda would kill them, and documents reached the DLQ.
 */
export const TEST_TIME_SCALE = 1 / 10;

const payerCalendars = new WeakMap<LocalTwin, PayerCalendar>();

/**
 * A twin of the stack, its sandbox payer on a PayerCalendar (payerCalendarOf) so that a test that waits for the payer's
 * answers can skip to them (local/cli/settle-clearinghouse.ts) instead of sitting through the payer's minutes. Without `customize`, `codeSetsDir` or `practiceConfigPath` it runs the stack the global setup
 * synthesized for the whole run; with any of them it synthesizes its own.
 */
export async function startTestTwin(options: Partial<LocalTwinOptions> = {}): Promise<LocalTwin> {
  const ownSynthesis = Boolean(options.customize || options.codeSetsDir || options.practiceConfigPath);
  const payerCalendar = new PayerCalendar();
  const twin = await LocalTwin.start({
    outdir: mkdtempSync(join(tmpdir(), 'claimflow-twin-')),
    timeScale: TEST_TIME_SCALE,
    clearinghouseClock: payerCalendar,
    ...(ownSynthesis || options.synthesized ? {} : { synthesized: synthesizedOnce() }),
    ...options,
  });
  payerCalendars.set(twin, payerCalendar);
  return twin;
}

/** The clock of a test twin's sandbox payer (the wall clock until a test skips it ahead). */
export function payerCalendarOf(twin: LocalTwin): PayerCalendar {
  const calendar = payerCalendars.get(twin);
  if (!calendar) throw new Error('not a twin started by startTestTwin');
  return calendar;
}

/**
 * The stack as it is, synthesized by the first test file of the run that asks (the local project runs its files one
 * at a time) and read back by every later one.
 */
export function synthesizedOnce(): SynthesizedStack {
  const directory = inject('synthesisDir');
  if (!directory) throw new Error('no synthesis folder: run twin tests through vitest with the `local` project');
  const file = join(directory, 'stack.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as SynthesizedStack;
  const stack = synthesize(join(directory, 'cdk.out'));
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(stack));
  renameSync(`${file}.${process.pid}`, file);
  return stack;
}

/** Every document ledger entry, read straight from the table (not through the code under test). */
export async function ledgerEntries(twin: LocalTwin): Promise<DocumentEntry[]> {
  const items: DocumentEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await twin.dynamodb.send(
      new ScanCommand({ TableName: twin.outputs.TableName, ExclusiveStartKey: start as never }),
    );
    for (const item of page.Items ?? []) {
      const entry = unmarshall(item);
      if (entry.sk === 'DOC') items.push(entry as DocumentEntry);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
