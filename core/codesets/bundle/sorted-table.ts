/**
 * A loaded table: its lines, sorted by key (the first tab-separated field). Lookups binary-search the lines and
 * split only the rows they return, so loading costs one `split('\n')` and a lookup about log2(rows) comparisons.
 */
import { keyOf } from './format.ts';

export class SortedTable {
  private readonly lines: string[];

  constructor(text: string) {
    this.lines = text === '' ? [] : text.split('\n');
  }

  get size(): number {
    return this.lines.length;
  }

  /** Every row whose key equals `key` (usually zero or one), as fields. */
  find(key: string): string[][] {
    const out: string[][] = [];
    for (let i = this.lowerBound(key); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (keyOf(line) !== key) break;
      out.push(line.split('\t'));
    }
    return out;
  }

  /** The first row with this key, as fields. */
  get(key: string): string[] | undefined {
    const i = this.lowerBound(key);
    const line = this.lines[i];
    return line !== undefined && keyOf(line) === key ? line.split('\t') : undefined;
  }

  /** Rows whose key starts with `prefix`, in key order (a bounded range, found by binary search). */
  withPrefix(prefix: string, limit = Number.POSITIVE_INFINITY): string[][] {
    const out: string[][] = [];
    for (let i = this.lowerBound(prefix); i < this.lines.length && out.length < limit; i++) {
      const line = this.lines[i]!;
      if (!line.startsWith(prefix)) break;
      out.push(line.split('\t'));
    }
    return out;
  }

  /** Every row, in order (for counting and for `codesets info`, never for lookups). */
  *rows(): Generator<string[]> {
    for (const line of this.lines) yield line.split('\t');
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyOf(this.lines[mid]!) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
