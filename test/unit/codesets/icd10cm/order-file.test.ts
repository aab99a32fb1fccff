import { beforeAll, describe, expect, it } from 'vitest';
import { compareCodesWithOrder, parseCodesFile } from '#core/codesets/icd10cm/codes-file';
import { parseOrderFile } from '#core/codesets/icd10cm/order-file';
import type { Icd10CmCodesFile, Icd10CmOrderFile } from '#core/codesets/icd10cm/types';
import { describeWithSharedData } from '#test/support/shared-data';
import { FY2018_ZIP, HCPCS_2019_ZIP, textFromSharedZip } from './official-files.ts';

// Three real lines of the FY2018 order file, byte for byte (joined with CRLF as CMS ships them).
const E11 = '04059 E11     0 Type 2 diabetes mellitus                                     Type 2 diabetes mellitus';
const E119 =
  '04174 E119    1 Type 2 diabetes mellitus without complications               Type 2 diabetes mellitus without complications';
const E1100 =
  '04061 E1100   1 Type 2 diab w hyprosm w/o nonket hyprgly-hypros coma (NKHHC) Type 2 diabetes mellitus with hyperosmolarity without nonketotic hyperglycemic-hyperosmolar coma (NKHHC)';

describe('parseOrderFile on fixed-width lines', () => {
  it('reads order number, dotted code, billable flag and both titles from their columns', () => {
    const file = parseOrderFile('icd10cm_order_2018.txt', `${E11}\r\n${E119}\r\n`);

    expect(file.fiscalYear).toBe(2018);
    expect(file.records).toEqual([
      expect.objectContaining({
        orderNumber: 4059,
        code: 'E11',
        undottedCode: 'E11',
        billable: false,
        shortTitle: 'Type 2 diabetes mellitus',
        longTitle: 'Type 2 diabetes mellitus',
      }),
      expect.objectContaining({
        orderNumber: 4174,
        code: 'E11.9',
        billable: true,
        source: { file: 'icd10cm_order_2018.txt', line: 2 },
      }),
    ]);
  });

  it('rejects a billable flag other than 0 or 1, naming the line and column 15', () => {
    const badFlag = `${E119.slice(0, 14)}Y${E119.slice(15)}`;

    expect(() => parseOrderFile('icd10cm_order_2018.txt', `${E11}\n${badFlag}\n`)).toThrow(
      /^icd10cm_order_2018\.txt, line 2: column 15 holds "Y", not a billable flag 0 or 1/,
    );
  });

  it('rejects a line whose columns have shifted (code running into the flag column)', () => {
    const shifted = ` ${E1100}`;

    expect(() => parseOrderFile('icd10cm_order_2018.txt', shifted)).toThrow(/line 1: columns 1-5 hold " 0406"/);
  });

  it('rejects order numbers that go backwards, as when two files were concatenated', () => {
    expect(() => parseOrderFile('icd10cm_order_2018.txt', `${E119}\n${E11}\n`)).toThrow(
      /line 2: order number 4059 does not follow 4174/,
    );
  });

  it('rejects a blank line in the middle of the file', () => {
    expect(() => parseOrderFile('icd10cm_order_2018.txt', `${E11}\r\n\r\n${E119}\r\n`)).toThrow(
      /^icd10cm_order_2018\.txt, line 2: the line is blank, where an order record was expected/,
    );
  });

  it('rejects a file whose name states no year when the caller states none either', () => {
    expect(() => parseOrderFile('order.txt', E11)).toThrow(/^order\.txt: cannot tell the fiscal year/);
  });

  it('takes the fiscal year from the release zip name when the file name has none', () => {
    expect(parseOrderFile('order.txt', E11, { releaseName: '2018-ICD-10-Code-Descriptions.zip' }).fiscalYear).toBe(
      2018,
    );
  });
});

describeWithSharedData('FY2018 order and codes files (CMS 2018-ICD-10-Code-Descriptions.zip)', FY2018_ZIP, () => {
  let orderText: string;
  let codesText: string;
  let order: Icd10CmOrderFile;
  let codes: Icd10CmCodesFile;
  beforeAll(() => {
    orderText = textFromSharedZip(FY2018_ZIP, 'icd10cm_order_2018.txt');
    codesText = textFromSharedZip(FY2018_ZIP, 'icd10cm_codes_2018.txt');
    order = parseOrderFile('icd10cm_order_2018.txt', orderText, { releaseName: '2018-ICD-10-Code-Descriptions.zip' });
    codes = parseCodesFile('icd10cm_codes_2018.txt', codesText);
  });
  const lineCount = (text: string) => text.split('\r\n').filter((line) => line !== '').length;

  it('turns every line of the order file into a record, numbered 1..N in file order', () => {
    expect(order.records).toHaveLength(lineCount(orderText));
    expect(order.records.every((record, index) => record.orderNumber === index + 1)).toBe(true);
    expect(order.records).toHaveLength(94_127);
  });

  it('turns every line of the codes file into a record', () => {
    expect(codes.records).toHaveLength(lineCount(codesText));
    expect(codes.records).toHaveLength(71_704);
  });

  it('counts billable codes and headers so that together they are the whole file, billable ones matching the flag column', () => {
    const flaggedBillable = orderText.split('\r\n').filter((line) => line.charAt(14) === '1').length;
    const billable = order.records.filter((r) => r.billable).length;
    const headers = order.records.filter((r) => !r.billable).length;

    expect(billable).toBe(flaggedBillable);
    expect(billable + headers).toBe(order.records.length);
    expect({ billable, headers }).toEqual({ billable: 71_704, headers: 22_423 });
  });

  it('has a codes file that lists exactly the billable codes of the order file, with the same long titles', () => {
    expect(compareCodesWithOrder(codes, order)).toEqual({
      missingFromCodesFile: [],
      notBillableInOrderFile: [],
      titleMismatches: [],
    });
  });

  it('knows E11.9 as billable, E11 as a header, and S72.001A as a billable 7-character code', () => {
    const byCode = new Map(order.records.map((r) => [r.code, r]));

    expect(byCode.get('E11.9')).toMatchObject({
      billable: true,
      longTitle: 'Type 2 diabetes mellitus without complications',
    });
    expect(byCode.get('E11')).toMatchObject({ billable: false });
    expect(byCode.get('S72.001A')).toMatchObject({ billable: true, undottedCode: 'S72001A' });
    expect(byCode.has('A04.71')).toBe(true);
  });

  it('rejects the FY2018 order file when the caller says it is FY2019, naming both years', () => {
    expect(() => parseOrderFile('icd10cm_order_2018.txt', orderText, { expectedFiscalYear: 2019 })).toThrow(
      /^icd10cm_order_2018\.txt: fiscal year mismatch: its file name says FY2018 but the caller says FY2019/,
    );
  });

  it('rejects the FY2018 order file inside a zip named for another year', () => {
    expect(() =>
      parseOrderFile('icd10cm_order_2018.txt', orderText, { releaseName: '2019-ICD-10-CM-Code-Descriptions.zip' }),
    ).toThrow(/fiscal year mismatch: its file name says FY2018 but the release name .* says FY2019/);
  });

  it('rejects the order addenda file given as an order file: its lines start with "Add:"/"Delete:"', () => {
    const addenda = textFromSharedZip(FY2018_ZIP, 'icd10cm_order_addenda_2018.txt');

    expect(() => parseOrderFile('icd10cm_order_addenda_2018.txt', addenda)).toThrow(
      /^icd10cm_order_addenda_2018\.txt, line 1: columns 1-5 hold "Delet", not a 5-digit order number/,
    );
  });

  it('rejects the codes file given as an order file at line 1', () => {
    expect(() => parseOrderFile('icd10cm_codes_2018.txt', codesText)).toThrow(
      /^icd10cm_codes_2018\.txt, line 1: columns 1-5 hold "A000 ".*does not look like an ICD-10-CM order file/,
    );
  });
});

describeWithSharedData('a file of another layout given as an order file', HCPCS_2019_ZIP, () => {
  it('rejects the 2019 HCPCS file at line 1, saying what the order file layout is', () => {
    const hcpcs = textFromSharedZip(HCPCS_2019_ZIP, 'HCPC2019_CONTR_ANWEB.txt');

    expect(() => parseOrderFile('icd10cm_order_2019.txt', hcpcs)).toThrow(
      /^icd10cm_order_2019\.txt, line 1: columns 1-5 hold "\*\*\*Di", not a 5-digit order number \(this does not look like an ICD-10-CM order file\); expected the ICD-10-CM order file layout/,
    );
  });
});

describe('parseCodesFile', () => {
  it('reads the undotted code and long title of each line', () => {
    const file = parseCodesFile(
      'icd10cm_codes_2018.txt',
      'A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\nS72001A Fracture of unsp part of neck of right femur\r\n',
    );

    expect(file.records.map((r) => [r.code, r.longTitle])).toEqual([
      ['A00.0', 'Cholera due to Vibrio cholerae 01, biovar cholerae'],
      ['S72.001A', 'Fracture of unsp part of neck of right femur'],
    ]);
  });

  it('refuses to compare a codes file with the order file of another year', () => {
    const codes = parseCodesFile(
      'icd10cm_codes_2019.txt',
      'E119    Type 2 diabetes mellitus without complications\r\n',
    );
    const order = parseOrderFile('icd10cm_order_2018.txt', `${E119}\r\n`);

    expect(() => compareCodesWithOrder(codes, order)).toThrow(
      /^icd10cm_codes_2019\.txt: is FY2019 but icd10cm_order_2018\.txt is FY2018; expected the codes and order files of one release/,
    );
  });

  it('rejects a line that does not start with a code, naming the line', () => {
    expect(() => parseCodesFile('icd10cm_codes_2018.txt', 'A000    Cholera\r\n00001 A00     0 Cholera\r\n')).toThrow(
      /^icd10cm_codes_2018\.txt, line 2: found "00001 A00 .*expected the ICD-10-CM codes file layout/,
    );
  });
});
