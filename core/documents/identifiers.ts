/**
 * Checks for the identifiers and values a claim carries. Parsers keep a value only when it is well formed and warn
 * otherwise, so a malformed NPI is reported as missing rather than sent to a payer.
 */
import type { AdministrativeSex, IsoDate } from './encounter.ts';

/**
 * NPI: 10 digits whose last is a Luhn check digit computed over the number prefixed with 80840 (the card issuer
 * prefix the NPI standard borrows from ISO 7812).
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Employer identification number: 9 digits, written with or without the hyphen after the second. */
export function normalizeTin(tin: string): string | undefined {
  const digits = tin.trim().replace(/^(\d{2})-(\d{7})$/, '$1$2');
  return /^\d{9}$/.test(digits) ? digits : undefined;
}

/** ZIP code as 5 or 9 digits without hyphen, or undefined. */
export function normalizePostalCode(code: string): string | undefined {
  const digits = code.trim().replace(/^(\d{5})-(\d{4})$/, '$1$2');
  return /^\d{5}(\d{4})?$/.test(digits) ? digits : undefined;
}

/** A real calendar date in YYYY-MM-DD form (rejects 2026-02-30). */
export function isIsoDate(value: string): value is IsoDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/**
 * The calendar date written at the start of a date or date-time, as the source wrote it: `2026-11-02T23:30:00-05:00`
 * is 2026-11-02, the visit's local date, never shifted through UTC.
 */
export function calendarDateOf(value: string): IsoDate | undefined {
  const head = value.trim().slice(0, 10);
  return isIsoDate(head) && (value.trim().length === 10 || value.trim()[10] === 'T') ? head : undefined;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `Nov`, `Sept`, `November` (a prefix of at least three letters of the month's name). */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTHS.findIndex((month) => month.startsWith(lower));
  return lower.length >= 3 && index >= 0 ? index + 1 : undefined;
}

function isoFrom(year: string, month: number | string, day: string): IsoDate | undefined {
  const iso = `${year}-${String(month).padStart(2, '0')}-${day.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** Dates as people type them: YYYY-MM-DD, MM/DD/YYYY, M/D/YYYY, YYYYMMDD, `Nov 2, 2026`, `2 November 2026`. */
export function parseFlexibleDate(value: string): IsoDate | undefined {
  const text = value.trim();
  const monthFirst = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (monthFirst) {
    const month = monthNumber(monthFirst[1]!);
    return month ? isoFrom(monthFirst[3]!, month, monthFirst[2]!) : undefined;
  }
  const dayFirst = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/.exec(text);
  if (dayFirst) {
    const month = monthNumber(dayFirst[2]!);
    return month ? isoFrom(dayFirst[3]!, month, dayFirst[1]!) : undefined;
  }
  if (isIsoDate(text)) return text;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) {
    const iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) {
    const iso = `${compact[1]}-${compact[2]}-${compact[3]}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  return undefined;
}

export function parseSex(value: string): AdministrativeSex | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'f' || text === 'female') return 'F';
  if (text === 'm' || text === 'male') return 'M';
  if (text === 'u' || text === 'unknown' || text === 'o' || text === 'other') return 'U';
  return undefined;
}

/** CMS place of service: two digits. */
export function normalizePlaceOfService(value: string): string | undefined {
  const text = value.trim();
  if (/^\d{1,2}$/.test(text)) return text.padStart(2, '0');
  return undefined;
}

/** CPT (5 digits, or 4 digits + F/T/U for category II/III and PLA) or HCPCS Level II (letter + 4 digits). */
export function procedureCodeSystem(code: string): 'CPT' | 'HCPCS' | undefined {
  const text = code.trim().toUpperCase();
  if (/^\d{5}$/.test(text) || /^\d{4}[FTU]$/.test(text)) return 'CPT';
  if (/^[A-V]\d{4}$/.test(text)) return 'HCPCS';
  return undefined;
}

/** ICD-10-CM written with or without the dot: `E11.9`, `E119`, `S93.401A`. Returns the dotted form. */
export function normalizeIcd10Cm(code: string): string | undefined {
  const text = code.trim().toUpperCase().replace('.', '');
  if (!/^[A-Z][0-9][0-9A-Z]([0-9A-Z]{0,4})$/.test(text)) return undefined;
  return text.length > 3 ? `${text.slice(0, 3)}.${text.slice(3)}` : text;
}
