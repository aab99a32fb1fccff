#!/usr/bin/env node
/**
 * `npm start`: the whole pipeline on the local twin. Synthesizes the CDK app, starts the twin, uploads samples/,
 * shows progress and a summary, then keeps running (for the CLI and the dashboard) until interrupted.
 * `npm start -- --once` exits when every queue is drained and the sandbox clearinghouse owes nothing (its responses
 * delivered and applied): 0 if every uploaded document is accounted for, every response was delivered and the money
 * reconciles (Σ posted + PLB effect = Σ BPR02 of the sandbox's 835s).
 * Data (objects, messages, items) is kept in .claimflow/data between runs; `npm start -- --fresh` starts empty.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INBOX_PREFIX } from '#contracts/bucket-layout';
import { documentIdOf } from '#core/intake/document-id';
import { SETTLED_DOCUMENT_STATUSES } from '#core/intake/document-ledger';
import { DynamoDbProviderLedger } from '#functions/common/storage/dynamodb-provider-ledger';
import { DynamoDbRemittanceLedger } from '#functions/common/storage/dynamodb-remittance-ledger';
import { PROJECT_ROOT } from '#lib/project-root';
import { formatClaimTable, listClaims } from '#local/cli/list-claims';
import { countByStatus, formatDocumentTable, listDocuments } from '#local/cli/list-documents';
import { ProgressBar } from '#local/cli/progress-bar';
import { formatReconciliation, reconcileRemittances, sandboxRemittances } from '#local/cli/remittance-reconciliation';
import { settleClearinghouse, twinSettlePorts } from '#local/cli/settle-clearinghouse';
import { planUpload, uploadDocuments } from '#local/cli/upload-documents';
import { startDashboard } from '#local/dashboard/server';
import { FunctionLogFiles } from '#local/twin/function-logs';
import { defaultOutdir } from '#local/twin/synthesize';
import { DEFAULT_TIME_SCALE, LocalTwin } from '#local/twin/twin';
import { readTwinState, removeTwinState, writeTwinState } from '#local/twin/twin-state';
import { workerRuntimeNotice } from '#local/twin/worker-runtime';

const { values } = parseArgs({
  options: {
    once: { type: 'boolean', default: false },
    fresh: { type: 'boolean', default: false },
    samples: { type: 'string', default: join(PROJECT_ROOT, 'samples') },
    'no-samples': { type: 'boolean', default: false },
    'time-scale': { type: 'string', default: String(DEFAULT_TIME_SCALE) },
    's3-port': { type: 'string', default: '0' },
    'sqs-port': { type: 'string', default: '0' },
    'dynamodb-port': { type: 'string', default: '0' },
    'drain-timeout': { type: 'string', default: '300' },
    'settle-timeout': { type: 'string', default: '900' },
    codesets: { type: 'string' },
    'dashboard-port': { type: 'string', default: '0' },
    config: { type: 'string' },
  },
});

const out = (line: string) => process.stdout.write(`${line}\n`);

/** Objects, messages and items of the twin, kept between runs of `npm start`. */
const DATA_DIR = join(PROJECT_ROOT, '.claimflow', 'data');

async function main(): Promise<number> {
  const timeScale = parseTimeScale(values['time-scale']);
  if (!(timeScale > 0 && timeScale <= 1)) {
    process.stderr.write(
      `--time-scale must be a number above 0 and at most 1 (1 is AWS timing), not ${values['time-scale']}\n`,
    );
    return 2;
  }
  const running = readTwinState();
  if (running) {
    process.stderr.write(
      `a twin is already running (pid ${running.pid}, started ${running.startedAt}) on the same data: stop it first\n`,
    );
    return 1;
  }
  if (values.fresh) rmSync(DATA_DIR, { recursive: true, force: true });
  const keptData = existsSync(DATA_DIR);
  const logs = new FunctionLogFiles(join(PROJECT_ROOT, '.claimflow', 'logs'));
  out('ClaimFlow local twin: synthesizing the CDK app (same template as `cdk deploy`)…');
  const started = Date.now();
  const twin = await LocalTwin.start({
    outdir: defaultOutdir(PROJECT_ROOT),
    dataDir: DATA_DIR,
    timeScale,
    ...(values.codesets ? { codeSetsDir: values.codesets } : {}),
    ...(values.config ? { practiceConfigPath: values.config } : {}),
    ports: {
      s3: Number(values['s3-port']),
      sqs: Number(values['sqs-port']),
      dynamodb: Number(values['dynamodb-port']),
    },
    log: logs.write,
    onWiringError: (error) => process.stderr.write(`twin wiring error: ${String(error)}\n`),
  });
  writeTwinState({
    pid: process.pid,
    startedAt: new Date().toISOString(),
    region: 'us-east-1',
    endpoints: twin.endpoints,
    outputs: twin.outputs,
    apis: Object.fromEntries(twin.apis),
    scrubbing: twin.scrubbing,
  });
  out(`twin up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  out(`  S3        ${twin.endpoints.s3}   (bucket ${twin.outputs.IntakeBucketName})`);
  out(`  SQS       ${twin.endpoints.sqs}`);
  out(`  DynamoDB  ${twin.endpoints.dynamodb}   (table ${twin.outputs.TableName})`);
  if (twin.clearinghouse)
    out(`  clearing  ${twin.clearinghouse.url}   (the sandbox clearinghouse submit-claims sends to; same time scale)`);
  out(`  functions ${[...twin.runtimes.values()].map((r) => r.definition.functionName).join(', ')}`);
  out(`  logs      ${logs.directory}`);
  out(
    `  data      ${DATA_DIR}   (${keptData ? 'kept from the previous run' : 'new'}; \`npm start -- --fresh\` starts empty)`,
  );
  out(`  timing    AWS waiting times × ${timeScale.toPrecision(3)} (visibility, retries, function timeouts)`);
  const notice = workerRuntimeNotice([...twin.runtimes.values()].map((r) => r.definition));
  if (notice) out(`  runtime   ${notice}`);
  const dashboard = await startDashboard(twin, { port: Number(values['dashboard-port']) });
  out(`  dashboard ${dashboard.url}   (the CloudWatch dashboard's widgets, from the functions' EMF metrics)`);
  out(`  not emulated (no offline behaviour): ${[...twin.inert.entries()].map(([t, n]) => `${t}×${n}`).join(', ')}`);

  let exitCode = 0;
  const uploaded = [];
  if (!values['no-samples'] && existsSync(values.samples)) {
    const items = planUpload([values.samples], INBOX_PREFIX);
    // Samples already in the bucket with the same content were processed by an earlier run: not again.
    uploaded.push(
      ...(await uploadDocuments(twin.s3, twin.outputs.IntakeBucketName!, items, { skipUnchanged: keptData })),
    );
    if (keptData)
      out(`${items.length - uploaded.length} sample(s) unchanged since the previous run, not uploaded again`);
  } else if (!values['no-samples']) {
    out(`no samples folder at ${values.samples}; nothing uploaded`);
  }

  const documents = DynamoDBDocumentClient.from(twin.dynamodb);
  const settled = async () =>
    (await listDocuments(documents, twin.outputs.TableName!)).filter((e) =>
      SETTLED_DOCUMENT_STATUSES.includes(e.status),
    );
  if (uploaded.length > 0) {
    const bar = new ProgressBar(uploaded.length, 'processing');
    const progress = setInterval(async () => bar.update(Math.min(uploaded.length, (await settled()).length)), 500);
    try {
      await twin.waitUntilDrained({ timeoutMs: Number(values['drain-timeout']) * 1000 });
    } finally {
      clearInterval(progress);
    }
    bar.update(uploaded.length);
  }
  if (values.once && twin.clearinghouse && uploaded.length > 0) {
    // The cycle is not over when intake's queues are empty: the clearinghouse still owes acknowledgments and
    // payments, and each comes back through the webhook API and the remittance queue.
    out('waiting for the clearinghouse: 999s and 277CAs as they fall due, then a payment cycle (835s)...');
    const result = await settleClearinghouse(twinSettlePorts(twin), Number(values['settle-timeout']) * 1000);
    const o = result.owed;
    out(
      result.settled
        ? `clearinghouse settled: every response delivered and applied (${result.paymentCyclesRun} payment cycle(s) run)`
        : `CLEARINGHOUSE NOT SETTLED within ${values['settle-timeout']} s: ${o.scheduledAcknowledgments} acknowledgment(s), ` +
            `${o.pendingPayments} payment(s), ${o.pendingDeliveries} delivery(ies) still owed`,
    );
    if (!result.settled || !o.delivered) exitCode = 1;
  }

  const entries = await listDocuments(documents, twin.outputs.TableName!);
  out('');
  out(formatDocumentTable(entries));
  out('');
  const counts = countByStatus(entries);
  out(
    `documents by status: ${
      Object.entries(counts)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ') || 'none'
    }`,
  );
  const claims = await listClaims(documents, twin.outputs.TableName!);
  if (claims.length > 0) {
    out('');
    out(formatClaimTable(claims));
    const byStatus = Object.entries(countByStatus(claims)).map(([s, n]) => `${s} ${n}`);
    out(`claims by status: ${byStatus.join(', ')}`);
  }
  if (twin.clearinghouse) {
    // What the payers paid (the sandbox's 835s) against what the stack posted for those checks.
    const reconciliation = await reconcileRemittances(sandboxRemittances(twin.clearinghouse.sandbox), {
      ledger: new DynamoDbRemittanceLedger(documents, twin.outputs.TableName!),
      providerLedger: new DynamoDbProviderLedger(documents, twin.outputs.TableName!),
    });
    if (reconciliation.checks > 0) {
      for (const line of formatReconciliation(reconciliation)) out(line);
      if (values.once && !reconciliation.reconciles) exitCode = 1;
    }
  }
  const missing = uploaded.filter(
    (u) =>
      !entries.some(
        (e) => e.key === u.key && e.versionId === u.versionId && SETTLED_DOCUMENT_STATUSES.includes(e.status),
      ),
  );
  const deadLetters = twin.queues().filter((q) => q.deadLetterQueue && q.visible > 0);
  // Every queue the stack declares has a consumer; one without would hold its messages at rest, which is a wiring gap.
  for (const q of twin.queues().filter((q) => !q.deadLetterQueue && !q.consumed && q.visible > 0)) {
    out(`${q.logicalId} holds ${q.visible} message(s) at rest: the stack has no consumer for it yet`);
  }
  for (const q of deadLetters) out(`dead-letter queue ${q.logicalId} holds ${q.visible} message(s)`);
  out(
    `metrics: received ${twin.metrics.sum('DocumentsReceived')}, failed ${twin.metrics.sum('DocumentsFailed')}, ` +
      `duplicates ${twin.metrics.sum('DocumentsDuplicate')}; claims submitted ${twin.metrics.sum('ClaimsSubmitted')}, ` +
      `duplicate submissions stopped ${twin.metrics.sum('SubmissionsDuplicate')}`,
  );
  const submissionQueue = twin
    .queues()
    .find((q) => q.logicalId.startsWith('ClaimSubmissionQueue') && !q.deadLetterQueue);
  if (submissionQueue)
    out(
      `submission queue: ${submissionQueue.visible + submissionQueue.inFlight + submissionQueue.delayed === 0 ? 'drained' : `${submissionQueue.visible} visible, ${submissionQueue.inFlight} in flight`}`,
    );
  if (missing.length > 0) {
    // Document ids, not object keys: keys can carry patient names (see formatDocumentTable).
    const ids = missing.map((m) =>
      documentIdOf({ bucket: twin.outputs.IntakeBucketName!, key: m.key, versionId: m.versionId, eTag: m.eTag }),
    );
    out(`NOT ACCOUNTED FOR (${missing.length}): ${ids.join(', ')}`);
    exitCode = 1;
  } else {
    out(`all ${uploaded.length} uploaded document(s) accounted for`);
  }

  if (values.once) {
    await dashboard.close();
    await twin.stop();
    await logs.close();
    removeTwinState();
    return exitCode;
  }

  out('\nthe twin keeps running: try `npm run claimflow -- documents` or `npm run claimflow -- upload <files>`');
  out('press Ctrl-C to stop');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  out('stopping the twin…');
  await dashboard.close();
  await twin.stop();
  await logs.close();
  removeTwinState();
  return 0;
}

/** `0.05` or `1/20`. */
function parseTimeScale(text: string): number {
  const fraction = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(text);
  return fraction ? Number(fraction[1]) / Number(fraction[2]) : Number(text);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    removeTwinState();
    process.exit(1);
  },
);
