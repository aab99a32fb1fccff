/**
 * Interchange (ISA13), group (GS06) and transaction (ST02) control numbers. Receivers reject or silently drop a
 * file whose control numbers repeat, so they come from a persistent counter port: the DynamoDB implementation
 * lives with the infrastructure, the in-memory one below serves tests and one-off builds.
 */

export type ControlNumberKind = 'interchange' | 'group' | 'transaction';

export interface ControlNumbers {
  /**
   * Reserve `count` consecutive numbers (default 1) of `kind` and return the first. Numbers handed out are never
   * handed out again by the same counter.
   */
  next(kind: ControlNumberKind, count?: number): Promise<number>;
}

/** The largest control number X12 allows: ISA13 is 9 digits, GS06 and ST02 are at most 9 digits. */
export const MAX_CONTROL_NUMBER = 999_999_999;

export type ControlNumberState = Record<ControlNumberKind, number>;

/** The next number each kind would hand out, starting at 1. */
export function initialControlNumberState(): ControlNumberState {
  return { interchange: 1, group: 1, transaction: 1 };
}

/**
 * Reserve a block in `state` (mutated), refusing to go past 9 digits: wrapping around would repeat numbers the
 * receiver has already seen, so running out is an operator decision, not something to paper over.
 */
export function reserveControlNumbers(state: ControlNumberState, kind: ControlNumberKind, count = 1): number {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`control number block size must be a positive integer, got ${count}`);
  }
  const first = state[kind];
  const last = first + count - 1;
  if (last > MAX_CONTROL_NUMBER) {
    throw new RangeError(
      `${kind} control numbers exhausted: reserving ${count} from ${first} would pass ${MAX_CONTROL_NUMBER}`,
    );
  }
  state[kind] = last + 1;
  return first;
}

/** Counter kept in memory: unique for the life of the object only. */
export class InMemoryControlNumbers implements ControlNumbers {
  readonly #state: ControlNumberState;

  constructor(start: Partial<ControlNumberState> = {}) {
    this.#state = { ...initialControlNumberState(), ...start };
  }

  async next(kind: ControlNumberKind, count = 1): Promise<number> {
    return reserveControlNumbers(this.#state, kind, count);
  }
}
