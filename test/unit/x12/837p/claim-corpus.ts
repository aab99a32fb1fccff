/**
 * A seeded generator of whole claims (core/claims Claim, as the pipeline stores them) with the content real claims
 * carry and our own fixtures rarely do: names with letters that have no ASCII fold (Ø, Ł, ß, Æ) and accents, name
 * suffixes, dependents and self subscribers, visits of more than 50 lines that must be split, drug lines with their
 * NDC, laboratory lines with the CLIA number, referring providers, a service facility (2310C) apart from the billing
 * address, a pay-to address (2010AB), configured claim indicators, replacement claims. Values are drawn from real
 * code lists (states, ICD-10-CM and CPT/HCPCS codes that exist, valid NPI check digits), so an independent validator
 * judges the X12, not the randomness. The same seed gives the same corpus.
 */
import type { Claim } from '#core/claims/claim';
import type { PostalAddress, ProviderRef } from '#core/documents/encounter';
import { npiCheckDigit } from '#core/x12/837p/tr3-rules';

/** mulberry32: a small, fast, seedable generator; good enough to spread choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Draw {
  constructor(readonly random: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(0, values.length - 1)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  digits(n: number): string {
    return Array.from({ length: n }, () => this.int(0, 9)).join('');
  }
}

const LAST_NAMES = [
  'Østergaard',
  'Łukasiewicz',
  'Weiß',
  'Ærøskøbing',
  'Þórsdóttir',
  'Đorđević',
  'Müller',
  'José-García',
  "O'Brien",
  'Nguyễn',
  'Smith',
  'Haddad',
  'Van der Berg',
  'Strauß',
  'Søndergård',
];
const FIRST_NAMES = ['Bjørn', 'Łucja', 'Zoë', 'Renée', 'Ægir', 'Ingrid', 'Omar', 'Lena', 'Kwame', 'Siobhán', 'Ana'];
const MIDDLE_NAMES = ['Marie', 'Ø', 'J', 'Łeon', 'Anne'];
const SUFFIXES = ['Jr', 'Sr', 'II', 'III', 'IV'];
const STREETS = ['Elm St', 'Kærlighedsvej', 'Straße der Einheit', 'Łąkowa', 'Prairie View Rd', 'Main St'];
const CITIES = ['Springfield', 'Århus Grove', 'Łódź Falls', 'Dresden', 'Peoria', 'São Paulo Heights'];
const STATES = ['IL', 'WI', 'IN', 'MN', 'NY', 'CA', 'TX', 'PR', 'DC', 'WA'];
const ORGANIZATIONS = ['Maple Grove Family Medicine', 'Riverside Urgent Care', 'Ærø Kinderklinik', 'Sønderby Lab'];
const PAYERS = [
  { payerId: 'SANDBOX1', name: 'Sandbox Health Plan', filingIndicator: 'CI' },
  { payerId: 'MEDICR', name: 'Medicare Part B', filingIndicator: 'MB' },
  { payerId: '60054', name: 'Aetna', filingIndicator: 'CI' },
  { payerId: 'SKIL0', name: 'Illinois Medicaid', filingIndicator: 'MC' },
  { payerId: '00621', name: 'Blue Cross Blue Shield of Illinois', filingIndicator: 'BL' },
];
const TAXONOMIES = ['207Q00000X', '207R00000X', '208D00000X', '261QU0200X'];
/** ICD-10-CM codes that exist (U codes included). */
const DIAGNOSES = ['J06.9', 'E11.9', 'I10', 'E78.5', 'M54.50', 'R05.9', 'U07.1', 'U09.9', 'Z00.00', 'N39.0', 'L03.115'];
/** Codes with what they need: a drug's NDC and unit, a laboratory test's CLIA number. */
const SERVICES: { code: string; system: 'CPT' | 'HCPCS'; cents: number; drug?: true; lab?: true }[] = [
  { code: '99213', system: 'CPT', cents: 13500 },
  { code: '99214', system: 'CPT', cents: 19000 },
  { code: '96372', system: 'CPT', cents: 3500 },
  { code: '36415', system: 'CPT', cents: 1000 },
  { code: '97110', system: 'CPT', cents: 4200 },
  { code: '81002', system: 'CPT', cents: 800, lab: true },
  { code: '87880', system: 'CPT', cents: 2000, lab: true },
  { code: '85018', system: 'CPT', cents: 700, lab: true },
  { code: 'J1100', system: 'HCPCS', cents: 600, drug: true },
  { code: 'J3301', system: 'HCPCS', cents: 900, drug: true },
  { code: '90686', system: 'CPT', cents: 2800, drug: true },
];
const MODIFIERS = ['25', '59', 'RT', 'LT', 'QW', 'GA'];
const PLACES = ['11', '22', '02', '10', '20'];

export interface CorpusOptions {
  seed: number;
  claims: number;
  /** Share of visits with more than 50 lines (split into several claims). */
  longVisitShare?: number;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function npi(d: Draw): string {
  const nine = `1${d.digits(8)}`;
  return `${nine}${npiCheckDigit(nine)}`;
}

function address(d: Draw, zip: 5 | 9 | 'any'): PostalAddress {
  const lines = [`${d.int(1, 9999)} ${d.pick(STREETS)}`];
  if (d.chance(0.2)) lines.push(`Suite ${d.int(1, 400)}`);
  const digits = zip === 'any' ? d.pick([5, 9] as const) : zip;
  return { lines, city: d.pick(CITIES), state: d.pick(STATES), postalCode: `6${d.digits(digits - 1)}` };
}

function person(d: Draw) {
  return {
    lastName: d.pick(LAST_NAMES),
    firstName: d.pick(FIRST_NAMES),
    ...(d.chance(0.3) && { middleName: d.pick(MIDDLE_NAMES) }),
    ...(d.chance(0.25) && { suffix: d.pick(SUFFIXES) }),
    birthDate: addDays('1930-01-01', d.int(0, 34_000)),
    sex: d.pick(['F', 'M', 'U'] as const),
    address: address(d, 'any'),
  };
}

function billingProvider(d: Draw): ProviderRef & { address: PostalAddress } {
  return {
    organizationName: d.pick(ORGANIZATIONS),
    npi: npi(d),
    tin: d.digits(9),
    taxonomy: d.pick(TAXONOMIES),
    address: address(d, 9),
  };
}

/** One visit's claim; `index` makes its id unique in the corpus. */
export function generateClaim(d: Draw, index: number, longVisit: boolean): Claim {
  const id = `GEN${String(index).padStart(6, '0')}`;
  const billing = billingProvider(d);
  const subscriberPerson = person(d);
  const self = d.chance(0.6);
  const dependent = person(d);
  const patient = self
    ? { ...subscriberPerson, relationshipToSubscriber: '18' }
    : { ...dependent, relationshipToSubscriber: d.pick(['01', '19', 'G8', '20', '53']) };
  const diagnoses = [...new Set(Array.from({ length: d.int(1, 12) }, () => d.pick(DIAGNOSES)))];
  const start = addDays('2026-06-01', d.int(0, 150));
  const lineCount = longVisit ? d.int(51, 160) : d.int(1, 8);
  const lines = Array.from({ length: lineCount }, (_, i) => {
    const service = d.pick(SERVICES);
    const pointerCount = d.int(1, Math.min(4, diagnoses.length));
    const pointers = [...new Set(Array.from({ length: pointerCount }, () => d.int(1, diagnoses.length)))];
    const serviceDate = addDays(start, longVisit ? Math.floor(i / 3) : 0);
    return {
      code: service.code,
      system: service.system,
      modifiers: d.chance(0.3) ? [...new Set([d.pick(MODIFIERS), d.pick(MODIFIERS)])].slice(0, d.int(1, 2)) : [],
      units: service.drug && d.chance(0.3) ? d.int(1, 999) / 10 : d.int(1, 4),
      chargeCents: service.cents * d.int(1, 3) + d.int(0, 99),
      diagnosisPointers: pointers,
      serviceDate,
      ...(d.chance(0.1) && { serviceDateEnd: addDays(serviceDate, d.int(1, 14)) }),
      confidence: 1,
      evidence: [],
      codeSetVersion: 'generated',
      controlNumber: `${id}-${i + 1}`,
      ...(service.drug &&
        d.chance(0.8) && {
          drug: {
            ndc: d.digits(11),
            quantity: d.int(1, 5000) / 10,
            unit: d.pick(['F2', 'GR', 'ME', 'ML', 'UN'] as const),
          },
        }),
    };
  });
  const hasLab = lines.some((line) => SERVICES.find((s) => s.code === line.code)?.lab);
  const frequency = d.chance(0.1) ? ('7' as const) : ('1' as const);
  const payer = d.pick(PAYERS);
  const at = '2026-11-23T12:00:00.000Z';
  return {
    id,
    documentId: `generated-${index}`,
    practiceId: 'generated',
    encounter: { key: `generated/${index}.json`, format: 'claimflow-json', index: 0, sourceId: `V-${index}` },
    frequency,
    ...(frequency === '7' && { originalClaimNumber: `PAYER${d.digits(10)}` }),
    status: 'READY',
    owner: 'NONE',
    patient: { ...patient, ...(d.chance(0.5) && { mrn: `MRN${d.digits(7)}` }) },
    subscriber: {
      ...subscriberPerson,
      memberId: `M${d.digits(d.int(8, 12))}`,
      ...(d.chance(0.5) && { groupNumber: `G${d.digits(5)}` }),
    },
    payer: { ...payer, responsibility: 'P' },
    billingProvider: billing,
    ...(d.chance(0.7) && {
      renderingProvider: {
        lastName: d.pick(LAST_NAMES),
        firstName: d.pick(FIRST_NAMES),
        npi: npi(d),
        taxonomy: d.pick(TAXONOMIES),
      },
    }),
    ...(d.chance(0.3) && {
      referringProvider: { lastName: d.pick(LAST_NAMES), firstName: d.pick(FIRST_NAMES), npi: npi(d) },
    }),
    placeOfService: d.pick(PLACES),
    ...(d.chance(0.2) && { priorAuthorization: `PA${d.digits(8)}` }),
    ...(d.chance(0.3) && { payToAddress: { ...address(d, 9), lines: [`PO Box ${d.int(100, 99999)}`] } }),
    ...(d.chance(0.3) && {
      serviceFacility: { name: `${d.pick(ORGANIZATIONS)} Annex`, npi: npi(d), address: address(d, 9) },
    }),
    ...(hasLab && d.chance(0.9) && { clia: `${d.digits(2)}D${d.digits(7)}` }),
    ...(d.chance(0.3) && {
      indicators: {
        providerSignature: d.pick(['Y', 'N'] as const),
        acceptAssignment: d.pick(['A', 'B', 'C'] as const),
        benefitsAssignment: d.pick(['Y', 'N', 'W'] as const),
        releaseOfInformation: d.pick(['I', 'Y'] as const),
      },
    }),
    diagnoses: diagnoses.map((code) => ({ code, confidence: 1, evidence: [], codeSetVersion: 'generated' })),
    lines,
    totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
    findings: [],
    version: 1,
    lastEvent: { version: 1, at, to: 'READY', actor: 'generator' },
  };
}

/** `claims` visits from `seed`, a share of them long enough to need splitting. */
export function generateCorpus({ seed, claims, longVisitShare = 0.05 }: CorpusOptions): Claim[] {
  const d = new Draw(seededRandom(seed));
  return Array.from({ length: claims }, (_, i) => generateClaim(d, i, d.chance(longVisitShare)));
}
