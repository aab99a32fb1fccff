import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { openCodeSetsDirectory } from '#functions/common/codesets/bundle-directory';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { fixturePath } from './fixtures.ts';
import { importInto, tempBundleDir } from './import-helpers.ts';

// The ICD engineer's chapter 19 fixture (a few S52/T07/T15 codes with their 7th-character definitions).
const CH19 = fixturePath('icd10cm', 'tabular-ch19-seventh-characters.xml');
const FY2025 = '2025-01-15';

describe('7th characters, notes and hierarchy from a Tabular List import', () => {
  let codeSets: CodeSets;
  beforeAll(() => {
    const dir = tempBundleDir();
    importInto(dir, [{ path: CH19, as: 'icd10cm_tabular_2025.xml' }]);
    codeSets = openCodeSetsDirectory(dir);
  });

  it('takes the nearest definition: S52.52 overrides the one of S52', () => {
    const rule = codeSets.icd10cm.seventhCharacter('S52.521', FY2025);
    expect(rule).toMatchObject({ baseCode: 'S52521', placeholderNeeded: false, definedAt: 'S52.52' });
    expect(rule?.characters.map((c) => c.character)).toEqual(['A', 'D', 'S']);
    expect(codeSets.icd10cm.seventhCharacter('S52.591', FY2025)?.characters.map((c) => c.character)).toEqual([
      'A',
      'B',
      'D',
      'S',
    ]);
  });

  it('says a short code needs placeholder X before its 7th character', () => {
    expect(codeSets.icd10cm.seventhCharacter('T07', FY2025)).toMatchObject({
      baseCode: 'T07XXX',
      placeholderNeeded: true,
    });
  });

  it('checks the 7th character given against the allowed ones', () => {
    expect(codeSets.icd10cm.seventhCharacter('S52.521A', FY2025)).toMatchObject({ given: 'A', givenIsAllowed: true });
    expect(codeSets.icd10cm.seventhCharacter('S52.521B', FY2025)).toMatchObject({ given: 'B', givenIsAllowed: false });
  });

  it('makes generated 7th-character codes billable and their base codes headers', () => {
    expect(codeSets.icd10cm.lookup('S52.521A', FY2025)).toMatchObject({
      billable: true,
      generated: true,
      parent: 'S52521',
    });
    expect(codeSets.icd10cm.isBillable('S52.521', FY2025)).toBe(false);
    expect(codeSets.icd10cm.isBillable('T07.XXXA', FY2025)).toBe(true);
  });

  it('gathers Excludes notes from the section and chapter above the code', () => {
    const { excludes1, excludes2 } = codeSets.icd10cm.excludes('S52.521A', FY2025);
    expect(excludes1).toContainEqual({ text: 'birth trauma (P10-P15)', from: 'chapter 19' });
    expect(excludes2).toContainEqual({ text: 'burns and corrosions (T20-T32)', from: 'section S50-S59' });
  });

  it('answers nothing for a code outside the release', () => {
    expect(codeSets.icd10cm.seventhCharacter('E11.9', FY2025)).toBeUndefined();
    expect(codeSets.icd10cm.notes('E11.9', FY2025)).toEqual([]);
  });
});

const TABULAR_CH2 = ['icd10cm', '2025', 'icd-10-cm-tabular-2025_ch2.xml'];

describeWithSharedData('FY2025 Tabular extract (chapter 2) compiled and asked', TABULAR_CH2, () => {
  let codeSets: CodeSets;
  beforeAll(() => {
    const dir = tempBundleDir();
    importInto(dir, [sharedData(...TABULAR_CH2)], { aprilUpdate: true });
    codeSets = openCodeSetsDirectory(dir);
  }, 30_000);

  it('is the April 2025 update, in effect from 2025-04-01', () => {
    expect(codeSets.releases().map((r) => [r.id, r.effective])).toEqual([
      ['icd10cm-fy2025-apr', { from: '2025-04-01', to: '2025-09-30' }],
    ]);
    expect(codeSets.icd10cm.isValid('C50.911', '2025-03-31')).toBe(false);
  });

  it('gives the category notes that apply to a breast cancer code', () => {
    const notes = codeSets.icd10cm.notes('C50.911', '2025-05-01');
    expect(notes[0]?.from).toBe('C50');
    expect(notes[0]?.notes.useAdditionalCode?.[0]).toMatch(/estrogen, and other hormones and factors receptor status/);
    expect(codeSets.icd10cm.excludes('C50.911', '2025-05-01').excludes1.map((n) => n.text)).toContain(
      'skin of breast (C44.501, C44.511, C44.521, C44.591)',
    );
  });

  it('lists the children of a category in code order', () => {
    const children = codeSets.icd10cm.children('C50', '2025-05-01').map((c) => c.display);
    expect(children[0]).toBe('C50.0');
    expect(children).toEqual([...children].sort());
    expect(children.every((c) => c.startsWith('C50.') && c.length === 5)).toBe(true);
  });
});
