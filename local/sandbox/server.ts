/**
 * The sandbox as an HTTP(S) service. Every /v1 route needs the API key (`Authorization: Bearer KEY` or
 * `X-API-Key: KEY`, compared in constant time); /health does not.
 *   POST /v1/submissions         837P body (application/edi-x12 or text/plain), header Idempotency-Key
 *                                -> 201 receipt, or 200 with the first receipt when the key was seen (Idempotent-Replayed: true)
 *   GET  /v1/responses?cursor=&limit=   mailbox: response files after the cursor, oldest first
 *   GET  /v1/responses/{id}      one response file with its raw X12
 *   GET  /v1/status              what it received, decided, sent and still owes
 *   GET  /v1/owed                { settled, delivered, ... }: whether everything owed has been delivered
 *   POST /v1/payment-cycles      run the payer's payment cycle now (demos; `npm start -- --once`)
 * Errors are JSON `{ error: { code, message } }` with 400/401/404/405/413/415/422, never PHI.
 * A timer runs what falls due (acknowledgments, payment cycles, webhook deliveries) every `tickMs`.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { RequestRefused, type Sandbox } from './sandbox.ts';

export interface SandboxServerOptions {
  sandbox: Sandbox;
  apiKey: string;
  port?: number;
  host?: string;
  /** PEM certificate and key: serve HTTPS instead of HTTP. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Largest accepted 837 body (default 10 MiB). */
  maxBodyBytes?: number;
  /** How often due work runs (default 250 ms). */
  tickMs?: number;
  /** Called with errors of the background work (never with PHI: messages only name files and claims). */
  onError?: (error: unknown) => void;
}

export interface RunningSandboxServer {
  url: string;
  close(): Promise<void>;
}

const SUBMISSION_TYPES = ['application/edi-x12', 'application/x12', 'text/plain', 'application/octet-stream'];

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function authorized(request: IncomingMessage, expected: Buffer): boolean {
  const header = request.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7) : request.headers['x-api-key'];
  if (typeof given !== 'string' || given === '') return false;
  return timingSafeEqual(digest(given), expected);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

function refuse(response: ServerResponse, status: number, code: string, message: string): void {
  send(response, status, { error: { code, message } });
}

async function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw new RequestRefused(413, 'TOO_LARGE', `the body exceeds ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestRefused(413, 'TOO_LARGE', `the body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSandboxServer(options: SandboxServerOptions): Promise<RunningSandboxServer> {
  if (options.apiKey.length < 16) throw new Error('the sandbox API key must be at least 16 characters');
  const expected = digest(options.apiKey);
  const { sandbox } = options;
  const limit = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const onError = options.onError ?? ((error: unknown) => process.stderr.write(`sandbox: ${String(error)}\n`));
  const tick = () => {
    sandbox.runDue().catch(onError);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const path = url.pathname;
    if (path === '/health') return send(response, 200, { ok: true });
    if (!path.startsWith('/v1/')) return refuse(response, 404, 'NOT_FOUND', `no route ${path}`);
    if (!authorized(request, expected)) return refuse(response, 401, 'UNAUTHORIZED', 'a valid API key is required');
    const method = request.method ?? 'GET';
    if (path === '/v1/submissions') {
      if (method !== 'POST') return refuse(response, 405, 'METHOD_NOT_ALLOWED', 'POST an 837P');
      const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (!SUBMISSION_TYPES.includes(type))
        return refuse(response, 415, 'UNSUPPORTED_MEDIA_TYPE', `send the 837P as ${SUBMISSION_TYPES[0]}`);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string')
        return refuse(response, 400, 'IDEMPOTENCY_KEY_MISSING', 'the Idempotency-Key header is required');
      const body = await readBody(request, limit);
      const receipt = sandbox.submit(body, key);
      tick();
      return send(
        response,
        receipt.replayed ? 200 : 201,
        receipt,
        receipt.replayed ? { 'idempotent-replayed': 'true' } : {},
      );
    }
    if (method !== 'GET' && path !== '/v1/payment-cycles')
      return refuse(response, 405, 'METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}`);
    if (path === '/v1/responses') {
      const limitParam = url.searchParams.get('limit');
      return send(
        response,
        200,
        sandbox.listResponses({
          cursor: url.searchParams.get('cursor') ?? undefined,
          limit: limitParam === null ? undefined : Number(limitParam) || 100,
        }),
      );
    }
    if (path.startsWith('/v1/responses/'))
      return send(response, 200, sandbox.fetchResponse(decodeURIComponent(path.slice(14))));
    if (path === '/v1/status') return send(response, 200, sandbox.status());
    if (path === '/v1/owed') return send(response, 200, sandbox.owed());
    if (path === '/v1/payment-cycles') {
      if (method !== 'POST') return refuse(response, 405, 'METHOD_NOT_ALLOWED', 'POST to run a payment cycle');
      sandbox.runPaymentCycle();
      await sandbox.runDue();
      return send(response, 200, sandbox.status());
    }
    return refuse(response, 404, 'NOT_FOUND', `no route ${path}`);
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof RequestRefused) return refuse(response, error.status, error.code, error.message);
      onError(error);
      refuse(response, 500, 'INTERNAL', 'the sandbox failed on this request; it is safe to retry with the same key');
    });
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const timer = setInterval(tick, options.tickMs ?? 250);
  tick();
  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    close: async () => {
      clearInterval(timer);
      await sandbox.runDue().catch(onError);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
