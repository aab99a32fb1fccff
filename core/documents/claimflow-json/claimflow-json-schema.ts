/**
 * ClaimFlow JSON, version 1 (docs/formats/claimflow-json.md): ClaimFlow's own structured intake format. Objects are
 * strict (an unknown key is an error, so a misspelt `memberID` cannot silently drop a member id); every value a claim
 * depends on is checked for form (dates, NPI check digit, code shapes, exact decimal charges).
 */
import { z } from 'zod';
import { MAX_CENTS, MoneyError, toCents } from '#core/kernel/money';
import {
  isIsoDate,
  isValidNpi,
  normalizeIcd10Cm,
  normalizePostalCode,
  normalizeTin,
  procedureCodeSystem,
} from '../identifiers.ts';

export const CLAIMFLOW_JSON_VERSION = '1';

/** The `$schema` value that marks a ClaimFlow JSON v1 document (detection accepts it in place of the version). */
export const CLAIMFLOW_JSON_SCHEMA_ID = 'https://claimflow.dev/schemas/claimflow-json/v1.json';

const MAX_DOLLARS = `${Math.floor(MAX_CENTS / 100)}.${String(MAX_CENTS % 100).padStart(2, '0')}`;

/** Whether a well-formed decimal amount has exact cents (within the safe range every sum of a claim needs). */
function isExactAmount(amount: string): boolean {
  try {
    toCents(amount);
    return true;
  } catch (error) {
    if (error instanceof MoneyError) return false;
    throw error;
  }
}

const isoDate = z.string().refine(isIsoDate, { message: 'expected a calendar date YYYY-MM-DD' });
const npi = z.string().refine(isValidNpi, { message: 'expected a 10-digit NPI with a valid check digit' });
const tin = z.string().refine((value) => normalizeTin(value) !== undefined, { message: 'expected a 9-digit TIN' });
const nonEmpty = z.string().trim().min(1, { message: 'expected a non-empty string' });

const address = z.strictObject({
  lines: z.array(nonEmpty).min(1).max(2),
  city: nonEmpty.optional(),
  state: z
    .string()
    .regex(/^[A-Z]{2}$/, { message: 'expected a 2-letter state code' })
    .optional(),
  postalCode: z
    .string()
    .refine((value) => normalizePostalCode(value) !== undefined, { message: 'expected a 5 or 9 digit ZIP code' })
    .optional(),
});

const person = {
  lastName: nonEmpty.optional(),
  firstName: nonEmpty.optional(),
  middleName: nonEmpty.optional(),
  birthDate: isoDate.optional(),
  sex: z.enum(['F', 'M', 'U']).optional(),
  address: address.optional(),
};

const provider = z.strictObject({
  npi: npi.optional(),
  taxonomy: z
    .string()
    .regex(/^[0-9A-Z]{9}X$/, { message: 'expected a 10-character NUCC taxonomy code' })
    .optional(),
  tin: tin.optional(),
  organizationName: nonEmpty.optional(),
  lastName: nonEmpty.optional(),
  firstName: nonEmpty.optional(),
  address: address.optional(),
});

const icd10 = z
  .string()
  .refine((value) => normalizeIcd10Cm(value) !== undefined, { message: 'expected an ICD-10-CM code such as E11.9' });

const diagnosis = z.strictObject({ code: icd10, display: nonEmpty.optional() });

const procedure = z.strictObject({
  code: z
    .string()
    .refine((value) => procedureCodeSystem(value) !== undefined, { message: 'expected a CPT or HCPCS Level II code' }),
  display: nonEmpty.optional(),
  modifiers: z
    .array(z.string().regex(/^[A-Z0-9]{2}$/, { message: 'expected a two-character modifier' }))
    .max(4)
    .optional(),
  units: z.number().int().positive().optional(),
  charge: z
    .string()
    .regex(/^\d+(\.\d{1,2})?$/, { message: 'expected a decimal string in dollars such as "125.00"' })
    // Refused here, as a schema violation at its path, rather than by the cents conversion after parsing.
    .refine(isExactAmount, { message: `expected an amount of at most ${MAX_DOLLARS} dollars` })
    .optional(),
  serviceDate: isoDate.optional(),
  diagnosisCodes: z.array(icd10).max(12).optional(),
});

export const claimflowEncounterSchema = z.strictObject({
  encounterId: nonEmpty.optional(),
  patient: z.strictObject({
    ...person,
    mrn: nonEmpty.optional(),
    relationshipToSubscriber: z.enum(['18', '01', '19', '20', '53', 'G8']).optional(),
  }),
  subscriber: z.strictObject({ ...person, memberId: nonEmpty.optional(), groupNumber: nonEmpty.optional() }).optional(),
  payer: z
    .strictObject({
      payerId: nonEmpty.optional(),
      name: nonEmpty.optional(),
      filingIndicator: z
        .string()
        .regex(/^[0-9A-Z]{2}$/, { message: 'expected a 2-character claim filing indicator (CI, MB, MC, BL, ...)' })
        .optional(),
      responsibility: z.enum(['P', 'S', 'T']).optional(),
    })
    .optional(),
  billingProvider: provider.optional(),
  renderingProvider: provider.optional(),
  referringProvider: provider.optional(),
  placeOfService: z
    .string()
    .regex(/^\d{2}$/, { message: 'expected a 2-digit CMS place of service code' })
    .optional(),
  dateOfService: isoDate.optional(),
  dateOfServiceEnd: isoDate.optional(),
  newPatient: z.boolean().optional(),
  totalTimeMinutes: z.number().int().positive().optional(),
  priorAuthorization: nonEmpty.optional(),
  diagnoses: z.array(diagnosis).default([]),
  procedures: z.array(procedure).default([]),
  noteText: z.string().optional(),
});

export const claimflowDocumentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    claimflowVersion: z.literal(CLAIMFLOW_JSON_VERSION, {
      message: `expected claimflowVersion "${CLAIMFLOW_JSON_VERSION}" (the only version this ClaimFlow reads)`,
    }),
    encounter: claimflowEncounterSchema.optional(),
    encounters: z.array(claimflowEncounterSchema).min(1, { message: 'expected at least one encounter' }).optional(),
  })
  .refine((document) => (document.encounter === undefined) !== (document.encounters === undefined), {
    message: 'expected exactly one of "encounter" (one visit) or "encounters" (a list of visits)',
  });

/**
 * The same schema as JSON Schema (draft 2020-12) for senders that validate before uploading. Refinements (NPI check
 * digit, calendar dates, code shapes, one of encounter/encounters) are not expressible there and are checked only by
 * ClaimFlow; docs/formats/claimflow-json.v1.schema.json is this output, kept in sync by a unit test.
 */
export function claimflowJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(claimflowDocumentSchema, { io: 'input', unrepresentable: 'any' });
  return { ...generated, $id: CLAIMFLOW_JSON_SCHEMA_ID, title: 'ClaimFlow JSON v1' };
}

export type ClaimflowEncounter = z.infer<typeof claimflowEncounterSchema>;
export type ClaimflowDocument = z.infer<typeof claimflowDocumentSchema>;
