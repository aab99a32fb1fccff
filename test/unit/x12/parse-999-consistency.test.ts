/**
 * A 999 must account for every transaction set response it opens (AK2 ... IK5), and its group verdict (AK9) must
 * agree with the set verdicts (IK5) it sums up. Strict reading refuses a response without its IK5; lenient reading
 * keeps the response (verdict unknown) and reports the missing IK5. An AK9 that contradicts its IK5s is flagged in
 * both modes, because nobody can tell which of the two the clearinghouse meant.
 */
import { describe, expect, it } from 'vitest';
import { parse999 } from '#core/x12/999/parse-999';
import { allTransactions, readX12, X12Error } from '#core/x12/reader';
import { readTypedX12 } from '#core/x12/typed';

/** A 999 transaction set (bare, no envelope) from its body segments; SE01 is counted. */
function bare999(body: string[]): string {
  const segments = ['ST*999*0001*005010X231A1', 'AK1*HC*101*005010X222A1', ...body];
  return `${[...segments, `SE*${segments.length + 1}*0001`].join('~\n')}~\n`;
}

function parse(body: string[], options: { lenient?: boolean } = {}) {
  const [first] = allTransactions(readX12(bare999(body)));
  if (!first) throw new Error('no transaction set');
  return parse999(first.transaction, options);
}

function thrown(body: string[]): X12Error {
  try {
    parse(body);
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
  throw new Error('expected an X12Error');
}

describe('999: every AK2 needs its IK5', () => {
  const withoutFirstIk5 = ['AK2*837*0001', 'IK3*NM1*7*2010BA*8', 'AK2*837*0002', 'IK5*A', 'AK9*P*2*2*1'];

  it('strict: an AK2 followed by another AK2 without an IK5 between them is an error at the first AK2', () => {
    const error = thrown(withoutFirstIk5);

    expect(error.code).toBe('IK5_MISSING');
    expect(error.location).toMatchObject({ position: 3, segmentId: 'AK2' });
    expect(error.message).toContain('AK2 for ST02 "0001" has no IK5');
  });

  it('lenient: the response without an IK5 is kept with an unknown verdict and its segment errors, and reported', () => {
    const ack = parse(withoutFirstIk5, { lenient: true });

    expect(ack.transactionResponses.map((r) => [r.controlNumber, r.status, r.segmentErrors.length])).toEqual([
      ['0001', '', 1],
      ['0002', 'A', 0],
    ]);
    expect(ack.transactionResponses[0]?.statusDescription).toBe('unknown: the AK2 has no IK5');
    expect(ack.issues.map((issue) => [issue.code, issue.position])).toContainEqual(['IK5_MISSING', 3]);
  });

  it('lenient: an AK2 without an IK5 before the AK9 is kept and reported too', () => {
    const ack = parse(['AK2*837*0001', 'IK5*A', 'AK2*837*0002', 'AK9*A*2*2*2'], { lenient: true });

    expect(ack.transactionResponses.map((r) => r.controlNumber)).toEqual(['0001', '0002']);
    expect(ack.issues.map((issue) => issue.code)).toContain('IK5_MISSING');
  });

  it('strict: an AK2 without an IK5 before the AK9 is an error', () => {
    expect(thrown(['AK2*837*0001', 'IK5*A', 'AK2*837*0002', 'AK9*A*2*2*2']).code).toBe('IK5_MISSING');
  });

  it('a consistent 999 has no issues', () => {
    const ack = parse(['AK2*837*0001', 'IK5*R*5', 'AK2*837*0002', 'IK5*A', 'AK9*P*2*2*1']);

    expect(ack.issues).toEqual([]);
  });
});

describe('999: an AK9 that contradicts its IK5s is flagged', () => {
  function codesOf(body: string[]): string[] {
    return parse(body).issues.map((issue) => issue.code);
  }

  it('AK904 (accepted) differs from the number of accepted IK5s when every received set is reported', () => {
    const ack = parse(['AK2*837*0001', 'IK5*R*5', 'AK2*837*0002', 'IK5*A', 'AK9*P*2*2*2']);

    expect(ack.issues).toEqual([
      expect.objectContaining({
        code: 'AK9_ACCEPTED_COUNT',
        segmentId: 'AK9',
        message: expect.stringContaining('AK904 says 2 transaction set(s) accepted, but 1 IK5 accept(s)'),
      }),
    ]);
  });

  it('AK903 (received) is smaller than the number of AK2 responses', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*A', 'AK2*837*0002', 'IK5*A', 'AK9*A*2*1*1'])).toContain('AK9_RECEIVED_COUNT');
  });

  it('counts out of order: more accepted than received, more received than included', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*A', 'AK9*A*1*1*2'])).toContain('AK9_COUNTS');
    expect(codesOf(['AK2*837*0001', 'IK5*A', 'AK9*A*1*2*1'])).toContain('AK9_COUNTS');
  });

  it('AK901 "A" (accepted) while an IK5 rejects its set', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*R*5', 'AK2*837*0002', 'IK5*A', 'AK9*A*2*2*1'])).toContain('AK9_STATUS');
  });

  it('AK901 "R" (rejected) while an IK5 accepts its set', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*A', 'AK9*R*1*1*0'])).toContain('AK9_STATUS');
  });

  it('AK901 "P" (partially accepted) while every set is accepted', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*A', 'AK2*837*0002', 'IK5*A', 'AK9*P*2*2*2'])).toContain('AK9_STATUS');
  });

  it('AK901 "A" while an IK5 notes errors (the group verdict must then be E)', () => {
    expect(codesOf(['AK2*837*0001', 'IK5*E', 'AK9*A*1*1*1'])).toContain('AK9_STATUS');
  });

  it('a group rejected without reporting its sets (no AK2, AK905 code) is consistent', () => {
    expect(codesOf(['AK9*R*1*0*0*2'])).toEqual([]);
  });

  it('fewer AK2s than sets received: counts are checked as bounds, not equalities', () => {
    // Two received, one accepted; only the rejected one is reported: consistent.
    expect(codesOf(['AK2*837*0001', 'IK5*R*5', 'AK9*P*2*2*1'])).toEqual([]);
    // Two received, two accepted, yet the one reported set was rejected.
    expect(codesOf(['AK2*837*0001', 'IK5*R*5', 'AK9*E*2*2*2'])).toContain('AK9_ACCEPTED_COUNT');
  });
});

describe('999 through readTypedX12', () => {
  const text = bare999(['AK2*837*0001', 'AK2*837*0002', 'IK5*A', 'AK9*P*2*2*1']);

  it('strict refuses the response without its IK5', () => {
    expect(() => readTypedX12(text)).toThrow('has no IK5');
  });

  it('lenient reads it and carries the issue on the typed acknowledgment', () => {
    const [typed] = readTypedX12(text, { lenient: true }).transactions;

    expect(typed?.kind === '999' && typed.acknowledgment.issues.map((issue) => issue.code)).toEqual(['IK5_MISSING']);
  });
});
