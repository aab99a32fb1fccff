/** Serializes segments with our fixed delimiters, dropping trailing empty elements and components as X12 requires. */
import { DELIMITERS } from './x12-text.ts';

/** A segment as its id followed by its elements; undefined or "" means the element is not sent. */
export type SegmentElements = [id: string, ...elements: (string | undefined)[]];

/** A composite element: components joined by the component separator, trailing empty ones dropped. */
export function composite(...components: (string | undefined)[]): string {
  let end = components.length;
  while (end > 0 && !components[end - 1]) end--;
  return components
    .slice(0, end)
    .map((c) => c ?? '')
    .join(DELIMITERS.component);
}

/** One segment without its terminator. */
export function segmentText(segment: SegmentElements): string {
  let end = segment.length;
  while (end > 1 && !segment[end - 1]) end--;
  let text = segment[0];
  for (let i = 1; i < end; i++) text += DELIMITERS.element + (segment[i] ?? '');
  return text;
}

/** Dates as X12 writes them: CCYYMMDD from YYYY-MM-DD. */
export function x12Date(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}
