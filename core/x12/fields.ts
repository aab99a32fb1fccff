/**
 * Typed readers for common X12 elements, shared by the transaction parsers. Malformed values throw an X12Error
 * naming the segment position, the element (e.g. "CLP04") and what was expected.
 */
import { type Cents, MoneyError, toCents } from '#core/kernel/money';
import type { Segment } from './segment.ts';
import { X12Error } from './x12-error.ts';

/** Element reference such as "CLP04" for messages. */
export function elementName(segment: Segment, n: number): string {
  return `${segment.id}${String(n).padStart(2, '0')}`;
}

/** Throw an X12Error located at `segment` about element n. */
export function elementError(segment: Segment, n: number, code: string, expected: string): X12Error {
  const found = segment.element(n);
  return new X12Error(code, `${elementName(segment, n)} ${expected}, found "${found}"`, segment);
}

/** A required element: throws when absent or empty. */
export function required(segment: Segment, n: number, what: string): string {
  const value = segment.element(n);
  if (value === '') throw elementError(segment, n, 'REQUIRED_ELEMENT', `(${what}) is required`);
  return value;
}

/** Whether a string is an X12 decimal (R type): optional sign, digits, optional fraction. */
function isDecimal(value: string): boolean {
  return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(value);
}

/**
 * Monetary amount (X12 R) as integer cents. Extra zero decimals ("8.000") are accepted; a non-zero third
 * decimal is not money and is rejected.
 */
export function amountAt(segment: Segment, n: number, what: string): Cents {
  const start = segment.elementStart(n);
  const end = start === -1 ? -1 : segment.elementEnd(n);
  if (start === end) throw elementError(segment, n, 'REQUIRED_ELEMENT', `(${what}) is required`);
  const cents = plainCents(segment.raw, start, end);
  return Number.isNaN(cents) ? toMoney(segment, n, segment.raw.slice(start, end)) : cents;
}

/** Optional monetary amount; undefined when absent. */
export function optionalAmountAt(segment: Segment, n: number): Cents | undefined {
  const start = segment.elementStart(n);
  const end = start === -1 ? -1 : segment.elementEnd(n);
  if (start === end) return undefined;
  const cents = plainCents(segment.raw, start, end);
  return Number.isNaN(cents) ? toMoney(segment, n, segment.raw.slice(start, end)) : cents;
}

/** Convert an amount string already known to sit in element n (for composites and repeated pairs). */
export function toMoney(segment: Segment, n: number, value: string): Cents {
  const plain = plainCents(value, 0, value.length);
  if (!Number.isNaN(plain)) return plain;
  if (!isDecimal(value)) throw elementError(segment, n, 'AMOUNT', 'must be a decimal amount');
  let normalized = value.startsWith('+') ? value.slice(1) : value;
  if (normalized.startsWith('.') || normalized.startsWith('-.')) normalized = normalized.replace('.', '0.');
  if (normalized.endsWith('.')) normalized = normalized.slice(0, -1);
  const dot = normalized.indexOf('.');
  if (dot !== -1 && normalized.length - dot - 1 > 2) {
    const extra = normalized.slice(dot + 3);
    if (/[^0]/.test(extra)) throw elementError(segment, n, 'AMOUNT', 'must have at most two significant decimals');
    normalized = normalized.slice(0, dot + 3);
  }
  try {
    return toCents(normalized);
  } catch (error) {
    // Beyond the exactly representable range: refused with its location, never rounded.
    if (error instanceof MoneyError) throw elementError(segment, n, 'AMOUNT', `cannot be represented exactly in cents`);
    throw error;
  }
}

/** More whole digits than this could lose exactness in a double once multiplied by 100; `toCents` handles them. */
const MAX_PLAIN_WHOLE_DIGITS = 13;

/**
 * Cents of the common shape "-123.45" (sign optional, at most two decimals) read straight from `text[start, end)`,
 * with no substring and no regex; NaN for any other shape, which the caller hands to the general path. The result
 * is exactly `toCents` of the same text (a "-0" is 0).
 */
function plainCents(text: string, start: number, end: number): Cents {
  let i = start;
  const negative = text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  const wholeStart = i;
  let whole = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === wholeStart || i - wholeStart > MAX_PLAIN_WHOLE_DIGITS) return Number.NaN;
  let fraction = 0;
  if (i < end) {
    if (text.charCodeAt(i) !== 46) return Number.NaN; // '.'
    const fractionStart = ++i;
    for (; i < end; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) return Number.NaN;
      fraction = fraction * 10 + digit;
    }
    const decimals = i - fractionStart;
    if (decimals === 0 || decimals > 2) return Number.NaN;
    if (decimals === 1) fraction *= 10;
  }
  const cents = whole * 100 + fraction;
  return negative && cents !== 0 ? -cents : cents;
}

/** Optional decimal quantity (X12 R) kept as a number. */
export function optionalQuantityAt(segment: Segment, n: number): number | undefined {
  const start = segment.elementStart(n);
  const end = start === -1 ? -1 : segment.elementEnd(n);
  if (start === end) return undefined;
  const quick = plainDecimal(segment.raw, start, end);
  if (!Number.isNaN(quick)) return quick;
  const value = segment.raw.slice(start, end);
  if (!isDecimal(value)) throw elementError(segment, n, 'QUANTITY', 'must be a decimal number');
  return Number(value);
}

/** Powers of ten that are exact doubles, for dividing an exact integer mantissa once. */
const EXACT_POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
/** Mantissas up to 15 digits are exact doubles, so mantissa / 10^k is the correctly rounded `Number(text)`. */
const MAX_PLAIN_DIGITS = 15;

/**
 * `Number(text[start, end))` for the common shape "-12.5" (sign optional, digits, optional fraction), read without
 * a substring; NaN for any other shape. Dividing an exact integer by an exact power of ten rounds once, correctly,
 * so the result is identical to `Number` of the text.
 */
function plainDecimal(text: string, start: number, end: number): number {
  let i = start;
  const negative = text.charCodeAt(i) === 45; // '-'
  if (negative) i++;
  const digitsStart = i;
  let mantissa = 0;
  let decimals = 0;
  let dot = -1;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && dot === -1) {
      dot = i;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    mantissa = mantissa * 10 + digit;
    if (dot !== -1) decimals++;
  }
  const digits = i - digitsStart - (dot === -1 ? 0 : 1);
  if (digits > MAX_PLAIN_DIGITS || dot === digitsStart || (dot !== -1 && decimals === 0) || i === digitsStart) {
    return Number.NaN;
  }
  const value = mantissa / (EXACT_POWERS_OF_TEN[decimals] as number);
  return negative ? -value : value;
}

/** An entity name from NM1. */
export interface EntityName {
  /** NM101 entity identifier code, e.g. "QC" patient, "IL" insured, "74" corrected, "82" rendering. */
  entity: string;
  /** NM102: "1" person, "2" non-person. */
  entityType: string;
  lastOrOrganization: string;
  first?: string;
  middle?: string;
  suffix?: string;
  /** NM108, e.g. "MI" member id, "XX" NPI. */
  idQualifier?: string;
  id?: string;
}

export function readName(nm1: Segment): EntityName {
  return new EntityNameValue(nm1);
}

/*
 * The typed values below are built by constructors, not object literals. V8 learns for each literal in the source
 * whether the objects it creates outlive the young generation; once one large remittance (all of whose claims stay
 * alive until it ends) has taught it that, it allocates every later object of that literal directly in the old
 * generation, and small files then parse much slower (typed 835 on the official samples fell from 1.8x to 1.1x
 * node-x12 after one 13 MB remittance in the same process). Objects made by `new` carry no such allocation site.
 * Each constructor assigns the same properties in the same order as the literal it replaces; properties are
 * `declare`d so that constructing is just those assignments.
 */

class EntityNameValue implements EntityName {
  declare entity: string;
  declare entityType: string;
  declare lastOrOrganization: string;
  declare first: string | undefined;
  declare middle: string | undefined;
  declare suffix: string | undefined;
  declare idQualifier: string | undefined;
  declare id: string | undefined;

  constructor(nm1: Segment) {
    this.entity = nm1.element(1);
    this.entityType = nm1.element(2);
    this.lastOrOrganization = nm1.element(3);
    this.first = nm1.optional(4);
    this.middle = nm1.optional(5);
    this.suffix = nm1.optional(7);
    this.idQualifier = nm1.optional(8);
    this.id = nm1.optional(9)?.trim();
  }
}

export interface Reference {
  /** REF01, e.g. "6R" line item control number, "1K" payer claim number, "EA" medical record. */
  qualifier: string;
  value: string;
  description?: string;
}

export function readReference(ref: Segment): Reference {
  return new ReferenceValue(ref);
}

class ReferenceValue implements Reference {
  declare qualifier: string;
  declare value: string;
  declare description: string | undefined;

  constructor(ref: Segment) {
    this.qualifier = ref.element(1);
    this.value = ref.element(2);
    this.description = ref.optional(3);
  }
}

export interface DateValue {
  /** Date/time qualifier, e.g. "232" claim start, "472" service date. */
  qualifier: string;
  /** CCYYMMDD, or a range "CCYYMMDD-CCYYMMDD" for RD8. */
  date: string;
  /** DTP02 format qualifier ("D8", "RD8"); DTM dates are always D8. */
  format?: string;
}

export function readDtm(dtm: Segment): DateValue {
  return new DtmDate(dtm);
}

class DtmDate implements DateValue {
  declare qualifier: string;
  declare date: string;

  constructor(dtm: Segment) {
    this.qualifier = dtm.element(1);
    this.date = dtm.element(2);
  }
}

export function readDtp(dtp: Segment): DateValue {
  return { qualifier: dtp.element(1), format: dtp.element(2), date: dtp.element(3) };
}

export interface AmountValue {
  /** AMT01, e.g. "AU" coverage amount, "B6" allowed. */
  qualifier: string;
  amount: Cents;
}

export function readAmount(amt: Segment): AmountValue {
  return new AmtAmount(amt);
}

class AmtAmount implements AmountValue {
  declare qualifier: string;
  declare amount: Cents;

  constructor(amt: Segment) {
    this.qualifier = amt.element(1);
    this.amount = amountAt(amt, 2, 'monetary amount');
  }
}

export interface QuantityValue {
  qualifier: string;
  quantity: number;
}

export function readQuantity(qty: Segment): QuantityValue {
  return new QtyQuantity(qty);
}

class QtyQuantity implements QuantityValue {
  declare qualifier: string;
  declare quantity: number;

  constructor(qty: Segment) {
    this.qualifier = qty.element(1);
    this.quantity = optionalQuantityAt(qty, 2) ?? 0;
  }
}

export interface Address {
  lines: string[];
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}
