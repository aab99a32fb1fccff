/**
 * The sandbox as a service: HTTPS with a given certificate, credentials generated once and kept in the data dir
 * (mode 0600) so a restart keeps them and its state, and `claimflow sandbox status|owed` reading that state.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { run as sandboxCommand } from '#bin/commands/sandbox';
import { startSandboxService } from '#local/sandbox/start-sandbox';
import { batch837, visit } from './sandbox-fixtures.ts';

const directories: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temporary(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-sandbox-service-'));
  directories.push(dir);
  return dir;
}

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

function httpsCall(
  url: string,
  ca: Buffer,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { method: options.method ?? 'GET', headers: options.headers, ca }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    call.on('error', reject);
    call.end(options.body);
  });
}

async function captureStdout(action: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const code = await action();
  vi.restoreAllMocks();
  return { code, out };
}

describe.skipIf(!hasOpenssl)('sandbox over HTTPS', () => {
  it('serves HTTPS with the given certificate and key, and keeps generated credentials across restarts', async () => {
    const dir = temporary();
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        keyFile,
        '-out',
        certFile,
      ],
      { stdio: 'ignore' },
    );
    const dataDir = join(dir, 'state');
    const first = await startSandboxService({
      dataDir,
      tls: { certFile, keyFile },
      webhookUrl: 'https://receiver.test/hook',
    });
    const apiKey = first.apiKey;
    try {
      expect(first.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(statSync(join(dataDir, 'api-key')).mode & 0o777).toBe(0o600);
      expect(first.webhookSecret).toMatch(/^whsec_/);
      const ca = readFileSync(certFile);
      expect((await httpsCall(`${first.url}/health`, ca)).status).toBe(200);
      const submitted = await httpsCall(`${first.url}/v1/submissions`, ca, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/edi-x12',
          'idempotency-key': 'batch-0001',
        },
        body: await batch837([visit('C1', 'SBX556677889')]),
      });
      expect(submitted.status).toBe(201);
    } finally {
      await first.close();
    }
    const second = await startSandboxService({ dataDir, webhookUrl: 'https://receiver.test/hook' });
    try {
      expect(second.apiKey).toBe(apiKey);
      expect(second.webhookSecret).toBe(first.webhookSecret);
      expect(second.sandbox.status().submissions).toBe(1);
    } finally {
      await second.close();
    }
  });
});

describe('claimflow sandbox status and owed', () => {
  it('report what the sandbox received and still owes from its data dir, running or not', async () => {
    const dataDir = temporary();
    const service = await startSandboxService({ dataDir, apiKey: 'status-test-key-0123456789' });
    service.sandbox.submit(await batch837([visit('C1', 'SBX556677889'), visit('C2', 'FE01')]), 'batch-0001');
    await service.close();
    const owedBefore = await captureStdout(() => sandboxCommand(['owed', '--data-dir', dataDir]));
    expect(owedBefore.code).toBe(3);
    expect(JSON.parse(owedBefore.out)).toMatchObject({ settled: false, scheduledAcknowledgments: 2 });
    const status = await captureStdout(() => sandboxCommand(['status', '--data-dir', dataDir]));
    expect(status.code).toBe(0);
    expect(status.out).toContain('1 submission(s); 1 claim(s) accepted, 1 rejected at the front end');
    expect(status.out).not.toContain('SBX556677889');
    const missing = await captureStdout(() => sandboxCommand(['status', '--data-dir', join(dataDir, 'nothing')]));
    expect(missing.code).toBe(1);
  });
});
