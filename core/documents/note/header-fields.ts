/**
 * Finds a note's header fields wherever EHR exports and typists put them: one `Label: value` per line, several on a
 * line (`Patient: Ana Rivera   DOB: 04/12/1961 | Sex: F`), and tables (a row of labels over a row of values, or
 * label/value cell pairs, separated by `|` or tabs). A label is known by its normalised spelling
 * (note-vocabulary.ts), so `D.O.B.`, `Mbr #` and `Member No.` are read like `DOB` and `Member number`.
 *
 * Linear in the text: each line is scanned once, and each colon looks back at most a few words.
 */
import { HEADER_LABELS_IN_HEADER_ONLY, NOTE_HEADER_FIELDS, type NoteHeaderField } from './note-vocabulary.ts';

export interface HeaderFieldMatch {
  field: NoteHeaderField;
  /** The label as normalised for lookup (`dob`, `mbr number`). */
  label: string;
  value: string;
  /** Offsets of the value inside the text. */
  start: number;
  end: number;
  /** Offset where the label starts. */
  labelStart: number;
  /** Whether the line (or table) carries more than one field: a header line wherever it sits. */
  onFieldLine: boolean;
}

const LABEL_TO_FIELD = new Map<string, NoteHeaderField>(
  Object.entries(NOTE_HEADER_FIELDS).flatMap(([field, labels]) =>
    labels.map((label) => [label, field as NoteHeaderField] as const),
  ),
);

/** The longest label is four words (`rendering provider npi`); a colon looks back no further. */
const MAX_LABEL_WORDS = 4;
/** Nor further than this many characters, so a line of many colons is read in linear time. */
const MAX_LABEL_CHARS = 48;

/**
 * Labels already normalised, by their written form: a note's labels are written alike note after note (`Date of
 * service`, `DOB`), and normalising takes seven replacements. Bounded: emptied when full.
 */
const NORMALIZED = new Map<string, string>();
const MAX_NORMALIZED = 4096;

/** `D.O.B.` → `dob`, `Mbr #` → `mbr number`, `Member No.` → `member number`, `Patient  Name` → `patient name`. */
export function normalizeLabel(label: string): string {
  const known = NORMALIZED.get(label);
  if (known !== undefined) return known;
  if (NORMALIZED.size >= MAX_NORMALIZED) NORMALIZED.clear();
  const normalized = normalizeLabelText(label);
  NORMALIZED.set(label, normalized);
  return normalized;
}

function normalizeLabelText(label: string): string {
  return label
    .toLowerCase()
    .replace(/\./g, '')
    .replace(/#/g, ' number ')
    .replace(/\bno\b/g, 'number')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\bnumber number\b/g, 'number');
}

/** The last word of every label: a colon after any other word ("Constitutional:", "Eyes:") is not looked at. */
const LAST_LABEL_WORDS = new Set([...LABEL_TO_FIELD.keys()].map((label) => label.split(' ').at(-1)!));
const LONGEST_LAST_LABEL_WORD = Math.max(...[...LAST_LABEL_WORDS].map((word) => word.length));

export function headerFieldOfLabel(label: string): NoteHeaderField | undefined {
  return LABEL_TO_FIELD.get(normalizeLabel(label));
}

/** A word of a line: `[start, end)`. */
interface Word {
  start: number;
  end: number;
}

/**
 * The last `max` words of `line` between `from` and `to`, in order: runs of label characters (isLabelCode; separators
 * and bullets are not words), a run cut by `from` counting from there. Read backwards from `to`, so no more of the
 * line is looked at than those words and the gaps between them.
 */
function lastWordsBefore(line: string, from: number, to: number, max: number): Word[] {
  const words: Word[] = [];
  let end = to;
  while (words.length < max) {
    while (end > from && !isLabelCode(line.charCodeAt(end - 1))) end -= 1;
    if (end === from) break;
    let start = end;
    while (start > from && isLabelCode(line.charCodeAt(start - 1))) start -= 1;
    words.push({ start, end });
    end = start;
  }
  return words.reverse();
}

interface LabelHit {
  field: NoteHeaderField;
  label: string;
  labelStart: number;
  /** Offset just after the colon. */
  valueStart: number;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A character of a label word: letters, digits and `.`, `#`, `'`, `-` (`D.O.B.`, `Mbr #`). */
function isLabelCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) ||
    (code >= 65 && code <= 90) ||
    isDigitCode(code) ||
    code === 46 ||
    code === 35 ||
    code === 39 ||
    code === 45 ||
    code === 0x2019
  );
}

/**
 * The last word before `colon`, normalised as `normalizeLabel` would leave its last word (`D.O.B.` → `dob`,
 * `#` → `number`), with plain character tests: most colons of a note are not labels, and this is all it takes to
 * know.
 */
function lastWordKey(line: string, floor: number, colon: number): string {
  let end = colon;
  while (end > floor && line.charCodeAt(end - 1) === 32) end -= 1;
  let start = end;
  // Most words are plain letters: lower-cased at once.
  let plain = true;
  while (start > floor) {
    const code = line.charCodeAt(start - 1);
    if (!isLabelCode(code)) break;
    if (code === 46 || code === 35 || code === 39 || code === 45 || code === 0x2019) plain = false;
    start -= 1;
  }
  if (plain) {
    // Longer than any label's last word ("Constitutional:", "Gastrointestinal:"): none of them.
    if (end - start > LONGEST_LAST_LABEL_WORD) return '';
    const key = line.slice(start, end).toLowerCase();
    return key === 'no' ? 'number' : key;
  }
  let key = '';
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    if (code === 46) continue;
    if (code === 35) return 'number';
    if (code === 39 || code === 45 || code === 0x2019) {
      key = '';
      continue;
    }
    key += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : line[i];
  }
  return key === 'no' ? 'number' : key;
}

/** Whether `code` is a character of `\s` (JavaScript's white space and line terminators). */
function isSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE.test(String.fromCharCode(code));
}
const SPACE = /\s/;

/** A blank, bullet or table bar (`[\s|*•>-]`). */
function isBulletCode(code: number): boolean {
  return isSpaceCode(code) || code === 124 || code === 42 || code === 0x2022 || code === 62 || code === 45;
}

/**
 * Only blanks, bullets or table bars before `offset` on its line (`[\s|*•>-]*`), or a strong separator right before
 * it: a tab, a bar or a semicolon followed only by blanks, or two blanks. Looks back over the blanks before `offset`,
 * then, only when that decides nothing, over the bullets to the line's start: linear, where the pattern it replaces
 * (`(\t|\||;|\s{2,})\s*$`) took cubic time on a long run of blanks.
 */
function startsSegment(line: string, offset: number): boolean {
  let i = offset;
  let tab = false;
  while (i > 0 && isSpaceCode(line.charCodeAt(i - 1))) {
    tab ||= line.charCodeAt(i - 1) === 9;
    i -= 1;
  }
  if (tab || offset - i >= 2) return true;
  if (i > 0 && (line.charCodeAt(i - 1) === 124 || line.charCodeAt(i - 1) === 59)) return true;
  while (i > 0 && isBulletCode(line.charCodeAt(i - 1))) i -= 1;
  return i === 0;
}

/**
 * Whether a segment of the line opens at `offset`: only blanks, bullets or bars before it, or right before it a tab,
 * a bar, a semicolon or two blanks. Looks back only over the blanks and bullets before `offset` (so each place of a
 * line is looked at once or twice, whatever the number of places tried).
 */
function opensSegment(line: string, offset: number): boolean {
  let i = offset;
  let blanks = 0;
  while (i > 0 && (line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) {
    if (line.charCodeAt(i - 1) === 9) return true;
    blanks += 1;
    i -= 1;
  }
  if (i === 0 || blanks >= 2) return true;
  const before = line[i - 1]!;
  if (before === '|' || before === ';') return true;
  // Only bullets and bars (and blanks) from the line's start: `- DOB 04/12/1961`, `* Est pt`.
  while (i > 0 && /[\s|*•>-]/.test(line[i - 1]!)) i -= 1;
  return i === 0;
}

/**
 * Fields written without a colon, as typists and some exports do: a date label followed by its date
 * (`D.O.B. 02/09/1973`, `DOS 10/16/2026`). Only where a segment opens (see opensSegment), so `the DOS 2 weeks ago`
 * in prose is not a field. Linear: one pass of a pattern with no nested repetition.
 */
const UNCOLONED_FIELD = /\b(D\.?O\.?B\.?|Date of birth|DOS|Date of service)[ \t]+(?=\d)/gi;

/** A field written without a colon: the label's text and where it and its value start, in the whole text. */
interface UncolonedMatch {
  label: string;
  labelStart: number;
  valueStart: number;
}

/**
 * Every place of the text where UNCOLONED_FIELD matches, in order: one pass over the whole note rather than one per
 * line. The same places as line by line, since a match never crosses a line (its blanks are spaces and tabs, and a
 * line break before the label is a word boundary as the line's start is).
 */
function uncolonedMatches(text: string): UncolonedMatch[] {
  const matches: UncolonedMatch[] = [];
  UNCOLONED_FIELD.lastIndex = 0;
  for (let match = UNCOLONED_FIELD.exec(text); match; match = UNCOLONED_FIELD.exec(text))
    matches.push({ label: match[1]!, labelStart: match.index, valueStart: match.index + match[0].length });
  return matches;
}

/** The fields of one line among `matches` (line-relative offsets), those whose label is known and opens a segment. */
function uncolonedFieldsInLine(line: string, lineStart: number, matches: readonly UncolonedMatch[]): LabelHit[] {
  const hits: LabelHit[] = [];
  for (const match of matches) {
    const field = headerFieldOfLabel(match.label);
    const labelStart = match.labelStart - lineStart;
    if (field && opensSegment(line, labelStart))
      hits.push({
        field,
        label: normalizeLabel(match.label),
        labelStart,
        valueStart: match.valueStart - lineStart,
      });
  }
  return hits;
}

/**
 * Every field of one line: labels followed by a colon, and the fields written without one (`uncoloned`, the line's
 * UNCOLONED_FIELD matches) where no colon's label or value start covers them, in the order written.
 */
function fieldsInLine(line: string, lineStart: number, uncoloned: readonly UncolonedMatch[]): LabelHit[] {
  const colonHits = labelsInLine(line);
  // A row of a table with no colon label is read as the table it is (`DOB<TAB>09/05/1990` is a label cell and its value).
  if (colonHits.length === 0 && (line.includes('|') || line.includes('\t'))) return colonHits;
  if (uncoloned.length === 0) return colonHits;
  const uncolonedHits = uncolonedFieldsInLine(line, lineStart, uncoloned);
  if (uncolonedHits.length === 0) return colonHits;
  // Both lists are in line order: one pointer walks the colon labels along.
  let next = 0;
  const inLabel = (offset: number) => {
    while (next < colonHits.length && colonHits[next]!.valueStart <= offset) next += 1;
    return next < colonHits.length && colonHits[next]!.labelStart <= offset;
  };
  const kept = uncolonedHits.filter((hit) => !inLabel(hit.labelStart));
  return [...colonHits, ...kept].sort((a, b) => a.labelStart - b.labelStart);
}

/** Labels followed by a colon in one line, each with the longest known label ending at that colon. */
function labelsInLine(line: string): LabelHit[] {
  const hits: LabelHit[] = [];
  let segmentStart = 0;
  for (let colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', colon + 1)) {
    // A clock time (10:30) is not a label's colon.
    if (isDigitCode(line.charCodeAt(colon - 1)) && isDigitCode(line.charCodeAt(colon + 1))) continue;
    // Most colons follow words no label ends with ("Constitutional:", "Eyes:"): look at that word alone first.
    if (!LAST_LABEL_WORDS.has(lastWordKey(line, segmentStart, colon))) continue;
    const words = lastWordsBefore(line, Math.max(segmentStart, colon - MAX_LABEL_CHARS), colon, MAX_LABEL_WORDS);
    const lastWord = words.at(-1);
    // The colon must follow the label closely.
    if (!lastWord || lastWord.end < colon - 2) continue;
    let hit: LabelHit | undefined;
    for (let first = 0; first < words.length; first++) {
      const labelStart = words[first]!.start;
      const label = normalizeLabel(line.slice(labelStart, colon));
      const field = LABEL_TO_FIELD.get(label);
      if (!field) continue;
      // The first label of a line must open it (or follow a separator); later ones follow the previous value.
      if (hits.length === 0 && !startsSegment(line, labelStart)) continue;
      if (hits.length > 0 && !/\s|[|;,]/.test(line[labelStart - 1] ?? ' ')) continue;
      hit = { field, label, labelStart, valueStart: colon + 1 };
      break;
    }
    if (hit) {
      hits.push(hit);
      segmentStart = hit.valueStart;
    }
  }
  return hits;
}

/** A blank or a value's separator (`[\s|;,]`): trimmed from a value's ends. */
function isTrimCode(code: number): boolean {
  return code === 124 || code === 59 || code === 44 || isSpaceCode(code);
}

function trimmedSpan(line: string, from: number, to: number): { from: number; to: number } {
  let start = from;
  let end = to;
  while (start < end && isTrimCode(line.charCodeAt(start))) start += 1;
  while (end > start && isTrimCode(line.charCodeAt(end - 1))) end -= 1;
  return { from: start, to: end };
}

/** Cells of a table row (`| a | b |` or `a<TAB>b`), with offsets, or undefined for a line that is not a row. */
function tableCells(line: string): { text: string; start: number }[] | undefined {
  const separator = line.includes('|') ? '|' : line.includes('\t') ? '\t' : undefined;
  if (!separator) return undefined;
  const cells: { text: string; start: number }[] = [];
  let start = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === separator) {
      const span = trimmedSpan(line, start, i);
      cells.push({ text: line.slice(span.from, span.to), start: span.from });
      start = i + 1;
    }
  }
  // `| a | b |` has empty cells before the first bar and after the last.
  if (separator === '|') {
    if (cells[0]?.text === '') cells.shift();
    if (cells.at(-1)?.text === '') cells.pop();
  }
  return cells.length >= 2 ? cells : undefined;
}

const isRule = (cells: readonly { text: string }[]) => cells.every((cell) => /^:?-{2,}:?$/.test(cell.text));

function cellField(text: string): NoteHeaderField | undefined {
  return text.endsWith(':') ? undefined : headerFieldOfLabel(text);
}

export function findHeaderFields(text: string): HeaderFieldMatch[] {
  const matches: HeaderFieldMatch[] = [];
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines.push({ start, text: text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end) });
    start = end + 1;
  }
  const uncoloned = uncolonedMatches(text);
  let nextUncoloned = 0;
  for (let i = 0; i < lines.length; i++) {
    const { start: lineStart, text: line } = lines[i]!;
    // The line's matches without a colon: those that start on it (a table's row of values is skipped with its own).
    while (nextUncoloned < uncoloned.length && uncoloned[nextUncoloned]!.labelStart < lineStart) nextUncoloned += 1;
    const firstUncoloned = nextUncoloned;
    while (nextUncoloned < uncoloned.length && uncoloned[nextUncoloned]!.labelStart < lineStart + line.length)
      nextUncoloned += 1;
    const hits = fieldsInLine(line, lineStart, uncoloned.slice(firstUncoloned, nextUncoloned));
    if (hits.length > 0) {
      hits.forEach((hit, index) => {
        const next = hits[index + 1];
        const span = trimmedSpan(line, hit.valueStart, next ? next.labelStart : line.length);
        matches.push({
          field: hit.field,
          label: hit.label,
          value: line.slice(span.from, span.to),
          start: lineStart + span.from,
          end: lineStart + span.to,
          labelStart: lineStart + hit.labelStart,
          onFieldLine: hits.length > 1,
        });
      });
      continue;
    }
    const cells = tableCells(line);
    if (!cells) continue;
    const fields = cells.map((cell) => cellField(cell.text));
    if (fields.every((field) => field !== undefined)) {
      // A row of labels: the values are in the next row that is not a rule (`|---|---|`).
      let valuesAt = i + 1;
      let values = valuesAt < lines.length ? tableCells(lines[valuesAt]!.text) : undefined;
      if (values && isRule(values)) {
        valuesAt += 1;
        values = valuesAt < lines.length ? tableCells(lines[valuesAt]!.text) : undefined;
      }
      if (!values || values.length !== cells.length) continue;
      const valuesLineStart = lines[valuesAt]!.start;
      cells.forEach((cell, index) => {
        const value = values[index]!;
        matches.push({
          field: fields[index]!,
          label: normalizeLabel(cell.text),
          value: value.text,
          start: valuesLineStart + value.start,
          end: valuesLineStart + value.start + value.text.length,
          labelStart: lineStart + cell.start,
          onFieldLine: true,
        });
      });
      i = valuesAt;
      continue;
    }
    // Label and value cell pairs: `| DOB | 04/12/1961 | Sex | F |`.
    if (cells.length % 2 !== 0) continue;
    const pairs: HeaderFieldMatch[] = [];
    for (let c = 0; c < cells.length; c += 2) {
      const field = fields[c];
      if (field === undefined) break;
      const value = cells[c + 1]!;
      pairs.push({
        field,
        label: normalizeLabel(cells[c]!.text),
        value: value.text,
        start: lineStart + value.start,
        end: lineStart + value.start + value.text.length,
        labelStart: lineStart + cells[c]!.start,
        onFieldLine: true,
      });
    }
    if (pairs.length === cells.length / 2) matches.push(...pairs);
  }
  return matches;
}

/** Whether a label may be read where it was found: some labels are ordinary words outside a header. */
export function readableWhere(match: HeaderFieldMatch, headerEnd: number): boolean {
  if (match.labelStart < headerEnd || match.onFieldLine) return true;
  return !HEADER_LABELS_IN_HEADER_ONLY.has(match.label);
}
