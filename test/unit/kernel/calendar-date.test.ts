import { describe, expect, it } from 'vitest';
import {
  addDays,
  CalendarDateError,
  calendarDate,
  calendarDateOf,
  daysBetween,
  fromCompactDate,
  isCalendarDate,
  toCompactDate,
} from '#core/kernel/calendar-date';
import { fixedClock } from '#core/kernel/clock';
import { derivedId, sequentialIds } from '#core/kernel/ids';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(() => calendarDate('2026-04-31')).toThrow(CalendarDateError);
  });

  it('does day arithmetic without time zones shifting a day', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(calendarDateOf(new Date('2026-07-04T23:59:59.999Z'))).toBe('2026-07-04');
  });

  it('converts to and from X12 D8', () => {
    expect(toCompactDate('2026-07-04')).toBe('20260704');
    expect(fromCompactDate('20260704')).toBe('2026-07-04');
    expect(fromCompactDate('20260231')).toBeUndefined();
  });
});

describe('clock and ids', () => {
  it('a fixed clock always answers the same instant', () => {
    const clock = fixedClock('2026-05-01T12:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(clock.now()).not.toBe(clock.now());
  });

  it('derived ids are stable, sized and separate their parts unambiguously', () => {
    const id = derivedId('CF', ['doc', 0], 20);
    expect(id).toHaveLength(20);
    expect(id).toBe(derivedId('CF', ['doc', 0], 20));
    expect(derivedId('CF', ['a#b', 'c'], 20)).not.toBe(derivedId('CF', ['a', 'b#c'], 20));
    const ids = sequentialIds('t-');
    expect([ids.next(), ids.next()]).toEqual(['t-1', 't-2']);
  });
});
