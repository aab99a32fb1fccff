import { describe, expect, it } from 'vitest';
import { expectedAllowance, InvalidContractRatesError, parseContractRateBook } from '#core/config/contract-rates';
import { providerLedgerEntries } from '#core/remittance/provider-ledger';

const BOOK = parseContractRateBook(
  {
    version: '2026-1',
    contracts: [
      {
        payerIds: ['SBX01'],
        name: 'Sandbox PPO 2026',
        effectiveFrom: '2026-01-01',
        effectiveTo: '2026-12-31',
        tolerance: { percent: 2 },
        rates: [
          { code: '20610', allowedCentsPerUnit: 8000 },
          { code: '20610', modifiers: ['RT'], allowedCentsPerUnit: 9500 },
        ],
      },
    ],
  },
  'practice.json#contracts',
);

describe('contract rate book', () => {
  it('a rate with modifiers applies to exactly those modifiers; otherwise the plain rate, times the units', () => {
    expect(
      expectedAllowance(BOOK, ['SBX01'], { code: '20610', modifiers: ['RT'], units: 1, serviceDate: '2026-05-01' }),
    ).toEqual({
      contractName: 'Sandbox PPO 2026',
      expectedAllowedCents: 9500,
      toleranceCents: 190,
    });
    expect(
      expectedAllowance(BOOK, ['SBX01'], { code: '20610', modifiers: ['LT'], units: 2 })?.expectedAllowedCents,
    ).toBe(16000);
  });

  it('expects the lesser of the charge and the contracted amount (payers never allow more than was billed)', () => {
    const charged = (chargeCents: number) =>
      expectedAllowance(BOOK, ['SBX01'], { code: '20610', modifiers: [], units: 2, chargeCents })?.expectedAllowedCents;
    expect(charged(12_000)).toBe(12_000);
    expect(charged(20_000)).toBe(16_000);
  });

  it('no contract for another payer, another code or a date outside the contract', () => {
    expect(expectedAllowance(BOOK, ['OTHER'], { code: '20610', modifiers: [], units: 1 })).toBeUndefined();
    expect(expectedAllowance(BOOK, ['SBX01'], { code: '99213', modifiers: [], units: 1 })).toBeUndefined();
    expect(
      expectedAllowance(BOOK, ['SBX01'], { code: '20610', modifiers: [], units: 1, serviceDate: '2027-01-02' }),
    ).toBeUndefined();
  });

  it('an invalid rate book is refused whole, every problem named', () => {
    let error: unknown;
    try {
      parseContractRateBook(
        {
          version: '1',
          contracts: [
            {
              payerIds: [],
              name: 'X',
              effectiveFrom: '2026-1-1',
              rates: [{ code: '99213', allowedCentsPerUnit: 10.5 }],
            },
          ],
        },
        'practice.json#contracts',
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidContractRatesError);
    expect((error as InvalidContractRatesError).problems).toEqual([
      'contracts.0.payerIds: Too small: expected array to have >=1 items',
      'contracts.0.effectiveFrom: a date is YYYY-MM-DD',
      'contracts.0.rates.0.allowedCentsPerUnit: amounts are integer cents',
    ]);
  });
});

describe('provider ledger entries from PLB', () => {
  it('an unmapped PLB reason is kept as "other", named as unmapped', () => {
    const [entry] = providerLedgerEntries('P|T', [
      {
        position: 40,
        providerId: '1234567893',
        fiscalPeriodDate: '20261231',
        adjustments: [{ reason: 'ZZ', amount: 500 }],
      },
    ]);
    expect(entry).toEqual({
      entryKey: 'P|T|PLB40.1',
      providerId: '1234567893',
      fiscalPeriodDate: '2026-12-31',
      reason: 'ZZ',
      reasonDescription: 'Unmapped provider adjustment reason ZZ',
      kind: 'other',
      adjustmentCents: 500,
      depositEffectCents: -500,
    });
  });
});
