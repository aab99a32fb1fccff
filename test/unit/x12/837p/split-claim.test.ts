/** Claims over the TR3's 50 service lines split into several claims that each build, read back and pass pyx12. */
import { describe, expect, it } from 'vitest';
import { claimTo837P } from '#core/billing/claim-to-837p';
import type { Claim } from '#core/claims/claim';
import { splitClaim } from '#core/claims/split-claim';
import { duplicateKey, InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import { build837P } from '#core/x12/837p/builder';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { read837P } from '#core/x12/837p/reader-837p';
import { describeWithValidator, validateX12 } from '../../sandbox/independent-validator.ts';
import { cleanClaim, toClaim } from '../../scrubbing/support/scrub-setup.ts';
import { IDENTITY, NOW } from './sample-claims.ts';

/** 120 injection lines on one day: each points to one of 3 diagnoses (by line), $10.00 + line number cents. */
function longClaim(): Claim {
  const base = cleanClaim();
  const lines = Array.from({ length: 120 }, (_, i) => ({
    code: '96372',
    chargeCents: 1000 + i,
    diagnosisPointers: [(i % 3) + 1],
    serviceDate: base.dateOfService,
  }));
  return toClaim({
    ...base,
    diagnoses: ['E11.9', 'I10', 'E78.5'],
    lines,
    totalChargeCents: lines.reduce((s, l) => s + l.chargeCents, 0),
  }).claim;
}

describe('a claim over 50 service lines', () => {
  it('is refused whole by the 837P claim checks', () => {
    expect(check837PClaims([claimTo837P(longClaim())])).toContainEqual(
      expect.objectContaining({ rule: 'X12-LINES', field: 'lines' }),
    );
  });

  it('splits into claims of at most 50 lines with their own ids, totals and diagnoses, the same way every time', () => {
    const original = longClaim();
    const parts = splitClaim(original);
    expect(parts.map((p) => p.lines.length)).toEqual([50, 50, 20]);
    expect(new Set(parts.map((p) => p.id)).size).toBe(3);
    expect(parts.map((p) => p.id)).toEqual(splitClaim(longClaim()).map((p) => p.id));
    expect(parts.reduce((s, p) => s + p.totalChargeCents, 0)).toBe(original.totalChargeCents);
    expect(parts.flatMap((p) => p.lines.map((l) => l.chargeCents))).toEqual(original.lines.map((l) => l.chargeCents));
    for (const part of parts) {
      expect(part.id).toHaveLength(20);
      expect(check837PClaims([claimTo837P(part)])).toEqual([]);
      // Every line still points at the diagnosis it pointed at before.
      part.lines.forEach((line, i) => {
        const before = original.lines[parts.indexOf(part) * 50 + i]!;
        expect(line.diagnosisPointers.map((p) => part.diagnoses[p - 1]?.code)).toEqual(
          before.diagnosisPointers.map((p) => original.diagnoses[p - 1]?.code),
        );
      });
    }
  });

  it('records on each part the set it belongs to', () => {
    const original = longClaim();
    const parts = splitClaim(original);
    const claimIds = parts.map((p) => p.id);
    expect(parts.map((p) => p.split)).toEqual([1, 2, 3].map((part) => ({ visitClaimId: original.id, claimIds, part })));
  });

  it('makes parts that bill the same codes on the same day no duplicates of each other', async () => {
    // 100 injections on one day: two parts of 50 identical lines.
    const parts = splitClaim({ ...longClaim(), lines: longClaim().lines.slice(0, 100) });
    expect(duplicateKey(parts[0]!)).not.toBe(duplicateKey(parts[1]!));
    const prior = new InMemoryPriorClaims([{ ...parts[0]!, status: 'QUEUED' }]);
    expect(await prior.findDuplicates(parts[1]!)).toEqual([]);
  });

  it('leaves a claim within the limit alone', () => {
    const claim = toClaim(cleanClaim()).claim;
    expect(splitClaim(claim)).toEqual([claim]);
  });
});

describeWithValidator('split claims, checked by the independent validator (pyx12)', () => {
  it('build into one interchange that reads back and validates', async () => {
    const parts = splitClaim(longClaim()).map(claimTo837P);
    const { text } = await build837P(parts, {
      identity: IDENTITY,
      controlNumbers: new InMemoryControlNumbers(),
      now: NOW,
    });
    const read = read837P(text);
    expect(read.issues).toEqual([]);
    expect(read.claims.map((c) => c.lines.length)).toEqual([50, 50, 20]);
    const { valid, report } = validateX12({ split: text });
    expect(valid, report).toBe(true);
  });
});
