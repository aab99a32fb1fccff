/**
 * Readers for the delimited text CMS publishes: RFC 4180 CSV (quoted cells may hold commas, doubled quotes and line
 * breaks, as the AMA notice atop the MUE tables does) and plain tab-delimited text (NCCI PTP tables). Each row keeps
 * the 1-based line number it starts on, so importers can point at the exact line of a bad row.
 */

export interface DelimitedRow {
  /** 1-based line number where the row starts. */
  line: number;
  cells: string[];
}

/** Parses CSV text into rows, or reports the line where an unterminated quoted cell starts. */
export function parseCsv(text: string): DelimitedRow[] | { unterminatedQuoteAtLine: number } {
  const rows: DelimitedRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let inQuotes = false;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') {
      inQuotes = true;
      quoteLine = line;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
  }
  if (inQuotes) return { unterminatedQuoteAtLine: quoteLine };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

/** Splits tab-delimited text into rows (CRLF or LF), keeping line numbers; blank lines are dropped. */
export function parseTabDelimited(text: string): DelimitedRow[] {
  const rows: DelimitedRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    rows.push({ line: i + 1, cells: raw.split('\t') });
  }
  return rows;
}

/** Lowercase and collapse whitespace, for matching header cells that CMS wraps or spaces differently. */
export function headerKey(cell: string): string {
  return cell.toLowerCase().replace(/\s+/g, ' ').trim();
}
