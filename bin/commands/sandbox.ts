/**
 * `claimflow sandbox <subcommand>`: the sandbox clearinghouse and payer (local/sandbox/README.md).
 *   start  [--port 4010] [--host 127.0.0.1] [--data-dir DIR] [--payer-data DIR] [--api-key KEY]
 *          [--webhook-url URL] [--webhook-secret whsec_...] [--time-scale 1/60] [--seed N] [--chaos]
 *          [--tls-cert FILE --tls-key FILE]
 *   status [--data-dir DIR] [--json]        what it received, decided, sent and still owes (running or not)
 *   owed   [--data-dir DIR]                 exit 0 when everything owed is delivered, 3 when not yet
 *   cycle  [--url URL] [--api-key KEY]      run a payment cycle now on a running sandbox
 * Keys default to CLAIMFLOW_SANDBOX_API_KEY / CLAIMFLOW_SANDBOX_WEBHOOK_SECRET, else are generated once and kept in
 * the data dir.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '#lib/project-root';
import { DEFAULT_DATA_DIR, loadSandboxData } from '#local/sandbox/payer-data';
import { Sandbox, type SandboxStatus } from '#local/sandbox/sandbox';
import { parseTimeScale } from '#local/sandbox/sandbox-settings';
import { startSandboxService } from '#local/sandbox/start-sandbox';
import { FileSandboxStore } from '#local/sandbox/state-store';

export const summary =
  'sandbox start|status|owed|cycle: the sandbox clearinghouse and payer (837P in; 999, 277CA, 835 out by webhook and mailbox)';

const USAGE =
  'usage: claimflow sandbox start [--port N] [--data-dir DIR] [--webhook-url URL] [--time-scale 1/60] [--seed N] [--chaos] [--tls-cert F --tls-key F]\n' +
  '       claimflow sandbox status|owed [--data-dir DIR] [--json]\n' +
  '       claimflow sandbox cycle [--url URL] [--api-key KEY]';

const DEFAULT_DIR = join(PROJECT_ROOT, '.claimflow', 'sandbox');

const OPTIONS = {
  port: { type: 'string', default: '4010' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string', default: DEFAULT_DIR },
  'payer-data': { type: 'string', default: DEFAULT_DATA_DIR },
  'api-key': { type: 'string' },
  'webhook-url': { type: 'string' },
  'webhook-secret': { type: 'string' },
  'time-scale': { type: 'string', default: '1' },
  seed: { type: 'string', default: '1' },
  chaos: { type: 'boolean', default: false },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  url: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export async function run(argv: string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS }>>['values'];
  try {
    ({ values } = parseArgs({ args: rest, options: OPTIONS }));
  } catch (error) {
    process.stderr.write(`claimflow sandbox: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  switch (subcommand) {
    case 'start':
      return start(values);
    case 'status':
    case 'owed':
      return report(subcommand, values);
    case 'cycle':
      return cycle(values);
    default:
      process.stderr.write(`claimflow sandbox: unknown subcommand "${subcommand ?? ''}"\n${USAGE}\n`);
      return 2;
  }
}

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K] extends { type: 'boolean' } ? boolean : string };

async function start(values: Values): Promise<number> {
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    process.stderr.write('claimflow sandbox start: --tls-cert and --tls-key go together\n');
    return 2;
  }
  const service = await startSandboxService({
    dataDir: values['data-dir'] as string,
    payerDataDir: values['payer-data'],
    port: Number(values.port),
    host: values.host,
    apiKey: values['api-key'] ?? process.env.CLAIMFLOW_SANDBOX_API_KEY,
    webhookUrl: values['webhook-url'],
    webhookSecret: values['webhook-secret'] ?? process.env.CLAIMFLOW_SANDBOX_WEBHOOK_SECRET,
    timeScale: parseTimeScale(values['time-scale'] as string),
    seed: Number(values.seed),
    chaos: values.chaos === true,
    tls: values['tls-cert'] ? { certFile: values['tls-cert'], keyFile: values['tls-key'] as string } : undefined,
  });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(`ClaimFlow sandbox clearinghouse and payer listening on ${service.url}`);
  out(`  state:   ${service.dataDir}`);
  out(
    `  API key: ${values['api-key'] || process.env.CLAIMFLOW_SANDBOX_API_KEY ? '(as given)' : join(service.dataDir, 'api-key')}`,
  );
  out(
    values['webhook-url']
      ? `  webhooks to ${values['webhook-url']} (secret: ${values['webhook-secret'] || process.env.CLAIMFLOW_SANDBOX_WEBHOOK_SECRET ? 'as given' : join(service.dataDir, 'webhook-secret')})${values.chaos ? ', with chaos' : ''}`
      : '  no webhook URL: responses wait in the mailbox (GET /v1/responses)',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  out('sandbox: stopping (state is kept)');
  await service.close();
  return 0;
}

function report(kind: 'status' | 'owed', values: Values): number {
  const dir = values['data-dir'] as string;
  const store = new FileSandboxStore(dir);
  if (!store.load()) {
    process.stderr.write(`claimflow sandbox ${kind}: no sandbox state in ${dir}\n`);
    return 1;
  }
  const sandbox = new Sandbox({ data: loadSandboxData(values['payer-data']), store });
  const status = sandbox.status();
  if (kind === 'owed') {
    process.stdout.write(`${JSON.stringify(sandbox.owed())}\n`);
    return status.delivered ? 0 : 3;
  }
  if (values.json) process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else process.stdout.write(formatStatus(status));
  return 0;
}

async function cycle(values: Values): Promise<number> {
  const url = values.url ?? `http://127.0.0.1:${values.port}`;
  const apiKey =
    values['api-key'] ??
    process.env.CLAIMFLOW_SANDBOX_API_KEY ??
    readFileSync(join(values['data-dir'] as string, 'api-key'), 'utf8').trim();
  const response = await fetch(`${url}/v1/payment-cycles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}` },
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  if (!response.ok) {
    process.stderr.write(`claimflow sandbox cycle: HTTP ${response.status} ${body}\n`);
    return 1;
  }
  process.stdout.write(formatStatus(JSON.parse(body) as SandboxStatus));
  return 0;
}

function formatStatus(status: SandboxStatus): string {
  const pairs = (record: Record<string, number>) =>
    Object.entries(record)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  return [
    `received:   ${status.submissions} submission(s); ${status.claimsAccepted} claim(s) accepted, ${status.claimsRejectedUpFront} rejected at the front end`,
    `payer:      ${pairs(status.claims)}`,
    `sent:       ${pairs(status.files)} file(s); ${status.paymentCycles} payment cycle(s), $${(status.paidCents / 100).toFixed(2)} paid`,
    `deliveries: ${pairs(status.deliveries)}`,
    `owed:       ${status.settled ? 'nothing' : `${status.scheduledAcknowledgments} acknowledgment task(s), ${status.pendingPayments} payment(s), ${status.pendingProviderAdjustments} provider adjustment(s), ${status.pendingDeliveries} delivery(ies)`}` +
      (status.failedDeliveries > 0 ? `; ${status.failedDeliveries} delivery(ies) given up` : '') +
      (status.nextDueAt ? `; next due ${status.nextDueAt}` : ''),
    '',
  ].join('\n');
}
