/**
 * What a practice (or a billing company, per practice) sets once: billing and rendering providers, the payer
 * directory, the fee schedule, the submitter identity and the clearinghouse connection. Versioned and validated when
 * loaded; a document naming a provider or payer that is not configured goes to review as missing information.
 */
import { z } from 'zod';
import { submitterIdentitySchema } from '#core/x12/837p/submitter-identity-schema';
import { CLAIM_FILING_INDICATORS } from '#core/x12/837p/tr3-rules';

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
  clearinghouse: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('sandbox'), url: z.url().optional() }),
    z.object({ kind: z.literal('http'), url: z.url(), secretName: z.string().min(1) }),
  ]),
});

export type PracticeConfig = z.infer<typeof practiceConfigSchema>;
export type BillingProviderConfig = z.infer<typeof billingProviderSchema>;
export type PayerConfig = z.infer<typeof payerSchema>;

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
  ];
  if (problems.length > 0) throw new InvalidPracticeConfigError(source, problems);
  return config;
}

/** Lookups the coder and the scrubber use. */
export function payerById(config: PracticeConfig, payerId: string | undefined): PayerConfig | undefined {
  return payerId === undefined ? undefined : config.payers.find((p) => p.payerId === payerId);
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
