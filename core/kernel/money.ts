/** Money is integer cents everywhere; these helpers are the only place decimal strings are read or written. */
export type Cents = number;

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Parse a decimal amount such as "125", "125.5" or "-3.07" into integer cents, exactly (no float arithmetic). */
export function toCents(amount: string): Cents {
  const match = DECIMAL.exec(amount.trim());
  if (!match) throw new Error(`not a monetary amount with at most two decimals: "${amount}"`);
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign && cents !== 0 ? -cents : cents;
}

/** Format cents as the shortest exact decimal, as X12 expects ("125", "125.5", "-3.07"). */
export function formatCents(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new Error(`cents must be a safe integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100);
  const fraction = abs % 100;
  if (fraction === 0) return `${sign}${whole}`;
  // Trailing zero dropped and leading zero kept by arithmetic: no padStart or regex on every amount formatted.
  if (fraction % 10 === 0) return `${sign}${whole}.${fraction / 10}`;
  return fraction < 10 ? `${sign}${whole}.0${fraction}` : `${sign}${whole}.${fraction}`;
}
