/** The FHIR code systems and identifier systems ClaimFlow understands, and what they mean to a claim. */
import type { SourceCode } from '../encounter.ts';

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const TIN_SYSTEM = 'urn:oid:2.16.840.1.113883.4.4';
export const NUCC_TAXONOMY_SYSTEM = 'http://nucc.org/provider-taxonomy';
export const CMS_PLACE_OF_SERVICE_SYSTEM =
  'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';
/** ClaimFlow's own identifier system for clearinghouse payer ids, for payers that carry no NIIP-typed identifier. */
export const CLAIMFLOW_PAYER_ID_SYSTEM = 'https://claimflow.dev/fhir/sid/payer-id';

const CODE_SYSTEMS: Record<string, SourceCode['system']> = {
  'http://hl7.org/fhir/sid/icd-10-cm': 'ICD-10-CM',
  'urn:oid:2.16.840.1.113883.6.90': 'ICD-10-CM',
  'http://hl7.org/fhir/sid/icd-9-cm': 'ICD-9-CM',
  'http://www.ama-assn.org/go/cpt': 'CPT',
  'urn:oid:2.16.840.1.113883.6.12': 'CPT',
  'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'urn:oid:2.16.840.1.113883.6.285': 'HCPCS',
  'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets': 'HCPCS',
  'http://snomed.info/sct': 'SNOMED-CT',
  'http://loinc.org': 'LOINC',
  'http://hl7.org/fhir/sid/cvx': 'CVX',
};

export function sourceSystemOf(system: string | undefined): SourceCode['system'] | undefined {
  return system ? CODE_SYSTEMS[system] : undefined;
}

/** Encounter.class (v3 ActCode) to the CMS place of service it implies for a professional claim. */
export const PLACE_OF_SERVICE_BY_CLASS: Record<string, { code: string; meaning: string }> = {
  AMB: { code: '11', meaning: 'office' },
  VR: { code: '02', meaning: 'telehealth other than in patient home' },
  HH: { code: '12', meaning: 'home' },
  EMER: { code: '23', meaning: 'emergency room, hospital' },
  IMP: { code: '21', meaning: 'inpatient hospital' },
  ACUTE: { code: '21', meaning: 'inpatient hospital' },
  OBSENC: { code: '22', meaning: 'on campus outpatient hospital' },
  SS: { code: '22', meaning: 'on campus outpatient hospital' },
};

/** Coverage.relationship (subscriber-relationship) to the X12 individual relationship code. */
export const X12_RELATIONSHIP: Record<string, string> = {
  self: '18',
  spouse: '01',
  child: '19',
  parent: 'G8',
  common: '53',
  other: 'G8',
  injured: 'G8',
};
