/**
 * A claim's date of service as deadlines count it: the earliest date on any of its lines. Timely filing runs from it
 * (payers count from the first date of service of the claim), and the claim store indexes claims by it.
 */
import type { Claim } from './claim.ts';

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest line date of service, or undefined when no line carries a YYYY-MM-DD date. */
export function firstServiceDate(claim: Pick<Claim, 'lines'>): string | undefined {
  let first: string | undefined;
  for (const line of claim.lines) {
    const date = line.serviceDate;
    if (date !== undefined && CALENDAR_DATE.test(date) && (first === undefined || date < first)) first = date;
  }
  return first;
}
