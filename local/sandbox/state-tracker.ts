/**
 * Which parts of the sandbox's state changed since the last save, without the sandbox saying so: the state is handed
 * to the sandbox behind a proxy that notes every write by its *unit*, the path of the smallest piece worth writing
 * whole (a submission, a claim, a file record, the counters). A save then journals only the units that changed,
 * read as they are at the save, so the work per change is the size of what changed, not of the whole state.
 *
 * Values are stored raw: anything written is unwrapped (proxies read from the state and put back, even nested in a
 * new object, become the objects they stand for), so a proxy never ends up inside the state. Reading the same object
 * through the same path gives the same proxy, so identity comparisons in the sandbox keep working.
 */

/** One journaled change: the value at `path` (absent `value`: the path was deleted). */
export interface StateChange {
  path: (string | number)[];
  value?: unknown;
}

/** How deep the unit of each top-level key is (default 2: `submissions.<id>`, `files.<index>`). */
export type UnitDepths = Readonly<Record<string, number>>;

const RAW = Symbol('raw');

type Tracked = Record<string | symbol, unknown>;

export class StateTracker<T extends object> {
  readonly state: T;
  /** Dirty unit paths by their JSON. */
  readonly #dirty = new Map<string, (string | number)[]>();
  readonly #proxies = new WeakMap<object, Map<string, object>>();
  readonly #root: T;

  constructor(
    root: T,
    private readonly depths: UnitDepths,
    private readonly defaultDepth = 2,
  ) {
    this.#root = root;
    this.state = this.#wrap(root, []) as T;
  }

  /** The state itself, unwatched (to write a snapshot of it). */
  snapshot(): T {
    return this.#root;
  }

  /** Marks the whole state changed (a state the journal has never seen). */
  markAll(): void {
    this.#dirty.clear();
    this.#dirty.set('[]', []);
  }

  /** The changes since the last call, shortest paths first (a whole unit before anything inside it). */
  takeChanges(): StateChange[] {
    const paths = [...this.#dirty.values()].sort((a, b) => a.length - b.length);
    this.#dirty.clear();
    return paths.map((path) => {
      const { found, value } = read(this.#root, path);
      return found && value !== undefined ? { path, value } : { path };
    });
  }

  #unitDepth(path: readonly (string | number)[]): number {
    const top = path[0];
    return top === undefined ? 1 : (this.depths[String(top)] ?? this.defaultDepth);
  }

  #mark(path: (string | number)[]): void {
    const unit = path.slice(0, Math.min(path.length, this.#unitDepth(path)));
    this.#dirty.set(JSON.stringify(unit), unit);
  }

  #wrap(target: object, path: (string | number)[]): object {
    const key = JSON.stringify(path);
    let byPath = this.#proxies.get(target);
    const known = byPath?.get(key);
    if (known) return known;
    const tracker = this;
    const proxy = new Proxy(target as Tracked, {
      get(object, property, receiver) {
        if (property === RAW) return object;
        const value = Reflect.get(object, property, receiver);
        if (typeof property === 'symbol' || value === null || typeof value !== 'object') return value;
        return tracker.#wrap(value, [...path, property]);
      },
      set(object, property, value) {
        if (typeof property === 'symbol') return Reflect.set(object, property, value);
        const ok = Reflect.set(object, property, unwrap(value));
        tracker.#mark([...path, property]);
        return ok;
      },
      deleteProperty(object, property) {
        const ok = Reflect.deleteProperty(object, property);
        if (typeof property !== 'symbol') tracker.#mark([...path, property]);
        return ok;
      },
      defineProperty(object, property, descriptor) {
        const ok = Reflect.defineProperty(
          object,
          property,
          'value' in descriptor ? { ...descriptor, value: unwrap(descriptor.value) } : descriptor,
        );
        if (typeof property !== 'symbol') tracker.#mark([...path, property]);
        return ok;
      },
    });
    if (!byPath) {
      byPath = new Map();
      this.#proxies.set(target, byPath);
    }
    byPath.set(key, proxy);
    return proxy;
  }
}

/** The raw value of anything read from a tracked state, deeply (plain objects and arrays are copied only if needed). */
export function unwrap(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const raw = (value as Tracked)[RAW];
  if (raw !== undefined) return raw;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = unwrap(value[i]);
      if (item !== value[i]) copy ??= value.slice();
      if (copy) copy[i] = item;
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(value)) {
    const item = unwrap(v);
    if (item !== v) copy ??= { ...(value as Record<string, unknown>) };
    if (copy) copy[k] = item;
  }
  return copy ?? value;
}

function read(root: object, path: readonly (string | number)[]): { found: boolean; value?: unknown } {
  let node: unknown = root;
  for (const step of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, step)) return { found: false };
    node = (node as Record<string, unknown>)[step];
  }
  return { found: true, value: node };
}

/** Applies journaled changes to a state, in order (the inverse of takeChanges). Returns the new root. */
export function applyChanges<T>(root: T | undefined, changes: readonly StateChange[]): T | undefined {
  let state = root;
  for (const change of changes) {
    const { path } = change;
    if (path.length === 0) {
      state = change.value as T;
      continue;
    }
    if (state === undefined) throw new Error(`a change to ${path.join('.')} comes before any state`);
    let node = state as Record<string | number, unknown>;
    for (const step of path.slice(0, -1)) {
      const next = node[step];
      if (next === null || typeof next !== 'object') node[step] = {};
      node = node[step] as Record<string | number, unknown>;
    }
    const last = path[path.length - 1]!;
    if ('value' in change) node[last] = change.value;
    else delete node[last];
  }
  return state;
}
