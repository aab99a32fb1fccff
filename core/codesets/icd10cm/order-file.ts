/**
 * The CMS order file `icd10cm_order_YYYY.txt` ("Code Descriptions in Tabular Order"): one fixed-width line per code,
 * headers and billable codes alike, in tabular order. Layout (1-based columns, from CMS's icd10OrderFiles.pdf):
 *   1-5 order number (zero-padded) | 6 blank | 7-13 code, undotted, left-aligned | 14 blank |
 *   15 billable flag 0/1 | 16 blank | 17-76 short title | 77 blank | 78-end long title
 * A line that does not fit this layout fails with its line number and the column that is wrong, which is also how a
 * file of another layout (an HCPCS file, a codes file) given as an order file is recognised on its first line.
 */
import { isUndottedIcd10CmCode, toDottedCode } from './code-format.ts';
import { Icd10CmImportError } from './errors.ts';
import { type FiscalYearClaims, resolveFiscalYear } from './release-name.ts';
import { quoteFound, splitLines } from './text-lines.ts';
import type { Icd10CmOrderFile, Icd10CmOrderRecord } from './types.ts';

const LAYOUT =
  'expected the ICD-10-CM order file layout (order number in columns 1-5, code 7-13, billable flag 0/1 in 15, short title 17-76, long title from 78)';
const LONG_TITLE_COLUMN = 78;

/** Parses an order file's text. `file` is its name (for the fiscal year and error messages). */
export function parseOrderFile(file: string, text: string, claims: FiscalYearClaims = {}): Icd10CmOrderFile {
  const fiscalYear = resolveFiscalYear(file, claims);
  const lines = splitLines(text);
  if (lines.length === 0) throw new Icd10CmImportError({ file }, `the file is empty; ${LAYOUT}`);
  const records: Icd10CmOrderRecord[] = [];
  const seenCodes = new Map<string, number>();
  let previousOrderNumber = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const lineNumber = index + 1;
    const record = parseOrderLine(file, lineNumber, lines[index] as string);
    if (record.orderNumber <= previousOrderNumber) {
      throw new Icd10CmImportError(
        { file, line: lineNumber },
        `order number ${record.orderNumber} does not follow ${previousOrderNumber}; expected increasing order numbers`,
      );
    }
    const firstLine = seenCodes.get(record.undottedCode);
    if (firstLine !== undefined) {
      throw new Icd10CmImportError(
        { file, line: lineNumber },
        `code ${record.code} already appeared on line ${firstLine}; expected each code once`,
      );
    }
    seenCodes.set(record.undottedCode, lineNumber);
    previousOrderNumber = record.orderNumber;
    records.push(record);
  }
  return { file, fiscalYear, records };
}

function parseOrderLine(file: string, line: number, text: string): Icd10CmOrderRecord {
  const problem = findLayoutProblem(text);
  if (problem !== undefined) {
    const hint = line === 1 ? ' (this does not look like an ICD-10-CM order file)' : '';
    throw new Icd10CmImportError({ file, line }, `${problem}${hint}; ${LAYOUT}`);
  }
  const undottedCode = text.slice(6, 13).trimEnd();
  return {
    orderNumber: Number(text.slice(0, 5)),
    code: toDottedCode(undottedCode),
    undottedCode,
    billable: text[14] === '1',
    shortTitle: text.slice(16, 76).trimEnd(),
    longTitle: text.slice(LONG_TITLE_COLUMN - 1).trimEnd(),
    source: { file, line },
  };
}

/** The first way a line departs from the order file layout, or undefined when it fits. */
function findLayoutProblem(text: string): string | undefined {
  if (text.trim() === '') return 'the line is blank, where an order record was expected';
  const orderField = text.slice(0, 5);
  if (!/^\d{5}$/.test(orderField)) return `columns 1-5 hold ${quoteFound(orderField)}, not a 5-digit order number`;
  if (text.length < LONG_TITLE_COLUMN) {
    return `line is ${text.length} characters long, too short to hold a long title at column ${LONG_TITLE_COLUMN}`;
  }
  if (text[5] !== ' ' || text[13] !== ' ' || text[15] !== ' ' || text[76] !== ' ') {
    return `columns 6, 14, 16 and 77 must be blank, found ${quoteFound(`${text[5]}${text[13]}${text[15]}${text[76]}`)}`;
  }
  if (!isUndottedIcd10CmCode(text.slice(6, 13).trimEnd())) {
    return `columns 7-13 hold ${quoteFound(text.slice(6, 13))}, not an undotted ICD-10-CM code`;
  }
  const flag = text[14];
  if (flag !== '0' && flag !== '1') return `column 15 holds ${quoteFound(flag ?? '')}, not a billable flag 0 or 1`;
  if (text.slice(16, 76).trim() === '' || text.slice(LONG_TITLE_COLUMN - 1).trim() === '') {
    return 'the short or long title is blank';
  }
  return undefined;
}
