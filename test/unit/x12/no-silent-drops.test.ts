/**
 * What the fuzz test (fuzz-parsers.test.ts) found: segments a reader kept one of and silently dropped the other,
 * or dropped with nothing in the result. Each is now refused, or kept and reported.
 */
import { describe, expect, it } from 'vitest';
import { allTransactions, readX12, X12Error } from '#core/x12/reader';
import { readTypedX12 } from '#core/x12/typed';
import { readX12Fixture } from './read-fixture.ts';

/** Insert `segment` after the first segment that starts with `after`, keeping SE01 true. */
function insertAfter(text: string, after: string, segment: string): string {
  const start = text.indexOf(after);
  const end = text.indexOf('~', start) + 1;
  const inserted = `${text.slice(0, end)}\n${segment}~${text.slice(end)}`;
  return inserted.replace(/SE\*(\d+)\*/, (_all, count: string) => `SE*${Number(count) + 1}*`);
}

function x12ErrorOf(read: () => unknown): X12Error {
  try {
    read();
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('expected an X12Error');
}

describe('835: one payment per transaction set', () => {
  const remittance = readX12Fixture('835-plb-interest-recoupment.x12');

  it('a second BPR is refused, naming both (never one payment kept and the other dropped)', () => {
    const text = insertAfter(remittance, 'BPR*', 'BPR*I*10*C*CHK************20261120');

    const error = x12ErrorOf(() => readTypedX12(text, { lenient: true }));

    expect(error.code).toBe('DUPLICATE_SEGMENT');
    expect(error.message).toBe(
      'segment 5 (BPR): a second financial information (BPR) in one transaction set (the first is segment 4)',
    );
  });

  it('a second TRN is refused', () => {
    const text = insertAfter(remittance, 'TRN*', 'TRN*1*OTHERTRACE*1512345678');

    expect(x12ErrorOf(() => readTypedX12(text)).code).toBe('DUPLICATE_SEGMENT');
  });

  it('a second N1*PR is reported and the first payer kept', () => {
    const text = insertAfter(remittance, 'PER*BL*', 'N1*PR*ANOTHER PLAN');

    const [transaction] = readTypedX12(text).transactions;

    expect(transaction?.kind === '835' && transaction.remittance.payer.name).toBe('SAMPLE HEALTH PLAN');
    expect(transaction?.tr3Issues).toEqual([
      expect.objectContaining({ code: 'UNEXPECTED_SEGMENT', position: 11, segmentId: 'N1' }),
    ]);
  });
});

describe('999: one AK1 and one AK9', () => {
  const acknowledgment = readX12Fixture('999-rejected-ik3-ik4.x12');

  it('strict refuses a second AK9', () => {
    const text = insertAfter(acknowledgment, 'AK9*', 'AK9*A*2*2*2');

    expect(x12ErrorOf(() => readTypedX12(text)).message).toContain(
      'a second functional group response trailer (AK9) in one 999 (the first is segment 16)',
    );
  });

  it('lenient keeps the first AK9 and reports the second; the same for AK1', () => {
    const text = insertAfter(insertAfter(acknowledgment, 'AK9*', 'AK9*A*2*2*2'), 'AK1*', 'AK1*HC*999');

    const [transaction] = readTypedX12(text, { lenient: true }).transactions;

    expect(transaction?.kind === '999' && transaction.acknowledgment.groupResponse.status).toBe('P');
    expect(transaction?.kind === '999' && transaction.acknowledgment.acknowledgedGroup.controlNumber).toBe('101');
    expect(transaction?.tr3Issues.map((issue) => [issue.code, issue.segmentId])).toEqual([
      ['DUPLICATE_SEGMENT', 'AK1'],
      ['DUPLICATE_SEGMENT', 'AK9'],
    ]);
  });
});

describe('277CA', () => {
  const acknowledgment = readX12Fixture('277ca-mixed-rejections.x12');

  it('a second BHT is refused', () => {
    const text = insertAfter(acknowledgment, 'BHT*', 'BHT*0085*08*OTHER*20261121*0930*TH');

    expect(x12ErrorOf(() => readTypedX12(text)).code).toBe('DUPLICATE_SEGMENT');
  });

  it('a segment that is not part of a 277CA is reported, not silently ignored', () => {
    const text = insertAfter(acknowledgment, 'REF*1K*', 'CLP*PCN3001*1*400*400');

    expect(readTypedX12(text).tr3Issues).toEqual([
      expect.objectContaining({ code: 'UNEXPECTED_SEGMENT', segmentId: 'CLP', position: 31 }),
    ]);
  });
});

describe('envelope', () => {
  it('lenient reading keeps a transaction set whose GS is missing (with the issue), instead of dropping it', () => {
    const text = readX12Fixture('999-rejected-ik3-ik4.x12').replace(/GS\*[^~]*~\n/, '');

    const document = readX12(text, { lenient: true });

    expect(document.issues.map((issue) => issue.code)).toContain('ST_OUTSIDE_GROUP');
    expect(allTransactions(document).map(({ transaction }) => transaction.controlNumber)).toEqual(['0001']);
  });
});
