/**
 * What a practice (or a billing company, per practice) sets once: billing and rendering providers, the payer
 * directory, the fee schedule, the submitter identity and the clearinghouse connection. Versioned and validated when
 * loaded; a document naming a provider or payer that is not configured goes to review as missing information.
 */
import { z } from 'zod';
import { mailboxPolling, mailboxPollingConfig } from '#contracts/clearinghouse-delivery';
import { comprehendMedicalConfigSchema } from '#contracts/comprehend-medical';
import { patientDirectoryEntrySchema } from '#core/patients/directory-entry';
import { entryIdentity } from '#core/patients/patient-directory';
import { submitterIdentitySchema } from '#core/x12/837p/submitter-identity-schema';
import { CLAIM_FILING_INDICATORS, MAX } from '#core/x12/837p/tr3-rules';
import { contractRateBookSchema } from './contract-rates.ts';
import { followUpConfigSchema, payerFollowUpSchema } from './follow-up-config.ts';

const npi = z.string().regex(/^\d{10}$/, 'an NPI is 10 digits');
const tin = z.string().regex(/^\d{9}$/, 'a TIN (EIN) is 9 digits, no hyphen');
const zip9 = z.string().regex(/^\d{9}$/, 'the billing provider ZIP must have 9 digits (ZIP+4, no hyphen)');
const cents = z.number().int().positive();

const address = z.object({
  lines: z.array(z.string().min(1)).min(1).max(2),
  city: z.string().min(1),
  state: z.string().length(2),
  postalCode: z.string().regex(/^\d{5}(\d{4})?$/),
});

export const billingProviderSchema = z.object({
  /** Short key documents and the CLI may use instead of the NPI. */
  id: z.string().min(1),
  npi,
  tin,
  taxonomy: z.string().regex(/^[0-9A-Z]{9}X$/, 'a provider taxonomy code is 10 characters ending in X'),
  organizationName: z.string().min(1),
  address: address.extend({ postalCode: zip9 }),
  /** 2010AB: where payers send payment when it is not the street address above (a lock box). */
  payToAddress: address.optional(),
  /** 2310C: where the practice gives care when it is not the billing address. */
  serviceFacility: z.object({ name: z.string().min(1), npi: npi.optional(), address }).optional(),
  /** CLM06-CLM09: the practice's signature, assignment, benefits and release-of-information policy. */
  claimIndicators: z
    .object({
      providerSignature: z.enum(['Y', 'N']),
      acceptAssignment: z.enum(['A', 'B', 'C']),
      benefitsAssignment: z.enum(['Y', 'N', 'W']),
      releaseOfInformation: z.enum(['I', 'Y']),
    })
    .optional(),
  /** The practice laboratory's CLIA certificate and the codes payers want it on (REF*X4): waived tests, lab panels. */
  clia: z
    .object({
      number: z.string().regex(/^\d{2}D\d{7}$/, 'a CLIA number is 2 digits, D and 7 digits'),
      codes: z.array(z.string().regex(/^[0-9A-Z]{5}$/)).min(1),
    })
    .optional(),
});

export const renderingProviderSchema = z.object({
  npi,
  lastName: z.string().min(1),
  firstName: z.string().min(1),
  taxonomy: z.string().regex(/^[0-9A-Z]{9}X$/),
});

export const payerSchema = z.object({
  payerId: z.string().min(2).max(80),
  name: z.string().min(1),
  /** SBR09 claim filing indicator: CI commercial, MB Medicare Part B, MC Medicaid, BL BCBS, HM HMO, ... */
  filingIndicator: z.enum(CLAIM_FILING_INDICATORS),
  /** Days from the date of service within which the payer accepts a claim. */
  timelyFilingDays: z.number().int().positive(),
  /** Id of the payer's versioned rules file (companion guide rules as data), if any. */
  rulesId: z.string().optional(),
  /** When this payer's claims deserve a follow-up, where it differs from the practice's `followUp`. */
  followUp: payerFollowUpSchema.optional(),
  /**
   * How the payer wants a synchronous audio-video (telehealth) service marked: `95` on the services CPT lists in
   * Appendix P (CPT; Medicare with POS 02/10 since 2024, CMS transmittal R12671CP; most commercial plans), `GT`
   * (older payer policies), or `none` (the place of service alone). Absent: `95` (docs/coding/procedures.md).
   */
  telehealthModifier: z.enum(['95', 'GT', 'none']).optional(),
  /** The most service lines the payer takes on one claim; absent, the 837P's own limit (`DEFAULT_LINE_LIMIT`). */
  maxLinesPerClaim: z.number().int().min(1).max(MAX.linesPerClaim).optional(),
  /**
   * A visit with more lines than that: `split` into several claims of at most that many lines (what most payers ask),
   * or `hold` it for a biller (LINE-COUNT names the rule). Absent: split.
   */
  overLineLimit: z.enum(['split', 'hold']).optional(),
});

export const practiceConfigSchema = z.object({
  configVersion: z.literal('1'),
  practice: z.object({ name: z.string().min(1) }),
  billingProviders: z.array(billingProviderSchema).min(1),
  renderingProviders: z.array(renderingProviderSchema),
  payers: z.array(payerSchema).min(1),
  /** Charges by CPT/HCPCS code (integer cents); a code without a fee is a missing-information finding. */
  feeSchedule: z.record(z.string().regex(/^[0-9A-Z]{5}$/), cents),
  defaultPlaceOfService: z
    .string()
    .regex(/^\d{2}$/)
    .default('11'),
  submitter: submitterIdentitySchema,
  /** Patients' registration data documents may lack (the address), matched by MRN or member id and birth date. */
  patientDirectory: z.array(patientDirectoryEntrySchema).default([]),
  /** When a claim without an acknowledgment, a payment or time left to file is raised to a biller. */
  followUp: followUpConfigSchema,
  /**
   * What each payer agreed to allow per code: an 835 allowing less (beyond the tolerance) makes the claim
   * PAID_INCORRECTLY with the difference, for a biller. Absent: no underpayment check.
   */
  contracts: contractRateBookSchema.optional(),
  /**
   * Amazon Comprehend Medical InferICD10CM as a second proposer for clinical notes
   * (contracts/comprehend-medical.ts).
   * Absent: off.
   */
  comprehendMedical: comprehendMedicalConfigSchema,
  /** The connector, and how its responses are fetched when it keeps a mailbox (contracts/clearinghouse-delivery.ts). */
  clearinghouse: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('sandbox'), url: z.url().optional(), mailbox: mailboxPollingConfig.optional() }),
      z.object({
        kind: z.literal('http'),
        url: z.url(),
        secretName: z.string().min(1),
        mailbox: mailboxPollingConfig.optional(),
      }),
    ])
    .superRefine((clearinghouse, context) => {
      try {
        mailboxPolling(clearinghouse);
      } catch (error) {
        context.addIssue({ code: 'custom', path: ['mailbox'], message: (error as Error).message });
      }
    }),
});

export type PracticeConfig = z.infer<typeof practiceConfigSchema>;
export type BillingProviderConfig = z.infer<typeof billingProviderSchema>;
export type PayerConfig = z.infer<typeof payerSchema>;
export type { PatientDirectoryEntry } from '#core/patients/directory-entry';

export class InvalidPracticeConfigError extends Error {
  constructor(source: string, issues: string[]) {
    super(`practice configuration ${source} is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'InvalidPracticeConfigError';
  }
}

/** Validates a parsed configuration document; `source` names it in errors (a file path, "bundled"). */
export function parsePracticeConfig(json: unknown, source: string): PracticeConfig {
  const parsed = practiceConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidPracticeConfigError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const config = parsed.data;
  const duplicates = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  const problems = [
    ...duplicates(config.billingProviders.map((b) => b.npi)).map((n) => `billingProviders: NPI ${n} appears twice`),
    ...duplicates(config.payers.map((p) => p.payerId)).map((p) => `payers: payer id ${p} appears twice`),
    // Positions, never values: directory entries are PHI and this message reaches logs.
    ...duplicatePositions(config.patientDirectory.map((e) => e.mrn)).map(
      ([first, again]) => `patientDirectory[${again}]: repeats the mrn of patientDirectory[${first}]`,
    ),
    // Without an MRN, an entry is its member id, birth date and name: a second such entry could only be ambiguous.
    ...duplicatePositions(config.patientDirectory.map((e) => (e.mrn === undefined ? entryIdentity(e) : undefined))).map(
      ([first, again]) =>
        `patientDirectory[${again}]: repeats the member id, birth date and name of patientDirectory[${first}]`,
    ),
  ];
  if (problems.length > 0) throw new InvalidPracticeConfigError(source, problems);
  return config;
}

/** [first index, repeated index] of each defined value that appears again. */
function duplicatePositions(values: (string | undefined)[]): [number, number][] {
  const seen = new Map<string, number>();
  const repeats: [number, number][] = [];
  values.forEach((value, i) => {
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else repeats.push([first, i]);
  });
  return repeats;
}

/** Lookups the coder and the scrubber use. */
export function payerById(config: PracticeConfig, payerId: string | undefined): PayerConfig | undefined {
  return payerId === undefined ? undefined : config.payers.find((p) => p.payerId === payerId);
}

export interface PayerLineLimit {
  maxLinesPerClaim: number;
  overLineLimit: 'split' | 'hold';
}

/** What a payer that says nothing gets: the 837P's 50 lines per claim, longer visits split. */
export const DEFAULT_LINE_LIMIT: PayerLineLimit = { maxLinesPerClaim: MAX.linesPerClaim, overLineLimit: 'split' };

/** The payer's line limit and what to do past it; the defaults for a payer that is absent or says nothing. */
export function payerLineLimit(payer: PayerConfig | undefined): PayerLineLimit {
  return {
    maxLinesPerClaim: payer?.maxLinesPerClaim ?? DEFAULT_LINE_LIMIT.maxLinesPerClaim,
    overLineLimit: payer?.overLineLimit ?? DEFAULT_LINE_LIMIT.overLineLimit,
  };
}

export function billingProviderByNpi(
  config: PracticeConfig,
  npi: string | undefined,
): BillingProviderConfig | undefined {
  return npi === undefined ? undefined : config.billingProviders.find((b) => b.npi === npi);
}

export function feeFor(config: PracticeConfig, code: string): number | undefined {
  return config.feeSchedule[code.toUpperCase()];
}
