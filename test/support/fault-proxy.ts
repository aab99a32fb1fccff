/**
 * A network fault between a function and the sandbox clearinghouse: an HTTP proxy that forwards requests as they
 * are, or fails them the way networks and services fail. Tests point submit-claims at it (the twin's per-function
 * environment override) and switch its mode while claims flow:
 *
 * - `pass`: forward the request and its answer.
 * - `down`: the service is unreachable: every connection is reset before a byte is read.
 * - `answer-lost`: the request reaches the clearinghouse, which processes it and answers, and the answer never
 *   comes back: the caller waits until its own timeout (Lambda kills the invocation), as after a crash between the
 *   send and the status update.
 * - `hold`: the request waits at the proxy until `release()`; then it is forwarded (to make two deliveries overlap).
 */
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

interface Forwarded {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export type FaultMode = 'pass' | 'down' | 'answer-lost' | 'hold';

export interface ProxiedRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  /** What the proxy did with it. */
  fate: FaultMode;
  /** The clearinghouse's status code, when the request reached it. */
  status?: number;
}

export class FaultProxy {
  mode: FaultMode = 'pass';
  readonly requests: ProxiedRequest[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #held: (() => void)[] = [];
  #heldWaiters: (() => void)[] = [];

  #target: URL | undefined;

  private constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      if (this.mode === 'down') {
        this.requests.push({ method: '?', path: '?', fate: 'down' });
        socket.resetAndDestroy();
      }
    });
  }

  /** Listens at once; `forwardTo` names the clearinghouse (it may start after the proxy, as the twin's does). */
  static async start(): Promise<FaultProxy> {
    const proxy = new FaultProxy();
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  forwardTo(target: string): void {
    this.#target = new URL(target);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Requests that carried this idempotency key, whatever happened to them. */
  requestsFor(idempotencyKey: string): ProxiedRequest[] {
    return this.requests.filter((r) => r.idempotencyKey === idempotencyKey);
  }

  /** Resolves once `count` requests are held. */
  async held(count: number): Promise<void> {
    while (this.#held.length < count) await new Promise<void>((resolve) => this.#heldWaiters.push(resolve));
  }

  /** Forwards every held request. */
  release(): void {
    for (const go of this.#held.splice(0)) go();
  }

  async close(): Promise<void> {
    this.release();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const key = req.headers['idempotency-key'];
    const entry: ProxiedRequest = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
      fate: this.mode,
    };
    this.requests.push(entry);
    if (entry.fate === 'down') {
      req.socket.resetAndDestroy();
      return;
    }
    if (entry.fate === 'hold') {
      await new Promise<void>((resolve) => {
        this.#held.push(resolve);
        for (const wake of this.#heldWaiters.splice(0)) wake();
      });
    }
    let answer: Forwarded;
    try {
      answer = await this.#forward(req, Buffer.concat(chunks));
    } catch {
      res.writeHead(502).end();
      return;
    }
    entry.status = answer.status;
    // The clearinghouse did the work; its answer is dropped and the caller is left waiting (until the proxy closes).
    if (entry.fate === 'answer-lost') return;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  }

  #forward(req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    const target = this.#target;
    if (!target) return Promise.reject(new Error('the fault proxy has no target yet'));
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const outgoing = request(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
        async (incoming) => {
          const parts: Buffer[] = [];
          for await (const part of incoming) parts.push(part as Buffer);
          const kept: Record<string, string | string[]> = {};
          for (const [name, value] of Object.entries(incoming.headers))
            if (value !== undefined && name !== 'transfer-encoding' && name !== 'connection') kept[name] = value;
          resolve({ status: incoming.statusCode ?? 502, headers: kept, body: Buffer.concat(parts) });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
