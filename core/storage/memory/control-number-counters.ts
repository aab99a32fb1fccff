/** Control number counters held in memory, with the same never-repeat, never-wrap contract as the DynamoDB store. */

import type { ControlNumberKind } from '#core/x12/837p/control-numbers';
import { MAX_CONTROL_NUMBER } from '#core/x12/837p/control-numbers';
import {
  type ControlNumberCounters,
  ControlNumbersExhaustedError,
  checkBlockSize,
} from '../control-number-counters.ts';

export class InMemoryControlNumberCounters implements ControlNumberCounters {
  /** The last number handed out per sender and kind (0 before the first). */
  readonly #last = new Map<string, number>();

  /** `start` sets the last number handed out, e.g. to test exhaustion. */
  constructor(start: Record<string, Partial<Record<ControlNumberKind, number>>> = {}) {
    for (const [sender, kinds] of Object.entries(start))
      for (const [kind, last] of Object.entries(kinds)) this.#last.set(`${sender}|${kind}`, last);
  }

  async reserve(senderId: string, kind: ControlNumberKind, count = 1): Promise<number> {
    checkBlockSize(count);
    const key = `${senderId}|${kind}`;
    const last = this.#last.get(key) ?? 0;
    if (last + count > MAX_CONTROL_NUMBER) throw new ControlNumbersExhaustedError(senderId, kind, count);
    this.#last.set(key, last + count);
    return last + 1;
  }
}
