/**
 * The file-system edge of the GEM benchmark: the shared ICD-9-CM v32 titles and 2018 GEM (the test), and the FY2018
 * ICD-10-CM release compiled in memory by the code set importer (the coder's knowledge, as a practice would load it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseName, readReleaseFiles } from '#core/codesets/archive';
import type { ReleaseSource } from '#core/codesets/bundle/format';
import { compileReleaseFiles } from '#core/codesets/compile-release-files';
import { parseIndexXml } from '#core/codesets/icd10cm/index-xml';
import { tableEntriesOf } from '#core/codesets/icd10cm/table-titles';
import { parseTabularXml } from '#core/codesets/icd10cm/tabular-xml';
import { type CodeSets, createCodeSets } from '#core/codesets/index';
import { starterReleaseSources } from '#core/codesets/starter/index';
import { exactOneToOneMaps, type GemCase, gemCases, parseIcd9LongTitles } from './gem-cases.ts';

export function gemPaths(shared: string) {
  return {
    icd9: join(shared, 'icd9cm', 'v32', 'ICD-9-CM-v32-master-descriptions.zip'),
    gem: join(shared, 'gems', '2018', '2018_I9gem.txt'),
    icd10cm: join(shared, 'icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'),
  };
}

/** The FY2025 tabular extract (chapter 2, neoplasms): inclusion terms the FY2018 order file does not carry. */
export const tabularExtractPath = (shared: string) => join(shared, 'icd10cm', '2025', 'icd-10-cm-tabular-2025_ch2.xml');

/**
 * The FY2018 code sets with the inclusion terms of a later tabular list, for the codes whose title is the same in
 * both years (the same code meaning the same thing): the knowledge a practice would have from the FY2018 tabular
 * list, which the shared data lacks.
 */
export function withInclusionTerms(codeSets: CodeSets, tabularFile: string, date: string): CodeSets {
  const tabular = parseTabularXml(tabularFile, readFileSync(tabularFile, 'utf8'));
  const terms = new Map<string, string[]>();
  for (const code of tabular.codes) {
    const inclusion = code.notes.inclusionTerms;
    if (inclusion.length === 0 || codeSets.icd10cm.title(code.code, date) !== code.description) continue;
    terms.set(code.code, [...inclusion]);
  }
  const { icd10cm } = codeSets;
  return {
    ...codeSets,
    icd10cm: {
      ...icd10cm,
      notes(code, on) {
        const own = terms.get(code);
        const notes = icd10cm.notes(code, on);
        return own && on === date ? [{ from: code, notes: { inclusionTerms: own } }, ...notes] : notes;
      },
    },
  };
}

/** The FY2025 index tables (CDC XML): the files a practice would import with its release, by the table they hold. */
export const indexTablePaths = (shared: string) => ({
  neoplasm: join(shared, 'icd10cm', '2025', 'icd-10-cm-neoplasm-2025.xml'),
  drug: join(shared, 'icd10cm', '2025', 'icd-10-cm-drug-2025.xml'),
  eindex: join(shared, 'icd10cm', '2025', 'icd-10-cm-eindex-2025.xml'),
});

type IndexTable = keyof ReturnType<typeof indexTablePaths>;

/**
 * The code sets with the entries of index table files (Table of Neoplasms, Table of Drugs and Chemicals, External
 * Cause Index) beside the release's own (the FY2018 release of the shared data has no index files). The coder
 * proposes an entry's code only where the release has it billable.
 */
export function withIndexTables(codeSets: CodeSets, files: Partial<Record<IndexTable, string>>): CodeSets {
  const rows = new Map(
    Object.entries(files).map(([table, file]) => [
      table,
      tableEntriesOf(parseIndexXml(file, readFileSync(file, 'utf8'))),
    ]),
  );
  const { icd10cm } = codeSets;
  return {
    ...codeSets,
    icd10cm: {
      ...icd10cm,
      tableEntries: (table, on) => [...(rows.get(table) ?? []), ...icd10cm.tableEntries(table, on)],
    },
  };
}

/** The paths that are missing (empty when the benchmark can run). */
export function missingGemInputs(shared: string): string[] {
  return Object.values(gemPaths(shared)).filter((path) => !existsSync(path));
}

export function loadGemCases(shared: string): GemCase[] {
  const paths = gemPaths(shared);
  const files = readReleaseFiles({ name: paths.icd9, bytes: readFileSync(paths.icd9) });
  const long = files.find((file) => baseName(file.name) === 'CMS32_DESC_LONG_DX.txt');
  if (!long) throw new Error(`${paths.icd9}: holds no CMS32_DESC_LONG_DX.txt`);
  // CMS wrote the titles in a single-byte encoding (Friedl\x8anders).
  const titles = parseIcd9LongTitles(new TextDecoder('latin1').decode(long.bytes));
  return gemCases(titles, exactOneToOneMaps(readFileSync(paths.gem, 'latin1')));
}

/** The FY2018 ICD-10-CM release imported in memory, with the starter CPT/HCPCS/NCCI releases beside it. */
export function loadFy2018CodeSets(shared: string): CodeSets {
  const { icd10cm } = gemPaths(shared);
  const compiled = compileReleaseFiles([{ name: icd10cm, bytes: readFileSync(icd10cm) }], {
    compiledAt: '2018-03-01T00:00:00.000Z',
  });
  const sources: ReleaseSource[] = compiled.map((release) => ({
    manifest: release.manifest,
    readTable: (name) => release.tables[name],
  }));
  const codeSets = createCodeSets([
    ...sources,
    ...starterReleaseSources().filter((source) => source.manifest.kind !== 'icd10cm'),
  ]);
  const extract = tabularExtractPath(shared);
  const withTerms = existsSync(extract) ? withInclusionTerms(codeSets, extract, GEM_DATE) : codeSets;
  const tables = Object.entries(indexTablePaths(shared)).filter(([, file]) => existsSync(file));
  return tables.length > 0 ? withIndexTables(withTerms, Object.fromEntries(tables)) : withTerms;
}

/** The date the benchmark codes on (evaluate-gem.ts GEM_CODING_DATE; kept here to avoid an import cycle). */
const GEM_DATE = '2018-03-01';
