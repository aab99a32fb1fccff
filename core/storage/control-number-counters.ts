/**
 * Persistent X12 control number counters, one set per interchange sender (ISA06). Receivers drop or reject a file
 * whose control numbers repeat, so a counter hands out each number at most once, even to concurrent callers, and
 * refuses to go past 999999999 instead of wrapping silently: running out is an operator decision. Implementations:
 * core/storage/memory and functions/common/storage (a conditional UpdateItem ADD); both pass
 * test/unit/storage/conformance/control-number-counters.ts.
 */
import { type ControlNumberKind, type ControlNumbers, MAX_CONTROL_NUMBER } from '#core/x12/837p/control-numbers';

export interface ControlNumberCounters {
  /** Reserves `count` consecutive numbers of `kind` for `senderId` and returns the first. */
  reserve(senderId: string, kind: ControlNumberKind, count?: number): Promise<number>;
}

export class ControlNumbersExhaustedError extends Error {
  constructor(
    readonly senderId: string,
    readonly kind: ControlNumberKind,
    readonly count: number,
  ) {
    super(
      `${kind} control numbers of sender ${senderId} are exhausted: reserving ${count} more would pass ` +
        `${MAX_CONTROL_NUMBER}; an operator must agree a new sender id or a reset with the receiver`,
    );
    this.name = 'ControlNumbersExhaustedError';
  }
}

export function checkBlockSize(count: number): void {
  if (!Number.isSafeInteger(count) || count < 1 || count > MAX_CONTROL_NUMBER)
    throw new RangeError(`control number block size must be a positive integer, got ${count}`);
}

/** The ControlNumbers port of the 837P builder over one sender's counters. */
export function controlNumbersOf(counters: ControlNumberCounters, senderId: string): ControlNumbers {
  return { next: (kind, count) => counters.reserve(senderId, kind, count) };
}
