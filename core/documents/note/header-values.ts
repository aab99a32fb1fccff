/**
 * Reads header values that carry extra words, as typed in real notes: `04/12/1961 (65 y/o)`, `11/02/2026 10:30 AM`,
 * `Female, 65 yo`, `Dr. Lena Ortiz, MD (Internal Medicine)`, `SBX123456789 (primary)`. Each reader returns
 * undefined when the value holds nothing of the kind, and the parser then warns that the field could not be read.
 */
import type { AdministrativeSex, IsoDate } from '../encounter.ts';
import { isValidNpi, parseFlexibleDate, parseSex } from '../identifiers.ts';

const DATE_PATTERNS = [
  /\b\d{4}-\d{2}-\d{2}\b/,
  /\b\d{1,2}\/\d{1,2}\/\d{4}\b/,
  /\b\d{1,2}-\d{1,2}-\d{4}\b/,
  /\b[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}\b/,
  /\b\d{1,2}\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b/,
  /\b\d{8}\b/,
];

/** The first date written in the value, whatever surrounds it (an age, a time, a weekday). */
export function dateInValue(value: string): IsoDate | undefined {
  const whole = parseFlexibleDate(value);
  if (whole) return whole;
  let best: { index: number; date: IsoDate } | undefined;
  for (const pattern of DATE_PATTERNS) {
    const match = pattern.exec(value);
    if (!match) continue;
    const written = match[0].replace(/^(\d{1,2})-(\d{1,2})-(\d{4})$/, '$1/$2/$3');
    const date = parseFlexibleDate(written);
    if (date && (!best || match.index < best.index)) best = { index: match.index, date };
  }
  return best?.date;
}

/** `F`, `Female, 65 yo`, `65 y/o male`: the first word that names a sex. */
export function sexInValue(value: string): AdministrativeSex | undefined {
  const whole = parseSex(value);
  if (whole) return whole;
  for (const word of value.split(/[^A-Za-z]+/)) {
    if (word.length === 1 && !/^[FMfm]$/.test(word)) continue;
    const sex = parseSex(word);
    if (sex) return sex;
  }
  return undefined;
}

/** The first 10-digit run that is a valid NPI (`1456789019`, `NPI 1456789019`). */
export function npiInValue(value: string): string | undefined {
  for (const match of value.matchAll(/(?<!\d)\d{10}(?!\d)/g)) if (isValidNpi(match[0])) return match[0];
  return undefined;
}

/** Whether the value has a 10-digit run at all (an NPI was meant, valid or not). */
export function hasTenDigits(value: string): boolean {
  return /(?<!\d)\d{10}(?!\d)/.test(value);
}

/**
 * A person's name without what typists add around it: parentheses, an age and sex (`, 65 yo F`), an NPI, a
 * specialty after a dash.
 */
export function nameInValue(value: string): string {
  return value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bNPI\b.*$/i, ' ')
    .replace(/(?:,|\s)\s*\d{1,3}\s*(?:y\/?o|yo|yrs?|years?[ -]old)\b.*$/i, ' ')
    .replace(/\s+[-–]\s+.*$/, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[\s,;]+$/, '')
    .trim();
}

/**
 * An identifier as on a card: the value without a parenthesis or a trailing comment after a comma, its inner
 * spaces dropped (`SBX 123 456 789` is printed in groups); else the first token with a digit.
 */
export function identifierInValue(value: string): string | undefined {
  const bare = value
    .replace(/\([^)]*\)/g, ' ')
    .split(/[,;]/)[0]!
    .trim();
  const tokens = bare.split(/\s+/).filter((token) => /^[A-Za-z0-9-]{2,30}$/.test(token));
  const joined = tokens.join('');
  // Printed groups are capitals and digits (`SBX 123 456 789`); a lower-case word is a comment, not the id.
  if (tokens.length > 0 && /\d/.test(joined) && !/[a-z]/.test(joined) && joined.length <= 30) return joined;
  return tokens.find((token) => /\d/.test(token)) ?? (tokens.length === 1 ? tokens[0] : undefined);
}
