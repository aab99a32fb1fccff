/**
 * One entry point for "here is an ICD-10-CM release file, zipped or not": expands it, recognises each contained file
 * by its published name, runs the matching importer with the zip's name as the release name (so a file whose year
 * disagrees with its zip fails), and checks the codes file against the order file when the release holds both.
 * When it holds the order addenda too, the order file is checked against them (the year's additions, deletions and
 * revisions, and CMS's counts), which catches an order file of another year whatever its name says.
 * Files that are part of a release but not imported (codes addenda, PDFs, XSDs) are listed as skipped, not lost.
 */
import { decodeReleaseText, type ReleaseFile, readReleaseFiles } from '../archive.ts';
import { compareCodesWithOrder, parseCodesFile } from './codes-file.ts';
import { Icd10CmImportError } from './errors.ts';
import { parseIndexXml } from './index-xml.ts';
import { checkOrderAgainstAddenda, parseOrderAddenda } from './order-addenda.ts';
import { parseOrderFile } from './order-file.ts';
import { type FiscalYearClaims, recogniseFileName } from './release-name.ts';
import { parseTabularXml } from './tabular-xml.ts';
import type { Icd10CmCodesFile, Icd10CmOrderAddendaFile, Icd10CmOrderFile, IndexFile, TabularList } from './types.ts';

/** One imported file, tagged with its kind. */
export type Icd10CmImportedFile =
  | { readonly kind: 'order'; readonly content: Icd10CmOrderFile }
  | { readonly kind: 'order-addenda'; readonly content: Icd10CmOrderAddendaFile }
  | { readonly kind: 'codes'; readonly content: Icd10CmCodesFile }
  | { readonly kind: 'tabular'; readonly content: TabularList }
  | { readonly kind: 'index' | 'eindex' | 'neoplasm' | 'drug'; readonly content: IndexFile };

export interface Icd10CmReleaseImport {
  readonly imported: readonly Icd10CmImportedFile[];
  /** Names of contained files that are not imported (addenda, documentation, schemas). */
  readonly skipped: readonly string[];
}

/**
 * Imports one ICD-10-CM file by its published name, or returns undefined when the name is not one of the imported
 * kinds. `claims` carries the caller's fiscal year and the release (zip) name.
 */
export function importIcd10CmFile(file: ReleaseFile, claims: FiscalYearClaims = {}): Icd10CmImportedFile | undefined {
  const kind = recogniseFileName(file.name).kind;
  if (kind === undefined || kind === 'codes-addenda') return undefined;
  const text = decodeReleaseText(file.bytes);
  switch (kind) {
    case 'order':
      return { kind, content: parseOrderFile(file.name, text, claims) };
    case 'order-addenda':
      return { kind, content: parseOrderAddenda(file.name, text, claims) };
    case 'codes':
      return { kind, content: parseCodesFile(file.name, text, claims) };
    case 'tabular':
      return { kind, content: parseTabularXml(file.name, text, claims) };
    default:
      return { kind, content: parseIndexXml(file.name, text, claims) };
  }
}

/**
 * Imports every ICD-10-CM file a release input holds (a zip, or one plain file). A release with both an order file
 * and a codes file must have the codes file list exactly the order file's billable codes.
 */
export function importIcd10CmRelease(
  input: ReleaseFile,
  claims: Omit<FiscalYearClaims, 'releaseName'> = {},
): Icd10CmReleaseImport {
  const contained = readReleaseFiles(input);
  const isZip = !(contained.length === 1 && contained[0] === input);
  const fileClaims: FiscalYearClaims = isZip ? { ...claims, releaseName: input.name } : claims;
  const imported: Icd10CmImportedFile[] = [];
  const skipped: string[] = [];
  for (const file of contained) {
    const result = importIcd10CmFile(file, fileClaims);
    if (result === undefined) skipped.push(file.name);
    else imported.push(result);
  }
  if (imported.length === 0) {
    throw new Icd10CmImportError(
      { file: input.name },
      `holds no ICD-10-CM order, codes, tabular or index file (found ${contained.map((f) => f.name).join(', ') || 'nothing'}); expected names such as icd10cm_order_2025.txt or icd10cm_tabular_2025.xml`,
    );
  }
  checkCodesAgainstOrder(imported);
  checkOrderAgainstItsAddenda(imported);
  return { imported, skipped };
}

function checkCodesAgainstOrder(imported: readonly Icd10CmImportedFile[]): void {
  let order: Icd10CmOrderFile | undefined;
  let codes: Icd10CmCodesFile | undefined;
  for (const file of imported) {
    if (file.kind === 'order') order = file.content;
    else if (file.kind === 'codes') codes = file.content;
  }
  if (order === undefined || codes === undefined) return;
  const { missingFromCodesFile, notBillableInOrderFile, titleMismatches } = compareCodesWithOrder(codes, order);
  const problems = [
    describeCodes('billable in the order file but missing here', missingFromCodesFile),
    describeCodes('listed here but not billable in the order file', notBillableInOrderFile),
    describeCodes('titled differently from the order file', titleMismatches),
  ].filter((problem) => problem !== undefined);
  if (problems.length > 0) {
    throw new Icd10CmImportError(
      { file: codes.file },
      `does not match ${order.file}: ${problems.join('; ')}; expected exactly the billable codes of the order file`,
    );
  }
}

/** An order file must be the one its year's addenda describe: additions present, deletions gone, CMS's counts. */
function checkOrderAgainstItsAddenda(imported: readonly Icd10CmImportedFile[]): void {
  let order: Icd10CmOrderFile | undefined;
  let addenda: Icd10CmOrderAddendaFile | undefined;
  for (const file of imported) {
    if (file.kind === 'order') order = file.content;
    else if (file.kind === 'order-addenda') addenda = file.content;
  }
  if (order === undefined || addenda === undefined) return;
  const problems = checkOrderAgainstAddenda(order, addenda);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    throw new Icd10CmImportError(
      { file: order.file },
      `does not match ${addenda.file}: ${shown}${problems.length > 5 ? `; and ${problems.length - 5} more` : ''}; expected the order file the addenda describe`,
    );
  }
}

function describeCodes(what: string, codes: readonly string[]): string | undefined {
  if (codes.length === 0) return undefined;
  const shown = codes.slice(0, 5).join(', ');
  return `${codes.length} code(s) ${what} (${shown}${codes.length > 5 ? ', ...' : ''})`;
}
