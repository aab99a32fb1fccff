/**
 * Turns `code --json` encounters into 837P claims. Encounters the coder flagged for review are not billed: they
 * come back in `held` with their review reason categories (never their messages, which may quote the note).
 */
import { claimIdFor } from '#core/claims/build-claim';
import type { Patient, Subscriber } from '#core/documents/encounter';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { SELF } from '#core/x12/837p/claim-837p';
import { HCPCS_LEVEL_II } from '#core/x12/837p/tr3-rules';
import type { CodedEncounterJson } from './coded-json-input.ts';

export interface HeldEncounter {
  source: string;
  reasons: string[];
}

export interface ClaimsFromCodedJson {
  claims: Claim837P[];
  held: HeldEncounter[];
}

export function claimsFromCodedJson(encounters: readonly CodedEncounterJson[]): ClaimsFromCodedJson {
  const result: ClaimsFromCodedJson = { claims: [], held: [] };
  for (const item of encounters) {
    if (item.review.required) {
      result.held.push({
        source: sourceLabel(item),
        reasons: [...new Set(item.review.reasons.map((r) => r.category))],
      });
    } else {
      result.claims.push(claimFromCodedEncounter(item));
    }
  }
  return result;
}

export function claimFromCodedEncounter(item: CodedEncounterJson): Claim837P {
  const data = { ...item.encounter, ...definedOnly(item) };
  // The same CLM01 the pipeline gives this encounter's claim, so a CLI build and a pipeline build agree.
  const id = item.claimId ?? claimIdFor(item.source.key, item.source.index);
  const patient: Patient = { ...data.patient };
  const isSelf =
    patient.relationshipToSubscriber === SELF ||
    (patient.relationshipToSubscriber === undefined && !namesAnotherPerson(data.subscriber));
  if (isSelf) patient.relationshipToSubscriber = SELF;
  const subscriber: Subscriber = isSelf ? selfSubscriber(patient, data.subscriber) : { ...data.subscriber };
  const lines = item.lines.map((line, i) => {
    const ownDate = line.serviceDate !== undefined;
    const serviceDate = line.serviceDate ?? data.dateOfService;
    const end = ownDate ? undefined : data.dateOfServiceEnd;
    return {
      code: line.code,
      system: line.system ?? (HCPCS_LEVEL_II.test(line.code) ? ('HCPCS' as const) : ('CPT' as const)),
      modifiers: line.modifiers,
      units: line.units,
      chargeCents: line.chargeCents,
      diagnosisPointers: line.diagnosisPointers,
      ...(serviceDate !== undefined && { serviceDate }),
      ...(end !== undefined && end !== serviceDate && { serviceDateEnd: end }),
      controlNumber: `${id}-${i + 1}`,
    };
  });
  return {
    id,
    frequency: item.frequency ?? '1',
    ...(item.originalClaimNumber !== undefined && { originalClaimNumber: item.originalClaimNumber }),
    patient,
    subscriber,
    payer: { ...data.payer },
    billingProvider: { ...data.billingProvider },
    ...(data.renderingProvider && { renderingProvider: data.renderingProvider }),
    ...(data.referringProvider && { referringProvider: data.referringProvider }),
    placeOfService: data.placeOfService ?? '',
    ...(data.priorAuthorization !== undefined && { priorAuthorization: data.priorAuthorization }),
    diagnoses: item.diagnoses.map((d) => ({ code: d.code })),
    lines,
    totalChargeCents: lines.reduce((sum, line) => sum + line.chargeCents, 0),
  };
}

/**
 * A subscriber record without a name or birth date of its own (often just a member id from the coverage) does not
 * describe anyone but the patient, so with no relationship given the patient is taken as the subscriber. A named
 * subscriber without a relationship stays an error for the claim checks to report.
 */
function namesAnotherPerson(subscriber: Subscriber | undefined): boolean {
  return (
    subscriber?.lastName !== undefined || subscriber?.firstName !== undefined || subscriber?.birthDate !== undefined
  );
}

/** When the patient is the subscriber, the subscriber loop carries the patient's demographics. */
function selfSubscriber(patient: Patient, subscriber: Subscriber | undefined): Subscriber {
  const { lastName, firstName, middleName, birthDate, sex, address } = patient;
  const fromPatient = Object.fromEntries(
    Object.entries({ lastName, firstName, middleName, birthDate, sex, address }).filter(([, v]) => v !== undefined),
  );
  return { ...fromPatient, ...subscriber };
}

function sourceLabel(item: CodedEncounterJson): string {
  return `${item.source.key}#${item.source.index}`;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
