import { describe, expect, it } from 'vitest';
import { CATALOGUE, scrubClaim } from '#core/scrubbing/index';
import { InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import { type CorpusEntry, readCorpus } from './support/corpus.ts';
import { testPorts, toClaim } from './support/scrub-setup.ts';

/** Ids of the findings that matter for "exactly its edit": errors and repairs (warnings never block a claim). */
async function blockingOrRepairedIds(entry: CorpusEntry): Promise<string[]> {
  const { claim, coded } = toClaim(entry.claim);
  const priorClaims = new InMemoryPriorClaims((entry.priorClaims ?? []).map((prior) => toClaim(prior).claim));
  const { findings } = await scrubClaim(claim, coded, testPorts({ priorClaims }));
  return [...new Set(findings.filter((f) => f.severity !== 'warning').map((f) => f.id))];
}

const broken = readCorpus('broken');
const clean = readCorpus('clean');

describe('the broken-claim corpus', () => {
  it('holds at least 60 claims, each naming an edit of the catalogue', () => {
    expect(broken.length).toBeGreaterThanOrEqual(60);
    const ids = new Set(CATALOGUE.map((entry) => entry.id));
    expect(broken.filter((entry) => !ids.has(entry.expect ?? ''))).toEqual([]);
  });

  it.each(broken.map((entry) => [entry.file, entry] as const))('%s raises exactly its edit', async (_file, entry) => {
    expect(await blockingOrRepairedIds(entry)).toEqual([entry.expect]);
  });
});

describe('the clean-claim corpus', () => {
  it.each(clean.map((entry) => [entry.file, entry] as const))(
    '%s raises no error and needs no repair',
    async (_file, entry) => {
      expect(await blockingOrRepairedIds(entry)).toEqual([]);
    },
  );
});
