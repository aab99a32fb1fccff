/**
 * ICD-10-CM releases are identified by their file names: CMS and CDC name every file and zip with the fiscal year
 * (`icd10cm_order_2018.txt`, `icd10cm-table-index-April-2025.zip`). The year in the name is the only year the files
 * state for the order and codes files, so it is how we catch "this is FY2019" being said of a 2018 file.
 */
import { baseName } from '../archive.ts';
import { Icd10CmImportError } from './errors.ts';
import type { Icd10CmFileKind } from './types.ts';

/** Kind and year recognised from a file name; either may be unknown. */
export interface RecognisedName {
  readonly kind: Icd10CmFileKind | 'order-addenda' | 'codes-addenda' | undefined;
  readonly fiscalYear: number | undefined;
}

// Separators vary between years and publishers (`icd10cm_order_2018`, `icd-10-cm-drug-2025`, `icd10cm-index-2025`),
// and April updates may carry a month word; the kind is the word right after the `icd10cm` prefix. A file renamed
// without its year is still recognised; its year must then come from the release name or the caller.
const KIND_PATTERN =
  /^icd-?10-?cm[-_](order|codes|tabular|index|eindex|neoplasm|drug)(?:[-_](addenda))?(?:[-_][a-z]+)?(?:[-_](\d{4}))?(?:_ch\d+)?\.(?:txt|xml)$/i;
const YEAR_PATTERN = /(?:^|[^0-9])(20\d\d)(?:[^0-9]|$)/;

/** Recognises an ICD-10-CM release file (or zip) name; paths are reduced to their base name first. */
export function recogniseFileName(name: string): RecognisedName {
  const base = baseName(name);
  const match = KIND_PATTERN.exec(base);
  if (match) {
    const word = (match[1] ?? '').toLowerCase() as Icd10CmFileKind;
    const addenda = match[2] !== undefined;
    const kind = addenda && (word === 'order' || word === 'codes') ? (`${word}-addenda` as const) : word;
    return { kind, fiscalYear: match[3] === undefined ? undefined : Number(match[3]) };
  }
  const year = YEAR_PATTERN.exec(base)?.[1];
  return { kind: undefined, fiscalYear: year === undefined ? undefined : Number(year) };
}

/** What the caller knows about the release a file belongs to. */
export interface FiscalYearClaims {
  /** The fiscal year the caller says the file is for (e.g. from `--fiscal-year`). */
  readonly expectedFiscalYear?: number;
  /** The name of the zip the file came from, which also carries the year. */
  readonly releaseName?: string;
}

/** Who stated a fiscal year, and which: the file name, the release (zip) name, the caller; only those that did. */
function statedYears(file: string, claims: FiscalYearClaims): Array<{ who: string; year: number }> {
  const stated = [
    { who: 'its file name', year: recogniseFileName(file).fiscalYear },
    {
      who: `the release name ${claims.releaseName ?? ''}`,
      year: claims.releaseName === undefined ? undefined : recogniseFileName(claims.releaseName).fiscalYear,
    },
    { who: 'the caller', year: claims.expectedFiscalYear },
  ];
  return stated.filter((entry): entry is { who: string; year: number } => entry.year !== undefined);
}

/**
 * The fiscal year of a file: the year in its own name, else in the release zip's name, else the caller's. Every year
 * stated must agree; a disagreement or no year at all is an error naming the file.
 */
export function resolveFiscalYear(file: string, claims: FiscalYearClaims = {}): number {
  const [first, ...others] = statedYears(file, claims);
  if (first === undefined) {
    throw new Icd10CmImportError(
      { file },
      'cannot tell the fiscal year: expected a year in the file name (e.g. icd10cm_order_2018.txt) or an explicit fiscal year',
    );
  }
  const disagreeing = others.find((other) => other.year !== first.year);
  if (disagreeing !== undefined) {
    throw new Icd10CmImportError(
      { file },
      `fiscal year mismatch: ${first.who} says FY${first.year} but ${disagreeing.who} says FY${disagreeing.year}; expected one release year`,
    );
  }
  return first.year;
}

/**
 * XML files state their year in `<version>`. When the file name, the release name or the caller also state a year,
 * they must agree with it; with nothing else stated the version is taken as is.
 */
export function checkPublishedVersion(file: string, version: string, claims: FiscalYearClaims = {}): void {
  const published = /^\d{4}$/.test(version.trim()) ? Number(version.trim()) : undefined;
  if (published === undefined) {
    throw new Icd10CmImportError(
      { file, element: 'version' },
      `<version> holds "${version}"; expected the four-digit fiscal year of the release`,
    );
  }
  const disagreeing = statedYears(file, claims).find((stated) => stated.year !== published);
  if (disagreeing !== undefined) {
    throw new Icd10CmImportError(
      { file, element: 'version' },
      `fiscal year mismatch: <version> says ${published} but ${disagreeing.who} says FY${disagreeing.year}; expected one release year`,
    );
  }
}
