/** Money as a biller reads it: `$1,319.50`, `-$12.00`. Amounts are integer cents everywhere else. */
import type { Cents } from '#core/kernel/money';

export function dollars(cents: Cents): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  const abs = Math.abs(cents);
  const whole = Math.trunc(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = String(abs % 100).padStart(2, '0');
  return `${cents < 0 ? '-' : ''}$${whole}.${fraction}`;
}
