/**
 * The input of `claimflow x12 837`: what `claimflow code --json` prints, plus the encounter data a claim needs.
 *
 *   { "codedJsonVersion"?: "1", "encounters": [ {
 *       "source": { "key", "format", "index", "sourceId"? },
 *       "diagnoses": [ { "code", "description"?, "confidence", "evidence": [...] } ],   first-listed first
 *       "lines": [ { "code", "system"?, "modifiers", "units", "chargeCents", "diagnosisPointers", "serviceDate"? } ],
 *       "review": { "required", "reasons": [ { "category", "message", "field"? } ] },
 *       -- claim data, either at this level or inside "encounter" (the Encounter object); this level wins --
 *       "patient", "subscriber"?, "payer", "billingProvider", "renderingProvider"?, "referringProvider"?,
 *       "placeOfService", "dateOfService", "dateOfServiceEnd"?, "priorAuthorization"?,
 *       -- optional claim identity --
 *       "claimId"?, "frequency"?, "originalClaimNumber"?
 *   } ] }
 *
 * Shapes follow core/documents/encounter.ts (Patient, Subscriber, PayerRef, ProviderRef). Everything about the
 * claim is optional here on purpose: the 837P claim checks then say precisely what is missing.
 */
import { z } from 'zod';

const address = z.object({
  lines: z.array(z.string()),
  city: z.string().optional(),
  state: z.string().optional(),
  postalCode: z.string().optional(),
});

const person = {
  lastName: z.string().optional(),
  firstName: z.string().optional(),
  middleName: z.string().optional(),
  birthDate: z.string().optional(),
  sex: z.enum(['F', 'M', 'U']).optional(),
  address: address.optional(),
};

const patient = z.object({ ...person, mrn: z.string().optional(), relationshipToSubscriber: z.string().optional() });
const subscriber = z.object({ ...person, memberId: z.string().optional(), groupNumber: z.string().optional() });
const payer = z.object({
  payerId: z.string().optional(),
  name: z.string().optional(),
  filingIndicator: z.string().optional(),
  responsibility: z.enum(['P', 'S', 'T']).optional(),
});
const provider = z.object({
  npi: z.string().optional(),
  taxonomy: z.string().optional(),
  tin: z.string().optional(),
  organizationName: z.string().optional(),
  lastName: z.string().optional(),
  firstName: z.string().optional(),
  address: address.optional(),
});

const evidence = z.object({
  kind: z.enum(['text', 'field']),
  start: z.number().optional(),
  end: z.number().optional(),
  quote: z.string().optional(),
  path: z.string().optional(),
  rule: z.string(),
});

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date');

const claimData = {
  patient: patient.optional(),
  subscriber: subscriber.optional(),
  payer: payer.optional(),
  billingProvider: provider.optional(),
  renderingProvider: provider.optional(),
  referringProvider: provider.optional(),
  placeOfService: z.string().optional(),
  dateOfService: isoDate.optional(),
  dateOfServiceEnd: isoDate.optional(),
  priorAuthorization: z.string().optional(),
};

export const codedEncounterJson = z.object({
  source: z.object({
    key: z.string(),
    format: z.string(),
    index: z.number().int().nonnegative(),
    sourceId: z.string().optional(),
    digest: z.string().optional(),
  }),
  diagnoses: z.array(
    z.object({
      code: z.string(),
      description: z.string().optional(),
      confidence: z.number().optional(),
      evidence: z.array(evidence).optional(),
      codeSetVersion: z.string().optional(),
    }),
  ),
  lines: z.array(
    z.object({
      code: z.string(),
      system: z.enum(['CPT', 'HCPCS']).optional(),
      modifiers: z.array(z.string()).default([]),
      units: z.number(),
      chargeCents: z.number().int(),
      diagnosisPointers: z.array(z.number().int()),
      serviceDate: isoDate.optional(),
      ndc: z.string().optional(),
      confidence: z.number().optional(),
      evidence: z.array(evidence).optional(),
      codeSetVersion: z.string().optional(),
    }),
  ),
  review: z.object({
    required: z.boolean(),
    reasons: z.array(z.object({ category: z.string(), message: z.string(), field: z.string().optional() })),
  }),
  missing: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  ...claimData,
  encounter: z.object(claimData).optional(),
  claimId: z.string().optional(),
  frequency: z.enum(['1', '7', '8']).optional(),
  originalClaimNumber: z.string().optional(),
});

export const codedJson = z.object({
  /** Absent in hand-written files; when present it must be the version this schema reads. */
  codedJsonVersion: z.literal('1', { error: 'this build reads coded JSON version "1"' }).optional(),
  encounters: z.array(codedEncounterJson),
});

export type CodedEncounterJson = z.infer<typeof codedEncounterJson>;
export type CodedJson = z.infer<typeof codedJson>;
