/**
 * Where the sandbox keeps what it received and sent: a snapshot of its state (`state.json`), an append-only journal
 * of what changed since (`state.journal.jsonl`, one JSON line per save: the units that changed, see
 * state-tracker.ts), and one file per response X12. A restarted sandbox loads the snapshot, replays the journal and
 * carries on: idempotency keys, pending deliveries, accumulators and control numbers survive.
 *
 * - Linear: a save appends what changed, not the whole state; the journal is folded into a new snapshot once it is
 *   larger than the snapshot (and 1 MiB), so compaction costs at most what was journaled since the last one.
 * - Crash-safe: a line is one operation's changes, written with one append; a crash mid-write leaves a torn last
 *   line, which the next load ignores and the next save cuts off. The snapshot is replaced atomically (a temporary
 *   file renamed over it) before the journal is emptied; a crash between the two replays the old journal over the
 *   new snapshot, which changes nothing (each change sets a unit to its value at that time, so replaying them in
 *   order ends where the snapshot is).
 * - A reader that only loads (`claimflow sandbox status` beside a running sandbox) never writes.
 */
import {
  closeSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { SandboxState } from './sandbox-state.ts';
import { applyChanges, type StateChange, StateTracker, type UnitDepths } from './state-tracker.ts';

export interface SandboxStore {
  load(): SandboxState | undefined;
  /**
   * The state the sandbox works on from now on: `state` (loaded, or new), watched for changes where the store
   * journals them. `fresh` says the store has never seen it.
   */
  track(state: SandboxState, fresh: boolean): SandboxState;
  /** Makes what changed since the last save durable. */
  save(state: SandboxState): void;
  writeFile(id: string, x12: string): void;
  readFile(id: string): string;
}

/** What one journal unit is (see StateTracker): the counters and the small pending lists whole; ledger entries. */
const UNIT_DEPTHS: UnitDepths = {
  version: 1,
  seed: 1,
  randomState: 1,
  counters: 1,
  nextPaymentCycleAt: 1,
  tasks: 1,
  pendingPayments: 1,
  pendingProviderAdjustments: 1,
  ledger: 3,
};

const MIN_COMPACTION_BYTES = 1024 * 1024;

export interface JournalStats {
  /** Bytes appended to the journal since the store was opened. */
  journalBytesWritten: number;
  /** Snapshots written since the store was opened, and their bytes. */
  compactions: number;
  snapshotBytesWritten: number;
}

export class FileSandboxStore implements SandboxStore {
  readonly #dir: string;
  readonly stats: JournalStats = { journalBytesWritten: 0, compactions: 0, snapshotBytesWritten: 0 };
  #tracker: StateTracker<SandboxState> | undefined;
  /** Where the last complete journal line ends (a torn tail after it is cut off before the next append). */
  #journalEnd = 0;
  #snapshotBytes = 0;
  #compactAbove: number;

  constructor(dir: string, options: { minCompactionBytes?: number } = {}) {
    this.#dir = dir;
    this.#compactAbove = options.minCompactionBytes ?? MIN_COMPACTION_BYTES;
    mkdirSync(join(dir, 'files'), { recursive: true });
  }

  get directory(): string {
    return this.#dir;
  }

  get #snapshotFile(): string {
    return join(this.#dir, 'state.json');
  }

  get #journalFile(): string {
    return join(this.#dir, 'state.journal.jsonl');
  }

  load(): SandboxState | undefined {
    let state: SandboxState | undefined;
    try {
      const text = readFileSync(this.#snapshotFile, 'utf8');
      this.#snapshotBytes = Buffer.byteLength(text);
      state = JSON.parse(text) as SandboxState;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new Error(`sandbox state ${this.#snapshotFile} cannot be read: ${(error as Error).message}`);
    }
    const journal = existsSync(this.#journalFile) ? readFileSync(this.#journalFile) : Buffer.alloc(0);
    let offset = 0;
    let line = 1;
    while (offset < journal.length) {
      const end = journal.indexOf(0x0a, offset);
      // No newline: the last append was cut short by a crash. That operation never happened.
      if (end === -1) break;
      let changes: StateChange[];
      try {
        changes = (JSON.parse(journal.subarray(offset, end).toString('utf8')) as { changes: StateChange[] }).changes;
      } catch (error) {
        throw new Error(
          `sandbox journal ${this.#journalFile} line ${line} is not a journal entry (${(error as Error).message}); ` +
            'it was written whole and cannot be skipped: restore the data directory or start a new one',
        );
      }
      state = applyChanges(state, changes);
      offset = end + 1;
      line++;
    }
    this.#journalEnd = offset;
    return state;
  }

  track(state: SandboxState, fresh: boolean): SandboxState {
    this.#tracker = new StateTracker(state, UNIT_DEPTHS);
    if (fresh) this.#tracker.markAll();
    return this.#tracker.state;
  }

  save(_state: SandboxState): void {
    const tracker = this.#tracker;
    if (!tracker) throw new Error('the sandbox store saves only a state it tracks (call track first)');
    const changes = tracker.takeChanges();
    if (changes.length === 0) return;
    const line = Buffer.from(`${JSON.stringify({ changes })}\n`);
    const fd = openSync(this.#journalFile, 'a+');
    try {
      // Cut off a torn tail left by a crash, so the new line starts on a line of its own.
      if (statSync(this.#journalFile).size !== this.#journalEnd) ftruncateSync(fd, this.#journalEnd);
      writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
    this.#journalEnd += line.length;
    this.stats.journalBytesWritten += line.length;
    if (this.#journalEnd > Math.max(this.#snapshotBytes, this.#compactAbove)) this.compact(tracker);
  }

  /** Folds the journal into a new snapshot. */
  compact(tracker = this.#tracker): void {
    if (!tracker) return;
    const text = JSON.stringify(tracker.snapshot());
    const temporary = `${this.#snapshotFile}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, this.#snapshotFile);
    writeFileSync(this.#journalFile, '');
    this.#snapshotBytes = Buffer.byteLength(text);
    this.#journalEnd = 0;
    this.stats.compactions++;
    this.stats.snapshotBytesWritten += this.#snapshotBytes;
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

  track(state: SandboxState): SandboxState {
    return state;
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
