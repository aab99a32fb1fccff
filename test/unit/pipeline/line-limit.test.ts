/** What happens to a visit with more lines than its payer takes on one claim: the payer's rule, or the defaults. */
import { describe, expect, it } from 'vitest';
import { type PayerConfig, parsePracticeConfig } from '#core/config/practice-config';
import { applyLineLimit, lineLimitDecision } from '#core/pipeline/line-limit';
import { cleanClaim, toClaim } from '../scrubbing/support/scrub-setup.ts';
import { SAMPLE_CONFIG } from './harness.ts';

const payer: PayerConfig = {
  payerId: 'SANDBOX1',
  name: 'Sandbox Health Plan',
  filingIndicator: 'CI',
  timelyFilingDays: 180,
};

describe('lineLimitDecision', () => {
  it('keeps a visit within the 837P’s 50 lines when the payer says nothing', () => {
    expect(lineLimitDecision(50, payer)).toEqual({ action: 'within', maxLines: 50 });
  });

  it('splits a longer visit by default, into as many claims as the limit needs', () => {
    expect(lineLimitDecision(51, payer)).toEqual({ action: 'split', maxLines: 50, parts: 2 });
    expect(lineLimitDecision(120, payer)).toEqual({ action: 'split', maxLines: 50, parts: 3 });
  });

  it('applies the defaults to a payer the practice has not configured', () => {
    expect(lineLimitDecision(120, undefined)).toEqual({ action: 'split', maxLines: 50, parts: 3 });
  });

  it('follows the payer’s own smaller limit', () => {
    expect(lineLimitDecision(45, { ...payer, maxLinesPerClaim: 20 })).toEqual({
      action: 'split',
      maxLines: 20,
      parts: 3,
    });
  });

  it('holds the visit whole when the payer’s rule says hold', () => {
    expect(lineLimitDecision(51, { ...payer, overLineLimit: 'hold' })).toEqual({ action: 'hold', maxLines: 50 });
    expect(lineLimitDecision(50, { ...payer, overLineLimit: 'hold' })).toEqual({ action: 'within', maxLines: 50 });
  });
});

describe('applyLineLimit', () => {
  const longClaim = () => {
    const base = cleanClaim();
    const lines = Array.from({ length: 60 }, (_, i) => ({
      code: '96372',
      chargeCents: 1000 + i,
      diagnosisPointers: [1],
      serviceDate: base.dateOfService,
    }));
    return toClaim({ ...base, lines, totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0) }).claim;
  };

  it('returns the parts of a visit the payer splits', () => {
    expect(applyLineLimit(longClaim(), payer).map((c) => c.lines.length)).toEqual([50, 10]);
  });

  it('returns a held visit as its one claim, every line kept', () => {
    const claim = longClaim();
    expect(applyLineLimit(claim, { ...payer, overLineLimit: 'hold' })).toEqual([claim]);
  });
});

describe('the payer line-limit settings in the practice configuration', () => {
  const configWith = (rule: Record<string, unknown>) => ({
    ...SAMPLE_CONFIG,
    payers: [{ ...payer, ...rule }],
  });

  it('accept a limit of 1 to 50 lines and split or hold', () => {
    const config = parsePracticeConfig(configWith({ maxLinesPerClaim: 25, overLineLimit: 'hold' }), 'test');
    expect(config.payers[0]).toMatchObject({ maxLinesPerClaim: 25, overLineLimit: 'hold' });
  });

  it('refuse a limit beyond the 837P’s 50 lines, and any other action, naming the field', () => {
    expect(() => parsePracticeConfig(configWith({ maxLinesPerClaim: 51 }), 'test')).toThrow(
      /payers\.0\.maxLinesPerClaim/,
    );
    expect(() => parsePracticeConfig(configWith({ overLineLimit: 'drop' }), 'test')).toThrow(
      /payers\.0\.overLineLimit/,
    );
  });
});
