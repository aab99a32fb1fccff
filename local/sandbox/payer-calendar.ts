/**
 * The sandbox payer's clock, which a caller may move forward: the payer's calendar (a 277CA due ten minutes after
 * receipt, a payment cycle every half hour) jumps to the next instant something falls due instead of being sat
 * through. Tests that wait for the payer's answers but prove nothing about when they come use it (through
 * local/cli/settle-clearinghouse.ts); AWS's own waiting (queues, function timeouts, schedules) is not on this clock.
 * It never goes back, and runs with the wall clock between jumps.
 */
import type { Clock } from '#core/kernel/clock';

export class PayerCalendar implements Clock {
  #aheadMs = 0;

  now(): Date {
    return new Date(Date.now() + this.#aheadMs);
  }

  /** Moves the payer's clock to `instantMs` (epoch ms), if that is later than its now. */
  skipTo(instantMs: number): void {
    this.#aheadMs = Math.max(this.#aheadMs, instantMs - Date.now());
  }

  /** How far ahead of the wall clock the payer is, in ms (what skipping saved). */
  get aheadMs(): number {
    return this.#aheadMs;
  }
}
