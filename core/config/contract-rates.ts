/**
 * Payer contract rates: what each payer agreed to allow per procedure, so an allowed amount below the contract is
 * caught (PAID_INCORRECTLY with the difference, owner BILLER). The rate book is part of the practice configuration
 * (`contracts`), validated here with zod; a rate book that does not validate is refused whole. It lives with the
 * configuration, not with posting, so that configuration depends on no posting code (posting reads it).
 */
import { z } from 'zod';
import type { CalendarDate } from '#core/kernel/calendar-date';
import type { Cents } from '#core/kernel/money';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const cents = z.number().int('amounts are integer cents').nonnegative();

const contractRate = z
  .object({
    /** CPT/HCPCS code. */
    code: z.string().regex(/^[0-9A-Z]{5}$/, 'a code is 5 characters (CPT/HCPCS)'),
    /** The rate applies only when the line carries exactly these modifiers (order ignored); absent: any modifiers. */
    modifiers: z.array(z.string().regex(/^[0-9A-Z]{2}$/)).optional(),
    /** Contracted allowed amount per unit of service. */
    allowedCentsPerUnit: cents,
  })
  .strict();

const payerContract = z
  .object({
    /** The payer id as the 835 names it (TRN03, N1*PR N104 or BPR10), or the 837 payer id. */
    payerIds: z.array(z.string().min(1)).min(1),
    name: z.string().min(1),
    effectiveFrom: isoDate,
    /** Inclusive; absent: open-ended. */
    effectiveTo: isoDate.optional(),
    /** How far below the contract an allowed amount may be before it is an underpayment (rounding, sequestration). */
    tolerance: z
      .object({ cents: cents.default(0), percent: z.number().min(0).max(100).default(0) })
      .strict()
      .default({ cents: 0, percent: 0 }),
    rates: z.array(contractRate).min(1),
  })
  .strict();

export const contractRateBookSchema = z
  .object({ version: z.string().min(1), contracts: z.array(payerContract) })
  .strict();

export type ContractRateBook = z.infer<typeof contractRateBookSchema>;
export type PayerContract = ContractRateBook['contracts'][number];

export class InvalidContractRatesError extends Error {
  constructor(
    source: string,
    readonly problems: string[],
  ) {
    super(`contract rates ${source} are invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'InvalidContractRatesError';
  }
}

export function parseContractRateBook(json: unknown, source: string): ContractRateBook {
  const parsed = contractRateBookSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidContractRatesError(
      source,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}

export interface ExpectedAllowance {
  contractName: string;
  expectedAllowedCents: Cents;
  toleranceCents: Cents;
}

/**
 * What the contract says this line should be allowed, or undefined when no contract covers it. Payers allow the
 * lesser of the billed charge and the contracted amount, so a line charged below its rate is expected at its charge
 * (otherwise every such line would look underpaid).
 */
export function expectedAllowance(
  book: ContractRateBook,
  payerIds: readonly string[],
  line: { code: string; modifiers: readonly string[]; units: number; serviceDate?: CalendarDate; chargeCents?: Cents },
): ExpectedAllowance | undefined {
  for (const contract of book.contracts) {
    if (!contract.payerIds.some((id) => payerIds.includes(id))) continue;
    if (line.serviceDate !== undefined) {
      if (line.serviceDate < contract.effectiveFrom) continue;
      if (contract.effectiveTo !== undefined && line.serviceDate > contract.effectiveTo) continue;
    }
    const rate =
      contract.rates.find(
        (r) => r.code === line.code && r.modifiers !== undefined && sameSet(r.modifiers, line.modifiers),
      ) ?? contract.rates.find((r) => r.code === line.code && r.modifiers === undefined);
    if (!rate) continue;
    const contracted = Math.round(rate.allowedCentsPerUnit * line.units);
    const expectedAllowedCents = line.chargeCents === undefined ? contracted : Math.min(contracted, line.chargeCents);
    const toleranceCents = Math.max(
      contract.tolerance.cents,
      Math.floor((expectedAllowedCents * contract.tolerance.percent) / 100),
    );
    return { contractName: contract.name, expectedAllowedCents, toleranceCents };
  }
  return undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}
