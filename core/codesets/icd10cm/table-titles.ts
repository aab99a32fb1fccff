/**
 * The Table of Neoplasms read as titles: each site of the table and each behaviour column that holds a complete code
 * names that code, as a coder reads the row ("bladder (urinary), dome" under Malignant Primary is "Malignant
 * neoplasm of dome of bladder (urinary)", C67.1). The title match of the diagnosis coder indexes these beside the
 * tabular titles, so a site the tabular title words differently ("labia majora", "dome of urinary bladder") still
 * reaches its code. The words are the table's own; nothing is added but the column's name.
 */
import type { IndexFile } from './types.ts';

/**
 * One row of a table or entry of the External Cause Index: its path from the main term (each level with its
 * nonessential modifiers), its cells (tables), and the code or "see" reference printed on it (the External Cause
 * Index, and the cross-references of the tables: "Tylenol, see Acetaminophen").
 */
export interface TableEntry {
  readonly path: readonly string[];
  readonly cells: Readonly<Record<string, string>>;
  readonly code?: string;
  readonly see?: string;
  /** Where the row is printed, for the reader of a coded result. */
  readonly line?: number;
}

export interface TableTitle {
  code: string;
  title: string;
  line?: number;
}

/**
 * What each behaviour column of the Table of Neoplasms says, in the words of the chapter 2 titles (C00-C96
 * "Malignant neoplasm of", C77-C79 "Secondary malignant neoplasm of", D00-D09 "Carcinoma in situ of", D10-D36
 * "Benign neoplasm of", D37-D48 "Neoplasm of uncertain behavior of", D49 "Neoplasm of unspecified behavior of").
 */
const BEHAVIOR_COLUMNS: Readonly<Record<string, string>> = {
  'Malignant Primary': 'Malignant neoplasm',
  'Malignant Secondary': 'Secondary malignant neoplasm',
  'Ca in situ': 'Carcinoma in situ',
  Benign: 'Benign neoplasm',
  'Uncertain Behavior': 'Neoplasm of uncertain behavior',
  'Unspecified Behavior': 'Neoplasm of unspecified behavior',
};

const MALIGNANT_COLUMNS = new Set(['Malignant Primary', 'Malignant Secondary']);

/** A complete code as the table prints it (a trailing dash means more characters are required). */
const COMPLETE_CODE = /^[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?$/;

/**
 * The entries of a parsed table or index that lead somewhere (cells, a code or a "see" reference), each level of the
 * path with its nonessential modifiers in parentheses as printed (`bladder (urinary)`): the modifiers are words a
 * statement may say and need not.
 */
export function tableEntriesOf(file: IndexFile): TableEntry[] {
  const levels: string[] = [];
  const entries: TableEntry[] = [];
  for (const term of file.terms) {
    levels.length = term.level;
    levels.push([term.title, ...term.nonessentialModifiers].join(' '));
    const hasCells = Object.keys(term.cells).length > 0;
    if (!hasCells && term.code === undefined && term.see === undefined) continue;
    entries.push({
      path: [...levels],
      cells: term.cells,
      ...(term.code === undefined ? {} : { code: term.code }),
      ...(term.see === undefined ? {} : { see: term.see }),
      line: term.source.line,
    });
  }
  return entries;
}

/**
 * The titles the Table of Neoplasms gives its codes: "<behaviour> of <site>", the site read from the deepest subterm
 * up ("dome of bladder (urinary)"). Left out: the main term's own row (the unspecified site, which the tabular titles
 * name), the table's notes, incomplete codes, and a site row that names a behaviour ("Meckel diverticulum,
 * malignant") outside the malignant columns, where the words would contradict the code.
 */
export function neoplasmTableTitles(entries: readonly TableEntry[]): TableTitle[] {
  const titles: TableTitle[] = [];
  for (const { path, cells, line } of entries) {
    const site = path.slice(1);
    if (site.length === 0 || site.some((level) => /^note\b/i.test(level))) continue;
    const sitePhrase = [...site].reverse().join(' of ');
    const namesMalignancy = /\bmalignant\b/i.test(sitePhrase);
    for (const [column, code] of Object.entries(cells)) {
      const behavior = BEHAVIOR_COLUMNS[column];
      if (behavior === undefined || !COMPLETE_CODE.test(code)) continue;
      if (namesMalignancy && !MALIGNANT_COLUMNS.has(column)) continue;
      titles.push({ code, title: `${behavior} of ${sitePhrase}`, ...(line === undefined ? {} : { line }) });
    }
  }
  return titles;
}
