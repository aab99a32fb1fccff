/**
 * Runs one function of the template: a pool of execution environments (worker threads), each with its own copy of
 * the resolved environment variables and its own module instance. Invocations beyond the pool size wait for a free
 * environment; an invocation past the function's timeout kills its environment, as Lambda does. As on Lambda, the
 * init phase (loading the bundle) does not count towards the timeout; it has its own ten-second limit.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const WORKER_FILE = fileURLToPath(new URL('./lambda-worker.mjs', import.meta.url));
/**
 * Lambda's limit on the init phase is ten seconds, after which it retries init within the invocation's timeout. The
 * twin allows the longer of the two, unscaled: loading code is work, not waiting.
 */
const INIT_LIMIT_MS = 10_000;

export interface FunctionDefinition {
  logicalId: string;
  functionName: string;
  functionArn: string;
  entryFile: string;
  exportName: string;
  /** The timeout the function runs with in the twin (the template's, scaled by the twin's time scale). */
  timeoutSeconds: number;
  /** The timeout the template declares, for messages. */
  declaredTimeoutSeconds?: number;
  /** The runtime the template declares (e.g. nodejs24.x). */
  declaredRuntime?: string;
  memorySize: number;
  environment: Record<string, string>;
  concurrency: number;
}

export class FunctionError extends Error {
  constructor(
    readonly functionName: string,
    readonly errorType: string,
    message: string,
    readonly phase: 'init' | 'invoke' | 'timeout',
  ) {
    super(`${functionName}: ${errorType}: ${message}`);
    this.name = 'FunctionError';
  }
}

/** Where function output goes: EMF metric lines and log lines, per function. */
export interface OutputSink {
  line(functionName: string, stream: 'stdout' | 'stderr', text: string): void;
}

interface Environment {
  worker: Worker;
  busy: boolean;
  /** Resolves when the init phase has ended (whatever its outcome); rejects if the environment dies first. */
  ready: Promise<void>;
  pending?: {
    id: string;
    resolve: (value: unknown) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
  };
}

export class LambdaRuntime {
  private readonly environments: Environment[] = [];
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  /** Invocations started and not yet finished: part of the twin's "drained" check. */
  inFlight = 0;
  invocations = 0;
  errors = 0;
  /** The most recent invocations (at most 10,000): when each ended, how long it took, whether it failed. */
  readonly completed: { endedAt: number; durationMs: number; error: boolean }[] = [];

  constructor(
    readonly definition: FunctionDefinition,
    private readonly sink: OutputSink,
  ) {}

  async invoke(event: unknown): Promise<unknown> {
    if (this.closed) throw new Error(`${this.definition.functionName} is stopped`);
    this.inFlight += 1;
    this.invocations += 1;
    let started = performance.now();
    let failed = false;
    try {
      const environment = await this.acquire();
      // Lambda bills and times the invocation, not the init phase before it.
      await environment.ready.catch(() => {});
      started = performance.now();
      try {
        return await this.run(environment, event);
      } finally {
        this.release(environment);
      }
    } catch (error) {
      failed = true;
      this.errors += 1;
      throw error;
    } finally {
      this.inFlight -= 1;
      this.completed.push({ endedAt: Date.now(), durationMs: performance.now() - started, error: failed });
      if (this.completed.length > 10_000) this.completed.splice(0, this.completed.length - 10_000);
    }
  }

  /**
   * Kills every execution environment in the middle of an invocation, as a Lambda sandbox dies mid-invocation (out of
   * memory, a host failure): those invocations fail with Runtime.ExitError, whatever they had written stays written.
   * For fault tests; returns how many invocations were cut short.
   */
  crash(): number {
    const busy = this.environments.filter((environment) => environment.pending !== undefined);
    for (const environment of busy) {
      this.discard(environment, new Error('the execution environment was killed'));
      void environment.worker.terminate();
    }
    return busy.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    await Promise.all(this.environments.splice(0).map((e) => e.worker.terminate()));
  }

  private async acquire(): Promise<Environment> {
    for (;;) {
      const free = this.environments.find((e) => !e.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      if (this.environments.length < this.definition.concurrency) {
        const created = this.spawn();
        created.busy = true;
        return created;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      if (this.closed) throw new Error(`${this.definition.functionName} is stopped`);
    }
  }

  private release(environment: Environment): void {
    environment.busy = false;
    this.waiting.shift()?.();
  }

  private spawn(): Environment {
    const worker = new Worker(WORKER_FILE, {
      workerData: {
        entryFile: this.definition.entryFile,
        exportName: this.definition.exportName,
        clockOffsetMs: clockOffsetMs(),
      },
      env: this.definition.environment,
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.definition.memorySize },
    });
    let initEnded!: () => void;
    let initFailed!: (error: Error) => void;
    const ready = new Promise<void>((resolve, reject) => {
      initEnded = resolve;
      initFailed = reject;
    });
    // An environment that dies during init rejects `ready`; the invocation waiting on it reports that.
    ready.catch(() => {});
    const environment: Environment = { worker, busy: false, ready };
    const initLimitMs = Math.max(INIT_LIMIT_MS, (this.definition.declaredTimeoutSeconds ?? 0) * 1000);
    const initTimer = setTimeout(() => {
      initFailed(new Error(`init phase did not end within ${initLimitMs / 1000} seconds`));
      this.discard(environment, new Error('init timeout'));
      void worker.terminate();
    }, initLimitMs);
    worker.once('exit', () => {
      clearTimeout(initTimer);
      initFailed(new Error('execution environment exited during init'));
    });
    this.pipe(worker.stdout, 'stdout');
    this.pipe(worker.stderr, 'stderr');
    worker.on(
      'message',
      (message: { id: string; ok: boolean; result?: unknown; error?: Record<string, unknown>; ready?: boolean }) => {
        if (message.ready) {
          clearTimeout(initTimer);
          initEnded();
          return;
        }
        const pending = environment.pending;
        if (!pending || pending.id !== message.id) return;
        clearTimeout(pending.timer);
        environment.pending = undefined;
        if (message.ok) pending.resolve(message.result);
        else {
          const error = message.error ?? {};
          pending.reject(
            new FunctionError(
              this.definition.functionName,
              String(error.errorType ?? 'Error'),
              String(error.errorMessage ?? 'unknown error'),
              error.phase === 'init' ? 'init' : 'invoke',
            ),
          );
        }
      },
    );
    worker.on('error', (error) => this.discard(environment, error));
    worker.on('exit', (code) => this.discard(environment, new Error(`execution environment exited with code ${code}`)));
    this.environments.push(environment);
    return environment;
  }

  /** An environment that crashed or timed out is never reused; its invocation fails. */
  private discard(environment: Environment, cause: Error): void {
    const index = this.environments.indexOf(environment);
    if (index >= 0) this.environments.splice(index, 1);
    const pending = environment.pending;
    if (pending) {
      clearTimeout(pending.timer);
      environment.pending = undefined;
      pending.reject(new FunctionError(this.definition.functionName, 'Runtime.ExitError', cause.message, 'invoke'));
    }
  }

  private async run(environment: Environment, event: unknown): Promise<unknown> {
    try {
      await environment.ready;
    } catch (error) {
      throw new FunctionError(
        this.definition.functionName,
        'Runtime.InitError',
        error instanceof Error ? error.message : String(error),
        'init',
      );
    }
    const id = randomUUID();
    const { functionName, functionArn, memorySize, timeoutSeconds, declaredTimeoutSeconds } = this.definition;
    const scaled =
      declaredTimeoutSeconds !== undefined && declaredTimeoutSeconds !== timeoutSeconds
        ? ` (the template's ${declaredTimeoutSeconds} s at the twin's time scale; work is not scaled, so a busy ` +
          'machine may need a larger --time-scale)'
        : '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        environment.pending = undefined;
        this.discard(environment, new Error('timeout'));
        void environment.worker.terminate();
        reject(
          new FunctionError(
            functionName,
            'Sandbox.Timedout',
            `Task timed out after ${timeoutSeconds.toFixed(2)} seconds${scaled}`,
            'timeout',
          ),
        );
      }, timeoutSeconds * 1000);
      environment.pending = { id, resolve, reject, timer };
      environment.worker.postMessage({
        id,
        event,
        context: {
          functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: functionArn,
          memoryLimitInMB: String(memorySize),
          awsRequestId: id,
          logGroupName: `/aws/lambda/${functionName}`,
          logStreamName: `local/${environment.worker.threadId}`,
          timeoutMs: timeoutSeconds * 1000,
        },
      });
    });
  }

  private pipe(stream: Readable, name: 'stdout' | 'stderr'): void {
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (text) =>
      this.sink.line(this.definition.functionName, name, text),
    );
  }
}

/**
 * How far this process's clock is set from the machine's: 0, unless the process runs under a shifted clock (a test
 * with faked dates, e.g. CLAIMFLOW_TEST_NOW). A function's worker thread has its own globals, so without this its
 * clock would disagree with the emulators, the sandbox and the test that run in this thread. Differences under a
 * minute are the two clocks' own drift, not a shift.
 */
function clockOffsetMs(): number {
  const offset = Date.now() - (performance.timeOrigin + performance.now());
  return Math.abs(offset) < 60_000 ? 0 : Math.round(offset);
}
