/**
 * One X12 segment. Elements are split lazily on first access, so scanning a large file only pays for the
 * segments a caller actually reads. Element numbering follows the standard: `element(1)` is XX01.
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
    return this.elements.length - 1;
  }

  /** Element n (1-based), or "" when absent. */
  element(n: number): string {
    return this.elements[n] ?? '';
  }

  /** Element n as an optional value: undefined when absent or empty. */
  optional(n: number): string | undefined {
    const value = this.elements[n];
    return value === undefined || value === '' ? undefined : value;
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
