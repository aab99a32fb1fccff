/**
 * The state tracker behind the sandbox's journal: it notes each write by its unit, hands back the same proxy for the
 * same object and path (so identity comparisons hold), and never lets a proxy into the state.
 */
import { describe, expect, it } from 'vitest';
import { applyChanges, StateTracker, unwrap } from '#local/sandbox/state-tracker';

function tracked() {
  const root = {
    counters: { a: 1, b: 2 },
    tasks: [{ id: 1 }, { id: 2 }],
    files: [] as { id: string; status?: string }[],
    claims: {} as Record<string, { stage: string; lines: { code: string }[] }>,
    ledger: { deductibleMet: {} as Record<string, number> },
  };
  return { root, tracker: new StateTracker(root, { counters: 1, tasks: 1, ledger: 3 }) };
}

describe('the state tracker', () => {
  it('notes writes by unit: a claim, a file record, a ledger entry, a whole small list', () => {
    const { tracker } = tracked();
    const state = tracker.state;
    state.claims.C1 = { stage: 'accepted', lines: [{ code: '99213' }] };
    state.claims.C1.lines[0]!.code = '99214';
    state.files.push({ id: 'F1' });
    state.ledger.deductibleMet.M1 = 5000;
    state.tasks = state.tasks.filter((t) => t.id !== 1);
    state.counters.a++;

    expect(tracker.takeChanges()).toEqual([
      { path: ['tasks'], value: [{ id: 2 }] },
      { path: ['counters'], value: { a: 2, b: 2 } },
      { path: ['claims', 'C1'], value: { stage: 'accepted', lines: [{ code: '99214' }] } },
      { path: ['files', '0'], value: { id: 'F1' } },
      { path: ['files', 'length'], value: 1 },
      { path: ['ledger', 'deductibleMet', 'M1'], value: 5000 },
    ]);
    expect(tracker.takeChanges()).toEqual([]);
  });

  it('gives the same proxy for the same object read the same way, so the sandbox can compare them', () => {
    const { tracker } = tracked();
    const [first] = tracker.state.tasks.filter((t) => t.id === 1);
    const kept = tracker.state.tasks.filter((t) => t !== first);
    expect(kept.map((t) => t.id)).toEqual([2]);
  });

  it('stores raw objects: a proxy put back, even inside a new object, is unwrapped', () => {
    const { root, tracker } = tracked();
    const state = tracker.state;
    state.claims.C1 = { stage: 'accepted', lines: [] };
    state.claims.C2 = { ...state.claims.C1, lines: [...state.tasks.map((t) => ({ code: String(t.id) }))] };
    state.files.push(state.tasks[0] as never);

    expect(unwrap(root.files[0])).toBe(root.files[0]);
    expect(root.files[0]).toBe(root.tasks[0]);
    expect(JSON.parse(JSON.stringify(root.claims.C2))).toEqual({
      stage: 'accepted',
      lines: [{ code: '1' }, { code: '2' }],
    });
  });

  it('records a deletion as a change without a value, and applying the changes rebuilds the state', () => {
    const { root, tracker } = tracked();
    tracker.markAll();
    const start = tracker.takeChanges();
    const state = tracker.state;
    state.claims.C1 = { stage: 'accepted', lines: [] };
    state.ledger.deductibleMet.M1 = 1;
    delete state.ledger.deductibleMet.M1;
    const changes = [...start, ...tracker.takeChanges()];

    expect(changes.at(-1)).toEqual({ path: ['ledger', 'deductibleMet', 'M1'] });
    expect(applyChanges(undefined, JSON.parse(JSON.stringify(changes)))).toEqual(JSON.parse(JSON.stringify(root)));
  });
});
