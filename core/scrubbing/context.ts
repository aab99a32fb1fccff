/** Builds the per-claim context every edit reads: line dates, the payer's configuration and rules. */
import type { Claim } from '#core/claims/claim';
import { isIsoDate } from '#core/codesets/dates';
import { normalizeCode } from '#core/codesets/index';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { payerById } from '#core/config/practice-config';
import type { IsoDate } from '#core/documents/encounter';
import type { ScrubContext, ScrubPorts } from './edit.ts';
import { scrubLookups } from './lookup-cache.ts';

export function buildContext(claim: Claim, coded: CodedEncounter, ports: ScrubPorts): ScrubContext {
  // Only real calendar dates reach the code set lookups (which refuse anything else); DOS-MISSING reports the rest.
  const lineDates = claim.lines.map((line) =>
    line.serviceDate !== undefined && isRealDate(line.serviceDate) ? line.serviceDate : undefined,
  );
  let firstDate: IsoDate | undefined;
  for (const date of lineDates)
    if (date !== undefined && (firstDate === undefined || date < firstDate)) firstDate = date;
  const encounterDate = coded.encounter.dateOfService;
  if (firstDate === undefined && encounterDate !== undefined && isRealDate(encounterDate)) firstDate = encounterDate;
  const payer = payerById(ports.config, claim.payer.payerId);
  const payerRules =
    payer?.rulesId !== undefined && firstDate !== undefined
      ? ports.payerRules.rulesFor(payer.rulesId, firstDate)
      : undefined;
  return {
    claim,
    diagnosisCodes: claim.diagnoses.map((d) => normalizeCode(d.code)),
    coded,
    ports,
    lookups: scrubLookups(ports.codeSets),
    lineDates,
    firstDate,
    payer,
    payerRules,
  };
}

/** Age in completed years on a date, from YYYY-MM-DD strings; undefined when either is missing or malformed. */
export function ageOn(birthDate: IsoDate | undefined, date: IsoDate | undefined): number | undefined {
  if (!birthDate || !date || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    return undefined;
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const realDates = new Map<string, boolean>();

/** `isIsoDate`, remembered: the same few dates are checked on every claim of a batch. */
export function isRealDate(value: string): boolean {
  let known = realDates.get(value);
  if (known === undefined) {
    known = isIsoDate(value);
    if (realDates.size >= 10_000) realDates.clear();
    realDates.set(value, known);
  }
  return known;
}
