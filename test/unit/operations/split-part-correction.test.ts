/**
 * Recoding or voiding one part of a split visit (core/claims/split-claim) once the payer has it. The parts hold the
 * visit together: the first part holds the visit's identities (source id; patient, provider, date, payer) for the
 * set, and a later upload of the visit finds every part through it, following a corrected part to the claim that
 * replaced it. The claim that follows part N is part N of the set in its stead (its `split` names it in the
 * original's place); after part 1, it also holds the visit's identities, so the set's holder is still its first
 * part; after a later part, they stay with part 1. Either way a later upload finds the claim that now stands for
 * the part, and waits for a biller instead of billing the visit again.
 */
import { describe, expect, it } from 'vitest';
import type { Claim } from '#core/claims/claim';
import { starterCodeSets } from '#core/codesets/starter/index';
import { fixedClock } from '#core/kernel/clock';
import { editClaim, type OperationsPorts, rescrubberFor, voidClaim } from '#core/operations/index';
import { encounterKeysOf, visitHolderOf } from '#core/pipeline/replace-earlier-claim';
import { priorClaimsIn } from '#core/storage/prior-claims';
import { visitKeyOf } from '#core/storage/visit-key';
import { loadPayerRulesDirectory } from '#functions/common/payer-rule-directory';
import { SAMPLE_PAYER_RULES } from '#lib/sample-config';
import { cleanVisit, DATE_OF_SERVICE, Pipeline, SAMPLE_CONFIG, TODAY } from '../pipeline/harness.ts';

const config = {
  ...SAMPLE_CONFIG,
  payers: SAMPLE_CONFIG.payers.map((p) => (p.payerId === 'SANDBOX1' ? { ...p, maxLinesPerClaim: 3 } : p)),
};

/** Two days of an injection, its drug and a blood draw: six lines, split into two parts of three. */
function twoDayVisit(encounterId: string, noteChange = ''): string {
  const day = (offset: number) =>
    new Date(Date.parse(`${DATE_OF_SERVICE}T00:00:00Z`) - offset * 86_400_000).toISOString().slice(0, 10);
  const procedures = [1, 0].flatMap((offset) =>
    ['96372', 'J1100', '36415'].map((code) => ({
      code,
      units: 1,
      charge: code === '96372' ? '35.00' : code === 'J1100' ? '6.00' : '10.00',
      serviceDate: day(offset),
      diagnosisCodes: ['J06.9'],
    })),
  );
  return cleanVisit(encounterId, { procedures }).replace('three days', `three days${noteChange}`);
}

/** The split visit sent and adjudicated: each part DENIED with the payer's claim number, as an 835 leaves it. */
async function deniedParts(encounterId: string) {
  const pipeline = new Pipeline();
  const outcome = await pipeline.deliver(pipeline.put('inbox/a.json', twoDayVisit(encounterId)), { config });
  const ids = (await pipeline.ledger.get(outcome.documentId))?.claimIds ?? [];
  expect(ids).toHaveLength(2);
  const parts: Claim[] = [];
  for (const [i, id] of ids.entries()) {
    const stored = (await pipeline.claims.get(id))!;
    const version = stored.version + 1;
    const denied: Claim = {
      ...stored,
      status: 'DENIED',
      owner: 'CODER',
      payerClaimNumber: `ICN-${encounterId}-${i + 1}`,
      version,
      lastEvent: { version, at: TODAY.toISOString(), from: stored.status, to: 'DENIED', actor: 'process-remittance' },
    };
    await pipeline.claims.save(denied);
    parts.push(denied);
  }
  expect(parts.map((p) => p.split?.part)).toEqual([1, 2]);
  const clock = fixedClock(TODAY);
  const ports: OperationsPorts = {
    claims: pipeline.claims,
    visits: pipeline.visits,
    submissions: { publish: async () => {} },
    clock,
    rescrub: rescrubberFor({
      codeSets: starterCodeSets(),
      config,
      payerRules: loadPayerRulesDirectory(SAMPLE_PAYER_RULES),
      priorClaims: priorClaimsIn(pipeline.claims),
      today: () => clock.now().toISOString().slice(0, 10),
    }),
  };
  return { pipeline, parts, ports };
}

/** Who holds each of the visit's identities. */
async function identityHolders(pipeline: Pipeline, claim: Claim): Promise<string[]> {
  return Promise.all(encounterKeysOf(claim).map(async (key) => (await pipeline.visits.get(key))?.claimId ?? 'none'));
}

/**
 * A later upload of the visit (the note amended): its parts wait for a biller, naming the set's holder, and change
 * nothing of the claims that stand for the visit.
 */
async function expectLaterUploadWaits(pipeline: Pipeline, encounterId: string, holder: string, standing: Claim[]) {
  const before = await Promise.all(standing.map(async (c) => (await pipeline.claims.get(c.id))!));
  const later = await pipeline.deliver(pipeline.put('inbox/b.json', twoDayVisit(encounterId, ' (amended)')), {
    config,
  });
  const claims = await Promise.all(
    ((await pipeline.ledger.get(later.documentId))?.claimIds ?? []).map(async (id) => (await pipeline.claims.get(id))!),
  );
  expect(claims.map((c) => c.reasonCategory)).toEqual(['corrected_document', 'corrected_document']);
  expect(claims[0]?.lastEvent.reason).toContain(`claim ${holder} for this visit is`);
  expect(await Promise.all(standing.map(async (c) => (await pipeline.claims.get(c.id))!))).toEqual(before);
}

describe.each([
  ['recode', 1],
  ['recode', 2],
  ['void', 1],
  ['void', 2],
] as const)('a %s of part %i of a split visit the payer denied', (action, part) => {
  it('makes the claim that follows it that part of the set, and a later upload finds it', async () => {
    const encounterId = `V-SPLIT-${action}-${part}`;
    const { pipeline, parts, ports } = await deniedParts(encounterId);
    const original = parts[part - 1]!;
    const next =
      action === 'void'
        ? (await voidClaim({ claimId: original.id, actor: 'biller:sam', reason: 'not performed' }, ports)).voidClaim!
        : (
            await editClaim(
              {
                claimId: original.id,
                actor: 'coder:ana',
                changes: { lines: [{ line: 1, modifiers: ['59'] }] },
                reason: 'separate encounter documented',
              },
              ports,
            )
          ).claim;
    expect(next.replaces).toEqual({ claimId: original.id, kind: action === 'void' ? 'void' : 'replacement' });
    expect((await pipeline.claims.get(original.id))?.status).toBe('CORRECTED');

    // The set as the new claim sees it: itself in the original's place, the other part as it was.
    const set = parts.map((p) => (p.id === original.id ? next.id : p.id));
    expect(next.split).toEqual({ ...original.split, claimIds: set });
    // The visit's identities are with the set's first standing part, which is who visitHolderOf names.
    const first = part === 1 ? next : parts[0]!;
    expect(visitHolderOf(first)).toBe(first.id);
    expect(await identityHolders(pipeline, original)).toEqual(encounterKeysOf(original).map(() => first.id));
    // The part's own visit key follows it (same lines: the same key) when it bills the same.
    if (visitKeyOf(next) === visitKeyOf(original))
      expect((await pipeline.visits.get(visitKeyOf(original)!))?.claimId).toBe(next.id);

    const other = parts[2 - part]!;
    await expectLaterUploadWaits(pipeline, encounterId, first.id, [next, other]);
  });
});
