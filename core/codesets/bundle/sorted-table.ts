/**
 * A loaded table: the table text itself, one row per line, sorted by key (the first tab-separated field). Lookups
 * binary-search the text by character offset (finding the line around the midpoint), so loading a table costs only
 * reading the file: no split into lines, no map to build, which is what keeps a Lambda cold start short. A lookup
 * costs about log2(rows) short line comparisons and splits only the rows it returns.
 */

const NEWLINE = 10;
const TAB = 9;

export class SortedTable {
  private lineCount: number | undefined;

  constructor(private readonly text: string) {}

  /** Number of rows (counted on first use; for reports, not for lookups). */
  get size(): number {
    if (this.lineCount === undefined) {
      let count = this.text === '' ? 0 : 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) count++;
      this.lineCount = count;
    }
    return this.lineCount;
  }

  /** Every row whose key equals `key` (usually zero or one), as fields. */
  find(key: string): string[][] {
    const out: string[][] = [];
    for (let start = this.lowerBound(key); start < this.text.length; start = this.lineEnd(start) + 1) {
      if (!this.keyEquals(start, key)) break;
      out.push(this.fields(start));
    }
    return out;
  }

  /** The first row with this key, as fields. */
  get(key: string): string[] | undefined {
    const start = this.lowerBound(key);
    return start < this.text.length && this.keyEquals(start, key) ? this.fields(start) : undefined;
  }

  /** Rows whose key starts with `prefix`, in key order (a bounded range, found by binary search). */
  withPrefix(prefix: string, limit = Number.POSITIVE_INFINITY): string[][] {
    const out: string[][] = [];
    for (
      let start = this.lowerBound(prefix);
      start < this.text.length && out.length < limit;
      start = this.lineEnd(start) + 1
    ) {
      if (!this.text.startsWith(prefix, start)) break;
      out.push(this.fields(start));
    }
    return out;
  }

  /** Every row, in order (for counting and reports, never for lookups). */
  *rows(): Generator<string[]> {
    for (let start = 0; start < this.text.length; start = this.lineEnd(start) + 1) yield this.fields(start);
  }

  private lineEnd(start: number): number {
    const end = this.text.indexOf('\n', start);
    return end < 0 ? this.text.length : end;
  }

  private fields(start: number): string[] {
    return this.text.slice(start, this.lineEnd(start)).split('\t');
  }

  private keyEquals(start: number, key: string): boolean {
    const after = this.text.charCodeAt(start + key.length);
    return this.text.startsWith(key, start) && (after === TAB || after === NEWLINE || Number.isNaN(after));
  }

  /** Offset of the first line whose key is not before `key` (the text length when there is none). */
  private lowerBound(key: string): number {
    const text = this.text;
    // Invariant: every line starting before `lo` has a smaller key; every line starting at or after `hi` does not.
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      // Probe the first line starting at or after the midpoint (a forward indexOf is cheaper than lastIndexOf);
      // when there is none before `hi`, probe the line at `lo`, which still moves one bound.
      const next = text.indexOf('\n', ((lo + hi) >>> 1) - 1) + 1;
      const start = next > lo && next < hi ? next : lo;
      if (this.keyIsBefore(start, key)) lo = this.lineEnd(start) + 1;
      else hi = start;
    }
    return Math.min(lo, text.length);
  }

  /** Whether the key of the line at `start` sorts before `key`, compared in place. */
  private keyIsBefore(start: number, key: string): boolean {
    const text = this.text;
    for (let i = 0; i < key.length; i++) {
      const a = text.charCodeAt(start + i);
      if (a === TAB || a === NEWLINE || Number.isNaN(a)) return true; // the line's key is a proper prefix of `key`
      const b = key.charCodeAt(i);
      if (a !== b) return a < b;
    }
    return false;
  }
}
