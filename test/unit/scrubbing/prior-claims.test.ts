import { describe, expect, it } from 'vitest';
import { duplicateKey, InMemoryPriorClaims } from '#core/scrubbing/prior-claims';
import { cleanClaim, idsOf, scrub, toClaim } from './support/scrub-setup.ts';

const prior = (status: string, change: (c: ReturnType<typeof cleanClaim>) => void = () => {}) => {
  const compact = { ...cleanClaim(), id: 'CFPRIOR0000000000001', status: status as 'SUBMITTED' };
  change(compact);
  return toClaim(compact).claim;
};

describe('duplicate claims (in-memory prior claims)', () => {
  it('matches the same patient, date, billing NPI and codes in a submitted status', async () => {
    const store = new InMemoryPriorClaims([prior('ACCEPTED')]);
    expect(await store.findDuplicates(toClaim(cleanClaim()).claim)).toEqual([
      { claimId: 'CFPRIOR0000000000001', status: 'ACCEPTED' },
    ]);
  });

  it('does not match claims that never reached or no longer stand at the payer', async () => {
    for (const status of ['CODED', 'NEEDS_REVIEW', 'READY', 'REJECTED', 'VOIDED', 'REVERSED', 'CORRECTED']) {
      const store = new InMemoryPriorClaims([prior(status)]);
      expect(await store.findDuplicates(toClaim(cleanClaim()).claim), status).toEqual([]);
    }
  });

  it('does not match a void claim (frequency 8), pending or settled: it bills nothing', async () => {
    for (const status of ['QUEUED', 'ACCEPTED', 'CLOSED']) {
      const voidClaim = prior(status, (c) => {
        c.frequency = '8';
        c.originalClaimNumber = 'PAYER998877';
      });
      expect(await new InMemoryPriorClaims([voidClaim]).findDuplicates(toClaim(cleanClaim()).claim), status).toEqual(
        [],
      );
    }
  });

  it('does not match a different date, member, provider or set of codes', async () => {
    const variants = [
      prior('SUBMITTED', (c) => (c.lines[0]!.serviceDate = '2026-11-03')),
      prior('SUBMITTED', (c) => (c.subscriber = { memberId: 'SBX000000001' })),
      prior('SUBMITTED', (c) => (c.patient = { ...c.patient, birthDate: '1971-06-15' })),
      prior('SUBMITTED', (c) => (c.billingProvider = { ...c.billingProvider, npi: '1987654328' })),
      prior('SUBMITTED', (c) => (c.lines[0]!.code = '99214')),
    ];
    for (const variant of variants) {
      expect(await new InMemoryPriorClaims([variant]).findDuplicates(toClaim(cleanClaim()).claim)).toEqual([]);
    }
  });

  it('never reports a claim as its own duplicate, and follows a claim re-added with a new status', async () => {
    const store = new InMemoryPriorClaims([prior('SUBMITTED')]);
    expect(await store.findDuplicates(prior('SUBMITTED'))).toEqual([]);
    store.add(prior('REJECTED'));
    expect(await store.findDuplicates(toClaim(cleanClaim()).claim)).toEqual([]);
  });

  it('has no key for a claim missing a part of it', () => {
    const compact = cleanClaim();
    compact.subscriber = {};
    expect(duplicateKey(toClaim(compact).claim)).toBeUndefined();
    expect(duplicateKey(toClaim(cleanClaim()).claim)).toBe('SBX220198877|1971-06-14|1234567893|2026-11-02|99213');
  });

  it('does not flag a replacement claim, which is meant to match its original', async () => {
    const replacement = { ...cleanClaim(), frequency: '7' as const, originalClaimNumber: 'PAYER998877' };
    const { findings } = await scrub(replacement, { priorClaims: new InMemoryPriorClaims([prior('PAID')]) });
    expect(idsOf(findings)).toEqual([]);
  });
});

describe('the in-memory store when a claim loses part of its key', () => {
  it('forgets the claim rather than keep matching on its old key', async () => {
    const store = new InMemoryPriorClaims([prior('SUBMITTED')]);
    store.add(prior('SUBMITTED', (c) => (c.subscriber = {})));
    expect(await store.findDuplicates(toClaim(cleanClaim()).claim)).toEqual([]);
  });
});
