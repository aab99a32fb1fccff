/**
 * 277CA status categories are read with their meaning from the claim status category code list (507): each STC
 * code carries its family (acknowledgment, data reporting, pending, finalized, request, response not possible) and
 * what it means for the claim, and the claim's outcome says the same. Nothing outside A1-A8 is lumped together as
 * "acknowledged".
 */
import { describe, expect, it } from 'vitest';
import { denialMapping } from '#core/denials/mapping';
import { parse277ca } from '#core/x12/277ca/parse-277ca';
import { CLAIM_STATUS_CATEGORIES, claimStatusCategory } from '#core/x12/277ca/status-categories';
import { allTransactions, readX12 } from '#core/x12/reader';
import { readX12Fixture } from './read-fixture.ts';

/** The fixture with the first claim's STC01 set to `composite` (category:status[:entity]), and STC10 if given. */
function firstClaimWith(composite: string, additional?: string) {
  const stc = `STC*${composite}*20261121*WQ*400${additional ? `******${additional}` : ''}~`;
  const text = readX12Fixture('277ca-mixed-rejections.x12').replace('STC*A2:20:PR*20261121*WQ*400~', stc);
  const [first] = allTransactions(readX12(text));
  if (!first) throw new Error('no transaction set');
  return parse277ca(first.transaction);
}

describe('277CA status categories are typed with their meaning', () => {
  it.each([
    ['A0:16', 'acknowledgment', 'received'],
    ['A4:35', 'acknowledgment', 'rejected'],
    ['A5:20', 'acknowledgment', 'accepted'],
    ['DR01:19', 'data_reporting', 'received'],
    ['DR02:20', 'data_reporting', 'accepted'],
    ['DR03:454', 'data_reporting', 'rejected'],
    ['DR08:20', 'data_reporting', 'accepted'],
    ['E0:21', 'response_not_possible', 'rejected'],
    ['E1:484', 'response_not_possible', 'retry_later'],
    ['E2:484', 'response_not_possible', 'retry_later'],
    ['E3:21', 'response_not_possible', 'rejected'],
    ['E4:21', 'response_not_possible', 'rejected'],
    ['P1:20', 'pending', 'pending'],
    ['P3:20', 'pending', 'information_requested'],
    ['F1:65', 'finalized', 'finalized'],
    ['F3F:65', 'finalized', 'finalized'],
    ['R4:294', 'request', 'information_requested'],
    ['R16:294', 'request', 'information_requested'],
  ])('STC %s: family %s, claim outcome %s', (composite, family, outcome) => {
    const ack = firstClaimWith(composite);
    const [claim] = ack.claims;
    const code = claim?.statuses[0]?.codes[0];

    expect(code?.categoryInfo).toMatchObject({ code: composite.split(':')[0], known: true, family, outcome });
    expect(code?.categoryInfo.meaning).not.toBe('');
    expect(claim?.outcome).toBe(outcome);
    expect(claim?.statuses[0]?.rejected).toBe(outcome === 'rejected');
    expect(ack.issues).toEqual([]);
  });

  it('A4 (not found) rejects the claim: the payer has no record of it', () => {
    expect(firstClaimWith('A4:35').claims[0]?.outcome).toBe('rejected');
  });

  it('a category outside the code list is unknown, never acknowledged, and reported as a TR3 issue', () => {
    const ack = firstClaimWith('Q9:20');

    expect(ack.claims[0]?.statuses[0]?.codes[0]?.categoryInfo).toMatchObject({ known: false, outcome: 'unknown' });
    expect(ack.claims[0]?.outcome).toBe('unknown');
    expect(ack.issues).toEqual([
      expect.objectContaining({
        code: 'STC_CATEGORY',
        segmentId: 'STC',
        message: expect.stringContaining('STC01-1 "Q9" is not a claim status category code'),
      }),
    ]);
  });

  it('the most serious outcome decides a claim with several statuses', () => {
    expect(firstClaimWith('A2:20:PR', 'P1:20').claims[0]?.outcome).toBe('accepted');
    expect(firstClaimWith('A1:19', 'R4:294').claims[0]?.outcome).toBe('information_requested');
    expect(firstClaimWith('A2:20', 'E1:484').claims[0]?.outcome).toBe('retry_later');
  });

  it('looks up codes exactly (no prototype keys, no case folding)', () => {
    expect(claimStatusCategory('toString').known).toBe(false);
    expect(claimStatusCategory('a2').known).toBe(false);
    expect(claimStatusCategory('A2')).toMatchObject({ known: true, outcome: 'accepted' });
  });
});

describe('the parser and the denial mapping agree on the claim status category code list', () => {
  const mapping = denialMapping().claimStatusCategories;
  /** Which denial dispositions each parser outcome may map to. */
  const compatible: Record<string, string[]> = {
    received: ['acknowledged'],
    accepted: ['accepted'],
    rejected: ['rejected'],
    retry_later: ['retry'],
    pending: ['pending'],
    information_requested: ['request', 'pending'],
    finalized: ['finalized'],
  };

  it('every category the parser knows has a mapping entry with a compatible disposition', () => {
    const disagreements = Object.entries(CLAIM_STATUS_CATEGORIES)
      .filter(([code, definition]) => !compatible[definition.outcome]?.includes(mapping.get(code)?.disposition ?? ''))
      .map(([code, definition]) => `${code}: parser ${definition.outcome}, mapping ${mapping.get(code)?.disposition}`);

    expect(disagreements).toEqual([]);
  });

  it('every mapped category is known to the parser', () => {
    expect([...mapping.keys()].filter((code) => !claimStatusCategory(code).known)).toEqual([]);
  });
});
