/**
 * Parser for a licensed CPT code list as CSV (`code,description`, optional header row), for deployments that hold an
 * AMA licence. CPT descriptors are AMA copyright: ClaimFlow never ships them, it only imports a file the deployment
 * supplies. Codes are five characters: four digits and a digit (Category I), F (Category II), T (Category III) or
 * U (proprietary laboratory analyses).
 */
import { parseCsv } from '../delimited.ts';
import { CodeSetFileError } from '../import-error.ts';

export interface CptCode {
  code: string;
  description: string;
}

const CPT_CODE = /^\d{4}[0-9FTU]$/;

/** Parses the CSV; duplicate codes and malformed codes are errors naming the line. */
export function parseCptCsv(fileName: string, text: string): CptCode[] {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!Array.isArray(parsed)) {
    throw new CodeSetFileError(fileName, parsed.unterminatedQuoteAtLine, 'quoted cell opened here is never closed');
  }
  const codes: CptCode[] = [];
  const seen = new Map<string, number>();
  for (const [index, { line, cells }] of parsed.entries()) {
    const [code = '', description = ''] = cells.map((c) => c.trim());
    if (code === '' && cells.length <= 1) continue;
    if (index === 0 && code.toLowerCase() === 'code') continue;
    const fail = (problem: string): never => {
      throw new CodeSetFileError(fileName, line, problem);
    };
    if (cells.length !== 2) fail(`expected 2 columns (code, description), found ${cells.length}`);
    if (!CPT_CODE.test(code))
      fail(`expected a 5-character CPT code (4 digits then a digit, F, T or U), found "${code}"`);
    if (description === '') fail(`code ${code} has no description`);
    const firstLine = seen.get(code);
    if (firstLine !== undefined) fail(`code ${code} is listed twice (first on line ${firstLine})`);
    seen.set(code, line);
    codes.push({ code, description });
  }
  if (codes.length === 0)
    throw new CodeSetFileError(fileName, 0, 'no CPT codes found; expected rows "code,description"');
  return codes;
}
