/**
 * The 837P loops below the transaction header, one function per loop, each returning its segments in TR3 order.
 * Values were checked by claim-checks.ts; these functions only place them.
 */
import { formatCents } from '#core/kernel/money';
import type { Claim837P, Person, PostalAddress, ProviderRef, ServiceFacility, ServiceLine837P } from './claim-837p.ts';
import { DEFAULT_CLAIM_INDICATORS, patientIsSubscriber, SELF } from './claim-837p.ts';
import { composite, type SegmentElements, x12Date } from './segment-writer.ts';
import { foldText } from './x12-text.ts';

const PERSON = '1';
const ORGANIZATION = '2';

function name(value: string | undefined): string | undefined {
  return value === undefined ? undefined : foldText(value);
}

function address(value: PostalAddress): SegmentElements[] {
  return [
    ['N3', name(value.lines[0]), name(value.lines[1])],
    ['N4', name(value.city), value.state, value.postalCode],
  ];
}

/**
 * NM1 of a provider loop. 2310A (referring, DN) is always a person (NM102 = 1, TR3): an organisation name the
 * document carries for a referring provider is not written; the claim checks ask for the person's last name.
 */
const REFERRING = 'DN';

function providerName(entity: string, provider: ProviderRef): SegmentElements {
  const isOrganization = provider.organizationName !== undefined && entity !== REFERRING;
  return isOrganization
    ? ['NM1', entity, ORGANIZATION, name(provider.organizationName), '', '', '', '', 'XX', provider.npi]
    : [
        'NM1',
        entity,
        PERSON,
        name(provider.lastName),
        name(provider.firstName),
        name(provider.middleName),
        '',
        name(provider.suffix),
        provider.npi ? 'XX' : '',
        provider.npi,
      ];
}

function demographics(person: Person): SegmentElements[] {
  return person.birthDate && person.sex ? [['DMG', 'D8', x12Date(person.birthDate), person.sex]] : [];
}

/** 2000A billing provider level and 2010AA billing provider name. */
export function billingProviderLoop(hl: number, provider: ProviderRef): SegmentElements[] {
  const segments: SegmentElements[] = [['HL', String(hl), '', '20', '1']];
  if (provider.taxonomy) segments.push(['PRV', 'BI', 'PXC', provider.taxonomy]);
  segments.push(providerName('85', provider));
  if (provider.address) segments.push(...address(provider.address));
  segments.push(['REF', 'EI', provider.tin]);
  // 2010AB: an organization with no name of its own (NM1*87*2), only the address payment goes to.
  if (provider.payToAddress) segments.push(['NM1', '87', ORGANIZATION], ...address(provider.payToAddress));
  return segments;
}

/** 2000B subscriber level, 2010BA subscriber name and 2010BB payer name. */
export function subscriberLoop(hl: number, parent: number, claim: Claim837P, hasPatients: boolean): SegmentElements[] {
  const { subscriber, payer } = claim;
  const self = patientIsSubscriber(claim);
  const segments: SegmentElements[] = [
    ['HL', String(hl), String(parent), '22', hasPatients ? '1' : '0'],
    ['SBR', payer.responsibility, self ? SELF : '', subscriber.groupNumber, '', '', '', '', '', payer.filingIndicator],
    [
      'NM1',
      'IL',
      PERSON,
      name(subscriber.lastName),
      name(subscriber.firstName),
      name(subscriber.middleName),
      '',
      name(subscriber.suffix),
      'MI',
      subscriber.memberId,
    ],
  ];
  // TR3 2010BA N3/N4/DMG: "required when the patient is the subscriber; if not required, do not send" (X12 RFIs 1496,
  // 2281). A dependent's own address and demographics go in 2010CA.
  if (self) {
    if (subscriber.address) segments.push(...address(subscriber.address));
    segments.push(...demographics(subscriber));
  }
  segments.push(['NM1', 'PR', ORGANIZATION, name(payer.name), '', '', '', '', 'PI', payer.payerId]);
  return segments;
}

/** 2000C patient level and 2010CA patient name (only when the patient is not the subscriber). */
export function patientLoop(hl: number, parent: number, claim: Claim837P): SegmentElements[] {
  const { patient } = claim;
  const segments: SegmentElements[] = [
    ['HL', String(hl), String(parent), '23', '0'],
    ['PAT', patient.relationshipToSubscriber],
    [
      'NM1',
      'QC',
      PERSON,
      name(patient.lastName),
      name(patient.firstName),
      name(patient.middleName),
      '',
      name(patient.suffix),
    ],
  ];
  if (patient.address) segments.push(...address(patient.address));
  segments.push(...demographics(patient));
  return segments;
}

/** 2300 claim information with 2310A referring and 2310B rendering providers, then its 2400 service lines. */
export function claimLoop(claim: Claim837P): SegmentElements[] {
  const indicators = claim.indicators ?? DEFAULT_CLAIM_INDICATORS;
  const segments: SegmentElements[] = [
    [
      'CLM',
      claim.id,
      formatCents(claim.totalChargeCents),
      '',
      '',
      composite(claim.placeOfService, 'B', claim.frequency),
      indicators.providerSignature,
      indicators.acceptAssignment,
      indicators.benefitsAssignment,
      indicators.releaseOfInformation,
    ],
  ];
  // 2300 REF segments in TR3 order: prior authorization (G1), payer claim control number (F8), CLIA (X4), medical
  // record (EA).
  if (claim.priorAuthorization) segments.push(['REF', 'G1', claim.priorAuthorization]);
  if (claim.originalClaimNumber) segments.push(['REF', 'F8', claim.originalClaimNumber]);
  if (claim.clia) segments.push(['REF', 'X4', claim.clia]);
  if (claim.patient.mrn) segments.push(['REF', 'EA', claim.patient.mrn]);
  segments.push(['HI', ...claim.diagnoses.map((d, i) => composite(i === 0 ? 'ABK' : 'ABF', d.code.replace('.', '')))]);
  if (claim.referringProvider) segments.push(providerName(REFERRING, claim.referringProvider));
  const rendering = claim.renderingProvider;
  if (rendering && rendering.npi !== claim.billingProvider.npi) {
    segments.push(providerName('82', rendering));
    if (rendering.taxonomy) segments.push(['PRV', 'PE', 'PXC', rendering.taxonomy]);
  }
  if (claim.serviceFacility && differsFromBilling(claim.serviceFacility, claim.billingProvider)) {
    const facility = claim.serviceFacility;
    segments.push(
      ['NM1', '77', ORGANIZATION, name(facility.name), '', '', '', '', facility.npi ? 'XX' : '', facility.npi],
      ...address(facility.address),
    );
  }
  claim.lines.forEach((line, i) => {
    segments.push(...serviceLineLoop(i + 1, line));
  });
  return segments;
}

/** TR3 2310C: "required when the location of health care service is different than that carried in 2010AA". */
export function differsFromBilling(facility: ServiceFacility, billing: ProviderRef): boolean {
  const a = facility.address;
  const b = billing.address;
  if (!b) return true;
  const key = (x: PostalAddress) =>
    [...x.lines, x.city, x.state, x.postalCode?.slice(0, 5)].map((v) => (v ?? '').toUpperCase().trim()).join('|');
  return key(a) !== key(b);
}

/**
 * 2400 service line. SV105 (place of service) is left empty: the TR3 asks for it only when it differs from CLM05-1,
 * and a claim here has one place of service.
 */
function serviceLineLoop(number: number, line: ServiceLine837P): SegmentElements[] {
  const dates =
    line.serviceDateEnd && line.serviceDateEnd !== line.serviceDate
      ? (['DTP', '472', 'RD8', `${x12Date(line.serviceDate ?? '')}-${x12Date(line.serviceDateEnd)}`] as SegmentElements)
      : (['DTP', '472', 'D8', x12Date(line.serviceDate ?? '')] as SegmentElements);
  const segments: SegmentElements[] = [
    ['LX', String(number)],
    [
      'SV1',
      composite('HC', line.code, ...line.modifiers),
      formatCents(line.chargeCents),
      'UN',
      String(line.units),
      '',
      '',
      composite(...line.diagnosisPointers.map(String)),
    ],
    dates,
    ['REF', '6R', line.controlNumber],
  ];
  // 2410 drug identification: the NDC (LIN03 with qualifier N4) and the quantity administered (CTP04, CTP05-1).
  if (line.drug) {
    segments.push(['LIN', '', 'N4', line.drug.ndc], ['CTP', '', '', '', String(line.drug.quantity), line.drug.unit]);
  }
  return segments;
}
