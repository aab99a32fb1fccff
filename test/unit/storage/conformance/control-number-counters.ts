/** What every ControlNumberCounters store must do. Run against the in-memory and the DynamoDB (dynalite) stores. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ControlNumberCounters, ControlNumbersExhaustedError } from '#core/storage/control-number-counters';

export function controlNumberCountersConformance(name: string, counters: () => ControlNumberCounters): void {
  describe(`ControlNumberCounters conformance: ${name}`, () => {
    it('starts at 1 and counts each kind and each sender on its own', async () => {
      const sender = `S-${randomUUID()}`;
      expect(await counters().reserve(sender, 'interchange')).toBe(1);
      expect(await counters().reserve(sender, 'interchange')).toBe(2);
      expect(await counters().reserve(sender, 'group')).toBe(1);
      expect(await counters().reserve(sender, 'transaction', 3)).toBe(1);
      expect(await counters().reserve(sender, 'transaction')).toBe(4);
      expect(await counters().reserve(`S-${randomUUID()}`, 'interchange')).toBe(1);
    });

    it('never hands out a number twice to concurrent callers', async () => {
      const sender = `S-${randomUUID()}`;
      const firsts = await Promise.all(Array.from({ length: 20 }, () => counters().reserve(sender, 'interchange', 2)));
      const numbers = firsts.flatMap((n) => [n, n + 1]);
      expect(new Set(numbers).size).toBe(40);
      expect(Math.max(...numbers)).toBe(40);
    });

    it('refuses a block past 999999999 instead of wrapping, and still hands out what remains', async () => {
      const sender = `S-${randomUUID()}`;
      expect(await counters().reserve(sender, 'interchange', 999_999_997)).toBe(1);

      await expect(counters().reserve(sender, 'interchange', 3)).rejects.toBeInstanceOf(ControlNumbersExhaustedError);
      expect(await counters().reserve(sender, 'interchange', 2)).toBe(999_999_998);
      await expect(counters().reserve(sender, 'interchange')).rejects.toThrow(/exhausted/);
    });

    it('refuses a block size that is not a positive integer', async () => {
      await expect(counters().reserve('S', 'group', 0)).rejects.toThrow(RangeError);
      await expect(counters().reserve('S', 'group', 1.5)).rejects.toThrow(RangeError);
    });
  });
}
