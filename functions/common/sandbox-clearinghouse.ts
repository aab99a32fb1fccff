/**
 * The sandbox clearinghouse connector: the `Clearinghouse` port over the sandbox's HTTP API (local/sandbox), with
 * fetch. Each call has a timeout; the API key goes in `Authorization`, the idempotency key in `Idempotency-Key`.
 * Network faults, timeouts, 5xx and 429 become `TransientClearinghouseError` (retry with backoff; the key makes a
 * retry safe), other 4xx a `PermanentClearinghouseError` carrying the sandbox's code and message.
 */
import {
  type Clearinghouse,
  checkIdempotencyKey,
  PermanentClearinghouseError,
  type ResponseFile,
  type ResponseFileSummary,
  type ResponseMailbox,
  type SubmissionReceipt,
  TransientClearinghouseError,
} from '#core/clearinghouse/clearinghouse';

export interface SandboxClearinghouseOptions {
  /** Base URL, e.g. https://sandbox.example.org:4010 */
  baseUrl: string;
  apiKey: string;
  /** Per request (default 15 s; a 837 batch is answered synchronously). */
  timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export class SandboxClearinghouse implements Clearinghouse {
  readonly name = 'sandbox';
  readonly mailbox: ResponseMailbox;
  readonly #base: string;
  readonly #apiKey: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: SandboxClearinghouseOptions) {
    this.#base = options.baseUrl.replace(/\/+$/, '');
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
    this.#fetch = options.fetch ?? fetch;
    this.mailbox = {
      listResponses: async (options = {}) => {
        const query = new URLSearchParams();
        if (options.cursor) query.set('cursor', options.cursor);
        if (options.limit) query.set('limit', String(options.limit));
        return (await this.#call('GET', `/v1/responses?${query}`)) as { files: ResponseFileSummary[]; cursor?: string };
      },
      fetchResponse: async (id) => (await this.#call('GET', `/v1/responses/${encodeURIComponent(id)}`)) as ResponseFile,
    };
  }

  async submit(batch: string, idempotencyKey: string): Promise<SubmissionReceipt> {
    checkIdempotencyKey(idempotencyKey);
    return (await this.#call('POST', '/v1/submissions', batch, {
      'content-type': 'application/edi-x12',
      'idempotency-key': idempotencyKey,
    })) as SubmissionReceipt;
  }

  /** Whether the sandbox has delivered everything it owes (for `npm start -- --once`). */
  async owed(): Promise<{ settled: boolean; delivered: boolean }> {
    return (await this.#call('GET', '/v1/owed')) as { settled: boolean; delivered: boolean };
  }

  async #call(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<unknown> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.#apiKey}`, accept: 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new TransientClearinghouseError(
        name === 'TimeoutError' || name === 'AbortError'
          ? `sandbox clearinghouse did not answer ${method} ${path.split('?')[0]} within ${this.#timeoutMs} ms`
          : `sandbox clearinghouse unreachable (${name}: ${(error as Error).message})`,
      );
    }
    const text = await response.text();
    if (response.ok) {
      try {
        return JSON.parse(text);
      } catch {
        throw new TransientClearinghouseError(
          `sandbox clearinghouse answered ${response.status} with a body that is not JSON`,
          response.status,
        );
      }
    }
    const problem = parseProblem(text);
    const message = `sandbox clearinghouse refused ${method} ${path.split('?')[0]}: HTTP ${response.status}${problem.message ? ` ${problem.message}` : ''}`;
    if (response.status === 429 || response.status >= 500 || response.status === 408) {
      throw new TransientClearinghouseError(
        message,
        response.status,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    throw new PermanentClearinghouseError(message, response.status, problem.code);
  }
}

function parseProblem(text: string): { code?: string; message?: string } {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
    const message = typeof parsed.error?.message === 'string' ? parsed.error.message.slice(0, 500) : undefined;
    return { code, message };
  } catch {
    return {};
  }
}

/** Retry-After in seconds or as an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
