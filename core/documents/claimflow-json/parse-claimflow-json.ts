/** ClaimFlow JSON v1 to Encounters, with zod's findings turned into path + expectation messages. */
import { toCents } from '#core/kernel/money';
import type { Encounter, PostalAddress, SourceProcedure } from '../encounter.ts';
import { normalizeIcd10Cm, normalizePostalCode, normalizeTin, procedureCodeSystem } from '../identifiers.ts';
import { type ParseResult, type ParseSource, parseFailure } from '../parse-result.ts';
import { describeZodIssues } from '../zod-issues.ts';
import { type ClaimflowEncounter, claimflowDocumentSchema } from './claimflow-json-schema.ts';

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function addressOf(address: PostalAddress | undefined): PostalAddress | undefined {
  if (!address) return undefined;
  const postalCode = address.postalCode ? normalizePostalCode(address.postalCode) : undefined;
  return withoutUndefined({ ...address, postalCode });
}

function toEncounter(input: ClaimflowEncounter, key: string, index: number, path: string): Encounter {
  const {
    diagnoses,
    procedures,
    encounterId,
    patient,
    subscriber,
    billingProvider,
    renderingProvider,
    referringProvider,
    ...rest
  } = input;
  const providerOf = (provider: typeof billingProvider) =>
    provider &&
    withoutUndefined({
      ...provider,
      tin: provider.tin ? normalizeTin(provider.tin) : undefined,
      address: addressOf(provider.address),
    });
  return withoutUndefined({
    source: withoutUndefined({ key, format: 'claimflow-json' as const, index, sourceId: encounterId }),
    ...rest,
    patient: withoutUndefined({ ...patient, address: addressOf(patient.address) }),
    subscriber: subscriber && withoutUndefined({ ...subscriber, address: addressOf(subscriber.address) }),
    billingProvider: providerOf(billingProvider),
    renderingProvider: providerOf(renderingProvider),
    referringProvider: providerOf(referringProvider),
    diagnoses: diagnoses.map((diagnosis, i) =>
      withoutUndefined({
        system: 'ICD-10-CM' as const,
        code: normalizeIcd10Cm(diagnosis.code)!,
        display: diagnosis.display,
        location: { path: `${path}.diagnoses[${i}]` },
      }),
    ),
    procedures: procedures.map(
      (procedure, i): SourceProcedure =>
        withoutUndefined({
          system: procedureCodeSystem(procedure.code)!,
          code: procedure.code.toUpperCase(),
          display: procedure.display,
          modifiers: procedure.modifiers,
          units: procedure.units,
          chargeCents: procedure.charge === undefined ? undefined : toCents(procedure.charge),
          serviceDate: procedure.serviceDate,
          diagnosisCodes: procedure.diagnosisCodes?.map((code) => normalizeIcd10Cm(code)!),
          location: { path: `${path}.procedures[${i}]` },
        }),
    ),
  });
}

export function parseClaimflowJson(text: string, source: ParseSource): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return parseFailure('invalid_json', `ClaimFlow JSON is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = claimflowDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const { message, location } = describeZodIssues(parsed.error);
    return parseFailure('schema_violation', `ClaimFlow JSON does not match schema v1: ${message}`, location);
  }
  const document = parsed.data;
  const encounters = document.encounters
    ? document.encounters.map((encounter, i) => toEncounter(encounter, source.key, i, `$.encounters[${i}]`))
    : [toEncounter(document.encounter!, source.key, 0, '$.encounter')];
  for (const [i, encounter] of encounters.entries()) {
    if (encounter.dateOfServiceEnd && encounter.dateOfService && encounter.dateOfServiceEnd < encounter.dateOfService) {
      const path = document.encounters ? `$.encounters[${i}]` : '$.encounter';
      return parseFailure(
        'schema_violation',
        `ClaimFlow JSON does not match schema v1: ${path}.dateOfServiceEnd: expected a date on or after dateOfService`,
        `${path}.dateOfServiceEnd`,
      );
    }
  }
  return { ok: true, encounters, warnings: [] };
}
