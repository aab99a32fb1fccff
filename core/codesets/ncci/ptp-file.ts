/**
 * Parser for the CMS NCCI practitioner procedure-to-procedure edit tables in their tab-delimited text form
 * (`ccipra-v<version>r<revision>-f<part>.txt`, several parts per quarter). Layout: a few copyright/title lines, a
 * header row beginning "Column 1<TAB>Column 2" (sometimes followed by lines continuing the header cells), then one
 * edit per line: column 1, column 2, '*' if in existence prior to 1996, effective date YYYYMMDD, deletion date
 * YYYYMMDD or '*' (no data), modifier indicator 0/1/9, PTP edit rationale.
 */
import { fromCmsDate } from '../dates.ts';
import { headerKey, parseTabDelimited } from '../delimited.ts';
import { CodeSetFileError } from '../import-error.ts';
import type { PtpEdit, PtpModifierIndicator } from './types.ts';

const CODE = /^[A-Z0-9]{5}$/;
const MAX_HEADER_SEARCH_LINES = 20;

function isHeaderRow(cells: string[]): boolean {
  return (
    headerKey(cells[0] ?? '').replace(/ /g, '') === 'column1' &&
    headerKey(cells[1] ?? '').replace(/ /g, '') === 'column2'
  );
}

/** Parses one PTP table file (one part of a quarter's release). */
export function parsePtpFile(fileName: string, text: string): PtpEdit[] {
  const rows = parseTabDelimited(text);
  const headerIndex = rows.findIndex((row) => row.line <= MAX_HEADER_SEARCH_LINES && isHeaderRow(row.cells));
  if (headerIndex < 0) {
    throw new CodeSetFileError(
      fileName,
      0,
      `no NCCI PTP header row ("Column 1<TAB>Column 2<TAB>...") within the first ${MAX_HEADER_SEARCH_LINES} lines; this is not a tab-delimited NCCI PTP edit table`,
    );
  }
  const edits: PtpEdit[] = [];
  for (const { line, cells } of rows.slice(headerIndex + 1)) {
    const [column1 = '', column2 = '', prior = '', effective = '', deletion = '', modifier = '', rationale = ''] =
      cells.map((c) => c.trim());
    // Header cells wrapped onto following lines ("*=no data", "1=allowed") leave the code columns empty.
    if (edits.length === 0 && column1 === '' && column2 === '') continue;
    const fail = (problem: string): never => {
      throw new CodeSetFileError(fileName, line, problem);
    };
    if (cells.length < 6)
      fail(`expected 7 tab-separated columns (Column 1 ... PTP Edit Rationale), found ${cells.length}`);
    if (!CODE.test(column1)) fail(`Column 1 must be a 5-character HCPCS/CPT code, found "${column1}"`);
    if (!CODE.test(column2)) fail(`Column 2 must be a 5-character HCPCS/CPT code, found "${column2}"`);
    if (prior !== '' && prior !== '*') fail(`"In existence prior to 1996" must be '*' or empty, found "${prior}"`);
    const effectiveDate = fromCmsDate(effective) ?? fail(`Effective Date must be YYYYMMDD, found "${effective}"`);
    const deletionDate =
      deletion === '*' || deletion === ''
        ? undefined
        : (fromCmsDate(deletion) ?? fail(`Deletion Date must be YYYYMMDD or '*' (no data), found "${deletion}"`));
    if (modifier !== '0' && modifier !== '1' && modifier !== '9') {
      fail(`Modifier indicator must be 0, 1 or 9, found "${modifier}"`);
    }
    edits.push({
      column1,
      column2,
      priorTo1996: prior === '*',
      effective: effectiveDate,
      ...(deletionDate ? { deletion: deletionDate } : {}),
      modifierIndicator: modifier as PtpModifierIndicator,
      rationale,
    });
  }
  if (edits.length === 0) throw new CodeSetFileError(fileName, 0, 'the PTP table has a header but no edit rows');
  return edits;
}
