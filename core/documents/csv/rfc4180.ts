/**
 * RFC 4180 CSV: comma-separated fields, fields optionally in double quotes, quotes inside doubled, quoted fields may
 * hold commas and line breaks; records end with CRLF (LF and lone CR accepted too). Strict about quotes, because a
 * stray quote usually means the export shifted columns, and a shifted charge column must not reach a claim.
 */

export interface CsvRecord {
  cells: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

export type CsvResult =
  | { ok: true; records: CsvRecord[] }
  | { ok: false; message: string; line: number; field: number };

const UNQUOTED_END = /[,\r\n"]/g;

function countLineBreaks(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    // CRLF counts once: count LF, and CR only when no LF follows.
    if (char === 10 || (char === 13 && text.charCodeAt(i + 1) !== 10)) count += 1;
  }
  return count;
}

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let line = 1;
  let recordLine = 1;
  let position = 0;

  const endRecord = () => {
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line: recordLine });
    cells = [];
  };

  // Each turn reads one field, then the delimiter after it (comma, line break or end of text).
  while (true) {
    let value: string;
    if (text.charCodeAt(position) === 34) {
      const openedOn = line;
      value = '';
      let from = position + 1;
      while (true) {
        const quote = text.indexOf('"', from);
        if (quote < 0) {
          return {
            ok: false,
            message: `the quoted field opened on line ${openedOn} is never closed`,
            line: openedOn,
            field: cells.length + 1,
          };
        }
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        position = quote + 1;
        break;
      }
      line += countLineBreaks(value);
      const next = text[position];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        return {
          ok: false,
          message: `unexpected character ${JSON.stringify(next)} after a closing quote; a quoted field must end at a comma or line end`,
          line,
          field: cells.length + 1,
        };
      }
    } else {
      UNQUOTED_END.lastIndex = position;
      const end = UNQUOTED_END.exec(text);
      const stop = end ? end.index : text.length;
      if (end?.[0] === '"') {
        return {
          ok: false,
          message: 'a double quote inside an unquoted field; quote the whole field and double the quotes inside it',
          line,
          field: cells.length + 1,
        };
      }
      value = text.slice(position, stop);
      position = stop;
    }
    cells.push(value);
    const delimiter = text[position];
    if (delimiter === ',') {
      position += 1;
      continue;
    }
    if (delimiter === undefined) {
      if (!(cells.length === 1 && cells[0] === '')) endRecord();
      break;
    }
    endRecord();
    position += delimiter === '\r' && text[position + 1] === '\n' ? 2 : 1;
    line += 1;
    recordLine = line;
    if (position >= text.length) break;
  }
  return { ok: true, records };
}
