/**
 * Splits X12 text into segments with hand-written scanning: `indexOf` for the terminator and one pass to skip
 * line breaks and indentation between segments. Works on one string (sync) or on chunks appended as they arrive
 * (streaming), so a 100 MB remittance never has to be held whole.
 */
import {
  type Delimiters,
  guessBareDelimiters,
  ISA_FIXED_LENGTH,
  isAlphanumeric,
  printable,
  scanIsaDelimiters,
} from './delimiters.ts';
import { adoptScannedIndex, indexElementsIn, Segment, scanSegmentElements } from './segment.ts';
import { makeIssue, X12Error, type X12Issue } from './x12-error.ts';

/** Returned by `next()` when the buffered text ends mid-segment and more input may follow. */
export const NEED_MORE = Symbol('need more input');

/** Enough look-ahead to read any ISA even when its elements are not padded to their fixed widths. */
const ISA_LOOKAHEAD = 256;
const BOM = '\uFEFF';

export class SegmentScanner {
  #text = '';
  #pos = 0;
  #consumed = 0;
  #position = 0;
  #delimiters: Delimiters | undefined;
  #started = false;
  #hasEnvelope: boolean | undefined;
  readonly #onIssue: (issue: X12Issue) => void;
  readonly #indexElements: boolean;

  /** `indexElements`: index each segment's elements as it is scanned, for callers that read them all. */
  constructor(text = '', onIssue: (issue: X12Issue) => void = throwIssue, options: { indexElements?: boolean } = {}) {
    this.#text = text;
    this.#onIssue = onIssue;
    this.#indexElements = options.indexElements === true;
  }

  /** Delimiters in force (those of the current interchange). */
  get delimiters(): Delimiters | undefined {
    return this.#delimiters;
  }

  /** True once an ISA was read, false when the data starts at ST, undefined before the first segment. */
  get hasEnvelope(): boolean | undefined {
    return this.#hasEnvelope;
  }

  /** Add streamed text; already scanned text is dropped. */
  append(chunk: string): void {
    this.#consumed += this.#pos;
    this.#text = this.#text.slice(this.#pos) + chunk;
    this.#pos = 0;
  }

  /**
   * The next segment; undefined at the end of the data, or NEED_MORE when `final` is false and the buffered text
   * ends before the next terminator.
   */
  next(final = true): Segment | undefined | typeof NEED_MORE {
    const text = this.#text;
    let pos = this.#pos;
    if (!this.#started) {
      if (text.length === 0 && !final) return NEED_MORE;
      if (text.startsWith(BOM)) pos++;
    }
    pos = skipWhitespace(text, pos);
    this.#pos = pos;
    if (pos >= text.length) return final ? undefined : NEED_MORE;

    if (startsInterchange(text, pos)) {
      if (!final && text.length - pos < ISA_LOOKAHEAD) return NEED_MORE;
      const scan = scanIsaDelimiters(text, pos, this.#position + 1);
      this.#delimiters = scan.delimiters;
      this.#hasEnvelope = true;
      if (scan.repetitionConflict) {
        this.#onIssue(
          makeIssue(
            'ISA11_REPETITION',
            `ISA11 declares a repetition separator that is already the element, component or segment delimiter; expected a distinct character or "U"`,
            { position: this.#position + 1, segmentId: 'ISA', offset: this.#consumed + pos },
          ),
        );
      }
      if (!scan.fixedWidth) {
        this.#onIssue(
          makeIssue('ISA_WIDTH', `ISA is ${scan.end - pos} characters long, expected the fixed ${ISA_FIXED_LENGTH}`, {
            position: this.#position + 1,
            segmentId: 'ISA',
            offset: this.#consumed + pos,
          }),
        );
      }
    } else if (this.#delimiters === undefined) {
      if (!final && text.length - pos < ISA_LOOKAHEAD) return NEED_MORE;
      if (!text.startsWith('ST', pos) || isAlphanumeric(text.charAt(pos + 2))) {
        throw new X12Error(
          'NOT_X12',
          `expected the data to start with an "ISA" interchange header (or a bare "ST" transaction), found "${text
            .slice(pos, pos + 12)
            .replace(/[\r\n]/g, ' ')}"`,
          { position: 1, segmentId: '', offset: pos },
        );
      }
      this.#delimiters = guessBareDelimiters(text, pos);
      this.#hasEnvelope = false;
    }
    this.#started = true;
    const delimiters = this.#delimiters as Delimiters;
    const scanned = this.#indexElements && delimiters.segment.length === 1;
    const end = scanned
      ? scanSegmentElements(text, pos, delimiters.element.charCodeAt(0), delimiters.segment.charCodeAt(0))
      : text.indexOf(delimiters.segment, pos);
    if (end === -1 && !final) return NEED_MORE;
    const position = this.#position + 1;
    let raw: string;
    if (end === -1) {
      raw = text.slice(pos).trimEnd();
      this.#onIssue(
        makeIssue('UNTERMINATED', `the data ends without the segment terminator "${printable(delimiters.segment)}"`, {
          position,
          segmentId: raw.slice(0, raw.indexOf(delimiters.element)),
          offset: this.#consumed + pos,
        }),
      );
    } else {
      // A newline terminator leaves the CR of a CRLF pair on the segment.
      raw = text.slice(pos, end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    }
    const key = segmentIdKey(text, pos, pos + raw.length, delimiters.element.charCodeAt(0));
    let id = KNOWN_SEGMENT_IDS.get(key);
    if (id === undefined) {
      const idEnd = raw.indexOf(delimiters.element);
      id = idEnd === -1 ? raw : raw.slice(0, idEnd);
    }
    if (key === -1) {
      throw new X12Error(
        'SEGMENT_ID',
        `expected a segment id of 2-3 letters/digits before "${printable(delimiters.element)}", found "${id.slice(0, 20)}"`,
        { position, segmentId: id.slice(0, 3), offset: this.#consumed + pos },
      );
    }
    this.#position = position;
    this.#pos = end === -1 ? text.length : end + 1;
    const segment = new Segment(id, raw, position, this.#consumed + pos, delimiters);
    if (scanned && end !== -1) adoptScannedIndex(segment);
    else if (this.#indexElements) indexElementsIn(segment, text, pos, pos + raw.length);
    return segment;
  }
}

/** All segments of a complete X12 text. */
export function* tokenize(text: string, onIssue?: (issue: X12Issue) => void): Generator<Segment> {
  const scanner = new SegmentScanner(text, onIssue);
  for (let segment = scanner.next(); segment !== undefined; segment = scanner.next()) {
    yield segment as Segment;
  }
}

/** Segments from a stream of text or UTF-8 bytes (e.g. `createReadStream(path)`), holding only one chunk. */
export async function* streamSegments(
  source: AsyncIterable<string | Uint8Array>,
  onIssue?: (issue: X12Issue) => void,
): AsyncGenerator<Segment> {
  for await (const batch of streamSegmentBatches(source, onIssue)) yield* batch;
}

/**
 * The segments of each streamed chunk as one array. Consumers that loop synchronously over a batch avoid one
 * promise per segment, which is most of the cost of streaming small segments.
 */
export async function* streamSegmentBatches(
  source: AsyncIterable<string | Uint8Array>,
  onIssue?: (issue: X12Issue) => void,
): AsyncGenerator<Segment[]> {
  const scanner = new SegmentScanner('', onIssue);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of source) {
    scanner.append(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const batch: Segment[] = [];
    for (
      let segment = scanner.next(false);
      segment !== NEED_MORE && segment !== undefined;
      segment = scanner.next(false)
    ) {
      batch.push(segment);
    }
    if (batch.length > 0) yield batch;
  }
  scanner.append(decoder.decode());
  const rest: Segment[] = [];
  for (let segment = scanner.next(true); segment !== undefined; segment = scanner.next(true))
    rest.push(segment as Segment);
  if (rest.length > 0) yield rest;
}

function startsInterchange(text: string, pos: number): boolean {
  return (
    text.charCodeAt(pos) === 73 && // I
    text.charCodeAt(pos + 1) === 83 && // S
    text.charCodeAt(pos + 2) === 65 && // A
    pos + 3 < text.length &&
    !isAlphanumeric(text.charAt(pos + 3))
  );
}

function skipWhitespace(text: string, pos: number): number {
  let cursor = pos;
  for (;;) {
    const code = text.charCodeAt(cursor);
    // LF, CR, space, tab: line breaks and indentation between segments.
    if (code === 10 || code === 13 || code === 32 || code === 9) cursor++;
    else return cursor;
  }
}

/**
 * A number naming the segment id at `text[start]` (2-3 upper-case letters/digits up to the element separator or
 * the segment end; base 37, so "N1" and "N1A" differ), or -1 when there is no such id there. Read from the text
 * itself, so finding the id takes no substring.
 */
function segmentIdKey(text: string, start: number, end: number, elementSeparator: number): number {
  let key = 0;
  let i = start;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === elementSeparator) break;
    if (i - start === 3) return -1;
    if (code >= 48 && code <= 57) key = key * 37 + (code - 47);
    else if (code >= 65 && code <= 90) key = key * 37 + (code - 54);
    else return -1;
  }
  return i - start >= 2 ? key : -1;
}

/**
 * Ids of the envelope and of the sets typed here, mapped from their key to the string constant parsers compare
 * with: a segment then carries that constant (no substring per segment), and every `id === 'CLP'` test is a
 * pointer comparison.
 */
const KNOWN_SEGMENT_IDS: ReadonlyMap<number, string> = new Map(
  [
    ...['ISA', 'IEA', 'GS', 'GE', 'ST', 'SE', 'TA1'],
    ...['BPR', 'TRN', 'CUR', 'REF', 'DTM', 'N1', 'N2', 'N3', 'N4', 'PER', 'RDM', 'LX', 'TS3', 'TS2', 'CLP', 'CAS'],
    ...['NM1', 'MIA', 'MOA', 'AMT', 'QTY', 'SVC', 'LQ', 'PLB', 'DTP', 'HL', 'PRV', 'SBR', 'CLM', 'HI', 'SV1', 'SV2'],
    ...['LIN', 'NTE', 'PAT', 'DMG', 'BHT', 'HCP', 'PWK', 'CN1', 'K3', 'CR1', 'CRC', 'STC', 'AK1', 'AK2', 'AK9'],
    ...['IK3', 'IK4', 'IK5', 'CTX', 'EQ', 'EB', 'INS', 'OI', 'MSG', 'III'],
  ].map((id) => [segmentIdKey(id, 0, id.length, 0), id]),
);

function throwIssue(issue: X12Issue): never {
  throw X12Error.fromIssue(issue);
}
