/**
 * Time as a port: every rule that depends on "now" (timely filing, webhook tolerance, statements, idempotency
 * windows, interchange dates) takes a Clock, so tests fix the date and nothing fails on a future day.
 */
export interface Clock {
  now(): Date;
}

/** The machine's clock, for entry points (handlers, CLI); core functions receive a Clock instead. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, replays). */
export function fixedClock(instant: Date | string): Clock {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new Error(`fixedClock: not an instant: ${String(instant)}`);
  return { now: () => new Date(ms) };
}
