/**
 * Where the sandbox keeps what it received and sent: one JSON state document (written whole, atomically: a
 * temporary file renamed over the old one) and one file per response X12. A restarted sandbox carries on where it
 * stopped: idempotency keys, pending deliveries, accumulators and control numbers survive.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxState } from './sandbox-state.ts';

export interface SandboxStore {
  load(): SandboxState | undefined;
  save(state: SandboxState): void;
  writeFile(id: string, x12: string): void;
  readFile(id: string): string;
}

export class FileSandboxStore implements SandboxStore {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(join(dir, 'files'), { recursive: true });
  }

  get directory(): string {
    return this.#dir;
  }

  load(): SandboxState | undefined {
    try {
      return JSON.parse(readFileSync(join(this.#dir, 'state.json'), 'utf8')) as SandboxState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`sandbox state ${join(this.#dir, 'state.json')} cannot be read: ${(error as Error).message}`);
    }
  }

  save(state: SandboxState): void {
    const target = join(this.#dir, 'state.json');
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, target);
  }

  writeFile(id: string, x12: string): void {
    const target = join(this.#dir, 'files', `${id}.x12`);
    writeFileSync(`${target}.tmp`, x12);
    renameSync(`${target}.tmp`, target);
  }

  readFile(id: string): string {
    if (!/^[A-Za-z0-9-]+$/.test(id)) throw new Error(`not a response file id: ${JSON.stringify(id)}`);
    return readFileSync(join(this.#dir, 'files', `${id}.x12`), 'utf8');
  }
}

/** For tests: the same contract, in memory (state copied on save, as a file would be). */
export class MemorySandboxStore implements SandboxStore {
  #state: string | undefined;
  readonly files = new Map<string, string>();

  load(): SandboxState | undefined {
    return this.#state === undefined ? undefined : (JSON.parse(this.#state) as SandboxState);
  }

  save(state: SandboxState): void {
    this.#state = JSON.stringify(state);
  }

  writeFile(id: string, x12: string): void {
    this.files.set(id, x12);
  }

  readFile(id: string): string {
    const text = this.files.get(id);
    if (text === undefined) throw new Error(`no response file ${id}`);
    return text;
  }
}
