/**
 * Dates in code sets are ISO calendar dates (`YYYY-MM-DD`), compared as strings (which sorts them correctly).
 * CMS files write them as `YYYYMMDD`; these helpers convert and validate in one place.
 */
import type { IsoDate } from '#core/documents/encounter';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CMS_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (rejects 2025-02-30). */
export function isIsoDate(value: string): value is IsoDate {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/** Converts a CMS `YYYYMMDD` date to `YYYY-MM-DD`; returns undefined when it is not a real date. */
export function fromCmsDate(value: string): IsoDate | undefined {
  const match = CMS_DATE.exec(value);
  if (!match) return undefined;
  const iso = `${match[1]}-${match[2]}-${match[3]}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** The day before an ISO date (the last day of a release superseded on `date`). */
export function dayBefore(date: IsoDate): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** Whether `date` lies in the inclusive range `[from, to]`; an absent `to` is open-ended. */
export function isWithin(date: IsoDate, from: IsoDate | undefined, to: IsoDate | undefined): boolean {
  return (from === undefined || from <= date) && (to === undefined || date <= to);
}
