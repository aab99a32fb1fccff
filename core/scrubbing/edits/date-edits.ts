/** Dates of service (present, not in the future, within timely filing) and duplicates of claims already sent. */
import { daysBetween, isRealDate } from '../context.ts';
import { type EditDefinition, type EditHit, NO_HITS, type SyncEditDefinition } from '../edit.ts';

const TR3 = 'ASC X12 837P 005010X222A1';

export const dateOfServiceMissing: SyncEditDefinition = {
  id: 'DOS-MISSING',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'Every line has a real date of service (its own or the encounter’s).',
  source: `${TR3} loop 2400 DTP*472 (service date, required)`,
  example: 'A visit whose document gives no date of service.',
  check(context) {
    return context.claim.lines.flatMap((line, index): EditHit[] => {
      const date = line.serviceDate;
      if (date !== undefined && isRealDate(date)) return NO_HITS;
      return [
        {
          message:
            date === undefined
              ? `Line ${index + 1} (${line.code}) has no date of service.`
              : `Line ${index + 1} (${line.code}) has a date of service that is not a real date.`,
          field: `lines[${index}].serviceDate`,
          suggestedFix: 'Enter the date the service was performed.',
        },
      ];
    });
  },
};

export const dateOfServiceFuture: SyncEditDefinition = {
  id: 'DOS-FUTURE',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'No date of service is later than today (services are billed after they are performed).',
  source: `${TR3} DTP*472; payer front-end edits (future date of service)`,
  example: 'A line dated next week.',
  check(context) {
    const today = context.ports.today;
    return context.lineDates.flatMap((date, index): EditHit[] =>
      date !== undefined && isRealDate(date) && date > today
        ? [
            {
              message: `Line ${index + 1} has a date of service (${date}) after today (${today}).`,
              field: `lines[${index}].serviceDate`,
              suggestedFix: 'Correct the date, or hold the claim until the service is performed.',
            },
          ]
        : NO_HITS,
    );
  },
};

export const timelyFiling: SyncEditDefinition = {
  id: 'TIMELY-FILING',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The earliest date of service is within the payer’s timely-filing limit (days, practice configuration).',
  source: 'Payer timely-filing limit (practice configuration payers[].timelyFilingDays; Medicare: 42 CFR 424.44)',
  example: 'A 2025-01-10 visit billed on 2026-11-23 to a payer with a 180-day limit.',
  check(context) {
    const first = context.firstDate;
    const limit = context.payer?.timelyFilingDays;
    if (first === undefined || limit === undefined || !isRealDate(first) || first > context.ports.today) return NO_HITS;
    const age = daysBetween(first, context.ports.today);
    if (age <= limit) return NO_HITS;
    return [
      {
        message: `The date of service ${first} is ${age} days ago; ${context.payer?.name ?? 'the payer'} accepts claims for ${limit} days.`,
        field: `lines[${Math.max(0, context.lineDates.indexOf(first))}].serviceDate`,
        suggestedFix:
          'Send only with proof of timely filing (an earlier acceptance report) or an exception; otherwise write it off.',
        source: `Payer timely-filing limit: ${limit} days (practice configuration, payer ${context.payer?.payerId})`,
      },
    ];
  },
};

export const duplicateClaim: EditDefinition = {
  id: 'DUPLICATE-CLAIM',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks:
    'No other claim with the same patient (member id, date of birth), dates of service, billing NPI and procedure codes is already queued or sent.',
  source: 'Payer duplicate-claim edits (CARC 18: exact duplicate claim/service)',
  example: 'The same visit sent again under a new claim id after the first was accepted.',
  async check(context) {
    // A replacement or void refers to the claim it changes: it is expected to match it.
    if (context.claim.frequency !== '1') return NO_HITS;
    const matches = await context.ports.priorClaims.findDuplicates(context.claim);
    return matches.map((match) => ({
      message: `This claim duplicates claim ${match.claimId} (${match.status}) for the same patient, date, provider and services.`,
      field: 'id',
      suggestedFix: `Do not send it; if claim ${match.claimId} needs a change, send a replacement (frequency 7) instead.`,
    }));
  },
};

export const DATE_EDITS: readonly EditDefinition[] = [
  dateOfServiceMissing,
  dateOfServiceFuture,
  timelyFiling,
  duplicateClaim,
];
