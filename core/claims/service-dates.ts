/**
 * The dates deadlines count from: a claim's date of service (the earliest date on any of its lines) and the time it
 * entered its status. Timely filing runs from the first (payers count from the first date of service of the claim),
 * follow-ups from the second, and the claim store indexes claims by both.
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

/** When the claim entered its current status (statusSince, or its creation for a claim never moved). */
export function statusSinceOf(claim: Pick<Claim, 'statusSince' | 'lastEvent'>): string {
  return claim.statusSince ?? claim.lastEvent.at;
}
