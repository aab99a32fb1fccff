/**
 * fast-check generators of valid Claim837P batches: every field the 837P carries, in the forms the reader gives
 * back (dotted ICD-10-CM codes, ASCII upper-case text, the patient of a self claim equal to the subscriber).
 */
import fc from 'fast-check';
import type { PostalAddress, ProviderRef, Subscriber } from '#core/documents/encounter';
import type { Claim837P, ServiceLine837P } from '#core/x12/837p/claim-837p';
import { differsFromBilling } from '#core/x12/837p/loops';
import { CLAIM_FILING_INDICATORS, DEPENDENT_RELATIONSHIPS, npiCheckDigit } from '#core/x12/837p/tr3-rules';

const word = (max: number) => fc.stringMatching(new RegExp(`^[A-Z][A-Z0-9 .'&-]{0,${max - 2}}[A-Z0-9]$`));
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const identifier = fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{1,18}[A-Z0-9]$/);
const isoDate = fc
  .integer({ min: 0, max: 40_000 })
  .map((days) => new Date(Date.UTC(1920, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));
const npi = digits(9).map((d) => `${d}${npiCheckDigit(d)}`);
const taxonomy = fc.stringMatching(/^[0-9A-Z]{9}X$/);
const sex = fc.constantFrom('F' as const, 'M' as const, 'U' as const);

const address = (zipDigits: 5 | 9 | 'any'): fc.Arbitrary<PostalAddress> =>
  fc.record({
    // Billing addresses must not be post office boxes; keep every generated street clear of that pattern.
    lines: fc.array(
      word(55).filter((line) => !/\bBOX\b/.test(line)),
      { minLength: 1, maxLength: 2 },
    ),
    city: word(30),
    state: fc.stringMatching(/^[A-Z]{2}$/),
    postalCode: zipDigits === 'any' ? fc.oneof(digits(5), digits(9)) : digits(zipDigits),
  });

const personName = fc.record(
  {
    lastName: word(60),
    firstName: word(35),
    middleName: word(25),
    suffix: fc.constantFrom('JR', 'SR', 'II', 'III', 'IV'),
  },
  { requiredKeys: ['lastName'] },
);

const billingProvider: fc.Arbitrary<ProviderRef> = fc.oneof(
  fc.record(
    { organizationName: word(60), npi, tin: digits(9), taxonomy, address: address(9), payToAddress: address('any') },
    { requiredKeys: ['organizationName', 'npi', 'tin', 'address'] },
  ),
  fc.record(
    { lastName: word(60), firstName: word(35), npi, tin: digits(9), taxonomy, address: address(9) },
    { requiredKeys: ['lastName', 'npi', 'tin', 'address'] },
  ),
);

const indicators = fc.record({
  providerSignature: fc.constantFrom('Y' as const, 'N' as const),
  acceptAssignment: fc.constantFrom('A' as const, 'B' as const, 'C' as const),
  benefitsAssignment: fc.constantFrom('Y' as const, 'N' as const, 'W' as const),
  releaseOfInformation: fc.constantFrom('I' as const, 'Y' as const),
});

/** Indicators equal to the defaults read back as absent (the builder writes the defaults for an absent value). */
const nonDefaultIndicators = indicators.filter(
  (i) =>
    !(
      i.providerSignature === 'Y' &&
      i.acceptAssignment === 'A' &&
      i.benefitsAssignment === 'Y' &&
      i.releaseOfInformation === 'Y'
    ),
);

const serviceFacility = fc.record(
  { name: word(60), npi, address: address('any') },
  { requiredKeys: ['name', 'address'] },
);

const drug = fc.record({
  ndc: digits(11),
  quantity: fc.oneof(
    fc.integer({ min: 1, max: 999 }),
    fc.integer({ min: 1, max: 99_999 }).map((n) => n / 1000),
  ),
  unit: fc.constantFrom('F2' as const, 'GR' as const, 'ME' as const, 'ML' as const, 'UN' as const),
});

const renderingProvider: fc.Arbitrary<ProviderRef> = fc.oneof(
  fc.record({ organizationName: word(60), npi, taxonomy }, { requiredKeys: ['organizationName', 'npi'] }),
  fc.record({ lastName: word(60), firstName: word(35), npi, taxonomy }, { requiredKeys: ['lastName', 'npi'] }),
);

const referringProvider: fc.Arbitrary<ProviderRef> = fc.record(
  { lastName: word(60), firstName: word(35), npi },
  { requiredKeys: ['lastName'] },
);

const icd10 = fc
  .tuple(fc.stringMatching(/^[A-Z][0-9][0-9A-Z]$/), fc.stringMatching(/^[0-9A-Z]{0,4}$/))
  .map(([category, rest]) => (rest === '' ? category : `${category}.${rest}`));

const procedure = fc.oneof(
  fc.stringMatching(/^\d{4}[0-9FTU]$/).map((code) => ({ code, system: 'CPT' as const })),
  fc.stringMatching(/^[A-V]\d{4}$/).map((code) => ({ code, system: 'HCPCS' as const })),
);

const modifiers = fc.array(fc.stringMatching(/^[0-9A-Z]{2}$/), { maxLength: 4 });
/** Whole units mostly, sometimes with up to three decimals (anesthesia minutes, drug quantities). */
const units = fc.oneof(
  fc.integer({ min: 1, max: 99 }),
  fc.integer({ min: 1, max: 99_999 }).map((n) => n / 1000),
);
const chargeCents = fc.integer({ min: 0, max: 9_999_999 });
const span = fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined });

const line = (diagnosisCount: number, index: number): fc.Arbitrary<ServiceLine837P> =>
  fc
    .record({
      procedure,
      modifiers,
      units,
      chargeCents,
      diagnosisPointers: fc.shuffledSubarray(
        Array.from({ length: diagnosisCount }, (_, i) => i + 1),
        { minLength: 1, maxLength: Math.min(4, diagnosisCount) },
      ),
      serviceDate: isoDate,
      spanDays: span,
      drug: fc.option(drug, { nil: undefined }),
    })
    .map(({ procedure: p, spanDays, drug: given, ...rest }) => ({
      ...rest,
      ...p,
      ...(given && { drug: given }),
      controlNumber: `L${index + 1}`,
      ...(spanDays !== undefined && { serviceDateEnd: addDays(rest.serviceDate, spanDays) }),
    }));

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const subscriberPerson = fc.record({ name: personName, birthDate: isoDate, sex, address: address('any') });

/** One claim; `id` is assigned by the batch so that ids are unique. */
const claim: fc.Arbitrary<Omit<Claim837P, 'id'>> = fc
  .record({
    self: fc.boolean(),
    subscriber: subscriberPerson,
    memberId: identifier,
    groupNumber: fc.option(identifier, { nil: undefined }),
    dependent: fc.record({
      name: personName,
      birthDate: isoDate,
      sex,
      address: address('any'),
      relationship: fc.constantFrom(...DEPENDENT_RELATIONSHIPS),
    }),
    mrn: fc.option(identifier, { nil: undefined }),
    payer: fc.record({
      name: word(60),
      payerId: identifier,
      filingIndicator: fc.constantFrom(...CLAIM_FILING_INDICATORS),
      responsibility: fc.constant('P' as const),
    }),
    billingProvider,
    renderingProvider: fc.option(renderingProvider, { nil: undefined }),
    referringProvider: fc.option(referringProvider, { nil: undefined }),
    placeOfService: fc.stringMatching(/^(0[1-9]|[1-9]\d)$/),
    frequency: fc.constantFrom('1' as const, '7' as const, '8' as const),
    originalClaimNumber: identifier,
    priorAuthorization: fc.option(identifier, { nil: undefined }),
    clia: fc.option(fc.stringMatching(/^\d{2}D\d{7}$/), { nil: undefined }),
    indicators: fc.option(nonDefaultIndicators, { nil: undefined }),
    serviceFacility: fc.option(serviceFacility, { nil: undefined }),
    diagnoses: fc.uniqueArray(icd10, { minLength: 1, maxLength: 12, selector: (c) => c.replace('.', '') }),
    lineCount: fc.integer({ min: 1, max: 6 }),
  })
  .chain((c) =>
    fc.tuple(...Array.from({ length: c.lineCount }, (_, i) => line(c.diagnoses.length, i))).map((lines) => {
      const subscriber: Subscriber = {
        ...c.subscriber.name,
        memberId: c.memberId,
        ...(c.groupNumber !== undefined && { groupNumber: c.groupNumber }),
        // 2010BA carries N3/N4/DMG only when the patient is the subscriber: a dependent's subscriber reads back without.
        ...(c.self && { birthDate: c.subscriber.birthDate, sex: c.subscriber.sex, address: c.subscriber.address }),
      };
      const patient = c.self
        ? {
            ...c.subscriber.name,
            birthDate: c.subscriber.birthDate,
            sex: c.subscriber.sex,
            address: c.subscriber.address,
            relationshipToSubscriber: '18',
          }
        : {
            ...c.dependent.name,
            birthDate: c.dependent.birthDate,
            sex: c.dependent.sex,
            address: c.dependent.address,
            relationshipToSubscriber: c.dependent.relationship,
          };
      const rendering = c.renderingProvider?.npi === c.billingProvider.npi ? undefined : c.renderingProvider;
      return {
        frequency: c.frequency,
        ...(c.frequency !== '1' && { originalClaimNumber: c.originalClaimNumber }),
        patient: { ...patient, ...(c.mrn !== undefined && { mrn: c.mrn }) },
        subscriber,
        payer: c.payer,
        billingProvider: c.billingProvider,
        ...(rendering && { renderingProvider: rendering }),
        ...(c.referringProvider && { referringProvider: c.referringProvider }),
        placeOfService: c.placeOfService,
        ...(c.priorAuthorization !== undefined && { priorAuthorization: c.priorAuthorization }),
        ...(c.clia !== undefined && { clia: c.clia }),
        ...(c.indicators !== undefined && { indicators: c.indicators }),
        // 2310C is written only when it is not the billing provider's address; a generated one never is.
        ...(c.serviceFacility !== undefined &&
          differsFromBilling(c.serviceFacility, c.billingProvider) && { serviceFacility: c.serviceFacility }),
        diagnoses: c.diagnoses.map((code) => ({ code })),
        lines,
        totalChargeCents: lines.reduce((sum, l) => sum + l.chargeCents, 0),
      };
    }),
  );

/**
 * A batch of claims with unique ids. Claims reuse a few billing providers and subscribers so that grouping under
 * shared HL levels is exercised, not only one HL chain per claim.
 */
export const claimBatch = (maxLength = 12): fc.Arbitrary<Claim837P[]> =>
  fc
    .record({
      claims: fc.array(claim, { minLength: 1, maxLength }),
      shareProvider: fc.array(fc.nat(), { maxLength }),
      shareSubscriber: fc.array(fc.nat(), { maxLength }),
    })
    .map(({ claims, shareProvider, shareSubscriber }) =>
      claims.map((c, i) => {
        const providerDonor = claims[(shareProvider[i] ?? i) % claims.length] ?? c;
        const subscriberDonor = claims[(shareSubscriber[i] ?? i) % claims.length] ?? c;
        const sharesSubscriber =
          subscriberDonor.patient.relationshipToSubscriber !== '18' && c.patient.relationshipToSubscriber !== '18';
        const billing = providerDonor.billingProvider;
        const rendering = c.renderingProvider?.npi === billing.npi ? undefined : c.renderingProvider;
        const { serviceFacility, ...rest } = c;
        return {
          ...rest,
          ...(serviceFacility && differsFromBilling(serviceFacility, billing) && { serviceFacility }),
          id: `PCN${i}`,
          billingProvider: billing,
          renderingProvider: rendering,
          ...(sharesSubscriber && { subscriber: subscriberDonor.subscriber, payer: subscriberDonor.payer }),
        } as Claim837P;
      }),
    );
