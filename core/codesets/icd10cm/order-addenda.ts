/**
 * The CMS order addenda `icd10cm_order_addenda_YYYY.txt`: every change from the previous year's order file, then a
 * summary with CMS's own counts of the new order file ("22423 headers in icd10cm_order_2018.txt", "71704 codes in
 * ..."). It is what lets us check an order file's contents, not only its name, against the year it claims: the year's
 * additions must be in it, its deletions gone, its revised titles in place, and its counts those CMS printed.
 * Change lines are the order file layout without the order number, behind a 13-column label (1-based columns):
 *   1-13 `Add:` / `Delete:` / `Revise from:` / `Revise to:` | 14 billable flag 0/1 | 16-22 code | 24-83 short title |
 *   85-end long title
 */
import { isUndottedIcd10CmCode, toDottedCode } from './code-format.ts';
import { Icd10CmImportError } from './errors.ts';
import { type FiscalYearClaims, recogniseFileName, resolveFiscalYear } from './release-name.ts';
import { quoteFound, splitLines } from './text-lines.ts';
import type {
  Icd10CmOrderAddendaChange,
  Icd10CmOrderAddendaFile,
  Icd10CmOrderFile,
  OrderAddendaAction,
  OrderAddendaSummary,
} from './types.ts';

const LABELS: ReadonlyArray<[string, OrderAddendaAction]> = [
  ['Add:', 'add'],
  ['Delete:', 'delete'],
  ['Revise from:', 'revise-from'],
  ['Revise to:', 'revise-to'],
];
const LAYOUT =
  'expected the ICD-10-CM order addenda layout (Add:/Delete:/Revise from:/Revise to: in columns 1-13, billable flag 0/1 in 14, code 16-22, short title 24-83, long title from 85)';
const SUMMARY_TOTAL = /^\s*(\d+) (headers|codes) in (\S+)$/;
const SUMMARY_CHANGES = /^\s*(\d+) (additions|deletions|revisions)$/;

/** Parses an order addenda file's text. */
export function parseOrderAddenda(file: string, text: string, claims: FiscalYearClaims = {}): Icd10CmOrderAddendaFile {
  const fiscalYear = resolveFiscalYear(file, claims);
  const changes: Icd10CmOrderAddendaChange[] = [];
  const summaries: Partial<Record<'Headers' | 'Codes', Partial<Record<string, number | string>>>> = {};
  let summary: Partial<Record<string, number | string>> | undefined;
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index += 1) {
    const line = index + 1;
    const content = lines[index] as string;
    if (content === 'Headers' || content === 'Codes') {
      summary = summaries[content] = {};
      continue;
    }
    if (summary !== undefined) {
      readSummaryLine(summary, content);
      continue;
    }
    if (content.trim() === '') continue;
    changes.push(parseChangeLine(file, line, content));
  }
  const headers = completeSummary(file, 'Headers', summaries.Headers);
  const codes = completeSummary(file, 'Codes', summaries.Codes);
  const summarisedYear = recogniseFileName(codes.file).fiscalYear;
  if (summarisedYear !== fiscalYear) {
    throw new Icd10CmImportError(
      { file },
      `its summary counts ${codes.file} (FY${summarisedYear ?? '?'}); expected the FY${fiscalYear} order file`,
    );
  }
  checkSummaryMatchesChanges(
    file,
    'Headers',
    headers,
    changes.filter((change) => !change.billable),
  );
  checkSummaryMatchesChanges(
    file,
    'Codes',
    codes,
    changes.filter((change) => change.billable),
  );
  return { file, fiscalYear, changes, headers, codes };
}

/** The summary's numbers of additions, deletions and revisions must be the change lines listed, or lines are lost. */
function checkSummaryMatchesChanges(
  file: string,
  kind: 'Headers' | 'Codes',
  summary: OrderAddendaSummary,
  changes: readonly Icd10CmOrderAddendaChange[],
): void {
  const listed = {
    additions: changes.filter((change) => change.action === 'add').length,
    deletions: changes.filter((change) => change.action === 'delete').length,
    revisions: changes.filter((change) => change.action === 'revise-to').length,
  };
  for (const key of ['additions', 'deletions', 'revisions'] as const) {
    if (listed[key] !== summary[key]) {
      throw new Icd10CmImportError(
        { file },
        `the "${kind}" summary counts ${summary[key]} ${key} but the file lists ${listed[key]}; expected the summary to match the change lines`,
      );
    }
  }
}

function parseChangeLine(file: string, line: number, text: string): Icd10CmOrderAddendaChange {
  const fail = (problem: string): never => {
    throw new Icd10CmImportError({ file, line }, `${problem}; ${LAYOUT}`);
  };
  const label = text.slice(0, 13).trimEnd();
  const action = LABELS.find(([name]) => name === label)?.[1];
  if (action === undefined)
    fail(`columns 1-13 hold ${quoteFound(text.slice(0, 13))}, not Add:, Delete:, Revise from: or Revise to:`);
  const flag = text[13];
  if (flag !== '0' && flag !== '1') fail(`column 14 holds ${quoteFound(flag ?? '')}, not a billable flag 0 or 1`);
  const undottedCode = text.slice(15, 22).trimEnd();
  if (!isUndottedIcd10CmCode(undottedCode))
    fail(`columns 16-22 hold ${quoteFound(text.slice(15, 22))}, not an undotted ICD-10-CM code`);
  const longTitle = text.slice(84).trimEnd();
  if (longTitle === '') fail('the long title (from column 85) is blank');
  return {
    action: action as OrderAddendaAction,
    code: toDottedCode(undottedCode),
    undottedCode,
    billable: flag === '1',
    shortTitle: text.slice(23, 83).trimEnd(),
    longTitle,
    source: { file, line },
  };
}

function readSummaryLine(summary: Partial<Record<string, number | string>>, text: string): void {
  const total = SUMMARY_TOTAL.exec(text);
  if (total) {
    const key = summary.previousFile === undefined ? 'previous' : 'current';
    summary[`${key}File`] = total[3];
    summary[`${key}Count`] = Number(total[1]);
    return;
  }
  const changes = SUMMARY_CHANGES.exec(text);
  if (changes?.[2] !== undefined) summary[changes[2]] = Number(changes[1]);
}

function completeSummary(
  file: string,
  kind: 'Headers' | 'Codes',
  summary: Partial<Record<string, number | string>> | undefined,
): OrderAddendaSummary {
  const { previousFile, previousCount, currentFile, currentCount, additions, deletions, revisions } = summary ?? {};
  if (
    typeof previousFile !== 'string' ||
    typeof currentFile !== 'string' ||
    typeof previousCount !== 'number' ||
    typeof currentCount !== 'number' ||
    typeof additions !== 'number' ||
    typeof deletions !== 'number' ||
    typeof revisions !== 'number'
  ) {
    throw new Icd10CmImportError(
      { file },
      `the "${kind}" summary is missing or incomplete; expected "${kind}" followed by the counts in the previous and new order files and the numbers of additions, deletions and revisions`,
    );
  }
  return { previousFile, previousCount, file: currentFile, count: currentCount, additions, deletions, revisions };
}

/**
 * Problems found when checking an order file against the addenda of the year it claims: empty when the order file
 * is the one the addenda describe. Each problem names the code and the addenda line.
 */
export function checkOrderAgainstAddenda(order: Icd10CmOrderFile, addenda: Icd10CmOrderAddendaFile): string[] {
  const problems: string[] = [];
  if (order.fiscalYear !== addenda.fiscalYear) {
    return [`${order.file} is FY${order.fiscalYear} but ${addenda.file} is FY${addenda.fiscalYear}`];
  }
  const headers = order.records.filter((record) => !record.billable).length;
  const billable = order.records.length - headers;
  if (headers !== addenda.headers.count) {
    problems.push(
      `${headers} headers, but ${addenda.file} counts ${addenda.headers.count} headers in ${addenda.headers.file}`,
    );
  }
  if (billable !== addenda.codes.count) {
    problems.push(
      `${billable} billable codes, but ${addenda.file} counts ${addenda.codes.count} codes in ${addenda.codes.file}`,
    );
  }
  const byCode = new Map(order.records.map((record) => [record.undottedCode, record]));
  const added = new Set(addenda.changes.filter((c) => c.action === 'add').map((c) => c.undottedCode));
  for (const change of addenda.changes) {
    const record = byCode.get(change.undottedCode);
    const where = `${addenda.file} line ${change.source.line}`;
    if (change.action === 'add' || change.action === 'revise-to') {
      if (record === undefined) problems.push(`${change.code} is missing, but ${where} has it (${change.action})`);
      else if (record.billable !== change.billable || record.longTitle !== change.longTitle) {
        problems.push(`${change.code} differs from ${where} (${change.action}) in its billable flag or long title`);
      }
    } else if (change.action === 'delete' && !added.has(change.undottedCode) && record !== undefined) {
      problems.push(`${change.code} is present, but ${where} deletes it`);
    }
  }
  return problems;
}
