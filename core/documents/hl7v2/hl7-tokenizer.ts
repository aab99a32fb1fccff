/**
 * HL7 v2 ER7 ("pipe and hat") text to messages and segments. Each message declares its own delimiters in MSH-1 and
 * MSH-2; values are split on them and unescaped only at the leaf, so an escaped `\F\` never splits a field.
 *
 * Accepted framing: segments separated by CR (the standard), LF or CRLF; several messages one after another; batch
 * and file envelopes (FHS/BHS ... BTS/FTS); MLLP blocks (VT ... FS CR) as they are sometimes written to files.
 */

export interface Delimiters {
  field: string;
  component: string;
  repetition: string;
  escape: string;
  subcomponent: string;
}

export interface Segment {
  id: string;
  /** Raw fields by HL7 field number: `fields[1]` is SEG-1. For MSH, `fields[1]` is the field separator itself. */
  fields: string[];
  /** 1-based line of the segment in the file. */
  line: number;
  /** 1-based occurrence of this segment id inside its message, for locations like `FT1[2]`. */
  occurrence: number;
}

export interface Hl7Message {
  /** 1-based position in the file. */
  number: number;
  delimiters: Delimiters;
  segments: Segment[];
}

export type TokenizeResult =
  | { ok: true; messages: Hl7Message[]; warnings: string[] }
  | { ok: false; reason: string; message: string; location: string };

const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;
const ENVELOPE_HEADERS = new Set(['FHS', 'BHS']);
const ENVELOPE_TRAILERS = new Set(['FTS', 'BTS']);

function failure(reason: string, message: string, location: string): TokenizeResult {
  return { ok: false, reason, message, location };
}

/** Reads MSH-1/MSH-2 (or FHS/BHS): the field separator and the four encoding characters, all distinct. */
export function readDelimiters(header: string): Delimiters | string {
  const field = header[3];
  if (field === undefined || /[A-Za-z0-9\s]/.test(field)) {
    return `${header.slice(0, 3)}-1 field separator must follow the segment id and be a punctuation character (usually "|")`;
  }
  const encoding = header.slice(4).split(field, 1)[0] ?? '';
  // HL7 2.7 adds a fifth, truncation character; only the first four delimit.
  if (encoding.length < 4 || encoding.length > 5) {
    return `${header.slice(0, 3)}-2 encoding characters must be 4 characters (component, repetition, escape, subcomponent; usually "^~\\&"), found "${encoding}"`;
  }
  const [component, repetition, escapeCharacter, subcomponent] = [...encoding] as [string, string, string, string];
  const all = [field, component, repetition, escapeCharacter, subcomponent];
  if (new Set(all).size !== all.length || all.some((char) => /[A-Za-z0-9\s]/.test(char))) {
    return `${header.slice(0, 3)}-2 encoding characters "${encoding}" must be distinct punctuation characters different from the field separator "${field}"`;
  }
  return { field, component, repetition, escape: escapeCharacter, subcomponent };
}

/** Splits MLLP blocks out of the text, or reports an unterminated one. */
function unframe(text: string): { ok: true; text: string } | { ok: false; message: string } {
  if (!text.includes('\u000b')) return { ok: true, text: text.replace(/\u001c\r?\n?\s*$/, '') };
  const blocks: string[] = [];
  // One forward scan by index: every character is looked at once, however many blocks the file holds.
  for (let start = text.indexOf('\u000b'); start >= 0; ) {
    const end = text.indexOf('\u001c', start);
    if (end < 0) return { ok: false, message: 'an MLLP block (VT, 0x0B) is never closed by FS (0x1C)' };
    blocks.push(text.slice(start + 1, end));
    start = text.indexOf('\u000b', end + 1);
  }
  return { ok: true, text: blocks.join('\r') };
}

export function tokenizeHl7(input: string): TokenizeResult {
  const unframed = unframe(input.replace(/^\uFEFF/, ''));
  if (!unframed.ok) return failure('unterminated_frame', unframed.message, 'end of file');
  const lines = unframed.text.split(/\r\n|\r|\n/);
  const messages: Hl7Message[] = [];
  const warnings: string[] = [];
  const openEnvelopes: { id: string; line: number }[] = [];
  let current: Hl7Message | undefined;
  let counts = new Map<string, number>();

  for (const [i, raw] of lines.entries()) {
    const lineNumber = i + 1;
    // trimEnd, not /\s+$/: the regular expression retries at every inner run of spaces (quadratic on long lines).
    const line = raw.trimEnd();
    if (line === '') continue;
    const id = line.slice(0, 3);
    if (!SEGMENT_ID.test(id)) {
      return failure(
        'invalid_segment',
        `line ${lineNumber} does not start with a 3-character segment id`,
        `line ${lineNumber}`,
      );
    }
    if (ENVELOPE_HEADERS.has(id)) {
      const delimiters = readDelimiters(line);
      if (typeof delimiters === 'string') return failure('bad_encoding_characters', delimiters, `line ${lineNumber}`);
      openEnvelopes.push({ id, line: lineNumber });
      current = undefined;
      continue;
    }
    if (ENVELOPE_TRAILERS.has(id)) {
      const expected = id === 'BTS' ? 'BHS' : 'FHS';
      const open = openEnvelopes.pop();
      if (open?.id !== expected) {
        return failure(
          'unbalanced_batch',
          `line ${lineNumber}: ${id} without a preceding ${expected}`,
          `line ${lineNumber}`,
        );
      }
      current = undefined;
      continue;
    }
    if (id === 'MSH') {
      const delimiters = readDelimiters(line);
      if (typeof delimiters === 'string') {
        return failure(
          'bad_encoding_characters',
          `message ${messages.length + 1}: ${delimiters}`,
          `line ${lineNumber}`,
        );
      }
      const parts = line.split(delimiters.field);
      current = { number: messages.length + 1, delimiters, segments: [] };
      counts = new Map([['MSH', 1]]);
      current.segments.push({
        id,
        fields: ['MSH', delimiters.field, ...parts.slice(1)],
        line: lineNumber,
        occurrence: 1,
      });
      messages.push(current);
      continue;
    }
    if (!current) {
      return failure(
        'missing_msh',
        `line ${lineNumber} is a ${id} segment outside any message; every HL7 v2 message starts with an MSH segment`,
        `line ${lineNumber}`,
      );
    }
    const separator = line[3];
    if (separator !== undefined && separator !== current.delimiters.field) {
      return failure(
        'invalid_segment',
        `line ${lineNumber}: ${id} is followed by "${separator}", not the field separator "${current.delimiters.field}" declared in MSH-1`,
        `line ${lineNumber}`,
      );
    }
    const occurrence = (counts.get(id) ?? 0) + 1;
    counts.set(id, occurrence);
    current.segments.push({ id, fields: line.split(current.delimiters.field), line: lineNumber, occurrence });
  }
  const unclosed = openEnvelopes.pop();
  if (unclosed) {
    const trailer = unclosed.id === 'BHS' ? 'BTS' : 'FTS';
    return failure(
      'unterminated_batch',
      `the ${unclosed.id} batch header on line ${unclosed.line} is never closed by ${trailer}; the file may be truncated`,
      `line ${unclosed.line}`,
    );
  }
  if (messages.length === 0)
    return failure('missing_msh', 'no MSH segment: the document holds no HL7 v2 message', 'line 1');
  return { ok: true, messages, warnings };
}

const FORMATTING_ESCAPE = /^\.(sp|in|ti|ce|fi|nf|sk)\b/;

/** Replaces HL7 escape sequences (\F\ \S\ \T\ \R\ \E\ \.br\ \Xhh\ ...) with the text they stand for. */
export function unescapeHl7(value: string, d: Delimiters): string {
  if (!value.includes(d.escape)) return value;
  let out = '';
  let index = 0;
  while (index < value.length) {
    const char = value[index]!;
    if (char !== d.escape) {
      out += char;
      index += 1;
      continue;
    }
    const close = value.indexOf(d.escape, index + 1);
    if (close < 0) {
      // A lone escape character is kept as written rather than dropping the rest of the value.
      out += value.slice(index);
      break;
    }
    const sequence = value.slice(index + 1, close);
    index = close + 1;
    if (sequence === 'F') out += d.field;
    else if (sequence === 'S') out += d.component;
    else if (sequence === 'T') out += d.subcomponent;
    else if (sequence === 'R') out += d.repetition;
    else if (sequence === 'E') out += d.escape;
    else if (sequence === '.br') out += '\n';
    else if (/^\.sp\s*\d*$/.test(sequence)) out += '\n'.repeat(Math.max(1, Number(sequence.slice(3).trim() || '1')));
    else if (sequence === 'H' || sequence === 'N' || FORMATTING_ESCAPE.test(sequence)) continue;
    else if (/^X([0-9A-Fa-f]{2})+$/.test(sequence)) {
      const bytes = Uint8Array.from(
        sequence
          .slice(1)
          .match(/../g)!
          .map((hex) => Number.parseInt(hex, 16)),
      );
      out += new TextDecoder('utf-8').decode(bytes);
    } else out += `${d.escape}${sequence}${d.escape}`;
  }
  return out;
}

/** The `n`th (1-based) part of `text` split on `separator`, without building the array of parts. */
function nthPart(text: string, separator: string, n: number): string {
  let start = 0;
  for (let part = 1; part < n; part++) {
    const next = text.indexOf(separator, start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf(separator, start);
  return end < 0 ? text.slice(start) : text.slice(start, end);
}

/** Access to one segment's values by HL7 position: field, repetition, component, subcomponent (all 1-based). */
export class SegmentReader {
  constructor(
    readonly segment: Segment,
    readonly delimiters: Delimiters,
  ) {}

  private readonly split = new Map<number, string[]>();

  /** Raw repetitions of a field (MSH-2 is never split: it holds the delimiters themselves). */
  repetitions(field: number): string[] {
    const cached = this.split.get(field);
    if (cached) return cached;
    const raw = this.segment.fields[field] ?? '';
    const repetitions =
      raw === '' ? [] : this.segment.id === 'MSH' && field <= 2 ? [raw] : raw.split(this.delimiters.repetition);
    this.split.set(field, repetitions);
    return repetitions;
  }

  /** Unescaped value at field.component.subcomponent of the given repetition (0-based), '' when absent. */
  value(field: number, component = 1, subcomponent = 1, repetition = 0): string {
    return this.valueIn(this.repetitions(field)[repetition] ?? '', component, subcomponent);
  }

  /** Unescaped value of component.subcomponent inside one raw repetition. */
  valueIn(rawRepetition: string, component = 1, subcomponent = 1): string {
    const rawComponent = nthPart(rawRepetition, this.delimiters.component, component);
    const rawSub = nthPart(rawComponent, this.delimiters.subcomponent, subcomponent);
    // `""` is HL7's explicit null: the sender says the value is deleted, which for us is absent.
    return rawSub === '""' ? '' : unescapeHl7(rawSub, this.delimiters).trim();
  }

  /** Whole field with repetitions kept apart and components unsplit but unescaped (for text values). */
  texts(field: number): string[] {
    return this.repetitions(field).map((repetition) => unescapeHl7(repetition, this.delimiters));
  }
}
