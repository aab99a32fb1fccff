import { describe, expect, it } from 'vitest';
import { formatCents, MAX_CENTS, MoneyError, sumCents, toCents } from '#core/kernel/money';

describe('money in integer cents', () => {
  it('reads decimal strings exactly', () => {
    expect(toCents('125')).toBe(12500);
    expect(toCents('125.5')).toBe(12550);
    expect(toCents('0.07')).toBe(7);
    expect(toCents('-3.07')).toBe(-307);
    expect(toCents('8.000')).toBe(800);
  });

  it('refuses amounts with a significant third decimal', () => {
    expect(() => toCents('1.005')).toThrow(/at most two decimals/);
  });

  it('refuses what is not a decimal amount', () => {
    expect(() => toCents('12,50')).toThrow(MoneyError);
    expect(() => toCents('')).toThrow(MoneyError);
  });

  it('reads the largest safe amount exactly and refuses one cent more instead of rounding it away', () => {
    expect(toCents('90071992547409.91')).toBe(MAX_CENTS);
    expect(() => toCents('90071992547409.92')).toThrow(/beyond the exactly representable range/);
    // 1000000000000000.01 would round to ...00 in a double: it is refused, not silently changed.
    expect(() => toCents('1000000000000000.01')).toThrow(MoneyError);
  });

  it('writes the shortest exact decimal', () => {
    expect(formatCents(12500)).toBe('125');
    expect(formatCents(12550)).toBe('125.5');
    expect(formatCents(-307)).toBe('-3.07');
    expect(formatCents(MAX_CENTS)).toBe('90071992547409.91');
    expect(() => formatCents(0.5)).toThrow(MoneyError);
  });

  it('refuses a sum that leaves the safe range', () => {
    expect(sumCents([1, 2, 3])).toBe(6);
    expect(() => sumCents([MAX_CENTS, 1])).toThrow(MoneyError);
  });
});
