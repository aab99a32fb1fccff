/**
 * The CMS codes file `icd10cm_codes_YYYY.txt`: one line per billable code, the undotted code padded with spaces to
 * column 9 (FY2018 and later), then the long title. It should list exactly the order file's billable codes;
 * `compareCodesWithOrder` checks that.
 */
import { isUndottedIcd10CmCode, toDottedCode } from './code-format.ts';
import { Icd10CmImportError } from './errors.ts';
import { type FiscalYearClaims, resolveFiscalYear } from './release-name.ts';
import { quoteFound, splitLines } from './text-lines.ts';
import type { Icd10CmCodesFile, Icd10CmCodesRecord, Icd10CmOrderFile } from './types.ts';

const LAYOUT = 'expected the ICD-10-CM codes file layout (undotted code, spaces, long title)';
const CODES_LINE = /^([0-9A-Z]{3,7}) +(\S.*?)\s*$/;

/** Parses a codes file's text. `file` is its name (for the fiscal year and error messages). */
export function parseCodesFile(file: string, text: string, claims: FiscalYearClaims = {}): Icd10CmCodesFile {
  const fiscalYear = resolveFiscalYear(file, claims);
  const lines = splitLines(text);
  if (lines.length === 0) throw new Icd10CmImportError({ file }, `the file is empty; ${LAYOUT}`);
  const records: Icd10CmCodesRecord[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const text = lines[index] as string;
    const match = CODES_LINE.exec(text);
    const undottedCode = match?.[1];
    const longTitle = match?.[2];
    if (undottedCode === undefined || longTitle === undefined || !isUndottedIcd10CmCode(undottedCode)) {
      const hint = line === 1 ? ' (this does not look like an ICD-10-CM codes file)' : '';
      throw new Icd10CmImportError({ file, line }, `found ${quoteFound(text)}${hint}; ${LAYOUT}`);
    }
    const firstLine = seen.get(undottedCode);
    if (firstLine !== undefined) {
      throw new Icd10CmImportError(
        { file, line },
        `code ${toDottedCode(undottedCode)} already appeared on line ${firstLine}; expected each code once`,
      );
    }
    seen.set(undottedCode, line);
    records.push({ code: toDottedCode(undottedCode), undottedCode, longTitle, source: { file, line } });
  }
  return { file, fiscalYear, records };
}

/** Differences between a codes file and the billable codes of the order file of the same release. */
export interface CodesOrderComparison {
  /** Billable in the order file but missing from the codes file. */
  readonly missingFromCodesFile: readonly string[];
  /** In the codes file but not billable (or absent) in the order file. */
  readonly notBillableInOrderFile: readonly string[];
  /** Codes whose long titles differ between the two files. */
  readonly titleMismatches: readonly string[];
}

/**
 * Compares a codes file with the order file of the same fiscal year (files of different years are an error); all lists
 * are empty when the codes file lists exactly the billable codes.
 */
export function compareCodesWithOrder(codes: Icd10CmCodesFile, order: Icd10CmOrderFile): CodesOrderComparison {
  if (codes.fiscalYear !== order.fiscalYear) {
    throw new Icd10CmImportError(
      { file: codes.file },
      `is FY${codes.fiscalYear} but ${order.file} is FY${order.fiscalYear}; expected the codes and order files of one release`,
    );
  }
  const billableTitles = new Map(order.records.filter((r) => r.billable).map((r) => [r.code, r.longTitle]));
  const listed = new Set(codes.records.map((r) => r.code));
  return {
    missingFromCodesFile: [...billableTitles.keys()].filter((code) => !listed.has(code)),
    notBillableInOrderFile: codes.records.filter((r) => !billableTitles.has(r.code)).map((r) => r.code),
    titleMismatches: codes.records
      .filter((r) => billableTitles.has(r.code) && billableTitles.get(r.code) !== r.longTitle)
      .map((r) => r.code),
  };
}
