/**
 * The sandbox payer adjudicates from its data files: fee schedule (CO-45), member benefits (PR-3 copay, PR-1
 * deductible, PR-2 coinsurance), payer policies (CO-96, CO-197, CO-16, CO-50, CO-97, CO-18, CO-29, CO-27, CO-109)
 * and 277CA rejections; a member-id prefix forces an outcome. Amounts below follow from
 * local/sandbox/data/*.json: 99213 is allowed $91.75, 82947 (unlisted) 60% of its $25.50 charge = $15.30.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimPaymentInput } from '#core/x12/835/build-835';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import {
  type AdjudicationInput,
  adjudicateClaim,
  type BenefitLedger,
  type PayerDecision,
} from '#local/sandbox/adjudicate';
import { OUTCOME_PREFIXES } from '#local/sandbox/outcome-prefixes';
import type { PayerData } from '#local/sandbox/payer-data';
import { DATA, visit } from './sandbox-fixtures.ts';

const SANDBOX1 = DATA.payers.payers.find((p) => p.payerId === 'SANDBOX1') as PayerData;

function ledger(): BenefitLedger {
  return { deductibleMet: {}, paidServices: {} };
}

function adjudicate(claim: Claim837P, overrides: Partial<AdjudicationInput> = {}): PayerDecision {
  return adjudicateClaim({
    claim,
    payer: SANDBOX1,
    members: DATA.members,
    ledger: ledger(),
    receivedDate: '2026-11-23',
    payerClaimNumber: 'SHP0001',
    ...overrides,
  });
}

function paid(decision: PayerDecision): ClaimPaymentInput {
  if (decision.kind !== 'adjudicated') throw new Error(`expected an adjudication, got ${JSON.stringify(decision)}`);
  return decision.payment;
}

/** Each line's adjustments as "GROUP-REASON amount". */
function adjustments(payment: ClaimPaymentInput): string[][] {
  return payment.lines.map((line) => line.adjustments.map((a) => `${a.group}-${a.reason} ${a.amountCents}`));
}

function line(code: string, overrides: Partial<Claim837P['lines'][number]> = {}): Claim837P['lines'][number] {
  return {
    code,
    system: 'CPT',
    modifiers: [],
    units: 1,
    chargeCents: 10_000,
    diagnosisPointers: [1],
    serviceDate: '2026-11-20',
    controlNumber: `L-${code}`,
    ...overrides,
  };
}

function oneLine(memberId: string, l: Claim837P['lines'][number], overrides: Partial<Claim837P> = {}): Claim837P {
  return visit('C1', memberId, { lines: [l], totalChargeCents: l.chargeCents, ...overrides });
}

describe('benefits math', () => {
  it('copay plan with the deductible met: CO-45 to the fee schedule, PR-3 on the visit, PR-2 on the test', () => {
    const payment = paid(adjudicate(visit('C1', 'SBX556677889')));
    expect(adjustments(payment)).toEqual([
      ['CO-45 3325', 'PR-3 2500'],
      ['CO-45 1020', 'PR-2 306'],
    ]);
    expect(payment.lines.map((l) => [l.allowedCents, l.paidCents])).toEqual([
      [9175, 6675],
      [1530, 1224],
    ]);
    expect(payment).toMatchObject({ status: '1', paidCents: 7899, patientResponsibilityCents: 2806 });
  });

  it('deductible nearly met: PR-1 takes what is left of it, coinsurance applies to the rest', () => {
    const book = ledger();
    const payment = paid(adjudicate(visit('C1', 'SBX445566778'), { ledger: book }));
    // $1,500 deductible, $1,400 met: $100 left. 99213: all $91.75 to the deductible; 82947: $8.25 then 20% of $7.05.
    expect(adjustments(payment)).toEqual([
      ['CO-45 3325', 'PR-1 9175'],
      ['CO-45 1020', 'PR-1 825', 'PR-2 141'],
    ]);
    expect(payment).toMatchObject({ status: '1', paidCents: 564, patientResponsibilityCents: 10_141 });
    expect(book.deductibleMet.SBX445566778).toBe(150_000);
  });

  it('carries the deductible from one claim to the next through the ledger', () => {
    const book = ledger();
    adjudicate(visit('C1', 'SBX445566778'), { ledger: book });
    const second = paid(
      adjudicate(
        visit('C2', 'SBX445566778', {
          lines: visit('C2', 'X').lines.map((l) => ({ ...l, serviceDate: '2026-11-21' })),
        }),
        {
          ledger: book,
          payerClaimNumber: 'SHP0002',
        },
      ),
    );
    expect(adjustments(second)).toEqual([
      ['CO-45 3325', 'PR-2 1835'],
      ['CO-45 1020', 'PR-2 306'],
    ]);
  });

  it('a plan without patient share pays the allowed amount', () => {
    const payment = paid(adjudicate(visit('C1', 'SBX667788990')));
    expect(payment.paidCents).toBe(9175 + 1530);
    expect(payment.patientResponsibilityCents).toBe(0);
  });
});

describe('denials from the payer data', () => {
  const cases: [string, Claim837P, string, string | undefined][] = [
    ['non-covered service', oneLine('SBX556677889', line('97810')), '96', 'N130'],
    ['imaging without prior authorization', oneLine('SBX556677889', line('72148')), '197', 'M62'],
    ['cardiology without a referring provider', oneLine('SBX556677889', line('93000')), '16', 'MA130'],
    [
      'glucose test for a diagnosis that does not support it',
      oneLine('SBX556677889', line('82947'), { diagnoses: [{ code: 'I10' }] }),
      '50',
      'N115',
    ],
    ['service after coverage ended', oneLine('SBX778899001', line('99213')), '27', 'N30'],
    [
      'filed after the timely filing limit',
      oneLine('SBX556677889', line('99213', { serviceDate: '2026-01-05' })),
      '29',
      undefined,
    ],
    ['member covered by another payer', oneLine('SBX998877665', line('99213')), '109', undefined],
  ];
  for (const [what, claim, carc, remark] of cases) {
    it(`${what}: CO-${carc}${remark ? ` with ${remark}` : ''}, claim denied (CLP02 4)`, () => {
      const payment = paid(adjudicate(claim));
      expect(payment.status).toBe('4');
      expect(payment.paidCents).toBe(0);
      expect(adjustments(payment)).toEqual([[`CO-${carc} 10000`]]);
      expect(payment.lines[0]?.remarks).toEqual(remark ? [remark] : []);
    });
  }

  it('pays imaging that carries its prior authorization', () => {
    const payment = paid(adjudicate(oneLine('SBX556677889', line('72148'), { priorAuthorization: 'PA123' })));
    expect(payment.status).toBe('1');
    expect(payment.paidCents).toBeGreaterThan(0);
  });

  it('bundles venipuncture into the same-day office visit (CO-97, M15): a partial payment', () => {
    const claim = visit('C1', 'SBX556677889', {
      lines: [line('99213', { chargeCents: 12_500 }), line('36415', { chargeCents: 1_200, modifiers: ['59'] })],
      totalChargeCents: 13_700,
    });
    const decision = adjudicate(claim);
    const payment = paid(decision);
    expect(adjustments(payment)[1]).toEqual(['CO-97 1200']);
    expect(payment.lines[1]?.remarks).toEqual(['M15']);
    expect(payment.status).toBe('1');
    expect(decision.kind === 'adjudicated' && decision.outcome).toBe('partially-paid');
  });

  it('denies a service already paid on another claim as a duplicate (CO-18), not the replacement of it', () => {
    const book = ledger();
    paid(adjudicate(visit('C1', 'SBX556677889'), { ledger: book, payerClaimNumber: 'SHP0001' }));
    const again = paid(adjudicate(visit('C2', 'SBX556677889'), { ledger: book, payerClaimNumber: 'SHP0002' }));
    expect(adjustments(again)).toEqual([['CO-18 12500'], ['CO-18 2550']]);
    const replacement = paid(
      adjudicate(visit('C1', 'SBX556677889', { frequency: '7', originalClaimNumber: 'SHP0001' }), {
        ledger: book,
        payerClaimNumber: 'SHP0003',
      }),
    );
    expect(replacement.status).toBe('1');
  });
});

describe('277CA rejections', () => {
  it('rejects a code terminated before the date of service (A7:454)', () => {
    const decision = adjudicate(oneLine('SBX556677889', line('99201')));
    expect(decision).toMatchObject({ kind: 'rejected', status: { category: 'A7', status: '454' } });
  });

  it('rejects an unknown member (A3:33) when the payer does not use a default profile', () => {
    const strict = { ...SANDBOX1, unknownMembers: 'reject' as const };
    expect(adjudicate(visit('C1', 'NOBODY1234'), { payer: strict })).toMatchObject({
      kind: 'rejected',
      status: { category: 'A3', status: '33', entity: 'IL' },
    });
    expect(adjudicate(visit('C1', 'NOBODY1234')).kind).toBe('adjudicated');
  });
});

describe('member-id prefixes choose the outcome', () => {
  for (const [prefix, outcome] of Object.entries(OUTCOME_PREFIXES)) {
    if (outcome.stage !== 'deny') continue;
    it(`${prefix} denies with CO-${outcome.reason}`, () => {
      const payment = paid(adjudicate(visit('C1', `${prefix}0001`)));
      const reasons = payment.lines.flatMap((l) => l.adjustments.map((a) => a.reason));
      expect(reasons).toContain(outcome.reason);
    });
  }

  it('DN97 bundles the lines after the first unless a distinct-service modifier says they were separate', () => {
    const bundled = visit('C1', 'DN970001');
    expect(adjustments(paid(adjudicate(bundled)))[1]?.[0]).toMatch(/^CO-97 /);

    const corrected = {
      ...bundled,
      frequency: '7' as const,
      originalClaimNumber: 'SHP0001',
      lines: bundled.lines.map((l, i) => (i === 0 ? l : { ...l, modifiers: [...l.modifiers, '59'] })),
    };
    const decision = adjudicate(corrected);
    expect(decision).toMatchObject({ kind: 'adjudicated', outcome: 'paid' });
  });

  it('DN4 denies the lines without a modifier (CO-4, M78); a corrected claim adding one is paid', () => {
    const denied = visit('C1', 'DN40001');
    const decision = adjudicate(denied);
    expect(decision).toMatchObject({ kind: 'adjudicated', outcome: 'denied' });
    expect(paid(decision).lines.map((l) => [l.adjustments[0]?.reason, l.remarks])).toEqual(
      denied.lines.map(() => ['4', ['M78']]),
    );

    const corrected = {
      ...denied,
      frequency: '7' as const,
      originalClaimNumber: 'SHP0001',
      lines: denied.lines.map((l) => ({ ...l, modifiers: ['25'] })),
    };
    expect(adjudicate(corrected)).toMatchObject({ kind: 'adjudicated', outcome: 'paid' });
  });

  it('UND allows 80% of the fee schedule: 99213 at $73.40 instead of $91.75', () => {
    const usual = paid(adjudicate(visit('C1', 'SBX0001'))).lines[0]!;
    const under = paid(adjudicate(visit('C1', 'UND0001'))).lines[0]!;
    expect(usual.allowedCents).toBe(9175);
    expect(under.allowedCents).toBe(7340);
    expect(under.adjustments[0]).toEqual({ group: 'CO', reason: '45', amountCents: under.chargeCents - 7340 });
  });

  it('PART pays the first line and denies the others', () => {
    const decision = adjudicate(visit('C1', 'PART0001'));
    expect(decision).toMatchObject({ kind: 'adjudicated', outcome: 'partially-paid' });
    expect(adjustments(paid(decision))[1]).toEqual(['CO-50 2550']);
  });

  it('REJ33, REJ454 and REJ21 reject on the 277CA', () => {
    expect(adjudicate(visit('C1', 'REJ33X'))).toMatchObject({ kind: 'rejected', status: { category: 'A3' } });
    expect(adjudicate(visit('C1', 'rej454x'))).toMatchObject({ kind: 'rejected', status: { category: 'A7' } });
    expect(adjudicate(visit('C1', 'REJ21X'))).toMatchObject({ kind: 'rejected', status: { category: 'A6' } });
  });

  it('REV, RCP and INT pay now and ask for a follow-up', () => {
    expect(adjudicate(visit('C1', 'REV01'))).toMatchObject({ followUp: 'reverse' });
    expect(adjudicate(visit('C1', 'RCP01'))).toMatchObject({ followUp: 'recoup' });
    expect(adjudicate(visit('C1', 'INT01'))).toMatchObject({ followUp: 'interest' });
  });
});
