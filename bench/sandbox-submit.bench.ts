/**
 * 837P claims accepted per second by the sandbox clearinghouse over HTTP (the connector the stack uses, a fresh
 * Idempotency-Key per batch, state persisted to disk after every batch), beside the sandbox's intake called
 * in-process (no HTTP) and beside building the same 837Ps in-process (the peer: what submitting costs on top of
 * making the file). Every batch is checked to be fully accepted before anything is reported.
 * Run: `npm run bench -- sandbox`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build837P } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { SandboxClearinghouse } from '#functions/common/sandbox-clearinghouse';
import { loadSandboxData } from '#local/sandbox/payer-data';
import { Sandbox } from '#local/sandbox/sandbox';
import { startSandboxServer } from '#local/sandbox/server';
import { FileSandboxStore, MemorySandboxStore } from '#local/sandbox/state-store';
import { IDENTITY, visit } from '#test/unit/sandbox/sandbox-fixtures';

const BATCHES = 20;
const CLAIMS_PER_BATCH = 100;
const NOW = new Date('2026-11-23T14:05:00Z');
const data = loadSandboxData();

function claims(batch: number): Claim837P[] {
  return Array.from({ length: CLAIMS_PER_BATCH }, (_, i) =>
    visit(`B${batch}C${i}`, `SBX${String(100_000_000 + batch * 1_000 + i)}`),
  );
}

async function build(batch: number): Promise<string> {
  const built = await build837P(claims(batch), {
    identity: IDENTITY,
    controlNumbers: new InMemoryControlNumbers({ interchange: batch + 1 }),
    now: NOW,
  });
  return built.text;
}

const bodies: string[] = [];
let start = performance.now();
for (let b = 0; b < BATCHES; b++) bodies.push(await build(b));
const buildMs = performance.now() - start;

const inProcess = new Sandbox({ data, store: new MemorySandboxStore() });
start = performance.now();
for (const [b, body] of bodies.entries()) {
  const receipt = inProcess.submit(body, `bench-batch-${b}`);
  if (receipt.accepted.length !== CLAIMS_PER_BATCH) throw new Error(`batch ${b}: ${receipt.rejected.length} rejected`);
}
const intakeMs = performance.now() - start;

const dir = mkdtempSync(join(tmpdir(), 'claimflow-sandbox-bench-'));
const apiKey = 'bench-api-key-0123456789';
const sandbox = new Sandbox({ data, store: new FileSandboxStore(dir) });
const server = await startSandboxServer({ sandbox, apiKey, tickMs: 3_600_000 });
const connector = new SandboxClearinghouse({ baseUrl: server.url, apiKey });
start = performance.now();
for (const [b, body] of bodies.entries()) {
  const receipt = await connector.submit(body, `bench-batch-${b}`);
  if (receipt.accepted.length !== CLAIMS_PER_BATCH) throw new Error(`batch ${b}: ${receipt.rejected.length} rejected`);
}
const httpMs = performance.now() - start;
await server.close();
rmSync(dir, { recursive: true, force: true });

const total = BATCHES * CLAIMS_PER_BATCH;
const rate = (ms: number) => Math.round((total / ms) * 1000);
const row = (label: string, ms: number) =>
  `${label.padEnd(52)} ${String(rate(ms)).padStart(8)} claims/s  (${ms.toFixed(0)} ms)`;
process.stdout.write(
  [
    `${total} claims in ${BATCHES} batches of ${CLAIMS_PER_BATCH}`,
    row('build the 837Ps in-process (peer)', buildMs),
    row('sandbox intake in-process (read, TR3 checks, state)', intakeMs),
    row('sandbox over HTTP with the connector, state on disk', httpMs),
    `ratio HTTP submit / in-process build: ${(httpMs / buildMs).toFixed(2)}x the time`,
    `ratio HTTP submit / in-process intake: ${(httpMs / intakeMs).toFixed(2)}x the time`,
    '',
  ].join('\n'),
);
