/** Starting the twin in tests: one synthesis per test file, ephemeral ports, fast redelivery. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DocumentEntry } from '#core/intake/document-ledger';
import { LocalTwin, type LocalTwinOptions } from '#local/twin/twin';

/**
 * Visibility timeouts scaled so the intake queue's six minutes become five seconds: a failing message reaches the DLQ
 * after maxReceiveCount in about fifteen. Shorter is wrong, not just flaky: on a loaded machine a batch can outlive a
 * one-second window, the message is received again while still in progress, idempotency (rightly) refuses the
 * second copy, and after maxReceiveCount receives a message that was being processed lands in the DLQ.
 */
export const TEST_TIME_SCALE = 1 / 72;

export async function startTestTwin(options: Partial<LocalTwinOptions> = {}): Promise<LocalTwin> {
  return LocalTwin.start({
    outdir: mkdtempSync(join(tmpdir(), 'claimflow-twin-')),
    timeScale: TEST_TIME_SCALE,
    ...options,
  });
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
