/**
 * What a claim needs that the document did not say. Reported to the coder and the scrubber (and from there to a
 * human), never filled in with a guess.
 */
import type { Encounter, MissingInformation } from './encounter.ts';

interface Requirement {
  field: string;
  present: (encounter: Encounter) => boolean;
  message: string;
}

const REQUIREMENTS: readonly Requirement[] = [
  {
    field: 'patient.name',
    present: (e) => Boolean(e.patient.lastName && e.patient.firstName),
    message: "patient's last and first name are needed on the claim (2010BA NM1)",
  },
  {
    field: 'patient.birthDate',
    present: (e) => Boolean(e.patient.birthDate),
    message: "patient's date of birth is needed on the claim (2010BA DMG02)",
  },
  {
    field: 'patient.sex',
    present: (e) => Boolean(e.patient.sex),
    message: "patient's administrative sex is needed on the claim (2010BA DMG03)",
  },
  {
    field: 'subscriber.memberId',
    present: (e) => Boolean(e.subscriber?.memberId),
    message: "the subscriber's member id on the insurance card is needed (2010BA NM109)",
  },
  {
    field: 'payer.payerId',
    present: (e) => Boolean(e.payer?.payerId),
    message: 'the payer id the clearinghouse routes on is needed (2010BB NM109)',
  },
  {
    field: 'billingProvider.npi',
    present: (e) => Boolean(e.billingProvider?.npi),
    message: 'the billing provider NPI is needed (2010AA NM109)',
  },
  {
    field: 'dateOfService',
    present: (e) => Boolean(e.dateOfService),
    message: 'the date of service is needed for every line (2400 DTP*472)',
  },
  {
    field: 'placeOfService',
    present: (e) => Boolean(e.placeOfService),
    message: 'the place of service code is needed (2300 CLM05-1)',
  },
];

export function missingInformation(encounter: Encounter): MissingInformation[] {
  return REQUIREMENTS.filter((requirement) => !requirement.present(encounter)).map(({ field, message }) => ({
    field,
    message,
  }));
}
