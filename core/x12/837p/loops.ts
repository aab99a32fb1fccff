/**
 * The 837P loops below the transaction header, one function per loop, each returning its segments in TR3 order.
 * Values were checked by claim-checks.ts; these functions only place them.
 */
import { formatCents } from '#core/kernel/money';
import type { Claim837P, Person, PostalAddress, ProviderRef, ServiceLine837P } from './claim-837p.ts';
import { patientIsSubscriber, SELF } from './claim-837p.ts';
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
        '',
        '',
        '',
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
      '',
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
    ['NM1', 'QC', PERSON, name(patient.lastName), name(patient.firstName), name(patient.middleName)],
  ];
  if (patient.address) segments.push(...address(patient.address));
  segments.push(...demographics(patient));
  return segments;
}

/** 2300 claim information with 2310A referring and 2310B rendering providers, then its 2400 service lines. */
export function claimLoop(claim: Claim837P): SegmentElements[] {
  const segments: SegmentElements[] = [
    [
      'CLM',
      claim.id,
      formatCents(claim.totalChargeCents),
      '',
      '',
      composite(claim.placeOfService, 'B', claim.frequency),
      'Y',
      'A',
      'Y',
      'Y',
    ],
  ];
  // 2300 REF segments in TR3 order: prior authorization (G1), payer claim control number (F8), medical record (EA).
  if (claim.priorAuthorization) segments.push(['REF', 'G1', claim.priorAuthorization]);
  if (claim.originalClaimNumber) segments.push(['REF', 'F8', claim.originalClaimNumber]);
  if (claim.patient.mrn) segments.push(['REF', 'EA', claim.patient.mrn]);
  segments.push(['HI', ...claim.diagnoses.map((d, i) => composite(i === 0 ? 'ABK' : 'ABF', d.code.replace('.', '')))]);
  if (claim.referringProvider) segments.push(providerName(REFERRING, claim.referringProvider));
  const rendering = claim.renderingProvider;
  if (rendering && rendering.npi !== claim.billingProvider.npi) {
    segments.push(providerName('82', rendering));
    if (rendering.taxonomy) segments.push(['PRV', 'PE', 'PXC', rendering.taxonomy]);
  }
  claim.lines.forEach((line, i) => {
    segments.push(...serviceLineLoop(i + 1, line));
  });
  return segments;
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
  return [
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
}
