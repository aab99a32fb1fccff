/**
 * Minimal, independent X12 splitting for assertions: it knows only our builder's fixed delimiters, so the tests do
 * not rely on the reader they are checking.
 */
export function segmentsOf(text: string): string[][] {
  return text
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => s.split('*'));
}

export function segmentIds(text: string): string[] {
  return segmentsOf(text).map((s) => s[0] ?? '');
}

/** Segments whose id (and, when given, first element) match. */
export function find(text: string, id: string, first?: string): string[][] {
  return segmentsOf(text).filter((s) => s[0] === id && (first === undefined || s[1] === first));
}
