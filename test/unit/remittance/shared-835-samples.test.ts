/**
 * Every shared 835 sample (../shared/data/x12/835, see SOURCES.md) that our parser reads is either posted whole or
 * quarantined whole with its reasons: never half posted. Samples the parser refuses are listed with the refusal
 * (the reason is pinned in test/unit/x12/shared-samples.test.ts).
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { fixedClock } from '#core/kernel/clock';
import type { ClaimForPosting, PostingContext } from '#core/remittance/posting-inputs';
import { type PostPlan, planRemittancePosting } from '#core/remittance/posting-plan';
import type { ParsedRemittance } from '#core/x12/835/parse-835';
import { readTypedX12 } from '#core/x12/typed';
import { X12Error } from '#core/x12/x12-error';
import { describeWithSharedData, sharedData } from '#test/support/shared-data';

type Expected = { post: string[] } | { quarantine: string[] } | { unreadable: string };

/** Per transaction: the outcome kind of each claim payment when posted, or the quarantine reason codes. */
const SAMPLES: { file: string; lenient: boolean; transactions: Expected[] }[] = [
  { file: 'databricks_835_plb_sample.txt', lenient: true, transactions: [{ quarantine: ['IMBALANCE'] }] },
  {
    file: 'databricks_835_sample.txt',
    lenient: true,
    transactions: [{ post: ['denied'] }, { post: ['denied'] }, { post: ['denied'] }],
  },
  {
    file: 'keironstoddart_blue_cross_nc_sample.txt',
    lenient: true,
    transactions: [{ unreadable: 'REQUIRED_ELEMENT' }],
  },
  {
    file: 'keironstoddart_emedny_sample.txt',
    lenient: false,
    transactions: [{ post: ['paid_in_full', 'denied', 'partially_paid'] }],
  },
  {
    file: 'keironstoddart_united_healthcare_legacy_sample.txt',
    lenient: false,
    transactions: [{ post: ['paid_patient_owes', 'paid_patient_owes'] }],
  },
  {
    file: 'linuxforhealth_medicare-part-a.835',
    lenient: false,
    transactions: [{ post: ['paid_in_full', 'paid_in_full'] }],
  },
  { file: 'linuxforhealth_secondary-payment.835', lenient: true, transactions: [{ unreadable: 'REQUIRED_ELEMENT' }] },
  { file: 'oopfactory_835_Example1.txt', lenient: true, transactions: [{ unreadable: 'REQUIRED_ELEMENT' }] },
  {
    // Amounts de-identified to 9s: nothing balances, and the de-identified claim numbers repeat.
    file: 'oopfactory_835_ExampleFromNth.txt',
    lenient: false,
    transactions: [
      { quarantine: ['IMBALANCE', 'DUPLICATE_PAYMENT_IN_FILE'] },
      { quarantine: ['IMBALANCE', 'DUPLICATE_PAYMENT_IN_FILE'] },
      { quarantine: ['IMBALANCE', 'DUPLICATE_PAYMENT_IN_FILE'] },
    ],
  },
  { file: 'pyx12_835_mult_loops.txt', lenient: false, transactions: [{ post: ['denied'] }] },
];

function read(file: string, lenient: boolean): ParsedRemittance[] | X12Error {
  try {
    const typed = readTypedX12(readFileSync(sharedData('x12', '835', file), 'utf8'), { lenient });
    return typed.transactions.flatMap((t) => (t.kind === '835' ? [t.remittance] : []));
  } catch (error) {
    if (error instanceof X12Error) return error;
    throw error;
  }
}

/** Our side knows every claim the 835 names, with lines rebuilt from its service payments. */
function knowingEveryClaim(remittance: ParsedRemittance, posted: Set<string> = new Set()): PostingContext {
  const claims = new Map<string, ClaimForPosting>();
  for (const payment of remittance.claims) {
    claims.set(payment.patientControlNumber, {
      id: payment.patientControlNumber,
      payerIds: [],
      totalChargeCents: payment.chargeAmount,
      lines: payment.lines.map((line, i) => ({
        controlNumber:
          line.references.find((ref) => ref.qualifier === '6R')?.value ?? `${payment.patientControlNumber}-${i + 1}`,
        procedureCode: (line.originalProcedure ?? line.procedure).code,
        modifiers: (line.originalProcedure ?? line.procedure).modifiers,
        units: line.units ?? 1,
        chargeCents: line.chargeAmount,
      })),
    });
  }
  return {
    findClaim: (id) => claims.get(id),
    isPosted: (key) => posted.has(key),
    clock: fixedClock('2026-12-01T00:00:00Z'),
  };
}

const knowingNothing: PostingContext = {
  findClaim: () => undefined,
  isPosted: () => false,
  clock: fixedClock('2026-12-01T00:00:00Z'),
};

function expectWhole(plan: PostPlan, remittance: ParsedRemittance): void {
  // Every claim payment is accounted for exactly once, and the money adds up to BPR02.
  expect(plan.claimPayments.length + plan.unmatched.length + plan.duplicates.length).toBe(remittance.claims.length);
  const { postedToClaimsCents, unmatchedCents, alreadyPostedCents, providerLedgerEffectCents, depositCents } =
    plan.totals;
  expect(postedToClaimsCents + unmatchedCents + alreadyPostedCents + providerLedgerEffectCents).toBe(depositCents);
  expect(depositCents).toBe(remittance.payment.totalPaid);
  expect(plan.providerLedger.length).toBe(
    remittance.providerAdjustments.reduce((n, plb) => n + plb.adjustments.length, 0),
  );
}

describeWithSharedData('posting every shared 835 sample', ['x12', '835'], () => {
  it.each(SAMPLES)('$file: posted whole or quarantined whole', ({ file, lenient, transactions }) => {
    const read835 = read(file, lenient);
    if (read835 instanceof X12Error) {
      expect(transactions).toEqual([{ unreadable: read835.code }]);
      return;
    }
    expect(read835).toHaveLength(transactions.length);
    read835.forEach((remittance, index) => {
      const expected = transactions[index]!;
      const plan = planRemittancePosting(remittance, knowingEveryClaim(remittance));
      if ('quarantine' in expected) {
        expect(plan.decision).toBe('quarantine');
        if (plan.decision !== 'quarantine') return;
        expect([...new Set(plan.reasons.map((r) => r.code))]).toEqual(expected.quarantine);
        // Every imbalance the parser found is a reason, with its message; nothing is offered for posting.
        expect(plan.reasons.filter((r) => r.code === 'IMBALANCE').map((r) => r.imbalance)).toEqual(
          remittance.balance.imbalances,
        );
        expect(plan).not.toHaveProperty('claimPayments');
        return;
      }
      if (!('post' in expected)) throw new Error('unreadable expected, but the file was read');
      expect(plan.decision).toBe('post');
      if (plan.decision !== 'post') return;
      expect(plan.claimPayments.map((p) => p.outcome.kind)).toEqual(expected.post);
      expectWhole(plan, remittance);
      for (const payment of plan.claimPayments) {
        expect(payment.outcome.reason.length).toBeGreaterThan(10);
        expect(payment.outcome.owner).toMatch(/^(CODER|BILLER|PATIENT|PAYER|NONE)$/);
      }

      // Delivered again after posting: every payment is a duplicate, nothing posts twice.
      const again = planRemittancePosting(
        remittance,
        knowingEveryClaim(remittance, new Set(plan.claimPayments.map((p) => p.paymentKey))),
      );
      if (again.decision !== 'post') throw new Error('a posted 835 must plan again');
      expect(again.claimPayments).toEqual([]);
      expect(again.duplicates).toHaveLength(remittance.claims.length);
      expectWhole(again, remittance);

      // Claims we do not know: every payment becomes an unmatched-remittance work item, none dropped.
      const unknown = planRemittancePosting(remittance, knowingNothing);
      if (unknown.decision !== 'post') throw new Error('a balanced 835 must plan');
      expect(unknown.unmatched).toHaveLength(remittance.claims.length);
      expectWhole(unknown, remittance);
    });
  });
});
