/**
 * Money is integer cents everywhere; these helpers are the only place decimal strings are read or written. An
 * amount is a safe integer number of cents (|cents| <= Number.MAX_SAFE_INTEGER, about 90 trillion dollars): every
 * sum of a claim's or a remittance's amounts stays exact. What cannot be represented exactly is refused, never
 * rounded.
 */
export type Cents = number;

/** Why an amount was refused; callers that know where the amount sits (an X12 element) add the location. */
export type MoneyProblem = 'not_decimal' | 'sub_cent' | 'out_of_range';

export class MoneyError extends Error {
  constructor(
    readonly problem: MoneyProblem,
    message: string,
  ) {
    super(message);
    this.name = 'MoneyError';
  }
}

export const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/** Digits, an optional fraction; extra fraction digits are allowed only when they are zeros ("8.000"). */
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/**
 * Parse a decimal amount such as "125", "125.5", "-3.07" or "8.000" into integer cents, exactly: the digits are
 * combined as a BigInt, so "1000000000000000.01" is either its exact cents or refused, never rounded.
 */
export function toCents(amount: string): Cents {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new MoneyError('not_decimal', `not a monetary amount: "${amount}"`);
  const [, sign, whole = '', fraction = ''] = match;
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2)
    throw new MoneyError('sub_cent', `a monetary amount has at most two decimals, got "${amount}"`);
  const exact = BigInt(whole) * 100n + BigInt(significant.padEnd(2, '0'));
  if (exact > BigInt(MAX_CENTS))
    throw new MoneyError('out_of_range', `monetary amount "${amount}" is beyond the exactly representable range`);
  const cents = Number(exact);
  return sign && cents !== 0 ? -cents : cents;
}

/** Whether a number is a valid amount of cents (a safe integer). */
export function isCents(value: number): value is Cents {
  return Number.isSafeInteger(value);
}

/** Sum of amounts, refused when the total leaves the safe range (a sum of safe integers can lose exactness). */
export function sumCents(amounts: Iterable<Cents>): Cents {
  let total = 0;
  for (const amount of amounts) {
    total += amount;
    if (!Number.isSafeInteger(total))
      throw new MoneyError('out_of_range', 'a sum of monetary amounts is beyond the exactly representable range');
  }
  return total;
}

/** Format cents as the shortest exact decimal, as X12 expects ("125", "125.5", "-3.07"). */
export function formatCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new MoneyError('out_of_range', `cents must be a safe integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return `${sign}${whole}`;
  // Trailing zero dropped and leading zero kept by arithmetic: no padStart or regex on every amount formatted.
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
  return fraction < 10 ? `${sign}${whole}.0${fraction}` : `${sign}${whole}.${fraction}`;
}
