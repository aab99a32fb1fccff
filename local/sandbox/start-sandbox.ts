/**
 * Starts the sandbox service from plain options: state under `dataDir`, the bundled (or given) payer data, the API
 * key and webhook secret taken from the options or else generated once and kept in the data dir (0600), so a
 * restart keeps its credentials. Used by `claimflow sandbox start` and, later, by the twin.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '#core/kernel/clock';
import { DEFAULT_DATA_DIR, loadSandboxData } from './payer-data.ts';
import { Sandbox } from './sandbox.ts';
import { type ChaosSettings, DEFAULT_CHAOS } from './sandbox-settings.ts';
import { type RunningSandboxServer, startSandboxServer } from './server.ts';
import { FileSandboxStore } from './state-store.ts';
import { fetchTransport } from './webhook-delivery.ts';

export interface SandboxServiceOptions {
  dataDir: string;
  payerDataDir?: string;
  port?: number;
  host?: string;
  apiKey?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  timeScale?: number;
  /** The payer's clock (default the wall clock); a PayerCalendar lets a caller skip to what falls due next. */
  clock?: Clock;
  seed?: number;
  chaos?: boolean | ChaosSettings;
  tls?: { certFile: string; keyFile: string };
  onError?: (error: unknown) => void;
}

export interface SandboxService extends RunningSandboxServer {
  sandbox: Sandbox;
  apiKey: string;
  webhookSecret?: string;
  dataDir: string;
}

/** A credential from the options, else the one kept in the data dir, else a new one written there. */
function credential(dataDir: string, name: string, given: string | undefined, make: () => string): string {
  if (given) return given;
  const file = join(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export async function startSandboxService(options: SandboxServiceOptions): Promise<SandboxService> {
  mkdirSync(options.dataDir, { recursive: true });
  const apiKey = credential(options.dataDir, 'api-key', options.apiKey, () => `sbx_${randomBytes(24).toString('hex')}`);
  const webhookSecret = options.webhookUrl
    ? credential(
        options.dataDir,
        'webhook-secret',
        options.webhookSecret,
        () => `whsec_${randomBytes(32).toString('base64')}`,
      )
    : undefined;
  const chaos = options.chaos === true ? DEFAULT_CHAOS : options.chaos || undefined;
  const sandbox = new Sandbox({
    data: loadSandboxData(options.payerDataDir ?? DEFAULT_DATA_DIR),
    store: new FileSandboxStore(options.dataDir),
    seed: options.seed,
    ...(options.clock ? { clock: options.clock } : {}),
    timeScale: options.timeScale,
    chaos,
    webhook: options.webhookUrl && webhookSecret ? { url: options.webhookUrl, secret: webhookSecret } : undefined,
    transport: fetchTransport,
  });
  const server = await startSandboxServer({
    sandbox,
    apiKey,
    port: options.port,
    host: options.host,
    tls: options.tls ? { cert: readFileSync(options.tls.certFile), key: readFileSync(options.tls.keyFile) } : undefined,
    onError: options.onError,
  });
  return { ...server, sandbox, apiKey, webhookSecret, dataDir: options.dataDir };
}
