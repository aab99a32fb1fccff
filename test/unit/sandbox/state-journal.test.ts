/**
 * The sandbox's state on disk: a snapshot and an append-only journal of what each operation changed. Replaying them
 * gives back exactly the state the sandbox had (compared with the same run kept whole in memory), a crash in the
 * middle of a write loses only that operation, a crash in the middle of a compaction loses nothing, and the bytes
 * written per operation do not grow with the state.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '#local/sandbox/sandbox';
import { FileSandboxStore, MemorySandboxStore } from '#local/sandbox/state-store';
import { batch837, FakeClock, sandbox, settle, visit } from './sandbox-fixtures.ts';

const directories: string[] = [];
function directory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimflow-sandbox-journal-'));
  directories.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const MEMBERS = ['SBX445566778', 'REV0001', 'RCP0001', 'INT0001', 'DN50-0001', 'PART0001', 'FE0001', 'X999BAD'];

/** The 837s of each round, built once: their interchange numbers differ every time they are built. */
const bodies = new Map<number, Promise<string>>();
function roundBody(round: number): Promise<string> {
  if (!bodies.has(round))
    bodies.set(round, batch837(MEMBERS.map((member, i) => visit(`R${round}C${i}`, `${member}${round}`))));
  return bodies.get(round)!;
}

/** Submissions of every kind, their acknowledgments, two payment cycles with follow-ups, and a repeated key. */
async function lifecycle(s: Sandbox, clock: FakeClock, rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const body = await roundBody(round);
    s.submit(body, `journal-batch-${round}`);
    s.submit(body, `journal-batch-${round}`);
    await settle(s, clock);
    s.runPaymentCycle();
  }
}

/** The state a store holds, as a fresh process would read it. */
function stateIn(dir: string) {
  return new FileSandboxStore(dir).load();
}

async function referenceState(rounds = 2) {
  const memory = new MemorySandboxStore();
  const { sandbox: s, clock } = sandbox({ store: memory, clock: new FakeClock() });
  await lifecycle(s, clock, rounds);
  return memory.load();
}

describe('the sandbox state journal', () => {
  it('replays to exactly the state the sandbox had, with and without compactions along the way', async () => {
    const expected = await referenceState();
    for (const minCompactionBytes of [Number.MAX_SAFE_INTEGER, 4_000]) {
      const dir = directory();
      const store = new FileSandboxStore(dir, { minCompactionBytes });
      const { sandbox: s, clock } = sandbox({ store, clock: new FakeClock() });
      await lifecycle(s, clock);

      expect(stateIn(dir)).toEqual(expected);
      if (minCompactionBytes === 4_000) expect(store.stats.compactions).toBeGreaterThan(1);
      else expect(store.stats.compactions).toBe(0);
    }
  });

  it('carries on after a restart: the replayed sandbox answers a repeated key and owes what it owed', async () => {
    const dir = directory();
    const clock = new FakeClock();
    const { sandbox: first } = sandbox({ store: new FileSandboxStore(dir), clock });
    const body = await batch837([visit('C1', 'SBX556677889')]);
    const receipt = first.submit(body, 'batch-0001');

    const { sandbox: restarted } = sandbox({ store: new FileSandboxStore(dir), clock });
    expect(restarted.submit(body, 'batch-0001')).toEqual({ ...receipt, replayed: true });
    expect(restarted.received()).toEqual([expect.objectContaining({ submissionId: receipt.submissionId, replays: 1 })]);
    await settle(restarted, clock);
    expect(restarted.status().files).toEqual({ '999': 1, '277CA': 1, '835': 1 });
  });

  it('loses only the operation a crash cut short, and the next save writes on a clean line', async () => {
    const dir = directory();
    const clock = new FakeClock();
    const { sandbox: s } = sandbox({ store: new FileSandboxStore(dir), clock });
    s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
    const before = stateIn(dir);
    // The process died halfway through appending the next operation's line.
    const journal = join(dir, 'state.journal.jsonl');
    const lastLine = readFileSync(journal, 'utf8').trimEnd().split('\n').at(-1)!;
    appendFileSync(journal, lastLine.slice(0, Math.floor(lastLine.length / 2)));

    expect(stateIn(dir)).toEqual(before);
    const { sandbox: restarted } = sandbox({ store: new FileSandboxStore(dir), clock });
    const second = restarted.submit(await batch837([visit('C2', 'SBX667788990')]), 'batch-0002');
    expect(readFileSync(journal, 'utf8').endsWith('\n')).toBe(true);
    const { sandbox: again } = sandbox({ store: new FileSandboxStore(dir), clock });
    expect(again.received().map((r) => r.submissionId)).toEqual(['SUB00000001', second.submissionId]);
  });

  it('refuses a journal line in the middle that is not an entry, rather than skipping what it held', async () => {
    const dir = directory();
    const { sandbox: s } = sandbox({ store: new FileSandboxStore(dir), clock: new FakeClock() });
    s.submit(await batch837([visit('C1', 'SBX556677889')]), 'batch-0001');
    const journal = join(dir, 'state.journal.jsonl');
    writeFileSync(journal, `{"changes":[oops\n${readFileSync(journal, 'utf8')}`);
    expect(() => stateIn(dir)).toThrow(/line 1 is not a journal entry/);
  });

  it('loses nothing when a crash falls between writing the snapshot and emptying the journal', async () => {
    const dir = directory();
    const store = new FileSandboxStore(dir);
    const { sandbox: s, clock } = sandbox({ store, clock: new FakeClock() });
    await lifecycle(s, clock, 1);
    const journal = join(dir, 'state.journal.jsonl');
    const unfolded = readFileSync(journal);
    const expected = stateIn(dir);

    store.compact();
    expect(statSync(journal).size).toBe(0);
    // The journal the crash left behind is replayed over the snapshot that already holds it.
    writeFileSync(journal, unfolded);
    expect(stateIn(dir)).toEqual(expected);
  });

  it('writes per operation what it changed, not the state: the bytes per submission stay flat as the state grows', async () => {
    const dir = directory();
    const store = new FileSandboxStore(dir, { minCompactionBytes: Number.MAX_SAFE_INTEGER });
    const { sandbox: s, clock } = sandbox({ store, clock: new FakeClock() });
    const bytesPerSubmission: number[] = [];
    for (let i = 0; i < 400; i++) {
      const body = await batch837([visit(`L${i}`, `SBX${String(300_000_000 + i)}`)]);
      const before = store.stats.journalBytesWritten;
      s.submit(body, `linear-${String(i).padStart(4, '0')}`);
      bytesPerSubmission.push(store.stats.journalBytesWritten - before);
      // Its acknowledgments go out before the next one comes in: what grows is history (submissions, claims,
      // files), not the work pending now (pending lists are written whole, and hold only what is owed now).
      clock.advance(15 * 60_000);
      await s.runDue();
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(bytesPerSubmission.slice(10, 30));
    const late = mean(bytesPerSubmission.slice(-20));
    // The whole state after 400 submissions is hundreds of times one submission's share of it.
    expect(statSync(join(dir, 'state.journal.jsonl')).size).toBeGreaterThan(200 * early);
    expect(late / early).toBeLessThan(1.1);
  });

  it('compacts once the journal outgrows the snapshot, so what it writes in all stays linear in what changed', async () => {
    const batches = await Promise.all(
      Array.from({ length: 200 }, (_, i) => batch837([visit(`K${i}`, `SBX${String(400_000_000 + i)}`)])),
    );
    const run = async (store: FileSandboxStore | MemorySandboxStore) => {
      const { sandbox: s } = sandbox({ store, clock: new FakeClock() });
      for (const [i, body] of batches.entries()) s.submit(body, `compact-${i}`);
    };
    const dir = directory();
    const store = new FileSandboxStore(dir, { minCompactionBytes: 8_000 });
    await run(store);
    const memory = new MemorySandboxStore();
    await run(memory);

    expect(store.stats.compactions).toBeGreaterThan(2);
    // Each compaction follows a journal larger than the snapshot before it, so all snapshots together cost at most
    // about twice what was journaled (a geometric series), never a snapshot per change.
    expect(store.stats.snapshotBytesWritten).toBeLessThan(2 * store.stats.journalBytesWritten);
    expect(stateIn(dir)).toEqual(memory.load());
  });
});
