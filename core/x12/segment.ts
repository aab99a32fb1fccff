/**
 * One X12 segment. Single elements are read by offset (no split array): the separators of the segment read last
 * are indexed in one table shared by all segments, since parsers read one segment's elements in a row. `elements`
 * still splits (and caches) the whole segment for callers that want every element. Element numbering follows the
 * standard: `element(1)` is XX01.
 */
import type { Delimiters } from './delimiters.ts';

export class Segment {
  /** Segment id, e.g. "CLP". */
  readonly id: string;
  /** The segment text without its terminator. */
  readonly raw: string;
  /** 1-based ordinal of the segment in its input. */
  readonly position: number;
  /** Character offset of the segment in its input. */
  readonly offset: number;
  readonly delimiters: Delimiters;
  #elements: string[] | undefined;

  constructor(id: string, raw: string, position: number, offset: number, delimiters: Delimiters) {
    this.id = id;
    this.raw = raw;
    this.position = position;
    this.offset = offset;
    this.delimiters = delimiters;
  }

  /** The segment id under the name X12Location uses, so a Segment can be passed where a location is expected. */
  get segmentId(): string {
    return this.id;
  }

  /** All elements; index 0 is the segment id, so `elements[n]` is XXn. */
  get elements(): readonly string[] {
    this.#elements ??= splitOn(this.raw, this.delimiters.element);
    return this.#elements;
  }

  /**
   * Drop the cached split. Typed parsers read each segment once; releasing the split right after keeps a large
   * transaction from holding millions of short-lived element strings in the old generation.
   */
  releaseElements(): void {
    this.#elements = undefined;
  }

  /** Number of data elements present (trailing empty ones are normally omitted by senders). */
  get elementCount(): number {
    indexSeparators(this);
    return separatorCount;
  }

  /** Element n (1-based), or "" when absent. */
  element(n: number): string {
    if (n === 0) return this.id;
    const start = this.elementStart(n);
    return start === -1 ? '' : this.raw.slice(start, elementEnd(this.raw, n));
  }

  /** Element n as an optional value: undefined when absent or empty. */
  optional(n: number): string | undefined {
    const value = this.element(n);
    return value === '' ? undefined : value;
  }

  /** Offset in `raw` where element n (1-based) starts, or -1 when the segment has fewer elements. */
  elementStart(n: number): number {
    indexSeparators(this);
    return n >= 1 && n <= separatorCount ? (separators[n - 1] as number) + 1 : -1;
  }

  /** Offset in `raw` just past element n; only meaningful when `elementStart(n)` is not -1. */
  elementEnd(n: number): number {
    indexSeparators(this);
    return elementEnd(this.raw, n);
  }

  /** The components of composite element n (a simple element yields one component). */
  components(n: number): string[] {
    const value = this.element(n);
    return value === '' ? [] : splitOn(value, this.delimiters.component);
  }

  /** Component c (1-based) of composite element n, or "" when absent. */
  component(n: number, c: number): string {
    return this.components(n)[c - 1] ?? '';
  }

  /** The repeats of element n, split on the repetition separator (one repeat when none is declared). */
  repeats(n: number): string[] {
    const value = this.element(n);
    if (value === '') return [];
    return this.delimiters.repetition ? value.split(this.delimiters.repetition) : [value];
  }

  /** A plain, JSON-friendly view: id, elements, and components/repeats split where present. */
  toJSON(): { id: string; position: number; elements: (string | string[] | string[][])[] } {
    const { component, repetition } = this.delimiters;
    return {
      id: this.id,
      position: this.position,
      elements: this.elements.slice(1).map((value) => {
        const repeats = repetition && value.includes(repetition) ? value.split(repetition) : undefined;
        if (repeats) return repeats.map((r) => r.split(component));
        return value.includes(component) ? value.split(component) : value;
      }) as (string | string[] | string[][])[],
    };
  }
}

/**
 * Offsets of the element separators of the segment indexed last. Reading elements by offset from this one table,
 * rather than splitting each segment into an array of strings, leaves only the elements actually read as garbage.
 */
let indexedSegment: Segment | undefined;
let separatorCount = 0;
let separators = new Int32Array(64);

function indexSeparators(segment: Segment): void {
  if (indexedSegment !== segment) indexElementsIn(segment, segment.raw, 0, segment.raw.length);
}

/**
 * Index the separators of `segment`, whose text is `text[start, end)`, ahead of its first element read. A scanner
 * whose caller reads every segment's elements passes the whole input here: scanning the flat input is cheaper than
 * scanning the segment's substring.
 */
export function indexElementsIn(segment: Segment, text: string, start: number, end: number): void {
  const separator = segment.delimiters.element.charCodeAt(0);
  let count = 0;
  // A char-code loop: segments are short, and one indexOf call per element costs more than the scan itself.
  for (let at = start; at < end; at++) {
    if (text.charCodeAt(at) !== separator) continue;
    if (count === separators.length) {
      const grown = new Int32Array(count * 2);
      grown.set(separators);
      separators = grown;
    }
    separators[count++] = at - start;
  }
  separatorCount = count;
  indexedSegment = segment;
}

/**
 * Index the element separators of the segment starting at `text[start]` while looking for its terminator, in one
 * pass over the text (instead of `indexOf` for the terminator and a second pass for the separators). Returns the
 * terminator's offset, or -1 when the text ends first. The table then belongs to the next segment handed to
 * `adoptScannedIndex`, which must be the one just scanned.
 */
export function scanSegmentElements(text: string, start: number, separator: number, terminator: number): number {
  let count = 0;
  for (let at = start; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === terminator) {
      separatorCount = count;
      indexedSegment = undefined;
      return at;
    }
    if (code !== separator) continue;
    if (count === separators.length) {
      const grown = new Int32Array(count * 2);
      grown.set(separators);
      separators = grown;
    }
    separators[count++] = at - start;
  }
  indexedSegment = undefined;
  return -1;
}

/** Give the table filled by `scanSegmentElements` to the segment it scanned. */
export function adoptScannedIndex(segment: Segment): void {
  indexedSegment = segment;
}

/** End of element n of the indexed segment: the next separator, or the end of the segment for the last element. */
function elementEnd(raw: string, n: number): number {
  return n < separatorCount ? (separators[n] as number) : raw.length;
}

/** `text.split(separator)` for a one-character separator; an indexOf loop is markedly faster on sliced strings. */
function splitOn(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf(separator, start);
    if (end === -1) {
      parts.push(text.slice(start));
      return parts;
    }
    parts.push(text.slice(start, end));
    start = end + 1;
  }
}
