/**
 * The Table of Neoplasms read as titles (core/codesets/icd10cm/table-titles.ts): each site row and behaviour column
 * names its code in the words of the chapter 2 titles. The fixture is written in the CDC table format.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIndexXml } from '#core/codesets/icd10cm/index-xml';
import { neoplasmTableTitles, tableEntriesOf } from '#core/codesets/icd10cm/table-titles';

const FIXTURE = new URL('../../../fixtures/codesets/icd10cm/neoplasm-table-sample.xml', import.meta.url);
const table = parseIndexXml('icd-10-cm-neoplasm-2025.xml', readFileSync(FIXTURE, 'utf8'));

describe('tableEntriesOf', () => {
  it('lists the rows with cells, each level of the path with its nonessential modifiers', () => {
    const entries = tableEntriesOf(table);
    expect(entries.map((entry) => entry.path)).toEqual([
      ['Neoplasm, neoplastic'],
      ['Neoplasm, neoplastic', 'bladder (urinary)'],
      ['Neoplasm, neoplastic', 'bladder (urinary)', 'dome'],
      ['Neoplasm, neoplastic', 'Meckel diverticulum, malignant'],
      ['Neoplasm, neoplastic', 'skin', 'abdominal wall'],
    ]);
    expect(entries[2]).toMatchObject({ cells: { 'Malignant Primary': 'C67.1', Benign: 'D30.3' }, line: 34 });
  });
});

describe('tableEntriesOf the External Cause Index and the Table of Drugs and Chemicals', () => {
  const read = (name: string, file: string) =>
    tableEntriesOf(
      parseIndexXml(name, readFileSync(new URL(`../../../fixtures/codesets/icd10cm/${file}`, import.meta.url), 'utf8')),
    );

  it('lists the entries that print a code or a "see" reference, and not the levels that only lead on', () => {
    const entries = read('icd-10-cm-eindex-2025.xml', 'eindex-sample.xml');
    expect(entries.find((entry) => entry.path.join(' > ') === 'Contact (accidental) > with > deer')).toMatchObject({
      see: 'Contact, with, hoof stock NEC',
      cells: {},
    });
    expect(entries.find((entry) => entry.path.join(' > ') === 'Bite, bitten by > dog')?.code).toBe('W54.0');
    expect(entries.some((entry) => entry.path.join(' > ') === 'Contact (accidental) > with')).toBe(false);
  });

  it('keeps a table row that is only a cross-reference ("Aleve, see Naproxen")', () => {
    const rows = read('icd-10-cm-drug-2025.xml', 'drug-table-sample.xml');
    expect(rows.find((row) => row.path[0] === 'Aleve')).toMatchObject({ see: 'Naproxen', cells: {} });
    expect(rows.find((row) => row.path[0] === 'Lead NEC (dust) (fumes) (vapor)')?.cells).toEqual({
      'Poisoning Accidental (unintentional)': 'T56.0X1',
      'Poisoning Intentional self-harm': 'T56.0X2',
      'Poisoning Assault': 'T56.0X3',
      'Poisoning Undetermined': 'T56.0X4',
    });
  });
});

describe('neoplasmTableTitles', () => {
  const titles = neoplasmTableTitles(tableEntriesOf(table));
  const titlesOf = (code: string) => titles.filter((title) => title.code === code).map((title) => title.title);

  it('names each code by its behaviour column and its site, read from the deepest subterm up', () => {
    expect(titlesOf('C67.1')).toEqual(['Malignant neoplasm of dome of bladder (urinary)']);
    expect(titlesOf('D30.3')).toEqual([
      'Benign neoplasm of bladder (urinary)',
      'Benign neoplasm of dome of bladder (urinary)',
    ]);
    expect(titlesOf('D09.0')[0]).toBe('Carcinoma in situ of bladder (urinary)');
    expect(titlesOf('C79.11')[0]).toBe('Secondary malignant neoplasm of bladder (urinary)');
    expect(titlesOf('D41.4')[0]).toBe('Neoplasm of uncertain behavior of bladder (urinary)');
    expect(titlesOf('D49.2')).toEqual(['Neoplasm of unspecified behavior of abdominal wall of skin']);
  });

  it('leaves out the unspecified site, the notes, incomplete codes and a behaviour the site row contradicts', () => {
    expect(titlesOf('C80.1')).toEqual([]);
    expect(titles.some((title) => /note/i.test(title.title))).toBe(false);
    expect(titles.some((title) => title.code.endsWith('-'))).toBe(false);
    expect(titlesOf('C17.3')).toEqual(['Malignant neoplasm of Meckel diverticulum, malignant']);
    expect(titlesOf('D13.39')).toEqual([]);
    expect(titlesOf('D49.0')).toEqual([]);
  });
});
