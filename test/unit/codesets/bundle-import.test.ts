import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeReleaseText, readReleaseFiles } from '#core/codesets/archive';
import type { CodeSets } from '#core/codesets/index';
import { openCodeSetsDirectory } from '#functions/common/codesets/bundle-directory';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';
import { fixturePath } from './fixtures.ts';
import { importInto, tempBundleDir } from './import-helpers.ts';

const ICD_2018 = ['icd10cm', '2018', '2018-ICD-10-Code-Descriptions.zip'];
const HCPCS_2019 = ['hcpcs', '2019', '2019-Alpha-Numeric-HCPCS-File.zip'];
const ORDER_2019_FIXTURE = fixturePath('releases', 'icd10cm_order_2019.txt');
const ncci = (name: string) => fixturePath('ncci', name);

describeWithSharedData('FY2018 ICD-10-CM and HCPCS 2019 compiled into one bundle', ICD_2018, () => {
  let dir: string;
  let codeSets: CodeSets;
  beforeAll(() => {
    dir = tempBundleDir();
    importInto(dir, [sharedData(...ICD_2018), sharedData(...HCPCS_2019)]);
    importInto(dir, [ORDER_2019_FIXTURE]);
    codeSets = openCodeSetsDirectory(dir);
  }, 60_000);

  it('holds every code of the order file with its billable flag', () => {
    const zip = sharedData(...ICD_2018);
    const order = readReleaseFiles({ name: zip, bytes: readFileSync(zip) }).find(
      (f) => f.name === 'icd10cm_order_2018.txt',
    )!;
    const lines = decodeReleaseText(order.bytes)
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '');
    const billableLines = lines.filter((l) => l[14] === '1');
    const fy2018 = codeSets.releases().find((r) => r.id === 'icd10cm-fy2018');
    expect(fy2018?.counts).toMatchObject({ codes: lines.length, billable: billableLines.length });
    expect(fy2018?.effective).toEqual({ from: '2017-10-01', to: '2018-09-30' });
  });

  it('answers validity, billability, titles and hierarchy on a FY2018 date of service', () => {
    const date = '2018-03-15';
    expect(codeSets.icd10cm.isBillable('E11.9', date)).toBe(true);
    expect(codeSets.icd10cm.isValid('E11', date)).toBe(true);
    expect(codeSets.icd10cm.isBillable('E11', date)).toBe(false);
    expect(codeSets.icd10cm.isValid('E11.99', date)).toBe(false);
    expect(codeSets.icd10cm.title('i10', date)).toBe('Essential (primary) hypertension');
    expect(codeSets.icd10cm.parents('E11.65', date).map((c) => c.display)).toEqual(['E11.6', 'E11']);
    expect(codeSets.icd10cm.children('E11.6', date).map((c) => c.display)).toEqual([
      'E11.61',
      'E11.62',
      'E11.63',
      'E11.64',
      'E11.65',
      'E11.69',
    ]);
    expect(codeSets.icd10cm.lookup('E11.9', date)?.release).toBe('icd10cm-fy2018');
  });

  it('finds FY2018 codes by title words, the rarest word first', () => {
    const found = codeSets.icd10cm.searchTitles('Type 2 diabetes hyperglycemia', '2018-03-15', 5);
    expect(found[0]).toMatchObject({ display: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' });
    expect(found.every((c) => /type 2 diabetes/i.test(c.title) && /hyperglycemia/i.test(c.title))).toBe(true);
  });

  it('lets the date of service pick FY2018 or the FY2019 release imported beside it', () => {
    expect(codeSets.icd10cm.lookup('E78.4', '2018-09-30')).toMatchObject({ billable: true, release: 'icd10cm-fy2018' });
    expect(codeSets.icd10cm.lookup('E78.4', '2018-10-01')).toMatchObject({
      billable: false,
      release: 'icd10cm-fy2019',
    });
    expect(codeSets.icd10cm.isBillable('E78.41', '2018-09-30')).toBe(false);
    expect(codeSets.icd10cm.isBillable('E78.41', '2018-10-01')).toBe(true);
    expect(codeSets.releaseFor('icd10cm', '2017-09-30')).toBeUndefined();
  });

  it('answers HCPCS validity by the code dates within the 2019 release', () => {
    expect(codeSets.hcpcs.lookup('J1100', '2019-06-01')).toMatchObject({
      longDescription: 'Injection, dexamethasone sodium phosphate, 1 mg',
      status: 'active',
      release: 'hcpcs-2019',
    });
    expect(codeSets.hcpcs.isValid('G0008', '2019-06-01')).toBe(true);
    expect(codeSets.hcpcs.lookup('A4466', '2019-06-01')?.status).toBe('terminated');
    expect(codeSets.hcpcs.isValid('A4466', '2019-06-01')).toBe(false);
    expect(codeSets.hcpcs.modifier('kx', '2019-06-01')?.status).toBe('active');
    expect(codeSets.hcpcs.lookup('J1100', '2020-01-01')).toBeUndefined();
  });

  it('rejects a truncated HCPCS zip, naming it, and writes nothing', () => {
    const zip = readFileSync(sharedData(...HCPCS_2019));
    const truncatedPath = join(tempBundleDir(), '2019-Alpha-Numeric-HCPCS-File.zip');
    writeFileSync(truncatedPath, zip.subarray(0, Math.floor(zip.length / 2)));
    const out = tempBundleDir();
    expect(() => importInto(out, [truncatedPath])).toThrow(/2019-Alpha-Numeric-HCPCS-File.zip: .*truncated/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('rejects two order files for one release', () => {
    const out = tempBundleDir();
    expect(() =>
      importInto(out, [ORDER_2019_FIXTURE, { path: ORDER_2019_FIXTURE, as: 'copy/icd10cm_order_2019.txt' }]),
    ).toThrow('copy/icd10cm_order_2019.txt: a second order file for icd10cm-fy2019; ');
  });

  it('writes one directory per release and nothing else', () => {
    expect(readdirSync(dir).sort()).toEqual(['hcpcs-2019', 'icd10cm-fy2018', 'icd10cm-fy2019']);
  });
});

describe('NCCI fixtures in the CMS layouts, compiled and asked', () => {
  let codeSets: CodeSets;
  beforeAll(() => {
    const dir = tempBundleDir();
    importInto(dir, [
      ncci('ccipra-v311r0-f1.txt'),
      ncci('ccipra-v311r0-f2.txt'),
      ncci('MCR_MUE_PractitionerServices_Eff_04-01-2025.csv'),
    ]);
    importInto(dir, [ncci('ccipra-v312r0-f1.txt')]);
    codeSets = openCodeSetsDirectory(dir);
  });

  it('merges the parts of a quarter into one release', () => {
    expect(codeSets.releases().map((r) => [r.id, r.counts])).toEqual([
      ['ncci-ptp-2025q2', { ptpEdits: 10 }],
      ['ncci-ptp-2025q3', { ptpEdits: 3 }],
      ['ncci-mue-2025q2', { mueEdits: 9 }],
    ]);
  });

  it('finds a PTP edit whichever order the two codes are given in', () => {
    const expected = { column1: '93000', column2: '93005', modifierIndicator: '0', release: 'ncci-ptp-2025q2' };
    expect(codeSets.ncci.ptp('93000', '93005', '2025-05-01')).toMatchObject(expected);
    expect(codeSets.ncci.ptp('93005', '93000', '2025-05-01')).toMatchObject(expected);
    expect(codeSets.ncci.ptp('99213', '93000', '2025-05-01')).toBeUndefined();
  });

  it('ignores an edit whose deletion date has passed', () => {
    expect(codeSets.ncci.ptp('36415', '36416', '2025-05-01')).toBeUndefined();
    expect(codeSets.ncci.ptp('G0008', '90471', '2025-05-01')).toBeUndefined();
  });

  it('uses the quarter of the date of service, and the edit row in force on that date', () => {
    expect(codeSets.ncci.ptp('20610', '20550', '2025-06-30')).toMatchObject({
      modifierIndicator: '1',
      release: 'ncci-ptp-2025q2',
    });
    expect(codeSets.ncci.ptp('20610', '20550', '2025-07-01')).toMatchObject({
      modifierIndicator: '0',
      release: 'ncci-ptp-2025q3',
    });
    expect(codeSets.ncci.ptp('96372', '99211', '2025-07-01')).toBeUndefined();
  });

  it('answers MUE value and adjudication indicator', () => {
    expect(codeSets.ncci.mue('96372', '2025-04-01')).toEqual({
      code: '96372',
      value: 4,
      indicator: '3',
      indicatorText: '3 Date of Service Edit: Clinical',
      rationale: 'Clinical: Data',
      release: 'ncci-mue-2025q2',
    });
    expect(codeSets.ncci.mue('96372', '2025-03-31')).toBeUndefined();
  });
});

describe('an April update beside its October release', () => {
  it('answers dates from April 1 to September 30, the October release the rest of the year', () => {
    const dir = tempBundleDir();
    importInto(dir, [ORDER_2019_FIXTURE]);
    importInto(dir, [{ path: ORDER_2019_FIXTURE, as: 'icd10cm-april-2019/icd10cm_order_2019.txt' }]);
    const codeSets = openCodeSetsDirectory(dir);
    expect(codeSets.releaseFor('icd10cm', '2019-03-31')?.id).toBe('icd10cm-fy2019');
    expect(codeSets.releaseFor('icd10cm', '2019-04-01')?.id).toBe('icd10cm-fy2019-apr');
    expect(codeSets.releaseFor('icd10cm', '2019-09-30')?.id).toBe('icd10cm-fy2019-apr');
  });
});

describe('atomic import', () => {
  it('writes nothing when one of the files fails, and keeps the release already there', () => {
    const dir = tempBundleDir();
    importInto(dir, [ncci('MCR_MUE_PractitionerServices_Eff_04-01-2025.csv')]);
    const before = readFileSync(join(dir, 'ncci-mue-2025q2', 'mue.tsv'), 'utf8');
    expect(() =>
      importInto(dir, [
        ORDER_2019_FIXTURE,
        ncci('ccipra-v311r0-f1.txt'),
        { path: ORDER_2019_FIXTURE, as: 'ccipra-v311r0-f2.txt' },
      ]),
    ).toThrow(/ccipra-v311r0-f2.txt: no NCCI PTP header row/);
    expect(readdirSync(dir)).toEqual(['ncci-mue-2025q2']);
    expect(readFileSync(join(dir, 'ncci-mue-2025q2', 'mue.tsv'), 'utf8')).toBe(before);
  });

  it('rejects a file it cannot recognise by name, saying which names it expects', () => {
    const dir = tempBundleDir();
    expect(() => importInto(dir, [{ path: ORDER_2019_FIXTURE, as: 'codes.txt' }])).toThrow(
      /codes.txt: not a recognised code set release file; expected one of icd10cm_order_YYYY.txt/,
    );
    expect(existsSync(join(dir, 'icd10cm-fy2019'))).toBe(false);
  });

  it('rejects an order file given as another fiscal year', () => {
    const dir = tempBundleDir();
    expect(() => importInto(dir, [ORDER_2019_FIXTURE], { fiscalYear: 2020 })).toThrow(
      /icd10cm_order_2019\.txt: fiscal year mismatch: its file name says FY2019 but the caller says FY2020/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
