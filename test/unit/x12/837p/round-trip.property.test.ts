import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build837P } from '#core/x12/837p/builder';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { InMemoryControlNumbers } from '#core/x12/837p/control-numbers';
import { type Read837PClaim, read837P } from '#core/x12/837p/reader-837p';
import { claimBatch } from './claim-arbitraries.ts';
import { IDENTITY, NOW } from './sample-claims.ts';
import { segmentsOf } from './x12-test-helpers.ts';

const options = (maxClaimsPerTransaction?: number) => ({
  identity: IDENTITY,
  controlNumbers: new InMemoryControlNumbers(),
  now: NOW,
  ...(maxClaimsPerTransaction && { maxClaimsPerTransaction }),
});

/** What the reader adds on top of the model: where a claim was found and which code set its diagnoses use. */
function modelOnly({ diagnosisCodeSet: _set, source: _source, ...claim }: Read837PClaim): Claim837P {
  return claim;
}

function byId(claims: Claim837P[]): Claim837P[] {
  return [...claims].sort((a, b) => a.id.localeCompare(b.id));
}

describe('837P round trip (property)', () => {
  it('reads back every claim field the 837P carries, whatever the batch and its split into transactions', async () => {
    await fc.assert(
      fc.asyncProperty(claimBatch(), fc.integer({ min: 1, max: 5 }), async (claims, perTransaction) => {
        const built = await build837P(claims, options(perTransaction));
        const read = read837P(built.text);
        expect(read.issues).toEqual([]);
        expect(byId(read.claims.map(modelOnly))).toEqual(byId(claims));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('rebuilds the identical file from the claims it reads back', async () => {
    await fc.assert(
      fc.asyncProperty(claimBatch(), fc.integer({ min: 1, max: 5 }), async (claims, perTransaction) => {
        const first = await build837P(claims, options(perTransaction));
        const again = await build837P(read837P(first.text).claims, options(perTransaction));
        expect(again.text).toBe(first.text);
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('keeps HL numbering, parents, child codes and SE, GE and IEA counts right (checked without the reader)', async () => {
    await fc.assert(
      fc.asyncProperty(claimBatch(20), fc.integer({ min: 1, max: 8 }), async (claims, perTransaction) => {
        const { text } = await build837P(claims, options(perTransaction));
        expect(structuralProblems(text, claims.length)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('never repeats an interchange, group or transaction control number across builds on one counter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(claimBatch(6), fc.integer({ min: 1, max: 3 })), { minLength: 2, maxLength: 6 }),
        async (batches) => {
          const controlNumbers = new InMemoryControlNumbers();
          const seen = { ISA: new Set<string>(), GS: new Set<string>(), ST: new Set<string>() };
          let total = { ISA: 0, GS: 0, ST: 0 };
          for (const [claims, perTransaction] of batches) {
            const { text } = await build837P(claims, { ...options(perTransaction), controlNumbers });
            for (const s of segmentsOf(text)) {
              if (s[0] === 'ISA') seen.ISA.add(s[13] ?? '');
              if (s[0] === 'GS') seen.GS.add(s[6] ?? '');
              if (s[0] === 'ST') seen.ST.add(s[2] ?? '');
            }
            total = { ISA: total.ISA + 1, GS: total.GS + 1, ST: total.ST + countOf(text, 'ST') };
          }
          expect({ ISA: seen.ISA.size, GS: seen.GS.size, ST: seen.ST.size }).toEqual(total);
        },
      ),
      { numRuns: 50 },
    );
  }, 60_000);
});

function countOf(text: string, id: string): number {
  return segmentsOf(text).filter((s) => s[0] === id).length;
}

const PARENT_LEVEL: Record<string, string> = { '22': '20', '23': '22' };

/** Envelope counts and HL structure recomputed from the raw segments; returns what is wrong. */
function structuralProblems(text: string, claimCount: number): string[] {
  const problems: string[] = [];
  const segments = segmentsOf(text);
  let transactions = 0;
  let claims = 0;
  let start = -1;
  let levels = new Map<string, string>();
  let hls: string[][] = [];
  let claimsUnderHl = 0;
  segments.forEach((s, i) => {
    if (s[0] === 'ST') {
      start = i;
      transactions++;
      levels = new Map();
      hls = [];
    }
    if (s[0] === 'HL') {
      if (claimsUnderHl > 100) problems.push(`HL before segment ${i} has ${claimsUnderHl} claims (max 100)`);
      claimsUnderHl = 0;
      const [, id = '', parent = '', level = ''] = s;
      if (id !== String(hls.length + 1)) problems.push(`HL01 ${id} at segment ${i}, expected ${hls.length + 1}`);
      const wantParent = PARENT_LEVEL[level];
      if (wantParent ? levels.get(parent) !== wantParent : parent !== '')
        problems.push(`HL02 "${parent}" wrong for level ${level}`);
      const previous = hls.at(-1);
      if (previous && (previous[4] === '1') !== (parent === previous[1]))
        problems.push(`HL04 of HL ${previous[1]} is wrong`);
      levels.set(id, level);
      hls.push(s);
    }
    if (s[0] === 'CLM') {
      claims++;
      claimsUnderHl++;
      if (hls.at(-1)?.[3] === '20') problems.push(`CLM at segment ${i} directly under a billing provider`);
    }
    if (s[0] === 'SE') {
      if (s[1] !== String(i - start + 1)) problems.push(`SE01 ${s[1]} but ST..SE holds ${i - start + 1}`);
      if (hls.at(-1)?.[4] !== '0') problems.push('the last HL of a transaction has HL04 1');
    }
    if (s[0] === 'GE' && s[1] !== String(transactions)) problems.push(`GE01 ${s[1]} for ${transactions} transactions`);
    if (s[0] === 'IEA' && s[1] !== '1') problems.push(`IEA01 ${s[1]} for 1 group`);
  });
  if (claims !== claimCount) problems.push(`${claims} CLM segments for ${claimCount} claims`);
  return problems;
}
