import type { Segment } from '../segment.ts';
import type { X12Issue } from '../x12-error.ts';

/** One TR3 content check, fed every segment of a transaction set from ST to SE, then finished. */
export interface Rule {
  push(segment: Segment, issues: X12Issue[]): void;
  finish(issues: X12Issue[]): void;
}
