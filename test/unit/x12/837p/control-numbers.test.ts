import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileControlNumbers } from '#bin/commands/x12/control-number-files';
import { InMemoryControlNumbers, MAX_CONTROL_NUMBER } from '#core/x12/837p/control-numbers';

describe('in-memory control numbers', () => {
  it('hands out consecutive numbers per kind, and a block reserves as many as asked', async () => {
    const counter = new InMemoryControlNumbers();
    expect(await counter.next('interchange')).toBe(1);
    expect(await counter.next('transaction', 3)).toBe(1);
    expect(await counter.next('transaction')).toBe(4);
    expect(await counter.next('interchange')).toBe(2);
  });

  it('refuses to pass nine digits rather than wrap around to numbers already used', async () => {
    const counter = new InMemoryControlNumbers({ group: MAX_CONTROL_NUMBER - 1 });
    await expect(counter.next('group', 3)).rejects.toThrow(/group control numbers exhausted/);
    expect(await counter.next('group', 2)).toBe(MAX_CONTROL_NUMBER - 1);
  });
});

describe('file-backed control numbers', () => {
  const fresh = () => join(mkdtempSync(join(tmpdir(), 'ctl-')), 'sub', 'counter.json');

  it('keeps counting across instances, as a new process would', async () => {
    const path = fresh();
    expect(await new FileControlNumbers(path).next('interchange')).toBe(1);
    expect(await new FileControlNumbers(path).next('interchange')).toBe(2);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ interchange: 3, group: 1, transaction: 1 });
  });

  it('never hands out the same number to concurrent callers', async () => {
    const path = fresh();
    const counters = Array.from({ length: 4 }, () => new FileControlNumbers(path));
    const numbers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => counters[i % 4]!.next('transaction', 1 + (i % 3))),
    );
    const reserved = numbers.flatMap((first, i) => Array.from({ length: 1 + (i % 3) }, (_, k) => first + k));
    expect(new Set(reserved).size).toBe(reserved.length);
  });

  it('names the file and the field when the stored state is corrupt', async () => {
    const path = fresh();
    await new FileControlNumbers(path).next('group');
    writeFileSync(path, JSON.stringify({ interchange: 1, group: -4, transaction: 1 }));
    await expect(new FileControlNumbers(path).next('group')).rejects.toThrow(
      /counter\.json: "group" must be the next control number/,
    );
  });
});
