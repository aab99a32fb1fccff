/**
 * The claim as an 837P carries it: what the builder writes and what the reader gives back. core/x12 owns these
 * shapes (it depends on nothing but core/kernel); core/claims maps its Claim onto them (a Claim is structurally
 * assignable). Workflow state (status, history, findings, coding evidence) never travels in X12.
 */
import type { CalendarDate } from '#core/kernel/calendar-date';
import type { Cents } from '#core/kernel/money';

export interface PostalAddress {
  lines: string[];
  city?: string;
  state?: string;
  /** 5 or 9 digits, no hyphen (a 2-letter state); other countries' codes with `countryCode`. */
  postalCode?: string;
}

export interface Person {
  lastName?: string;
  firstName?: string;
  middleName?: string;
  /** Jr, Sr, II, III... (NM107). */
  suffix?: string;
  birthDate?: CalendarDate;
  sex?: 'F' | 'M' | 'U';
  address?: PostalAddress;
}

export interface Patient extends Person {
  /** The practice's medical record number (REF*EA in 2300). */
  mrn?: string;
  /** PAT01/SBR02 individual relationship code: 18 self, 01 spouse, 19 child, G8 other. */
  relationshipToSubscriber?: string;
}

export interface Subscriber extends Person {
  memberId?: string;
  groupNumber?: string;
}

export interface PayerRef {
  payerId?: string;
  name?: string;
  /** SBR09 claim filing indicator. */
  filingIndicator?: string;
  /** SBR01: P primary, S secondary, T tertiary. */
  responsibility?: 'P' | 'S' | 'T';
}

export interface ProviderRef {
  npi?: string;
  taxonomy?: string;
  tin?: string;
  organizationName?: string;
  lastName?: string;
  firstName?: string;
  middleName?: string;
  suffix?: string;
  address?: PostalAddress;
  /** 2010AB pay-to address (NM1*87): where payment goes when it is not the billing provider's street address. */
  payToAddress?: PostalAddress;
}

/** 2310C: where the services were rendered, sent when it is not the billing provider's address. */
export interface ServiceFacility {
  name: string;
  npi?: string;
  address: PostalAddress;
}

/** CLM06, CLM07, CLM08, CLM09: the practice's signature, assignment and release-of-information policy. */
export interface ClaimIndicators {
  /** CLM06 provider signature on file: Y or N. */
  providerSignature: 'Y' | 'N';
  /** CLM07 assignment or plan participation: A assigned, B lab services only, C not assigned. */
  acceptAssignment: 'A' | 'B' | 'C';
  /** CLM08 benefits assignment certification: Y, N, or W not applicable. */
  benefitsAssignment: 'Y' | 'N' | 'W';
  /** CLM09 release of information: I informed consent (HIPAA-limited) or Y signed statement on file. */
  releaseOfInformation: 'I' | 'Y';
}

/** CLM06-09 when the configuration says nothing: signature on file, assigned, benefits assigned, signed release. */
export const DEFAULT_CLAIM_INDICATORS: ClaimIndicators = {
  providerSignature: 'Y',
  acceptAssignment: 'A',
  benefitsAssignment: 'Y',
  releaseOfInformation: 'Y',
};

/** 2410: the drug a line administers (LIN*N4 with the 11-digit NDC, CTP with quantity and unit). */
export interface DrugIdentification {
  /** 11 digits, 5-4-2, no hyphens. */
  ndc: string;
  quantity: number;
  /** CTP05-1: F2 international unit, GR gram, ME milligram, ML milliliter, UN unit. */
  unit: 'F2' | 'GR' | 'ME' | 'ML' | 'UN';
}

/** A diagnosis as HI carries it: the code only (with or without the dot; the reader returns it dotted). */
export interface Diagnosis837P {
  code: string;
}

export interface ServiceLine837P {
  code: string;
  system: 'CPT' | 'HCPCS';
  modifiers: string[];
  units: number;
  chargeCents: Cents;
  /** 1-based pointers into the claim's diagnoses, at most 4. */
  diagnosisPointers: number[];
  serviceDate?: CalendarDate;
  /** Last date of a service spanning several days (DTP*472*RD8); absent for single-day services. */
  serviceDateEnd?: CalendarDate;
  /** REF*6R, 1 to 30 characters, unique within the claim. */
  controlNumber: string;
  /** 2410 drug identification, for drug lines whose document gives the NDC. */
  drug?: DrugIdentification;
}

export interface Claim837P {
  /** CLM01, the patient control number. */
  id: string;
  /** CLM05-3: 1 original, 7 replacement, 8 void. */
  frequency: '1' | '7' | '8';
  /** REF*F8, the payer's number of the claim replaced or voided. */
  originalClaimNumber?: string;
  patient: Patient;
  subscriber: Subscriber;
  payer: PayerRef;
  billingProvider: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  /** 2310C, written only when it differs from the billing provider's address. */
  serviceFacility?: ServiceFacility;
  placeOfService: string;
  priorAuthorization?: string;
  /** REF*X4 CLIA certificate number, on claims with laboratory services that need it. */
  clia?: string;
  /** CLM06-CLM09; absent: DEFAULT_CLAIM_INDICATORS. */
  indicators?: ClaimIndicators;
  totalChargeCents: Cents;
  diagnoses: Diagnosis837P[];
  lines: ServiceLine837P[];
}

/** PAT01/SBR02 code for "the patient is the subscriber". */
export const SELF = '18';

/** The patient is the subscriber: no 2000C loop, the subscriber loop carries the patient's demographics. */
export function patientIsSubscriber(claim: Pick<Claim837P, 'patient'>): boolean {
  return claim.patient.relationshipToSubscriber === SELF;
}
