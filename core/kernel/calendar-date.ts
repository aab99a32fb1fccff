/**
 * Calendar dates (YYYY-MM-DD): dates of service, birth dates, filing deadlines. Never timestamps: a date of service
 * has no time zone, so arithmetic is done on the proleptic Gregorian calendar in UTC and never shifts a day.
 */
export type CalendarDate = string;

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isCalendarDate(value: string): value is CalendarDate {
  const match = SHAPE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= daysInMonth(y, m);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export class CalendarDateError extends Error {
  constructor(value: string) {
    super(`not a calendar date (YYYY-MM-DD): "${value}"`);
    this.name = 'CalendarDateError';
  }
}

/** The value as a CalendarDate, or a CalendarDateError saying what was found. */
export function calendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) throw new CalendarDateError(value);
  return value;
}

/** The UTC calendar date of an instant (what a Clock's `now()` means as "today" for the pipeline). */
export function calendarDateOf(instant: Date): CalendarDate {
  return instant.toISOString().slice(0, 10);
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const ms = Date.parse(`${calendarDate(date)}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round(
    (Date.parse(`${calendarDate(to)}T00:00:00Z`) - Date.parse(`${calendarDate(from)}T00:00:00Z`)) / 86_400_000,
  );
}

/** YYYY-MM-DD strings order lexically as dates do; this names the intent. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** CCYYMMDD, as X12 D8 dates carry it. */
export function toCompactDate(date: CalendarDate): string {
  return calendarDate(date).replaceAll('-', '');
}

/** A D8 value (CCYYMMDD) as a CalendarDate, or undefined when it is not a real date. */
export function fromCompactDate(value: string): CalendarDate | undefined {
  if (!/^\d{8}$/.test(value)) return undefined;
  const date = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  return isCalendarDate(date) ? date : undefined;
}
