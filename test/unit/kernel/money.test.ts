import { describe, expect, it } from 'vitest';
import { formatCents, toCents } from '#core/kernel/money';

describe('money in integer cents', () => {
  it('reads decimal strings exactly', () => {
    expect(toCents('125')).toBe(12500);
    expect(toCents('125.5')).toBe(12550);
    expect(toCents('0.07')).toBe(7);
    expect(toCents('-3.07')).toBe(-307);
  });

  it('rejects amounts with more than two decimals', () => {
    expect(() => toCents('1.005')).toThrow(/at most two decimals/);
  });

  it('writes the shortest exact decimal', () => {
    expect(formatCents(12500)).toBe('125');
    expect(formatCents(12550)).toBe('125.5');
    expect(formatCents(-307)).toBe('-3.07');
  });
});
