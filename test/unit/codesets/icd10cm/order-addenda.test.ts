import { beforeAll, describe, expect, it } from 'vitest';
import { checkOrderAgainstAddenda, parseOrderAddenda } from '#core/codesets/icd10cm/order-addenda';
import { parseOrderFile } from '#core/codesets/icd10cm/order-file';
import type { Icd10CmOrderAddendaFile, Icd10CmOrderFile } from '#core/codesets/icd10cm/types';
import { describeWithSharedData } from '#test/support/shared-data';
import { FY2018_ZIP, textFromSharedZip } from './official-files.ts';

const ADDENDA = 'icd10cm_order_addenda_2018.txt';

// Real lines of the FY2018 order addenda (its first two changes), and a summary in CMS's words whose counts fit them.
const DELETE_A047 =
  'Delete:      1 A047    Enterocolitis due to Clostridium difficile                   Enterocolitis due to Clostridium difficile';
const ADD_A047 =
  'Add:         0 A047    Enterocolitis due to Clostridium difficile                   Enterocolitis due to Clostridium difficile';
function summary(counts: { headerAdds: number; codeDeletes: number }): string {
  return [
    '',
    'Headers',
    '  22344 headers in icd10cm_order_2017.txt',
    '  22423 headers in icd10cm_order_2018.txt',
    `     ${counts.headerAdds} additions`,
    '      0 deletions',
    '      0 revisions',
    '',
    'Codes',
    '  71486 codes in icd10cm_order_2017.txt',
    '  71704 codes in icd10cm_order_2018.txt',
    '      0 additions',
    `      ${counts.codeDeletes} deletions`,
    '      0 revisions',
  ].join('\r\n');
}

describe('parseOrderAddenda', () => {
  it('reads each change line and the summary counts', () => {
    const addenda = parseOrderAddenda(
      ADDENDA,
      [DELETE_A047, ADD_A047, summary({ headerAdds: 1, codeDeletes: 1 })].join('\r\n'),
    );

    expect(addenda.changes.map((c) => [c.action, c.code, c.billable])).toEqual([
      ['delete', 'A04.7', true],
      ['add', 'A04.7', false],
    ]);
    expect(addenda.codes).toMatchObject({ file: 'icd10cm_order_2018.txt', count: 71_704, previousCount: 71_486 });
  });

  it('rejects a change line with an unknown label, naming the line', () => {
    const renamed = `Added:       ${ADD_A047.slice(13)}`;

    expect(() =>
      parseOrderAddenda(ADDENDA, [DELETE_A047, renamed, summary({ headerAdds: 1, codeDeletes: 1 })].join('\r\n')),
    ).toThrow(
      /^icd10cm_order_addenda_2018\.txt, line 2: columns 1-13 hold "Added: {7}", not Add:, Delete:, Revise from: or Revise to:/,
    );
  });

  it('rejects an addenda file whose summary counts more changes than it lists (lines lost)', () => {
    expect(() =>
      parseOrderAddenda(ADDENDA, [DELETE_A047, summary({ headerAdds: 1, codeDeletes: 1 })].join('\r\n')),
    ).toThrow(/^icd10cm_order_addenda_2018\.txt: the "Headers" summary counts 1 additions but the file lists 0/);
  });

  it('rejects an addenda file without its summary', () => {
    expect(() => parseOrderAddenda(ADDENDA, `${DELETE_A047}\r\n`)).toThrow(
      /the "Headers" summary is missing or incomplete/,
    );
  });
});

describeWithSharedData('FY2018 order addenda against the FY2018 order file', FY2018_ZIP, () => {
  let text: string;
  let addenda: Icd10CmOrderAddendaFile;
  let order: Icd10CmOrderFile;
  beforeAll(() => {
    text = textFromSharedZip(FY2018_ZIP, ADDENDA);
    addenda = parseOrderAddenda(ADDENDA, text);
    order = parseOrderFile('icd10cm_order_2018.txt', textFromSharedZip(FY2018_ZIP, 'icd10cm_order_2018.txt'));
  });

  it('reads every change line of the file', () => {
    expect(addenda.changes).toHaveLength(text.split('\r\n').filter((line) => /^(Add|Delete|Revise)/.test(line)).length);
    expect(addenda.changes.find((c) => c.code === 'A04.71')).toMatchObject({ action: 'add', billable: true });
  });

  it('finds the order file to be exactly the one the addenda describe, with CMS’s own header and code counts', () => {
    expect(checkOrderAgainstAddenda(order, addenda)).toEqual([]);
    expect(order.records.filter((r) => r.billable)).toHaveLength(addenda.codes.count);
    expect(order.records.filter((r) => !r.billable)).toHaveLength(addenda.headers.count);
  });

  it('reports a revised title that the order file does not carry', () => {
    const stale = order.records.map((r) =>
      r.code === 'F41.0' ? { ...r, longTitle: 'Panic disorder without agoraphobia' } : r,
    );

    expect(checkOrderAgainstAddenda({ ...order, records: stale }, addenda)).toEqual([
      expect.stringMatching(
        /^F41\.0 differs from icd10cm_order_addenda_2018\.txt line \d+ \(revise-to\) in its billable flag or long title$/,
      ),
    ]);
  });
});
