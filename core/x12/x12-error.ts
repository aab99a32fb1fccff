/** Errors and warnings from reading X12. Each names where it is (segment position and id) and what was expected. */

export interface X12Location {
  /** 1-based ordinal of the segment in the input (the first segment is 1). */
  position: number;
  /** The segment id found there ("" when the input ended or is not X12). */
  segmentId: string;
  /** Character offset of the segment start in the input. */
  offset?: number;
}

export interface X12Issue extends X12Location {
  /** Stable machine-readable code, e.g. "SE01_COUNT". */
  code: string;
  /** Human message that starts with the location. */
  message: string;
}

/** Build an issue whose message starts with its location. */
export function makeIssue(code: string, detail: string, location: X12Location): X12Issue {
  return { code, message: `${describeLocation(location)}: ${detail}`, ...locationOf(location) };
}

/**
 * Only the location fields: a Segment passed as a location must not carry its raw text (names, member ids) into
 * an issue or error that is logged or serialized.
 */
export function locationOf(location: X12Location): X12Location {
  const { position, segmentId, offset } = location;
  return offset === undefined ? { position, segmentId } : { position, segmentId, offset };
}

export class X12Error extends Error {
  readonly code: string;
  readonly location: X12Location;

  constructor(code: string, detail: string, location: X12Location) {
    super(`${describeLocation(location)}: ${detail}`);
    this.name = 'X12Error';
    this.code = code;
    this.location = locationOf(location);
  }

  static fromIssue(issue: X12Issue): X12Error {
    const error = new X12Error(issue.code, '', issue);
    error.message = issue.message;
    return error;
  }

  toIssue(): X12Issue {
    return { code: this.code, message: this.message, ...this.location };
  }
}

export function describeLocation(location: X12Location): string {
  if (location.segmentId) return `segment ${location.position} (${location.segmentId})`;
  return location.position <= 1 ? 'start of data' : `after segment ${location.position - 1} (end of data)`;
}
