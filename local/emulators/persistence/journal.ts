/**
 * An append-only file of JSON records, one per line: how the emulators keep their contents across restarts of the
 * twin. Each change is written with a synchronous write as it happens, so a killed process loses nothing the
 * operating system has accepted; `compact` rewrites the file as a snapshot (written aside, flushed, renamed over) so
 * it does not grow without bound. A torn last line (the process died mid-write) is dropped; a damaged line anywhere
 * else stops the load with its line number instead of silently losing what follows.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export class Journal<R> {
  #fd: number | undefined;

  private constructor(readonly file: string) {
    this.#fd = openSync(file, 'a');
  }

  /** Opens (creating) the journal and returns the records it holds, oldest first. */
  static open<R>(file: string): { journal: Journal<R>; records: R[] } {
    mkdirSync(dirname(file), { recursive: true });
    const records = existsSync(file) ? readRecords<R>(file) : [];
    return { journal: new Journal<R>(file), records };
  }

  append(record: R): void {
    if (this.#fd === undefined) throw new Error(`journal ${this.file} is closed`);
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
  }

  /** Replaces the whole journal with `records` (the current state), atomically. */
  compact(records: Iterable<R>): void {
    const temporary = `${this.file}.compacting`;
    const fd = openSync(temporary, 'w');
    try {
      let chunk = '';
      for (const record of records) {
        chunk += `${JSON.stringify(record)}\n`;
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk);
          chunk = '';
        }
      }
      if (chunk) writeSync(fd, chunk);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (this.#fd !== undefined) closeSync(this.#fd);
    renameSync(temporary, this.file);
    this.#fd = openSync(this.file, 'a');
  }

  /** Flushes to disk and closes; later appends fail. */
  close(): void {
    if (this.#fd === undefined) return;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

function readRecords<R>(file: string): R[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const records: R[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line === '') continue;
    try {
      records.push(JSON.parse(line) as R);
    } catch {
      // Only the final line can be torn by a crash mid-write; anything else is damage worth stopping for.
      const isLast = lines.slice(index + 1).every((rest) => rest === '');
      if (isLast) break;
      throw new Error(`${file}: line ${index + 1} is not a JSON record; remove the folder or start with --fresh`);
    }
  }
  return records;
}
