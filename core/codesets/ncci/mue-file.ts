/**
 * Parser for the CMS practitioner services MUE table in its CSV form (`MCR_MUE_PractitionerServices_Eff_<date>.csv`).
 * Layout: the AMA copyright notice as one quoted (multi-line) cell, then the header row "HCPCS/CPT Code",
 * "Practitioner Services MUE Values", "MUE Adjudication Indicator", "MUE Rationale" (the first header cell is itself
 * wrapped onto two lines in the published file), then one row per code. The adjudication indicator cell holds the
 * digit and its text ("1 Line Edit", "2 Date of Service Edit: Policy", "3 Date of Service Edit: Clinical").
 */
import { headerKey, parseCsv } from '../delimited.ts';
import { CodeSetFileError } from '../import-error.ts';
import type { MueAdjudicationIndicator, MueEdit } from './types.ts';

const CODE = /^[A-Z0-9]{5}$/;
const INDICATOR = /^([123])\b/;
const MAX_HEADER_SEARCH_ROWS = 20;

function isHeaderRow(cells: string[]): boolean {
  return (
    headerKey(cells[0] ?? '').replace(/ /g, '') === 'hcpcs/cptcode' &&
    headerKey(cells[1] ?? '') === 'practitioner services mue values'
  );
}

/** Parses the practitioner MUE table. */
export function parseMueFile(fileName: string, text: string): MueEdit[] {
  const parsed = parseCsv(text);
  if (!Array.isArray(parsed)) {
    throw new CodeSetFileError(fileName, parsed.unterminatedQuoteAtLine, 'quoted cell opened here is never closed');
  }
  const headerIndex = parsed.slice(0, MAX_HEADER_SEARCH_ROWS).findIndex((row) => isHeaderRow(row.cells));
  if (headerIndex < 0) {
    throw new CodeSetFileError(
      fileName,
      0,
      'no header row "HCPCS/CPT Code, Practitioner Services MUE Values, MUE Adjudication Indicator, MUE Rationale" near the top; this is not a practitioner MUE table',
    );
  }
  const edits: MueEdit[] = [];
  for (const { line, cells } of parsed.slice(headerIndex + 1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    const fail = (problem: string): never => {
      throw new CodeSetFileError(fileName, line, problem);
    };
    const [code = '', value = '', indicatorText = '', rationale = ''] = cells.map((c) => c.trim());
    if (cells.length < 3)
      fail(`expected 4 columns (code, MUE value, adjudication indicator, rationale), found ${cells.length}`);
    if (!CODE.test(code)) fail(`HCPCS/CPT Code must be 5 characters, found "${code}"`);
    if (!/^\d+$/.test(value)) fail(`MUE value of ${code} must be a whole number of units, found "${value}"`);
    const indicator =
      INDICATOR.exec(indicatorText)?.[1] ??
      fail(`MUE Adjudication Indicator of ${code} must start with 1, 2 or 3, found "${indicatorText}"`);
    edits.push({
      code,
      value: Number(value),
      indicator: indicator as MueAdjudicationIndicator,
      indicatorText,
      rationale,
    });
  }
  if (edits.length === 0) throw new CodeSetFileError(fileName, 0, 'the MUE table has a header but no rows');
  return edits;
}
