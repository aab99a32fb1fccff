/** Hand-made claims and identity for the 837P tests: valid as given, varied by spreading overrides. */
import type { Claim837P } from '#core/x12/837p/claim-837p';
import type { SubmitterIdentity } from '#core/x12/837p/submitter-identity';

export const IDENTITY: SubmitterIdentity = {
  interchangeSender: { qualifier: 'ZZ', id: 'CLAIMFLOW' },
  interchangeReceiver: { qualifier: 'ZZ', id: 'CLEARHOUSE01' },
  applicationSenderCode: 'CLAIMFLOW',
  applicationReceiverCode: 'CLEARHOUSE01',
  submitter: { name: 'CLAIMFLOW BILLING', id: 'CF12345', contact: { name: 'EDI DESK', phone: '8005550100' } },
  receiver: { name: 'CLEARING HOUSE', id: 'CH98765' },
  usage: 'T',
};

export const NOW = new Date('2026-11-23T14:05:00Z');

/** A self-subscriber office visit with two lines, billed by an organization with a separate rendering doctor. */
export function officeVisit(overrides: Partial<Claim837P> = {}): Claim837P {
  return {
    id: 'PCN0001',
    frequency: '1',
    placeOfService: '11',
    patient: {
      lastName: 'DOE',
      firstName: 'JANE',
      birthDate: '1980-02-29',
      sex: 'F',
      relationshipToSubscriber: '18',
    },
    subscriber: {
      lastName: 'DOE',
      firstName: 'JANE',
      birthDate: '1980-02-29',
      sex: 'F',
      memberId: 'XYZ123456789',
      groupNumber: 'GRP42',
      address: { lines: ['12 ELM ST'], city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
    },
    payer: { name: 'ACME HEALTH', payerId: '60054', filingIndicator: 'CI', responsibility: 'P' },
    billingProvider: {
      organizationName: 'RIVER CLINIC',
      npi: '1234567893',
      tin: '123456789',
      taxonomy: '207Q00000X',
      address: { lines: ['100 MAIN ST', 'SUITE 2'], city: 'SPRINGFIELD', state: 'IL', postalCode: '627011234' },
    },
    renderingProvider: { lastName: 'SMITH', firstName: 'ANNA', npi: '1245319599', taxonomy: '207R00000X' },
    diagnoses: [{ code: 'E11.9' }, { code: 'I10' }],
    lines: [
      {
        code: '99214',
        system: 'CPT',
        modifiers: ['25'],
        units: 1,
        chargeCents: 15000,
        diagnosisPointers: [1, 2],
        serviceDate: '2026-11-20',
        controlNumber: 'PCN0001-1',
      },
      {
        code: '82947',
        system: 'CPT',
        modifiers: [],
        units: 1,
        chargeCents: 2550,
        diagnosisPointers: [1],
        serviceDate: '2026-11-20',
        controlNumber: 'PCN0001-2',
      },
    ],
    totalChargeCents: 17550,
    ...overrides,
  };
}

/** A child seen under a parent's coverage: the claim needs a 2000C patient loop. */
export function dependentVisit(overrides: Partial<Claim837P> = {}): Claim837P {
  const base = officeVisit();
  return {
    ...base,
    id: 'PCN0002',
    patient: {
      lastName: 'DOE',
      firstName: 'TIMMY',
      birthDate: '2015-06-01',
      sex: 'M',
      relationshipToSubscriber: '19',
      address: { lines: ['12 ELM ST'], city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
    },
    lines: [{ ...base.lines[1]!, controlNumber: 'PCN0002-1' }],
    totalChargeCents: 2550,
    ...overrides,
  };
}
