import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parseIndexXml } from '#core/codesets/icd10cm/index-xml';
import { tableEntriesOf } from '#core/codesets/icd10cm/table-titles';
import type { CodeSets } from '#core/codesets/index';
import { openCodeSetsDirectory } from '#functions/common/codesets/bundle-directory';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { importInto, tempBundleDir } from './import-helpers.ts';

const DIR_2025 = ['icd10cm', '2025'];
const FILES = [
  'icd-10-cm-neoplasm-2025.xml',
  'icd-10-cm-drug-2025.xml',
  'icd-10-cm-eindex-2025.xml',
  'icd-10-cm-tabular-2025_ch2.xml',
];
const DATE = '2025-06-01';

describeWithSharedData('FY2025 index tables compiled with the tabular extract: term search', DIR_2025, () => {
  let codeSets: CodeSets;
  beforeAll(() => {
    const dir = tempBundleDir();
    importInto(
      dir,
      FILES.map((f) => sharedData(...DIR_2025, f)),
      { aprilUpdate: true },
    );
    codeSets = openCodeSetsDirectory(dir);
  }, 60_000);

  it('compiles the three index files into the same release as the tabular list', () => {
    const [release] = codeSets.releases();
    expect(release?.id).toBe('icd10cm-fy2025-apr');
    expect(release?.counts.indexTerms).toBeGreaterThan(10_000);
  });

  it('finds neoplasm table rows by words, main term first, with their cells', () => {
    const [first] = codeSets.icd10cm.searchIndex('neoplasm breast', DATE);
    expect(first).toMatchObject({ source: 'neoplasm', path: ['Neoplasm, neoplastic', 'breast'] });
    expect(first?.cells?.['Malignant Secondary']).toBe('C79.81');
  });

  it('folds plurals and case: "Breasts" finds the breast rows', () => {
    expect(codeSets.icd10cm.searchIndex('NEOPLASM Breasts', DATE)[0]?.path).toEqual(['Neoplasm, neoplastic', 'breast']);
  });

  it('finds drug table rows', () => {
    const hits = codeSets.icd10cm.searchIndex('aspirin', DATE);
    expect(hits[0]?.source).toBe('drug');
    expect(hits[0]?.path[0]).toMatch(/^Aspirin/);
  });

  it('leads from a code back to the index entries printed for it or its dashed prefix', () => {
    const hits = codeSets.icd10cm.indexEntriesFor('C79.81', DATE);
    expect(hits.some((h) => h.path.join(' > ') === 'Neoplasm, neoplastic > breast')).toBe(true);
  });

  it('lists every row of the Table of Neoplasms as the file prints it (modifiers, cells), and none of another table', () => {
    const rows = codeSets.icd10cm.tableEntries('neoplasm', DATE);
    expect(rows.find((row) => row.path[1]?.startsWith('breast ('))?.cells['Malignant Primary']).toBe('C50.9-');
    const file = sharedData(...DIR_2025, 'icd-10-cm-neoplasm-2025.xml');
    const printed = tableEntriesOf(parseIndexXml(file, readFileSync(file, 'utf8'))).map(({ line: _, ...row }) => row);
    expect(rows).toEqual(printed);
    expect(codeSets.icd10cm.tableEntries('drug', DATE).some((row) => row.path[0] === 'Neoplasm, neoplastic')).toBe(
      false,
    );
    expect(codeSets.icd10cm.tableEntries('neoplasm', '2010-01-01')).toEqual([]);
  });

  it('returns nothing when one word matches no term', () => {
    expect(codeSets.icd10cm.searchIndex('neoplasm zzyzx', DATE)).toEqual([]);
  });
});
