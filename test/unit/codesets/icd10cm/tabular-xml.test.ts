import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTabularXml } from '#core/codesets/icd10cm/tabular-xml';
import type { TabularCode, TabularList } from '#core/codesets/icd10cm/types';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

const FIXTURE = new URL('../../../fixtures/codesets/icd10cm/tabular-ch19-seventh-characters.xml', import.meta.url);
const CH2_EXTRACT = ['icd10cm', '2025', 'icd-10-cm-tabular-2025_ch2.xml'];

function byCode(codes: readonly TabularCode[]): Map<string, TabularCode> {
  return new Map(codes.map((code) => [code.code, code]));
}

describe('parseTabularXml: 7th characters (chapter 19 fixture in the CDC tabular format)', () => {
  const tabular = parseTabularXml('icd10cm_tabular_2025.xml', readFileSync(FIXTURE, 'utf8'));
  const codes = byCode(tabular.codes);

  it('expands a 6-character code with each 7th character of its category into billable codes', () => {
    expect(tabular.codes.filter((c) => c.expandedFrom?.baseCode === 'S52.591').map((c) => c.code)).toEqual([
      'S52.591A',
      'S52.591B',
      'S52.591D',
      'S52.591S',
    ]);
    expect(codes.get('S52.591B')).toMatchObject({
      billable: true,
      parent: 'S52.591',
      description: 'Other fractures of lower end of right radius, initial encounter for open fracture type I or II',
    });
  });

  it('makes the base code of an expansion a non-billable header', () => {
    expect(codes.get('S52.591')?.billable).toBe(false);
  });

  it('lets a subcategory definition override its category (torus fractures take only A, D, S)', () => {
    expect(tabular.codes.filter((c) => c.expandedFrom?.baseCode === 'S52.521').map((c) => c.code)).toEqual([
      'S52.521A',
      'S52.521D',
      'S52.521S',
    ]);
    expect(codes.has('S52.521B')).toBe(false);
  });

  it('pads a short code with placeholder X before its 7th character', () => {
    expect(codes.get('T15.01XA')).toMatchObject({
      billable: true,
      expandedFrom: { baseCode: 'T15.01', character: 'A' },
    });
    expect(codes.get('T07.XXXS')).toMatchObject({
      billable: true,
      description: 'Unspecified multiple injuries, sequela',
    });
    expect(codes.get('T07')?.billable).toBe(false);
  });

  it('gives every code below a definition the inherited 7th characters, headers included', () => {
    expect(codes.get('S52.5')?.seventhCharacters.map((s) => s.character)).toEqual(['A', 'B', 'D', 'S']);
    expect(codes.get('T15.0')?.seventhCharacters).toEqual([
      { character: 'A', meaning: 'initial encounter' },
      { character: 'D', meaning: 'subsequent encounter' },
      { character: 'S', meaning: 'sequela' },
    ]);
  });

  it('keeps each element its own notes: Excludes1, Excludes2, Code first, Code also, 7th character note', () => {
    expect(codes.get('S52')?.notes).toMatchObject({
      excludes1: ['traumatic amputation of forearm (S58.-)'],
      excludes2: ['fracture at wrist and hand level (S62.-)'],
      sevenChrNote: ['The appropriate 7th character is to be added to all codes from category S52'],
    });
    expect(codes.get('T15')?.notes).toMatchObject({
      codeFirst: ['any associated open wound of eyelid and periocular area (S01.1-)'],
      codeAlso: ['any associated retained foreign body in eyelid (H02.81-)'],
    });
    expect(codes.get('S52.5')?.notes.excludes1).toEqual([]);
  });

  it('reads chapter and section notes and places codes in their chapter and section', () => {
    expect(tabular.chapters).toEqual([
      expect.objectContaining({
        number: '19',
        notes: expect.objectContaining({ excludes1: ['birth trauma (P10-P15)', 'obstetric trauma (O70-O71)'] }),
      }),
    ]);
    expect(tabular.sections.map((s) => s.id)).toEqual(['S50-S59', 'T07-T07', 'T15-T19']);
    expect(codes.get('T15.01XD')).toMatchObject({ chapter: '19', section: 'T15-T19' });
  });
});

describe('parseTabularXml: addenda markup', () => {
  it('keeps the new wording of a title and drops the <old> wording', () => {
    const fixture = readFileSync(FIXTURE, 'utf8').replace(
      '<desc>Foreign body in cornea</desc>',
      '<desc>Foreign body in <old>the </old><new>cornea</new></desc>',
    );

    const codes = byCode(parseTabularXml('icd10cm_tabular_2025.xml', fixture).codes);

    expect(codes.get('T15.0')?.description).toBe('Foreign body in cornea');
  });
});

describe('parseTabularXml: malformed input', () => {
  const fixture = readFileSync(FIXTURE, 'utf8');

  it('rejects a diag without a name, naming the line of the diag', () => {
    const broken = fixture.replace('<name>S52.591</name>', '');

    expect(() => parseTabularXml('icd10cm_tabular_2025.xml', broken)).toThrow(
      /^icd10cm_tabular_2025\.xml, line 84, <diag>: <diag> opened at line 84 has no <name>; expected its code first/,
    );
  });

  it('rejects a 7th character definition without a valid char attribute', () => {
    const broken = fixture.replace('<extension char="B">', '<extension char="BB">');

    expect(() => parseTabularXml('icd10cm_tabular_2025.xml', broken)).toThrow(
      /line 54, <extension>: char="BB"; expected a single letter or digit/,
    );
  });

  it('rejects a 7th character definition placed after the codes it would apply to', () => {
    const definition = fixture.slice(
      fixture.indexOf('<sevenChrDef>', fixture.indexOf('<name>T15</name>')),
      fixture.indexOf('</sevenChrDef>', fixture.indexOf('<name>T15</name>')) + '</sevenChrDef>'.length,
    );
    const moved = fixture
      .replace(definition, '')
      .replace(
        '</diag>\n      </diag>\n    </section>\n  </chapter>',
        `</diag>\n${definition}\n      </diag>\n    </section>\n  </chapter>`,
      );

    expect(() => parseTabularXml('icd10cm_tabular_2025.xml', moved)).toThrow(
      /<extension>: 7th character definition of T15 comes after its child codes; expected <sevenChrDef> before the codes it applies to/,
    );
  });

  it('rejects an index file given as a tabular file', () => {
    expect(() =>
      parseTabularXml(
        'icd10cm_tabular_2025.xml',
        '<?xml version="1.0"?>\n<ICD10CM.index><version>2025</version></ICD10CM.index>',
      ),
    ).toThrow(/line 2, <ICD10CM.index>: root element is <ICD10CM.index>; expected <ICD10CM.tabular>/);
  });

  it('rejects a file whose <version> disagrees with the year in its name', () => {
    expect(() => parseTabularXml('icd10cm_tabular_2024.xml', fixture)).toThrow(
      /^icd10cm_tabular_2024\.xml, <version>: fiscal year mismatch: <version> says 2025 but its file name says FY2024/,
    );
  });
});

describeWithSharedData('parseTabularXml on the FY2025 tabular chapter 2 extract', CH2_EXTRACT, () => {
  const file = 'icd-10-cm-tabular-2025_ch2.xml';
  let text: string;
  let tabular: TabularList;
  let codes: Map<string, TabularCode>;
  beforeAll(() => {
    text = readFileSync(sharedData(...CH2_EXTRACT), 'utf8');
    tabular = parseTabularXml(file, text, { expectedFiscalYear: 2025 });
    codes = byCode(tabular.codes);
  });

  it('imports one code per <diag> element and one section per <section> (chapter 2 has no 7th characters)', () => {
    expect(tabular.codes).toHaveLength(text.match(/<diag>/g)?.length ?? -1);
    expect(tabular.sections).toHaveLength(text.match(/<section /g)?.length ?? -1);
    expect(tabular.codes.some((c) => c.expandedFrom !== undefined)).toBe(false);
    expect(tabular.chapters.map((c) => [c.number, c.description])).toEqual([['2', 'Neoplasms (C00-D49)']]);
  });

  it('marks billable exactly the codes that are no other code’s parent', () => {
    const parents = new Set(tabular.codes.map((c) => c.parent));

    expect(tabular.codes.filter((c) => c.billable).map((c) => c.code)).toEqual(
      tabular.codes.filter((c) => !parents.has(c.code)).map((c) => c.code),
    );
    expect(codes.get('C50.911')).toMatchObject({ billable: true, parent: 'C50.91', depth: 4, section: 'C50' });
    expect(codes.get('C50')?.billable).toBe(false);
  });

  it.each([
    ['excludes1', 'excludes1'],
    ['excludes2', 'excludes2'],
    ['includes', 'includes'],
    ['inclusionTerm', 'inclusionTerms'],
    ['codeFirst', 'codeFirst'],
    ['useAdditionalCode', 'useAdditionalCode'],
    ['codeAlso', 'codeAlso'],
  ] as const)('keeps every <note> of every <%s> element of the file', (element, kind) => {
    const blocks = text.match(new RegExp(`<${element}>[\\s\\S]*?</${element}>`, 'g')) ?? [];
    const notesInFile = blocks.reduce((sum, block) => sum + (block.match(/<note>/g)?.length ?? 0), 0);
    const imported = [...tabular.chapters, ...tabular.sections, ...tabular.codes].reduce(
      (sum, element) => sum + element.notes[kind].length,
      0,
    );

    expect(notesInFile).toBeGreaterThan(0);
    expect(imported).toBe(notesInFile);
  });

  it('reads an Excludes1 note, an Includes note and a Code first note where CDC put them', () => {
    expect(codes.get('C00')?.notes.excludes1).toContain('malignant melanoma of lip (C43.0)');
    expect(codes.get('C03')?.notes.includes).toEqual([
      'malignant neoplasm of alveolar (ridge) mucosa',
      'malignant neoplasm of gingiva',
    ]);
    expect(codes.get('C46')?.notes.codeFirst).toEqual(['any human immunodeficiency virus [HIV] disease (B20)']);
  });

  it('reads inclusion terms and Use additional code notes', () => {
    expect(codes.get('C00.0')?.notes.inclusionTerms).toContain('Malignant neoplasm of lipstick area of upper lip');
    expect(codes.get('C00')?.notes.useAdditionalCode).toContain('alcohol abuse and dependence (F10.-)');
  });

  it('rejects the extract cut in half, naming the line and the element left open', () => {
    const truncated = text.slice(0, Math.floor(text.length / 2));
    const lastLine = truncated.split('\n').length;

    expect(() => parseTabularXml(file, truncated)).toThrow(
      new RegExp(
        `^icd-10-cm-tabular-2025_ch2\\.xml, line ${lastLine}, <\\w+>: malformed XML \\(.*\\); expected a complete, well-formed`,
      ),
    );
  });
});
