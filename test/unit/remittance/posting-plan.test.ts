import { describe, expect, it } from 'vitest';
import type { ContractRateBook } from '#core/config/contract-rates';
import { type PostingPlan, type PostPlan, planRemittancePosting } from '#core/remittance/posting-plan';
import { claimPayment, context, line, ourClaim, remittance, remittanceInput } from './remittance-fixtures.ts';

function posted(plan: PostingPlan): PostPlan {
  if (plan.decision !== 'post') throw new Error(`expected a post plan, got quarantine: ${plan.reasons[0]?.message}`);
  return plan;
}

describe('planRemittancePosting: a balanced 835 is posted claim by claim', () => {
  it('a claim paid with only a contractual write-off is PAID, nothing left to do', () => {
    const plan = posted(planRemittancePosting(remittance(remittanceInput([claimPayment()])), context([ourClaim()])));

    const [payment] = plan.claimPayments;
    expect(payment).toMatchObject({
      claimId: 'CLM1',
      payerClaimControlNumber: 'ICN0001',
      chargeCents: 15000,
      paidCents: 9000,
      allowedCents: 9000,
      allowedSource: 'AMT*B6',
      kind: 'payment',
    });
    expect(payment?.outcome).toMatchObject({ kind: 'paid_in_full', claimStatus: 'PAID', owner: 'NONE' });
    expect(payment?.outcome.reason).toBe('Paid $90.00 of $150.00; the rest is contractual.');
    expect(payment?.adjustments).toHaveLength(1);
    expect(payment?.adjustments[0]).toMatchObject({
      level: 'line',
      lineIndex: 1,
      group: 'CO',
      reason: '45',
      amountCents: 6000,
    });
    expect(payment?.adjustments[0]?.classification.category).toBe('contractual');
  });

  it('each service payment is posted to its line by REF*6R', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line({
            lineControlNumber: 'CLM1-2',
            code: '36415',
            chargeCents: 2000,
            paidCents: 1000,
            allowedCents: 1000,
            adjustments: [{ group: 'CO', reason: '45', amountCents: 1000 }],
          }),
          line({ lineControlNumber: 'CLM1-1' }),
        ],
      }),
    ]);
    const claim = ourClaim({
      lines: [
        {
          controlNumber: 'CLM1-1',
          procedureCode: '99213',
          modifiers: [],
          units: 1,
          chargeCents: 15000,
          serviceDate: '2026-11-02',
        },
        {
          controlNumber: 'CLM1-2',
          procedureCode: '36415',
          modifiers: [],
          units: 1,
          chargeCents: 2000,
          serviceDate: '2026-11-02',
        },
      ],
    });

    const [payment] = posted(planRemittancePosting(remittance(input), context([claim]))).claimPayments;

    expect(payment?.lines.map((l) => [l.index, l.match, l.lineControlNumber, l.paidCents])).toEqual([
      [1, 'line_control_number', 'CLM1-2', 1000],
      [2, 'line_control_number', 'CLM1-1', 9000],
    ]);
  });

  it('without REF*6R a service payment is matched by procedure code and date, then modifiers', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line({
            lineControlNumber: undefined,
            code: '20610',
            modifiers: ['LT'],
            chargeCents: 20000,
            paidCents: 0,
            allowedCents: 0,
            adjustments: [{ group: 'CO', reason: '4', amountCents: 20000 }],
          }),
          line({
            lineControlNumber: undefined,
            code: '20610',
            modifiers: ['RT'],
            chargeCents: 20000,
            paidCents: 12000,
            allowedCents: 12000,
            adjustments: [{ group: 'CO', reason: '45', amountCents: 8000 }],
          }),
        ],
      }),
    ]);
    const claim = ourClaim({
      lines: [
        {
          controlNumber: 'A',
          procedureCode: '20610',
          modifiers: ['RT'],
          units: 1,
          chargeCents: 20000,
          serviceDate: '2026-11-02',
        },
        {
          controlNumber: 'B',
          procedureCode: '20610',
          modifiers: ['LT'],
          units: 1,
          chargeCents: 20000,
          serviceDate: '2026-11-02',
        },
      ],
    });

    const [payment] = posted(planRemittancePosting(remittance(input), context([claim]))).claimPayments;

    expect(payment?.lines.map((l) => [l.match, l.lineControlNumber])).toEqual([
      ['code_and_date', 'B'],
      ['code_and_date', 'A'],
    ]);
    expect(payment?.unmatchedLineCount).toBe(0);
  });

  it('a service payment that matches none of our lines is still posted to the claim and counted', () => {
    const input = remittanceInput([claimPayment({ lines: [line({ lineControlNumber: 'OTHER', code: '99999' })] })]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.lines[0]?.match).toBe('none');
    expect(payment?.unmatchedLineCount).toBe(1);
    expect(payment?.paidCents).toBe(9000);
  });

  it('splits the patient share: PR-1 deductible, PR-2 coinsurance, PR-3 copay; PAID with the patient owing', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line({
            chargeCents: 20000,
            paidCents: 6000,
            allowedCents: 12000,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: 8000 },
              { group: 'PR', reason: '1', amountCents: 3000 },
              { group: 'PR', reason: '2', amountCents: 1000 },
              { group: 'PR', reason: '3', amountCents: 2000 },
            ],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.patientShare).toEqual({
      deductibleCents: 3000,
      coinsuranceCents: 1000,
      copayCents: 2000,
      otherCents: 0,
      totalCents: 6000,
    });
    expect(payment?.reportedPatientResponsibilityCents).toBe(6000);
    expect(payment?.outcome).toMatchObject({ kind: 'paid_patient_owes', claimStatus: 'PAID', owner: 'PATIENT' });
    expect(payment?.outcome.reason).toBe(
      'Paid $60.00; patient share $60.00 (deductible $30.00, coinsurance $10.00, copay $20.00).',
    );
  });

  it('all applied to the deductible ($0 paid) is not a denial: PAID, the patient owes', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line({
            paidCents: 0,
            allowedCents: 9000,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: 6000 },
              { group: 'PR', reason: '1', amountCents: 9000 },
            ],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.outcome).toMatchObject({ kind: 'paid_patient_owes', claimStatus: 'PAID', owner: 'PATIENT' });
  });

  it('a denied claim carries the denial category and owner from the mapping (CO-97 bundling -> CODER)', () => {
    const input = remittanceInput([
      claimPayment({
        status: '4',
        lines: [
          line({
            paidCents: 0,
            allowedCents: 0,
            adjustments: [{ group: 'CO', reason: '97', amountCents: 15000 }],
            remarks: ['M15'],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.outcome).toMatchObject({
      kind: 'denied',
      claimStatus: 'DENIED',
      owner: 'CODER',
      category: 'bundling',
    });
    expect(payment?.outcome.reason).toBe(
      'Denied ($150.00 billed): CO-97: Included in the payment for another service (bundled).',
    );
    expect(payment?.lines[0]?.remarks.map((r) => r.code)).toEqual(['M15']);
  });

  it('CO-16 is explained by its remark: with M51 the denial goes to the coder as a coding error', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line({
            paidCents: 0,
            allowedCents: 0,
            adjustments: [{ group: 'CO', reason: '16', amountCents: 15000 }],
            remarks: ['N1', 'M51'],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.outcome).toMatchObject({ kind: 'denied', owner: 'CODER', category: 'coding_error' });
    expect(payment?.outcome.primaryDenial?.classification.refinedBy).toBe('M51');
  });

  it('one line paid and one denied for a modifier is PARTIALLY_PAID, owned by the coder', () => {
    const input = remittanceInput([
      claimPayment({
        lines: [
          line(),
          line({
            lineControlNumber: 'CLM1-2',
            code: '20610',
            chargeCents: 20000,
            paidCents: 0,
            allowedCents: 0,
            adjustments: [{ group: 'CO', reason: '4', amountCents: 20000 }],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.outcome).toMatchObject({
      kind: 'partially_paid',
      claimStatus: 'PARTIALLY_PAID',
      owner: 'CODER',
      category: 'modifier',
    });
    expect(payment?.outcome.reason).toBe(
      'Paid $90.00 of $350.00; $200.00 denied: CO-4: Modifier missing, or not valid with this procedure.',
    );
  });

  it('a crossover (CLP02 19) leaves the patient share to the next payer', () => {
    const input = remittanceInput([
      claimPayment({
        status: '19',
        lines: [
          line({
            paidCents: 7000,
            adjustments: [
              { group: 'CO', reason: '45', amountCents: 6000 },
              { group: 'PR', reason: '2', amountCents: 2000 },
            ],
          }),
        ],
      }),
    ]);

    const [payment] = posted(planRemittancePosting(remittance(input), context([ourClaim()]))).claimPayments;

    expect(payment?.forwardedToNextPayer).toBe(true);
    expect(payment?.outcome).toMatchObject({ kind: 'paid_patient_owes', owner: 'PAYER' });
  });
});

describe('reversals, duplicates and unknown claims', () => {
  it('a reversal (CLP02 22) and its re-adjudication in the same file are two postings with two keys', () => {
    const reversal = claimPayment({
      status: '22',
      lines: [
        line({
          chargeCents: -15000,
          paidCents: -9000,
          allowedCents: -9000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: -6000 }],
        }),
      ],
    });
    const corrected = claimPayment({
      lines: [
        line({
          paidCents: 10000,
          allowedCents: 10000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: 5000 }],
        }),
      ],
    });

    const plan = posted(
      planRemittancePosting(remittance(remittanceInput([reversal, corrected])), context([ourClaim()])),
    );

    expect(plan.claimPayments.map((p) => [p.kind, p.outcome.claimStatus, p.paidCents])).toEqual([
      ['reversal', 'REVERSED', -9000],
      ['payment', 'PAID', 10000],
    ]);
    expect(plan.claimPayments[0]?.paymentKey).toBe('1123456789|EFT1001|CLM1|ICN0001|reversal');
    expect(plan.claimPayments[1]?.paymentKey).toBe('1123456789|EFT1001|CLM1|ICN0001');
    expect(plan.totals.postedToClaimsCents).toBe(1000);
    expect(plan.totals.depositCents).toBe(1000);
  });

  it('the same payment in a second file (a payment key already posted) is a duplicate, posted once', () => {
    const text = remittance(remittanceInput([claimPayment()]));
    const first = posted(planRemittancePosting(text, context([ourClaim()])));
    const keys = first.claimPayments.map((p) => p.paymentKey);

    const second = posted(planRemittancePosting(text, context([ourClaim()], { posted: keys })));

    expect(second.claimPayments).toEqual([]);
    expect(second.duplicates).toEqual([{ paymentKey: keys[0], claimId: 'CLM1', paidCents: 9000 }]);
    expect(second.totals).toMatchObject({ postedToClaimsCents: 0, alreadyPostedCents: 9000, depositCents: 9000 });
  });

  it('a claim payment for a claim we do not know becomes an unmatched-remittance work item, never dropped', () => {
    const input = remittanceInput([
      claimPayment(),
      claimPayment({ patientControlNumber: 'NOT-OURS', payerClaimControlNumber: 'ICN0002' }),
    ]);

    const plan = posted(planRemittancePosting(remittance(input), context([ourClaim()])));

    expect(plan.claimPayments.map((p) => p.claimId)).toEqual(['CLM1']);
    expect(plan.unmatched).toHaveLength(1);
    expect(plan.unmatched[0]).toMatchObject({
      patientControlNumber: 'NOT-OURS',
      payerClaimControlNumber: 'ICN0002',
      paidCents: 9000,
      workItem: { category: 'unmatched_remittance', owner: 'BILLER' },
    });
    expect(plan.totals).toMatchObject({ postedToClaimsCents: 9000, unmatchedCents: 9000, depositCents: 18000 });
  });
});

describe('PLB provider adjustments go to the provider ledger, never to a claim', () => {
  it('interest and a recoupment become ledger entries; the plan adds up to BPR02', () => {
    const input = remittanceInput([claimPayment()], {
      providerAdjustments: [
        {
          providerId: '1234567893',
          fiscalPeriodDate: '2026-12-31',
          items: [
            { reason: 'L6', amountCents: -125 },
            { reason: 'WO', referenceId: 'ICN0999', amountCents: 3000 },
          ],
        },
      ],
    });

    const plan = posted(planRemittancePosting(remittance(input), context([ourClaim()])));

    expect(
      plan.providerLedger.map((e) => [e.reason, e.kind, e.adjustmentCents, e.depositEffectCents, e.referenceId]),
    ).toEqual([
      ['L6', 'interest', -125, 125, undefined],
      ['WO', 'recoupment', 3000, -3000, 'ICN0999'],
    ]);
    expect(plan.providerLedger[0]?.fiscalPeriodDate).toBe('2026-12-31');
    expect(plan.claimPayments[0]?.paidCents).toBe(9000);
    const { postedToClaimsCents, unmatchedCents, alreadyPostedCents, providerLedgerEffectCents, depositCents } =
      plan.totals;
    expect(depositCents).toBe(9000 + 125 - 3000);
    expect(postedToClaimsCents + unmatchedCents + alreadyPostedCents + providerLedgerEffectCents).toBe(depositCents);
  });
});

describe('an 835 that does not balance is quarantined whole', () => {
  it('a line paid amount off by a cent: quarantine with each imbalance, nothing to post', () => {
    const input = remittanceInput([
      claimPayment(),
      claimPayment({ patientControlNumber: 'CLM2', payerClaimControlNumber: 'ICN0002' }),
    ]);

    const plan = planRemittancePosting(
      remittance(input, (text) => text.replace('SVC*HC:99213*150*90*', 'SVC*HC:99213*150*90.01*')),
      context([ourClaim(), ourClaim({ id: 'CLM2' })]),
    );

    expect(plan.decision).toBe('quarantine');
    if (plan.decision !== 'quarantine') return;
    expect(
      plan.reasons.map((r) => [r.code, r.imbalance?.level, r.imbalance?.claimId, r.imbalance?.difference]),
    ).toEqual([['IMBALANCE', 'line', 'CLM1', 1]]);
    expect(plan).not.toHaveProperty('claimPayments');
    expect(plan.workItem).toMatchObject({ category: 'quarantined_remittance', owner: 'BILLER' });
    expect(plan.workItem.reason).toContain('EFT1001');
  });

  it('BPR02 that is not sum CLP04 - sum PLB: quarantine at transaction level', () => {
    const plan = planRemittancePosting(
      remittance(remittanceInput([claimPayment()]), (text) => text.replace(/BPR\*I\*90\*/, 'BPR*I*95*')),
      context([ourClaim()]),
    );

    expect(plan.decision).toBe('quarantine');
    if (plan.decision !== 'quarantine') return;
    expect(plan.reasons.map((r) => [r.imbalance?.level, r.imbalance?.difference])).toEqual([['transaction', 500]]);
  });

  it('the same payment key twice in one file cannot be posted safely: quarantine', () => {
    const plan = planRemittancePosting(
      remittance(remittanceInput([claimPayment(), claimPayment()])),
      context([ourClaim()]),
    );

    expect(plan.decision).toBe('quarantine');
    if (plan.decision !== 'quarantine') return;
    expect(plan.reasons.map((r) => r.code)).toEqual(['DUPLICATE_PAYMENT_IN_FILE']);
  });
});

describe('underpayment against the payer contract (issue 15)', () => {
  const contracts: ContractRateBook = {
    version: '2026-1',
    contracts: [
      {
        payerIds: ['SBX01', '123456789'],
        name: 'Sandbox PPO 2026',
        effectiveFrom: '2026-01-01',
        tolerance: { cents: 100, percent: 0 },
        rates: [{ code: '99213', allowedCentsPerUnit: 11000 }],
      },
    ],
  };

  it('allowed below the contract beyond the tolerance is PAID_INCORRECTLY with the difference, owner BILLER', () => {
    const plan = posted(
      planRemittancePosting(remittance(remittanceInput([claimPayment()])), context([ourClaim()], { contracts })),
    );

    const [payment] = plan.claimPayments;
    expect(payment?.outcome).toMatchObject({
      kind: 'underpaid',
      claimStatus: 'PAID_INCORRECTLY',
      owner: 'BILLER',
      category: 'underpayment',
      underpaidCents: 2000,
    });
    expect(payment?.lines[0]?.underpayment).toEqual({
      contractName: 'Sandbox PPO 2026',
      expectedAllowedCents: 11000,
      allowedCents: 9000,
      differenceCents: 2000,
    });
    expect(payment?.outcome.reason).toBe(
      'Allowed $90.00 is $20.00 below the contracted $110.00 (line 1; Sandbox PPO 2026).',
    );
  });

  it('within the tolerance, or for a service outside the contract period, it is simply PAID', () => {
    const close = claimPayment({
      lines: [
        line({
          paidCents: 10950,
          allowedCents: 10950,
          chargeCents: 15000,
          adjustments: [{ group: 'CO', reason: '45', amountCents: 4050 }],
        }),
      ],
    });
    const plan = posted(
      planRemittancePosting(remittance(remittanceInput([close])), context([ourClaim()], { contracts })),
    );
    expect(plan.claimPayments[0]?.outcome.kind).toBe('paid_in_full');

    const old = claimPayment({ lines: [line({ serviceDate: '2025-12-30' })] });
    const before = posted(
      planRemittancePosting(
        remittance(remittanceInput([old])),
        context([ourClaim({ serviceDate: '2025-12-30' })], { contracts }),
      ),
    );
    expect(before.claimPayments[0]?.outcome.kind).toBe('paid_in_full');
  });

  it('a line charged below its contract rate and allowed at its charge is paid in full, not underpaid', () => {
    const cheap = claimPayment({
      lines: [line({ chargeCents: 9000, paidCents: 9000, allowedCents: 9000, adjustments: [] })],
    });
    const plan = posted(
      planRemittancePosting(remittance(remittanceInput([cheap])), context([ourClaim()], { contracts })),
    );
    expect(plan.claimPayments[0]?.outcome.kind).toBe('paid_in_full');
    expect(plan.claimPayments[0]?.lines[0]?.underpayment).toBeUndefined();
  });

  it('a denied line is a denial, not an underpayment', () => {
    const denied = claimPayment({
      lines: [
        line({ paidCents: 0, allowedCents: 0, adjustments: [{ group: 'CO', reason: '50', amountCents: 15000 }] }),
      ],
    });
    const plan = posted(
      planRemittancePosting(remittance(remittanceInput([denied])), context([ourClaim()], { contracts })),
    );
    expect(plan.claimPayments[0]?.outcome).toMatchObject({
      kind: 'denied',
      category: 'medical_necessity',
      owner: 'CODER',
    });
  });
});
