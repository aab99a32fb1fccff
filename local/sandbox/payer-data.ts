/**
 * The sandbox payer's reference data: payers (fee schedules, coverage policies, payment method) and members
 * (benefit plans and accumulators). Data files, validated here with zod, so a typo fails at start with the file and
 * the path of the bad value instead of producing wrong remittances.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const cents = z.number().int().nonnegative();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** A code or an inclusive range of codes of the same length ("70450-70553"), compared as text. */
const codeSpec = z.string().regex(/^[A-Z0-9]{4,7}(-[A-Z0-9]{4,7})?$/, 'must be a code or a range CODE-CODE');
const address = z.object({
  lines: z.array(z.string().min(1)).min(1).max(2),
  city: z.string().min(1),
  state: z.string().length(2),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/),
});

export const payerSchema = z.strictObject({
  payerId: z.string().min(2).max(80),
  name: z.string().min(1).max(60),
  /** TRN03/BPR10: "1" followed by the payer's tax id. */
  companyId: z.string().regex(/^1\d{9}$/, 'must be "1" followed by a 9-digit tax id'),
  /** Prefix of the payer claim control numbers (ICNs) it assigns. */
  icnPrefix: z.string().regex(/^[A-Z]{2,5}$/),
  address,
  contact: z.strictObject({ name: z.string().min(1), phone: z.string().regex(/^\d{10}$/) }),
  payment: z.strictObject({
    method: z.enum(['ACH', 'CHK']),
    bank: z.strictObject({ routingNumber: z.string().regex(/^\d{9}$/), accountNumber: z.string().regex(/^\d{4,17}$/) }),
  }),
  /** CLP06 written on its remittances. */
  claimFilingIndicator: z.string().min(1).max(2),
  timelyFilingDays: z.number().int().positive(),
  /** What the payer does with a member id it does not know: reject it on the 277CA, or use the default profile. */
  unknownMembers: z.enum(['reject', 'default-profile']),
  feeSchedule: z.strictObject({
    effectiveFrom: isoDate,
    allowedCents: z.record(z.string().regex(/^[A-Z0-9]{5}$/), cents),
    /** Allowed amount for codes the schedule does not list, as a percentage of the charge. */
    unlistedPercentOfCharge: z.number().int().min(0).max(100),
  }),
  /** Services that carry the plan's office copay (PR-3), once per claim. */
  copayCodes: z.array(codeSpec),
  /** CO-197 without a prior authorization number on the claim. */
  priorAuthorizationCodes: z.array(codeSpec),
  /** CO-96 non-covered services. */
  nonCoveredCodes: z.array(codeSpec),
  /** Codes no longer valid: the claim is rejected on the 277CA (A7:454) for a service on or after the date. */
  terminatedCodes: z.array(z.strictObject({ code: z.string(), terminatedOn: isoDate })),
  /** CO-16 with RARC N286 when the claim has no referring provider. */
  referringProviderRequired: z.array(codeSpec),
  /** CO-97 (RARC M15) on the column-2 line when billed with a column-1 code the same day. */
  bundling: z.array(z.strictObject({ column1: codeSpec, column2: codeSpec, modifiersAllowed: z.boolean() })),
  /** CO-50 (RARC N115) unless a diagnosis the line points to starts with one of the prefixes. */
  medicalNecessity: z.array(
    z.strictObject({ codes: z.array(codeSpec), diagnosisPrefixes: z.array(z.string().min(1)) }),
  ),
  /** When the payer reverses a payment and re-adjudicates (CLP02 22 then a corrected CLP02 1). */
  reAdjudication: z.strictObject({ allowedPercent: z.number().int().min(1).max(100), reason: z.string() }),
  /**
   * Which claim a void's reversal names in CLP01: the original's patient control number (most payers, the default)
   * or the void claim's own CLM01 (`void-claim`; CLP07 still the original's ICN).
   */
  voidReversalUnder: z.enum(['original', 'void-claim']).optional(),
  /** What share of its fee schedule the payer allows on a claim forced to be underpaid (member-id prefix UND). */
  underpayment: z.strictObject({ allowedPercent: z.number().int().min(1).max(99) }),
  /** Overpayment recovered (PLB WO) a cycle after paying a claim flagged for recoupment. */
  recoupment: z.strictObject({ percentOfPaid: z.number().int().min(1).max(100) }),
  /** Prompt-pay interest (PLB L6) on claims paid late. */
  interest: z.strictObject({ annualRateBasisPoints: z.number().int().min(0), daysLate: z.number().int().positive() }),
});

export const payersFileSchema = z.strictObject({
  dataFormat: z.literal('1'),
  clearinghouse: z.strictObject({
    name: z.string().min(1).max(60),
    interchangeQualifier: z.enum(['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ']),
    interchangeId: z.string().min(1).max(15),
    applicationCode: z.string().min(2).max(15),
    etin: z.string().min(2).max(80),
  }),
  payers: z.array(payerSchema).min(1),
});

export const planSchema = z.strictObject({
  description: z.string(),
  copayCents: cents,
  deductibleCents: cents,
  /** Coinsurance in basis points of the allowed amount after deductible (2000 = 20%). */
  coinsuranceBasisPoints: z.number().int().min(0).max(10_000),
  /** Whether copay services also go to the deductible (many PPOs exempt office visits). */
  deductibleAppliesToCopayServices: z.boolean(),
});

export const membersFileSchema = z
  .strictObject({
    dataFormat: z.literal('1'),
    plans: z.record(z.string(), planSchema),
    /** Benefits for members the data does not list (when the payer's `unknownMembers` is "default-profile"). */
    defaultProfile: z.strictObject({ plan: z.string(), deductibleMetCents: cents }),
    members: z.array(
      z.strictObject({
        memberId: z.string().min(2).max(80),
        payerId: z.string(),
        plan: z.string(),
        /** Deductible already met this year when the sandbox starts; claims add to it. */
        deductibleMetCents: cents,
        coverage: z.strictObject({ from: isoDate, to: isoDate.optional() }),
      }),
    ),
  })
  .superRefine((file, context) => {
    const plans = new Set(Object.keys(file.plans));
    if (!plans.has(file.defaultProfile.plan))
      context.addIssue({
        code: 'custom',
        path: ['defaultProfile', 'plan'],
        message: `unknown plan "${file.defaultProfile.plan}"`,
      });
    const seen = new Set<string>();
    file.members.forEach((member, i) => {
      if (!plans.has(member.plan))
        context.addIssue({ code: 'custom', path: ['members', i, 'plan'], message: `unknown plan "${member.plan}"` });
      if (seen.has(member.memberId))
        context.addIssue({ code: 'custom', path: ['members', i, 'memberId'], message: 'listed twice' });
      seen.add(member.memberId);
    });
  });

export type PayerData = z.infer<typeof payerSchema>;
export type PayersFile = z.infer<typeof payersFileSchema>;
export type MembersFile = z.infer<typeof membersFileSchema>;
export type Plan = z.infer<typeof planSchema>;
export type Member = MembersFile['members'][number];

export interface SandboxData {
  payers: PayersFile;
  members: MembersFile;
}

export const DEFAULT_DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'data');

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`sandbox data ${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`sandbox data ${file} is invalid:\n${problems.join('\n')}`);
  }
  return parsed.data;
}

/** Reads and validates payers.json and members.json from a folder (the bundled sample data by default). */
export function loadSandboxData(dir = DEFAULT_DATA_DIR): SandboxData {
  return {
    payers: readJson(join(dir, 'payers.json'), payersFileSchema),
    members: readJson(join(dir, 'members.json'), membersFileSchema),
  };
}

/** Whether `code` is one of the codes or within one of the ranges. */
export function codeMatches(code: string, specs: readonly string[]): boolean {
  for (const spec of specs) {
    const dash = spec.indexOf('-');
    if (dash < 0) {
      if (spec === code) return true;
      continue;
    }
    const from = spec.slice(0, dash);
    const to = spec.slice(dash + 1);
    if (code.length === from.length && code >= from && code <= to) return true;
  }
  return false;
}
