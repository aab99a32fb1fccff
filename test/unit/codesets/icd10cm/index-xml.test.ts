import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseIndexXml } from '#core/codesets/icd10cm/index-xml';
import type { IndexFile, IndexTerm } from '#core/codesets/icd10cm/types';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const MAIN_INDEX_FIXTURE = new URL('../../../fixtures/codesets/icd10cm/index-main-sample.xml', import.meta.url);
const NEOPLASM = ['icd10cm', '2025', 'icd-10-cm-neoplasm-2025.xml'];
const DRUG = ['icd10cm', '2025', 'icd-10-cm-drug-2025.xml'];
const EINDEX = ['icd10cm', '2025', 'icd-10-cm-eindex-2025.xml'];

function termAt(index: IndexFile, ...path: string[]): IndexTerm | undefined {
  return index.terms.find((term) => term.path.join(' > ') === path.join(' > '));
}

/** Cells in a file holding a code (not printed as dashes), counted independently of the importer. */
function countCodeCells(text: string): number {
  return text.match(/<cell col="\d">(?!-+<)[^<]/g)?.length ?? 0;
}

function countImportedCells(index: IndexFile): number {
  return index.terms.reduce((sum, term) => sum + Object.keys(term.cells).length, 0);
}

/** Terms in a file counted independently of the importer: one per <mainTerm> and per <term level=...>. */
function countTermElements(text: string): number {
  return (text.match(/<mainTerm>/g)?.length ?? 0) + (text.match(/<term level="/g)?.length ?? 0);
}

describe('parseIndexXml: main Alphabetic Index (fixture in the CDC index format)', () => {
  const index = parseIndexXml('icd10cm_index_2025.xml', readFileSync(MAIN_INDEX_FIXTURE, 'utf8'));

  it('lists every main term and subterm in document order with its path and level', () => {
    expect(index.terms.map((t) => [t.path.join(' > '), t.level])).toEqual([
      ['Ache(s)', 0],
      ['Diabetes, diabetic', 0],
      ['Diabetes, diabetic > type 2', 1],
      ['Diabetes, diabetic > type 2 > with', 2],
      ['Diabetes, diabetic > type 2 > with > hyperglycemia', 3],
      ['Otitis', 0],
      ['Otitis > media', 1],
      ['Polyneuropathy', 0],
      ['Polyneuropathy > amyloid', 1],
    ]);
  });

  it('separates nonessential modifiers from the title', () => {
    expect(termAt(index, 'Diabetes, diabetic')).toMatchObject({
      title: 'Diabetes, diabetic',
      nonessentialModifiers: ['(mellitus) (sugar)'],
      code: 'E11.9',
      seeAlso: 'Table of Drugs and Chemicals',
      letter: 'D',
    });
  });

  it('keeps an incomplete code with its trailing dash, a see reference, and a manifestation code', () => {
    expect(termAt(index, 'Otitis', 'media')?.code).toBe('H66.9-');
    expect(termAt(index, 'Ache(s)')).toMatchObject({ see: 'Pain', code: undefined });
    expect(termAt(index, 'Polyneuropathy', 'amyloid')).toMatchObject({ code: 'E85.1', manifestation: 'G63' });
  });

  it('reads a file that still starts with its UTF-8 byte-order mark', () => {
    const withBom = `\uFEFF${readFileSync(MAIN_INDEX_FIXTURE, 'utf8')}`;

    expect(parseIndexXml('icd10cm_index_2025.xml', withBom).terms).toHaveLength(index.terms.length);
  });

  it('reads the index title and has no table columns', () => {
    expect(index.title).toBe('ICD-10-CM INDEX TO DISEASES and INJURIES (test fixture: a few entries)');
    expect(index.columnHeadings).toEqual({});
  });
});

describe('parseIndexXml: malformed input', () => {
  const fixture = readFileSync(MAIN_INDEX_FIXTURE, 'utf8');

  it('rejects a subterm that skips a level, naming the line and the expected level', () => {
    const skipped = fixture.replace('<term level="3">', '<term level="4">');

    expect(() => parseIndexXml('icd10cm_index_2025.xml', skipped)).toThrow(
      /^icd10cm_index_2025\.xml, line 23, <term>: level="4"; expected level="3" \(one below its parent term\)/,
    );
  });

  it('rejects a term whose title is empty, naming the line of the term', () => {
    const untitled = fixture.replace('<title>hyperglycemia</title>', '<title> </title>');

    expect(() => parseIndexXml('icd10cm_index_2025.xml', untitled)).toThrow(
      /^icd10cm_index_2025\.xml, line 26, <term>: <term> opened at line 23 has no <title> text; expected its title first/,
    );
  });

  it('rejects a table cell in an index that declares no columns', () => {
    const withCell = fixture.replace('<code>G62.9</code>', '<cell col="2">G62.9</cell>');

    expect(() => parseIndexXml('icd10cm_index_2025.xml', withCell)).toThrow(
      /line 46, <cell>: col="2" has no heading; expected a column declared in <indexHeading>/,
    );
  });

  it('rejects a tabular file given as an index', () => {
    expect(() =>
      parseIndexXml('icd10cm_index_2025.xml', '<ICD10CM.tabular><version>2025</version></ICD10CM.tabular>'),
    ).toThrow(/line 1, <ICD10CM.tabular>: root element is <ICD10CM.tabular>; expected <ICD10CM.index>/);
  });
});

describeWithSharedData('parseIndexXml on the FY2025 Neoplasm table', NEOPLASM, () => {
  let text: string;
  let table: IndexFile;
  beforeAll(() => {
    text = readFileSync(sharedData(...NEOPLASM), 'utf8');
    table = parseIndexXml('icd-10-cm-neoplasm-2025.xml', text, { expectedFiscalYear: 2025 });
  });

  it('imports every term of the file and every cell that holds a code', () => {
    expect(table.terms).toHaveLength(countTermElements(text));
    expect(countImportedCells(table)).toBe(countCodeCells(text));
  });

  it('names the columns from the table heading', () => {
    expect(Object.values(table.columnHeadings)).toEqual([
      'Neoplasm',
      'Malignant Primary',
      'Malignant Secondary',
      'Ca in situ',
      'Benign',
      'Uncertain Behavior',
      'Unspecified Behavior',
    ]);
  });

  it('gives each term its cells by column heading, leaving out cells printed as a dash', () => {
    expect(termAt(table, 'Neoplasm, neoplastic', 'abdomen, abdominal')?.cells).toEqual({
      'Malignant Primary': 'C76.2',
      'Malignant Secondary': 'C79.8-',
      'Ca in situ': 'D09.8',
      Benign: 'D36.7',
      'Uncertain Behavior': 'D48.7',
      'Unspecified Behavior': 'D49.89',
    });
    expect(
      termAt(table, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall', 'connective tissue')?.cells,
    ).not.toHaveProperty('Ca in situ');
  });

  it('reads nonessential modifiers and see-also references of table rows', () => {
    expect(termAt(table, 'Neoplasm, neoplastic', 'breast')).toMatchObject({
      nonessentialModifiers: ['(connective tissue) (glandular tissue) (soft parts)'],
      cells: expect.objectContaining({ 'Malignant Primary': 'C50.9-', 'Ca in situ': 'D05.-' }),
    });
    expect(termAt(table, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall')?.seeAlso).toBe(
      'Neoplasm, abdomen, wall, skin',
    );
  });

  it('rejects the table cut short, naming the line and the element left open', () => {
    const truncated = text.slice(0, 200_000);

    expect(() => parseIndexXml('icd-10-cm-neoplasm-2025.xml', truncated)).toThrow(
      /^icd-10-cm-neoplasm-2025\.xml, line \d+, <\w+>: malformed XML \(.*\); expected a complete, well-formed ICD-10-CM XML file/,
    );
  });
});

describeWithSharedData('parseIndexXml on the FY2025 Table of Drugs and Chemicals', DRUG, () => {
  let text: string;
  let table: IndexFile;
  beforeAll(() => {
    text = readFileSync(sharedData(...DRUG), 'utf8');
    table = parseIndexXml('icd-10-cm-drug-2025.xml', text);
  });

  it('imports every term of the file and every cell that holds a code', () => {
    expect(table.terms).toHaveLength(countTermElements(text));
    expect(countImportedCells(table)).toBe(countCodeCells(text));
  });

  it('gives a substance its six poisoning, adverse effect and underdosing codes by column heading', () => {
    expect(termAt(table, 'Acetaminophen')?.cells).toEqual({
      'Poisoning Accidental (unintentional)': 'T39.1X1',
      'Poisoning Intentional self-harm': 'T39.1X2',
      'Poisoning Assault': 'T39.1X3',
      'Poisoning Undetermined': 'T39.1X4',
      'Adverse effect': 'T39.1X5',
      Underdosing: 'T39.1X6',
    });
  });

  it('leaves out columns printed "--" and keeps a substance’s nonessential modifiers apart from its name', () => {
    expect(termAt(table, '2,4-D')).toMatchObject({
      letter: '#',
      nonessentialModifiers: ['(dichlorophen-oxyacetic acid)'],
      cells: {
        'Poisoning Accidental (unintentional)': 'T60.3X1',
        'Poisoning Intentional self-harm': 'T60.3X2',
        'Poisoning Assault': 'T60.3X3',
        'Poisoning Undetermined': 'T60.3X4',
      },
    });
  });

  it('nests subterms under their substance', () => {
    expect(termAt(table, 'Absinthe', 'beverage')).toMatchObject({
      level: 1,
      cells: expect.objectContaining({ 'Poisoning Assault': 'T51.0X3' }),
    });
  });

  it('rejects the drug table given under a neoplasm table name: the column headings do not fit', () => {
    expect(() => parseIndexXml('icd10cm_neoplasm_2025.xml', text)).toThrow(
      /^icd10cm_neoplasm_2025\.xml, <indexHeading>: column 1 is headed "Substance"; expected "Neoplasm" for the neoplasm table/,
    );
  });
});

describeWithSharedData(
  'parseIndexXml on the FY2025 External Cause index (same structure as the main index)',
  EINDEX,
  () => {
    let text: string;
    let index: IndexFile;
    beforeAll(() => {
      text = readFileSync(sharedData(...EINDEX), 'utf8');
      index = parseIndexXml('icd-10-cm-eindex-2025.xml', text, { releaseName: 'icd10cm-table-index-April-2025.zip' });
    });

    it('imports every term of the file with the index title and no table columns', () => {
      expect(index.terms).toHaveLength(countTermElements(text));
      expect(index.terms.filter((term) => term.code !== undefined)).toHaveLength(text.match(/<code>/g)?.length ?? -1);
      expect(index.terms.filter((term) => term.see !== undefined)).toHaveLength(text.match(/<see>/g)?.length ?? -1);
      expect(index.title).toBe('ICD-10-CM EXTERNAL CAUSE of INJURIES INDEX');
      expect(index.columnHeadings).toEqual({});
    });

    it('follows deep paths down to their codes', () => {
      expect(termAt(index, 'Accident', 'boat, boating', 'striking swimmer', 'powered')).toMatchObject({
        level: 3,
        code: 'V94.11',
      });
      expect(termAt(index, 'Abandonment NEC')).toMatchObject({
        nonessentialModifiers: ['(causing exposure to weather conditions) (with intent to injure or kill)'],
        code: 'X58',
      });
    });

    it('reads see, see also, see category and subcategory references', () => {
      expect(termAt(index, 'Accident', 'automobile')?.see).toBe('Accident, transport, car occupant');
      expect(termAt(index, 'Accident', 'aircraft')?.seeAlso).toBe('Accident, transport, aircraft');
      expect(termAt(index, 'Entanglement', 'in', 'bed linen, causing suffocation')?.seeCategory).toBe('T71');
      expect(termAt(index, 'Accident', 'caused by, due to', 'lightning')?.subcategory).toBe('T75.0');
    });

    it('rejects the file when the caller says it belongs to another year', () => {
      expect(() => parseIndexXml('icd-10-cm-eindex-2025.xml', text, { expectedFiscalYear: 2026 })).toThrow(
        /^icd-10-cm-eindex-2025\.xml, <version>: fiscal year mismatch: <version> says 2025 but the caller says FY2026/,
      );
    });
  },
);
