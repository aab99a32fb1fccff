/**
 * The money lines of `npm start`'s summary, on what the sandbox payer really sent (its 835s for claims submitted
 * through core/submission and applied with applyResponseFile): Σ posted + PLB effect = Σ BPR02 when everything is
 * posted, and a quarantined check is named by its trace and breaks the equation out loud.
 */
import { describe, expect, it } from 'vitest';
import { formatReconciliation, reconcileRemittances } from '#local/cli/remittance-reconciliation';
import { MEMBERS, postingWorld, remittancesOf } from '../remittance/posting-harness.ts';

const CLAIMS = Object.entries(MEMBERS)
  .filter(([outcome]) => outcome !== 'rejected999')
  .map(([outcome, memberId], i) => ({ id: `RC${i + 1}${outcome.slice(0, 3).toUpperCase()}`, memberId }));

async function world() {
  const w = postingWorld();
  await w.submit(CLAIMS);
  const files = await w.respond();
  const ports = { ledger: w.stores.ledger, providerLedger: w.stores.providerLedger };
  return { w, files, ports };
}

describe('reconciling the 835s with the ledgers', () => {
  it('reconciles once every 835 is applied: posted to claims + PLB effect = Σ BPR02, with the PLB items counted', async () => {
    const { w, files, ports } = await world();
    await w.applyAll(files);

    const r = await reconcileRemittances(
      files.map((f) => f.x12),
      ports,
    );

    const remittances = remittancesOf(files);
    expect(r.checks).toBe(new Set(remittances.map((m) => m.trace.number)).size);
    expect(r.paidByPayersCents).toBe(remittances.reduce((n, m) => n + m.payment.totalPaid, 0));
    expect(r.providerLedgerItems).toBe(
      remittances.reduce((n, m) => n + m.providerAdjustments.reduce((k, a) => k + a.adjustments.length, 0), 0),
    );
    expect(r.providerLedgerItems).toBeGreaterThan(0);
    expect(r).toMatchObject({ reconciles: true, notPosted: [], unmatchedCents: 0 });
    expect(r.postedToClaimsCents + r.providerLedgerEffectCents).toBe(r.paidByPayersCents);
    const [totals, verdict] = formatReconciliation(r);
    expect(totals).toMatch(/^money: \d+ payment\(s\) \(835\) for Σ BPR02 \$\d+\.\d\d; posted Σ/);
    expect(verdict).toMatch(/^money reconciles: posted \$[\d.]+ \+ PLB -?\$[\d.]+ = BPR02 \$[\d.]+$/);
  });

  it('names a check that was not posted (quarantined) and says the money does not reconcile', async () => {
    const { w, files, ports } = await world();
    const [first, ...others] = files.filter((f) => f.kind === '835');
    await w.applyAll(files.filter((f) => f.kind !== '835'));
    await w.applyAll(others);
    // The first 835 made unbalanced by a cent: quarantined whole, nothing of it posted.
    const unbalanced = first!.x12.replace(
      /(CLP\*[^*~]+\*1\*\d+(?:\.\d+)?\*)(\d+)(?:\.(\d+))?/,
      (_, head, dollars, cents = '0') => `${head}${(Number(`${dollars}.${cents}`) + 0.01).toFixed(2)}`,
    );
    expect(await w.apply({ ...first!, x12: unbalanced })).toMatchObject({
      summary: { transactions: [{ status: 'quarantined' }] },
    });

    const r = await reconcileRemittances(
      files.map((f) => f.x12),
      ports,
    );

    const trace = remittancesOf([first!])[0]!.trace.number;
    expect(r.reconciles).toBe(false);
    expect(r.notPosted).toEqual([trace]);
    const lines = formatReconciliation(r);
    expect(lines[1]).toMatch(/^MONEY DOES NOT RECONCILE: .* \(off by \$[\d.]+\)$/);
    expect(lines[2]).toBe(`not posted (quarantined or not applied yet; see the work queue): 1 check(s): ${trace}`);
  });

  it('counts a check carried by two files once', async () => {
    const { w, files, ports } = await world();
    await w.applyAll(files);
    const once = await reconcileRemittances(
      files.map((f) => f.x12),
      ports,
    );
    const twice = await reconcileRemittances(
      [...files, ...files.filter((f) => f.kind === '835')].map((f) => f.x12),
      ports,
    );
    expect(twice).toEqual(once);
  });
});
