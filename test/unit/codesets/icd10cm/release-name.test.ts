import { describe, expect, it } from 'vitest';
import { checkPublishedVersion, recogniseFileName, resolveFiscalYear } from '#core/codesets/icd10cm/release-name';

describe('recogniseFileName', () => {
  it.each([
    ['icd10cm_order_2018.txt', 'order', 2018],
    ['icd10cm_codes_2018.txt', 'codes', 2018],
    ['icd10cm-order-April-2025.txt', 'order', 2025],
    ['icd10cm_order_addenda_2018.txt', 'order-addenda', 2018],
    ['icd10cm_tabular_2025.xml', 'tabular', 2025],
    ['icd-10-cm-tabular-2025_ch2.xml', 'tabular', 2025],
    ['icd10cm-index-2025.xml', 'index', 2025],
    ['icd-10-cm-eindex-2025.xml', 'eindex', 2025],
    ['icd-10-cm-neoplasm-2025.xml', 'neoplasm', 2025],
    ['Table and Index/icd-10-cm-drug-2025.xml', 'drug', 2025],
  ])('recognises %s as the %s file of FY%i', (name, kind, fiscalYear) => {
    expect(recogniseFileName(name)).toEqual({ kind, fiscalYear });
  });

  it('takes only the year from a release zip name', () => {
    expect(recogniseFileName('2018-ICD-10-Code-Descriptions.zip')).toEqual({ kind: undefined, fiscalYear: 2018 });
    expect(recogniseFileName('icd10cm-table-index-April-2025.zip')).toEqual({ kind: undefined, fiscalYear: 2025 });
  });

  it('recognises a renamed file without its year, leaving the year to the release name or caller', () => {
    expect(recogniseFileName('icd10cm_order.txt')).toEqual({ kind: 'order', fiscalYear: undefined });
  });

  it('recognises neither kind nor year in an unrelated name', () => {
    expect(recogniseFileName('HCPC_CONTR_ANWEB.txt')).toEqual({ kind: undefined, fiscalYear: undefined });
  });
});

describe('resolveFiscalYear', () => {
  it('accepts agreeing years from file name, release name and caller', () => {
    expect(
      resolveFiscalYear('icd10cm_order_2018.txt', {
        releaseName: '2018-ICD-10-Code-Descriptions.zip',
        expectedFiscalYear: 2018,
      }),
    ).toBe(2018);
  });

  it('uses the caller’s year for a file whose name has none', () => {
    expect(resolveFiscalYear('order.txt', { expectedFiscalYear: 2019 })).toBe(2019);
  });

  it('rejects a caller year that contradicts the release zip name', () => {
    expect(() =>
      resolveFiscalYear('order.txt', { releaseName: '2018-ICD-10-Code-Descriptions.zip', expectedFiscalYear: 2019 }),
    ).toThrow(
      /^order\.txt: fiscal year mismatch: the release name 2018-ICD-10-Code-Descriptions\.zip says FY2018 but the caller says FY2019/,
    );
  });
});

describe('checkPublishedVersion', () => {
  it('rejects a <version> that is not a year', () => {
    expect(() => checkPublishedVersion('icd10cm_index_2025.xml', 'draft')).toThrow(
      /^icd10cm_index_2025\.xml, <version>: <version> holds "draft"; expected the four-digit fiscal year/,
    );
  });

  it('accepts a <version> when nothing else states a year', () => {
    expect(() => checkPublishedVersion('index.xml', '2025')).not.toThrow();
  });
});
