import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import { importIcd10CmFile, importIcd10CmRelease } from '#core/codesets/icd10cm/import-release';
import { describeWithSharedData } from '#test/support/shared-data';
import { FY2018_ZIP, readSharedBytes } from './official-files.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/codesets/icd10cm/${name}`, import.meta.url));
const ascii = (text: string) => new TextEncoder().encode(text);

// Two real FY2018 order lines and the matching codes-file line (the header E11 is not in the codes file).
const ORDER_2018 = [
  '04059 E11     0 Type 2 diabetes mellitus                                     Type 2 diabetes mellitus',
  '04174 E119    1 Type 2 diabetes mellitus without complications               Type 2 diabetes mellitus without complications',
].join('\r\n');
const CODES_2018 = 'E119    Type 2 diabetes mellitus without complications\r\n';

describe('importIcd10CmRelease', () => {
  it('imports the tabular list and index of a zipped release, recognising each file by its published name', () => {
    const zip = zipSync({
      'icd10cm_tabular_2025.xml': fixture('tabular-ch19-seventh-characters.xml'),
      'index/icd10cm_index_2025.xml': fixture('index-main-sample.xml'),
      'icd10cm_tabular_2025.xsd': ascii('<xsd:schema/>'),
    });

    const release = importIcd10CmRelease({ name: 'icd10cm-2025.zip', bytes: zip }, { expectedFiscalYear: 2025 });

    expect(release.imported.map((file) => file.kind).sort()).toEqual(['index', 'tabular']);
    expect(release.skipped).toEqual(['icd10cm_tabular_2025.xsd']);
  });

  it('rejects a file whose <version> disagrees with the year of the zip it came in', () => {
    const zip = zipSync({ 'icd10cm_tabular.xml': fixture('tabular-ch19-seventh-characters.xml') });

    expect(() => importIcd10CmRelease({ name: 'icd10cm-tabular-2024.zip', bytes: zip })).toThrow(
      /^icd10cm_tabular\.xml, <version>: fiscal year mismatch: <version> says 2025 but the release name icd10cm-tabular-2024\.zip says FY2024/,
    );
  });

  it('rejects a codes file that lists a code the order file does not mark billable', () => {
    const zip = zipSync({
      'icd10cm_order_2018.txt': ascii(ORDER_2018),
      'icd10cm_codes_2018.txt': ascii(`E11     Type 2 diabetes mellitus\r\n${CODES_2018}`),
    });

    expect(() => importIcd10CmRelease({ name: 'release-2018.zip', bytes: zip })).toThrow(
      /^icd10cm_codes_2018\.txt: does not match icd10cm_order_2018\.txt: 1 code\(s\) listed here but not billable in the order file \(E11\)/,
    );
  });

  it('accepts matching order and codes files', () => {
    const zip = zipSync({ 'icd10cm_order_2018.txt': ascii(ORDER_2018), 'icd10cm_codes_2018.txt': ascii(CODES_2018) });

    expect(
      importIcd10CmRelease({ name: 'release-2018.zip', bytes: zip })
        .imported.map((f) => f.kind)
        .sort(),
    ).toEqual(['codes', 'order']);
  });

  it('rejects an input that holds no ICD-10-CM file, listing what it found', () => {
    const zip = zipSync({ 'HCPC2019_README.txt': ascii('readme') });

    expect(() => importIcd10CmRelease({ name: 'hcpcs.zip', bytes: zip })).toThrow(
      /^hcpcs\.zip: holds no ICD-10-CM order, codes, tabular or index file \(found HCPC2019_README\.txt\)/,
    );
  });
});

describe('importIcd10CmFile', () => {
  it('leaves the codes addenda to the caller (returns nothing) rather than misreading it as a codes file', () => {
    expect(
      importIcd10CmFile({ name: 'icd10cm_codes_addenda_2018.txt', bytes: ascii('Add:    A0471   Enterocolitis') }),
    ).toBeUndefined();
  });
});

describeWithSharedData('importIcd10CmRelease on the CMS FY2018 code descriptions zip', FY2018_ZIP, () => {
  it('imports the order, codes and order addenda files, cross-checked, and skips the codes addenda and PDFs', () => {
    const release = importIcd10CmRelease({
      name: '2018-ICD-10-Code-Descriptions.zip',
      bytes: readSharedBytes(FY2018_ZIP),
    });

    expect(release.imported.map((file) => [file.kind, file.content.file]).sort()).toEqual([
      ['codes', 'icd10cm_codes_2018.txt'],
      ['order', 'icd10cm_order_2018.txt'],
      ['order-addenda', 'icd10cm_order_addenda_2018.txt'],
    ]);
    expect([...release.skipped].sort()).toEqual([
      'icd10OrderFiles.pdf',
      'icd10cmCodesFile.pdf',
      'icd10cm_codes_addenda_2018.txt',
    ]);
  });

  it('rejects an order file that lacks a code its year added, whatever its name says', () => {
    const original = readReleaseFiles({ name: 'release.zip', bytes: readSharedBytes(FY2018_ZIP) });
    const text = (name: string) =>
      decodeReleaseText(original.find((file) => file.name === name)?.bytes ?? new Uint8Array());
    const withoutA0471 = text('icd10cm_order_2018.txt').replace(/^\d{5} A0471 .*\r\n/m, '');
    const zip = zipSync({
      'icd10cm_order_2018.txt': ascii(withoutA0471),
      'icd10cm_order_addenda_2018.txt': ascii(text('icd10cm_order_addenda_2018.txt')),
    });

    expect(() => importIcd10CmRelease({ name: 'release-2018.zip', bytes: zip })).toThrow(
      /^icd10cm_order_2018\.txt: does not match icd10cm_order_addenda_2018\.txt: 71703 billable codes, but icd10cm_order_addenda_2018\.txt counts 71704 codes in icd10cm_order_2018\.txt; A04\.71 is missing, but icd10cm_order_addenda_2018\.txt line 3 has it \(add\)/,
    );
  });

  it('rejects the release when the caller says FY2019', () => {
    expect(() =>
      importIcd10CmRelease(
        { name: '2018-ICD-10-Code-Descriptions.zip', bytes: readSharedBytes(FY2018_ZIP) },
        { expectedFiscalYear: 2019 },
      ),
    ).toThrow(/^icd10cm_order_2018\.txt: fiscal year mismatch: its file name says FY2018 but the caller says FY2019/);
  });
});
