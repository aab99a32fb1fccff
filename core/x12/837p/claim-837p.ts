/**
 * The part of a Claim an 837P carries: what the builder writes and what the reader gives back. A full `Claim` is
 * assignable to `Claim837P`; workflow state (status, history, findings, coding evidence) never travels in X12.
 */
import type { Claim } from '#core/claims/claim';
import type { ServiceLine } from '#core/coding/coded-encounter';
import type { IsoDate } from '#core/documents/encounter';

/** A diagnosis as HI carries it: the code only (with or without the dot; the reader returns it dotted). */
export interface Diagnosis837P {
  code: string;
}

export type ServiceLine837P = Pick<
  ServiceLine,
  'code' | 'system' | 'modifiers' | 'units' | 'chargeCents' | 'diagnosisPointers' | 'serviceDate'
> & {
  /** REF*6R, 1 to 30 characters, unique within the claim. */
  controlNumber: string;
  /** Last date of a service spanning several days (DTP*472*RD8); absent for single-day services. */
  serviceDateEnd?: IsoDate;
};

export type Claim837P = Pick<
  Claim,
  | 'id'
  | 'frequency'
  | 'originalClaimNumber'
  | 'patient'
  | 'subscriber'
  | 'payer'
  | 'billingProvider'
  | 'renderingProvider'
  | 'referringProvider'
  | 'placeOfService'
  | 'priorAuthorization'
  | 'totalChargeCents'
> & {
  diagnoses: Diagnosis837P[];
  lines: ServiceLine837P[];
};

/** PAT01/SBR02 code for "the patient is the subscriber". */
export const SELF = '18';

/** The patient is the subscriber: no 2000C loop, the subscriber loop carries the patient's demographics. */
export function patientIsSubscriber(claim: Pick<Claim837P, 'patient'>): boolean {
  return claim.patient.relationshipToSubscriber === SELF;
}
