import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * One node:http server for an emulator: listens on 127.0.0.1 by default, turns a handler that throws into a 500
 * (an emulator must never crash on a request), and closes without leaving keep-alive sockets behind, so a test
 * process or `npm start` can exit as soon as the emulator is closed.
 */
export class HttpHost {
  #server: Server | undefined;
  #endpoint: string | undefined;
  readonly #name: string;
  readonly #handler: RequestHandler;
  /** Responses not yet finished; close() lets them go out before it cuts the connections. */
  readonly #pending = new Set<ServerResponse>();

  constructor(name: string, handler: RequestHandler) {
    this.#name = name;
    this.#handler = handler;
  }

  get endpoint(): string {
    if (this.#endpoint === undefined) throw new Error(`${this.#name} emulator is not listening; call listen() first`);
    return this.#endpoint;
  }

  get listening(): boolean {
    return this.#endpoint !== undefined;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    if (this.#server) throw new Error(`${this.#name} emulator is already listening on ${this.#endpoint}`);
    // No server-side keep-alive timeout: a server closing an idle socket just as an SDK client reuses it makes that
    // client fail with ECONNRESET. Idle sockets are unreferenced and closed with the emulator instead.
    const server = createServer({ keepAliveTimeout: 0 }, (request, response) => {
      this.#pending.add(response);
      response.on('close', () => this.#pending.delete(response));
      this.#handler(request, response).catch((error: unknown) => answerInternalError(response, this.#name, error));
    });
    // Idle keep-alive sockets must not hold the event loop open once the emulator is no longer referenced.
    server.on('connection', (socket) => socket.unref());
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.#server = server;
    this.#endpoint = `http://${hostInUrl}:${address.port}`;
    return this.#endpoint;
  }

  /**
   * Stops accepting connections, gives responses already being written (such as long polls the emulator has
   * just released) up to `graceMs` to finish, then closes every connection.
   */
  async close(graceMs = 1_000): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    this.#endpoint = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = performance.now() + graceMs;
    while (this.#pending.size > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    server.closeAllConnections();
    await closed;
  }
}

function answerInternalError(response: ServerResponse, name: string, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${name} emulator: unexpected failure while answering a request: ${reason}\n`);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(500, { 'content-type': 'text/plain' });
  response.end(`${name} emulator internal error: ${reason}`);
}

/** Reads a whole request body, refusing (with `BodyTooLargeError`) anything above `limitBytes`. */
export async function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, total);
}

export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`request body exceeds ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}
