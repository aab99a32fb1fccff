import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, HttpHost, readBody } from './http-host.ts';
import { SqsError } from './sqs/errors.ts';
import { type Operation, sqsOperations } from './sqs/operations.ts';
import { SqsPersistence } from './sqs/persistence.ts';
import type { Queue } from './sqs/queue.ts';
import { QueueRegistry } from './sqs/registry.ts';

export interface SqsEmulatorOptions {
  region?: string;
  accountId?: string;
  /** Epoch milliseconds; drives visibility, delay, retention and timestamps (long-poll waits use real time). */
  clock?: () => number;
  /** Keep queues and messages in this folder across restarts (default: in memory only). */
  dataDirectory?: string;
  /**
   * Multiplies the visibility timeouts callers set on a message they hold (ChangeMessageVisibility): the twin runs
   * AWS's waiting times faster, and a function's backoff is such a waiting time (default 1). Queue attributes are
   * given already scaled by whoever creates the queue, so they are not scaled again.
   */
  messageVisibilityScale?: number;
}

const TARGET_PREFIX = 'AmazonSQS.';
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * An in-process SQS that speaks the AWS JSON 1.0 protocol the current SDK uses (`X-Amz-Target: AmazonSQS.<Op>`),
 * for standard queues: visibility timeouts, delays, long polling, batches, redrive to a dead-letter queue,
 * MD5 digests, and errors the SDK turns into its typed exceptions.
 */
export class SqsEmulator {
  readonly #host: HttpHost;
  readonly #registry: QueueRegistry;
  readonly #operations: Record<string, Operation>;
  /** Requests in progress; closing the emulator aborts them so long polls answer at once. */
  readonly #inProgress = new Set<AbortController>();
  readonly #persistence: SqsPersistence | undefined;

  constructor(options: SqsEmulatorOptions = {}) {
    const clock = options.clock ?? Date.now;
    this.#host = new HttpHost('SQS', (request, response) => this.#handle(request, response));
    this.#registry = new QueueRegistry({
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      clock,
      baseUrl: () => this.endpoint,
    });
    if (options.dataDirectory) {
      const { persistence, queues } = SqsPersistence.open(options.dataDirectory);
      this.#registry.restore(queues, persistence);
      this.#persistence = persistence;
    }
    this.#operations = sqsOperations(
      this.#registry,
      (queue, deadline, signal) => waitForMessages(queue, deadline, signal, clock),
      options.messageVisibilityScale ?? 1,
    );
  }

  listen(port?: number, host?: string): Promise<string> {
    return this.#host.listen(port, host);
  }

  /** Answers waiting long polls with no messages, then stops listening. */
  async close(): Promise<void> {
    for (const controller of this.#inProgress) controller.abort();
    await this.#host.close();
    this.#persistence?.close();
  }

  /** `http://127.0.0.1:<port>`; throws when the emulator is not listening. */
  get endpoint(): string {
    return this.#host.endpoint;
  }

  /** Creates a queue (or returns the same one, as CreateQueue does) from SQS API attribute names and values. */
  createQueue(name: string, attributes: Record<string, string> = {}): { url: string; arn: string } {
    if (!this.#host.listening)
      throw new Error(`SQS emulator: listen() before createQueue('${name}'), queue URLs carry the port`);
    const queue = this.#registry.create(name, attributes);
    return { url: queue.url, arn: queue.arn };
  }

  /**
   * Creates the queue, or gives a queue read back from the data folder the attributes asked for (as a stack update
   * would), keeping its messages.
   */
  ensureQueue(name: string, attributes: Record<string, string> = {}): { url: string; arn: string } {
    if (!this.queueNames().includes(name)) return this.createQueue(name, attributes);
    const queue = this.#registry.byName(name);
    this.#registry.setAttributes(queue, attributes);
    return { url: queue.url, arn: queue.arn };
  }

  /** Counts for drain checks: visible, in flight (received, not visible), delayed. */
  stats(name: string): { visible: number; inFlight: number; delayed: number } {
    return this.#queueNamed(name).counts();
  }

  /** Age of the queue's oldest message in whole seconds (0 when empty), for the oldest-message-age alarm. */
  oldestMessageAgeSeconds(name: string): number {
    return this.#queueNamed(name).oldestMessageAgeSeconds();
  }

  queueNames(): string[] {
    return this.#registry.names();
  }

  #queueNamed(name: string): Queue {
    try {
      return this.#registry.byName(name);
    } catch {
      throw new Error(`SQS emulator has no queue named '${name}' (queues: ${this.queueNames().join(', ') || 'none'})`);
    }
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const controller = new AbortController();
    this.#inProgress.add(controller);
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
      this.#inProgress.delete(controller);
    });
    try {
      const output = await this.#dispatch(request, controller.signal);
      answer(response, 200, output, {});
    } catch (error) {
      const sqsError = error instanceof SqsError ? error : new SqsError('InternalFailure', describe(error));
      answer(response, sqsError.status, sqsError.body, sqsError.headers);
    }
  }

  async #dispatch(request: IncomingMessage, signal: AbortSignal): Promise<Record<string, unknown>> {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
      throw new SqsError(
        'InvalidAction',
        'The local SQS emulator speaks only the AWS JSON 1.0 protocol: POST with X-Amz-Target: AmazonSQS.<Operation>.',
      );
    }
    const name = target.slice(TARGET_PREFIX.length);
    const operation = Object.hasOwn(this.#operations, name) ? this.#operations[name] : undefined;
    if (!operation) throw new SqsError('InvalidAction', `The action ${name} is not valid for this endpoint.`);
    const input = await readJson(request);
    return operation(input, signal);
  }
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let raw: Buffer;
  try {
    raw = await readBody(request, MAX_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new SqsError('InvalidParameterValue', `Request body exceeds ${MAX_REQUEST_BYTES} bytes.`);
    }
    throw error;
  }
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new SqsError('InvalidParameterValue', 'The request body is not valid JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SqsError('InvalidParameterValue', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

function answer(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>): void {
  if (response.headersSent || response.destroyed) return;
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}

/**
 * Resolves when the queue signals a new or re-visible message, when its next hidden message is due, at the
 * long-poll deadline (real time, `performance.now()` based), or when the request is aborted.
 */
function waitForMessages(queue: Queue, deadline: number, signal: AbortSignal, clock: () => number): Promise<void> {
  return new Promise((resolve) => {
    let delay = deadline - performance.now();
    const nextVisibleAt = queue.nextVisibleAt();
    if (nextVisibleAt !== undefined) delay = Math.min(delay, nextVisibleAt - clock());
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, Math.max(1, delay));
    const unsubscribe = queue.onChange(finish);
    signal.addEventListener('abort', finish, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
