import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSortedTable } from '#core/codesets/bundle/format';
import { SortedTable } from '#core/codesets/bundle/sorted-table';

const codeKey = fc.stringMatching(/^[A-C][0-9]{0,3}$/);
const rowsArbitrary = fc.array(fc.tuple(codeKey, fc.string({ maxLength: 6 })), { maxLength: 60 });

describe('sorted table (binary search over the table text)', () => {
  it('finds exactly the rows a scan would find, for keys present or not', () => {
    fc.assert(
      fc.property(rowsArbitrary, codeKey, (rows, probe) => {
        const table = new SortedTable(toSortedTable(rows.map(([key, value]) => [key, value])));
        const expected = rows
          .filter(([key]) => key === probe)
          .map(([key, value]) => [key, value.replace(/[\t\r\n]+/g, ' ')])
          .sort((a, b) => (a.join('\t') < b.join('\t') ? -1 : 1));
        expect(table.find(probe)).toEqual(expected);
        expect(table.get(probe)).toEqual(expected[0]);
      }),
    );
  });

  it('lists the rows under a prefix in key order, and nothing else', () => {
    fc.assert(
      fc.property(rowsArbitrary, codeKey, (rows, prefix) => {
        const table = new SortedTable(toSortedTable(rows.map(([key]) => [key])));
        const keys = table.withPrefix(prefix).map((fields) => fields[0]);
        const expected = rows.map(([key]) => key).filter((key) => key.startsWith(prefix));
        expect(keys).toEqual([...expected].sort());
      }),
    );
  });

  it('does not take a longer key for a shorter one (E11 is not E119)', () => {
    const table = new SortedTable(
      toSortedTable([
        ['E119', 'b'],
        ['E11', 'h'],
        ['E1', 'x'],
      ]),
    );
    expect(table.get('E11')).toEqual(['E11', 'h']);
    expect(table.get('E110')).toBeUndefined();
    expect(table.size).toBe(3);
  });

  it('answers nothing from an empty table', () => {
    const table = new SortedTable('');
    expect(table.get('A')).toBeUndefined();
    expect(table.withPrefix('')).toEqual([]);
    expect(table.size).toBe(0);
  });
});
