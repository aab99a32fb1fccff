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

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let index = 0;
  let quoted = false;
  let afterClosingQuote = false;
  let quoteOpenedAt = { line: 1, field: 1 };

  const endCell = () => {
    cells.push(cell);
    cell = '';
    afterClosingQuote = false;
  };
  const endRecord = () => {
    endCell();
    // A blank line is not a record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line: recordLine });
    cells = [];
  };

  while (index < text.length) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          cell += '"';
          index += 2;
          continue;
        }
        quoted = false;
        afterClosingQuote = true;
        index += 1;
        continue;
      }
      if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line += 1;
      cell += char;
      index += 1;
      continue;
    }
    if (char === ',') {
      endCell();
      index += 1;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    if (afterClosingQuote) {
      return {
        ok: false,
        message: `unexpected character ${JSON.stringify(char)} after a closing quote; a quoted field must end at a comma or line end`,
        line,
        field: cells.length + 1,
      };
    }
    if (char === '"') {
      if (cell !== '') {
        return {
          ok: false,
          message: 'a double quote inside an unquoted field; quote the whole field and double the quotes inside it',
          line,
          field: cells.length + 1,
        };
      }
      quoted = true;
      quoteOpenedAt = { line, field: cells.length + 1 };
      index += 1;
      continue;
    }
    cell += char;
    index += 1;
  }
  if (quoted) {
    return {
      ok: false,
      message: `the quoted field opened on line ${quoteOpenedAt.line} is never closed`,
      line: quoteOpenedAt.line,
      field: quoteOpenedAt.field,
    };
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { ok: true, records };
}
