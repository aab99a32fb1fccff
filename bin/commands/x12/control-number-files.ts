/**
 * Control numbers persisted in a small JSON file, for the CLI and the local twin. A lock file (created with O_EXCL)
 * serializes concurrent builds, and the state is replaced by rename so a crash never leaves a half-written file.
 */
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  type ControlNumberKind,
  type ControlNumberState,
  type ControlNumbers,
  initialControlNumberState,
  reserveControlNumbers,
} from '#core/x12/837p/control-numbers';

const LOCK_ATTEMPTS = 100;
const LOCK_RETRY_MS = 20;

export class FileControlNumbers implements ControlNumbers {
  readonly #path: string;

  constructor(path: string) {
    this.#path = path;
  }

  async next(kind: ControlNumberKind, count = 1): Promise<number> {
    await mkdir(dirname(this.#path), { recursive: true });
    const release = await this.#lock();
    try {
      const state = await this.#read();
      const first = reserveControlNumbers(state, kind, count);
      const temporary = `${this.#path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
      await rename(temporary, this.#path);
      return first;
    } finally {
      await release();
    }
  }

  async #read(): Promise<ControlNumberState> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return initialControlNumberState();
      throw error;
    }
    const state = JSON.parse(text) as Partial<ControlNumberState>;
    for (const kind of ['interchange', 'group', 'transaction'] as const) {
      if (!Number.isSafeInteger(state[kind]) || (state[kind] ?? 0) < 1) {
        throw new Error(`${this.#path}: "${kind}" must be the next control number (a positive integer)`);
      }
    }
    return state as ControlNumberState;
  }

  async #lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.#path}.lock`;
    for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
      try {
        const handle = await open(lockPath, 'wx');
        await handle.close();
        return () => rm(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
      }
    }
    throw new Error(`control number file ${this.#path} stays locked by ${lockPath}; remove it if no build is running`);
  }
}
