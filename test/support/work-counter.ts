/**
 * Counted work, for the specs that prove a stage linear or bounded on hostile input without a clock. While the measured
 * code runs, the built-in scans and lookups it works through are counted: an array scan as the elements it may visit
 * (find, some, includes, filter, map, ...), a string search as the characters it passes (indexOf, includes) and a split
 * as the characters it reads, a Set or Map lookup or insertion as one. The quadratic shapes these stages once had (a
 * scan of every earlier line for each line) show up as the square of the input in this count, whatever the machine,
 * its load or its garbage collector; a hand-written nested loop does not, so specs also count their stage's own port
 * calls where it has them. The count is exact and repeatable: the same input always counts the same.
 */

type Method = (...args: unknown[]) => unknown;

const ARRAY_SCANS = [
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'some',
  'every',
  'includes',
  'indexOf',
  'lastIndexOf',
  'filter',
  'map',
  'flatMap',
  'forEach',
  'reduce',
] as const;

export interface WorkCount {
  /** Elements and characters scanned, plus Set and Map operations. */
  units: number;
}

function patch(target: object, name: string, cost: (self: unknown, args: unknown[], result: unknown) => number) {
  const original = (target as Record<string, Method>)[name]!;
  const count = current!;
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    value: function counted(this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      count.units += cost(this, args, result);
      return result;
    },
  });
  return () => Object.defineProperty(target, name, { configurable: true, writable: true, value: original });
}

let current: WorkCount | undefined;

/** Runs `work` (synchronous) and returns what it did, counted as above. */
export function countWork(work: () => unknown): WorkCount {
  const restore = startCounting();
  try {
    work();
    return current!;
  } finally {
    restore();
  }
}

/**
 * The same for asynchronous work whose promises are settled in memory (in-memory ports): nothing else may run while it
 * is counted, so the spec awaits nothing else meanwhile. The count is still exact; a spec checks it repeats.
 */
export async function countAsyncWork(work: () => Promise<unknown>): Promise<WorkCount> {
  const restore = startCounting();
  try {
    await work();
    return current!;
  } finally {
    restore();
  }
}

function startCounting(): () => void {
  if (current) throw new Error('work counting does not nest');
  current = { units: 0 };
  const restore: (() => void)[] = [];
  for (const name of ARRAY_SCANS) restore.push(patch(Array.prototype, name, (self) => (self as unknown[]).length));
  restore.push(
    patch(String.prototype, 'indexOf', (self, args, found) => {
      const text = self as string;
      const from = Math.max(0, Number(args[1] ?? 0) || 0);
      return (found as number) < 0 ? Math.max(0, text.length - from) : (found as number) - from + 1;
    }),
    patch(String.prototype, 'includes', (self) => (self as string).length),
    patch(String.prototype, 'split', (self) => (self as string).length),
  );
  for (const prototype of [Set.prototype, Map.prototype])
    for (const name of ['has', 'get', 'set', 'add', 'delete'])
      if (name in prototype) restore.push(patch(prototype, name, () => 1));
  return () => {
    for (const undo of restore.reverse()) undo();
    current = undefined;
  };
}
