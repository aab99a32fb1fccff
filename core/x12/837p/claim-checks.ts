/**
 * Checks a claim against the 837P implementation guide before anything is written. Every element the builder
 * emits comes from a field checked here, so a claim that passes produces required segments with valid codes and
 * lengths. Each issue names the claim, the field and the X12 loop/element it feeds.
 */
import type { Claim837P, DrugIdentification, PostalAddress, ProviderRef, ServiceFacility } from './claim-837p.ts';
import { patientIsSubscriber } from './claim-837p.ts';
import type { ClaimRuleId } from './claim-rules.ts';
import {
  CLAIM_FILING_INDICATORS,
  CLAIM_FREQUENCIES,
  DEPENDENT_RELATIONSHIPS,
  ICD10_CM,
  isValidNpi,
  MAX,
  MODIFIER,
  PAYER_RESPONSIBILITIES,
  PLACE_OF_SERVICE,
  PROCEDURE_CODE,
  SEXES,
  STATE,
  TAXONOMY,
  TIN,
  ZIP_5_OR_9,
  ZIP_9,
} from './tr3-rules.ts';
import { characterProblem, foldText } from './x12-text.ts';

export interface ClaimIssue {
  /** CLM01 of the claim (or its position when the id itself is unusable). */
  claim: string;
  /** The rule broken (core/x12/837p/claim-rules.ts); scrubbing reports it under the same id. */
  rule: ClaimRuleId;
  /** Path into the claim, e.g. `lines[2].diagnosisPointers`. */
  field: string;
  message: string;
}

export class Invalid837PClaimError extends Error {
  readonly issues: ClaimIssue[];

  constructor(issues: ClaimIssue[]) {
    const shown = issues.slice(0, 20).map((i) => `  claim ${i.claim}, ${i.field}: ${i.message}`);
    const more = issues.length > 20 ? [`  ... and ${issues.length - 20} more`] : [];
    super(`cannot build the 837P: ${issues.length} problem(s)\n${[...shown, ...more].join('\n')}`);
    this.name = 'Invalid837PClaimError';
    this.issues = issues;
  }
}

type Report = (field: string, message: string) => void;
/** The reporter for one rule: every issue a check raises names the rule it enforces. */
type Reporters = (rule: ClaimRuleId) => Report;

/** All problems that would make the 837P for these claims invalid; empty when they can be built. */
export function check837PClaims(claims: readonly Claim837P[]): ClaimIssue[] {
  const issues: ClaimIssue[] = [];
  const seenIds = new Map<string, number>();
  claims.forEach((claim, index) => {
    const label = typeof claim.id === 'string' && claim.id !== '' ? claim.id : `#${index + 1}`;
    const reporter: Reporters = (rule) => (field, message) => issues.push({ claim: label, rule, field, message });
    checkClaim(claim, reporter);
    const previous = seenIds.get(claim.id);
    if (previous !== undefined)
      reporter('X12-CLAIM-ID')('id', `duplicates the patient control number of claim #${previous + 1}`);
    else seenIds.set(claim.id, index);
  });
  return issues;
}

function checkClaim(claim: Claim837P, reporter: Reporters): void {
  checkText(claim.id, 'id', 'CLM01 patient control number', MAX.patientControlNumber, reporter('X12-CLAIM-ID'), true);
  const frequency = reporter('X12-FREQUENCY');
  checkCode(claim.frequency, CLAIM_FREQUENCIES, 'frequency', 'CLM05-3 claim frequency', frequency);
  if (claim.frequency === '7' || claim.frequency === '8') {
    checkText(
      claim.originalClaimNumber,
      'originalClaimNumber',
      'REF*F8 payer claim control number',
      MAX.reference,
      frequency,
      true,
    );
  } else if (claim.originalClaimNumber !== undefined) {
    frequency('originalClaimNumber', 'REF*F8 is only sent with frequency 7 (replacement) or 8 (void)');
  }
  if (!PLACE_OF_SERVICE.test(claim.placeOfService ?? '')) {
    reporter('X12-PLACE-OF-SERVICE')(
      'placeOfService',
      `CLM05-1 place of service must be a two-digit CMS code, got "${claim.placeOfService}"`,
    );
  }
  checkIndicators(claim, reporter('X12-CLAIM-INDICATORS'));
  const reference = reporter('X12-REFERENCE');
  if (claim.clia !== undefined && !CLIA.test(claim.clia))
    reference('clia', `REF*X4 CLIA number must be 2 digits, D and 7 digits, got "${claim.clia}"`);
  checkText(
    claim.priorAuthorization,
    'priorAuthorization',
    'REF*G1 prior authorization',
    MAX.reference,
    reference,
    false,
  );
  checkText(claim.patient.mrn, 'patient.mrn', 'REF*EA medical record number', MAX.reference, reference, false);
  checkText(
    claim.subscriber.groupNumber,
    'subscriber.groupNumber',
    'SBR03 group number',
    MAX.reference,
    reference,
    false,
  );
  checkBillingProvider(claim.billingProvider, reporter('X12-BILLING-PROVIDER'));
  if (claim.billingProvider.payToAddress) {
    checkAddress(claim.billingProvider.payToAddress, 'billingProvider.payToAddress', '2010AB', reporter('X12-PAY-TO'), {
      required: true,
      showValues: true,
    });
  }
  if (claim.serviceFacility) checkServiceFacility(claim.serviceFacility, reporter('X12-SERVICE-FACILITY'));
  checkSubscriberAndPatient(claim, reporter);
  checkPayer(claim, reporter('X12-PAYER'));
  if (claim.renderingProvider)
    checkProvider(claim.renderingProvider, 'renderingProvider', '2310B', true, reporter('X12-RENDERING-PROVIDER'));
  if (claim.referringProvider) {
    const referring = reporter('X12-REFERRING-PROVIDER');
    checkProvider(claim.referringProvider, 'referringProvider', '2310A', false, referring);
    if (!claim.referringProvider.lastName)
      referring('referringProvider.lastName', '2310A NM1*DN is a person: last name required');
  }
  checkDiagnoses(claim, reporter('X12-DIAGNOSES'));
  checkLines(claim, reporter);
}

function checkIndicators(claim: Claim837P, report: Report): void {
  const indicators = claim.indicators;
  if (!indicators) return;
  checkCode(
    indicators.providerSignature,
    ['Y', 'N'],
    'indicators.providerSignature',
    'CLM06 provider signature',
    report,
  );
  checkCode(indicators.acceptAssignment, ['A', 'B', 'C'], 'indicators.acceptAssignment', 'CLM07 assignment', report);
  checkCode(
    indicators.benefitsAssignment,
    ['Y', 'N', 'W'],
    'indicators.benefitsAssignment',
    'CLM08 benefits assignment',
    report,
  );
  checkCode(
    indicators.releaseOfInformation,
    ['I', 'Y'],
    'indicators.releaseOfInformation',
    'CLM09 release of information',
    report,
  );
}

function checkServiceFacility(facility: ServiceFacility, report: Report): void {
  checkName(
    facility.name,
    'serviceFacility.name',
    '2310C NM103 facility name',
    MAX.lastOrOrganizationName,
    report,
    true,
  );
  checkNpi(facility.npi, 'serviceFacility', '2310C', report, false);
  checkAddress(facility.address, 'serviceFacility.address', '2310C', report, { required: true, showValues: true });
  facility.address?.lines.forEach((line, i) => {
    if (PO_BOX.test(line))
      report(`serviceFacility.address.lines[${i}]`, '2310C N3 must be where care is given, not a post office box');
  });
}

/** CLIA certificate numbers: two digits, the letter D, seven digits (CMS). */
const CLIA = /^\d{2}D\d{7}$/;

function checkText(
  value: string | undefined,
  field: string,
  element: string,
  max: number,
  report: Report,
  required: boolean,
  min = 1,
): void {
  if (value === undefined || value === '') {
    if (required) report(field, `${element} is required`);
    return;
  }
  if (typeof value !== 'string') {
    report(field, `${element} must be text`);
    return;
  }
  if (value.trim() !== value) report(field, `${element} must not begin or end with spaces`);
  if (value.length < min || value.length > max) {
    report(field, `${element} must be ${min} to ${max} characters, got ${value.length}`);
  }
  const problem = characterProblem(value);
  if (problem) report(field, `${element} ${problem}`);
}

function checkName(
  value: string | undefined,
  field: string,
  element: string,
  max: number,
  report: Report,
  required: boolean,
): void {
  checkText(value === undefined ? undefined : foldText(value), field, element, max, report, required);
}

function checkCode(
  value: string | undefined,
  codes: readonly string[],
  field: string,
  element: string,
  report: Report,
): void {
  if (value === undefined || !codes.includes(value)) {
    report(field, `${element} must be one of ${codes.join(', ')}, got "${value ?? ''}"`);
  }
}

function checkAddress(
  address: PostalAddress | undefined,
  field: string,
  loop: string,
  report: Report,
  options: { required: boolean; nineDigitZip?: boolean; showValues?: boolean },
): void {
  if (!address) {
    if (options.required) report(field, `${loop} N3/N4 address is required`);
    return;
  }
  const [line1, line2, ...extra] = address.lines;
  checkName(line1, `${field}.lines[0]`, `${loop} N301 address line`, MAX.addressLine, report, true);
  checkName(line2, `${field}.lines[1]`, `${loop} N302 address line`, MAX.addressLine, report, false);
  if (extra.length > 0)
    report(`${field}.lines`, `${loop} N3 carries at most two address lines, got ${address.lines.length}`);
  checkName(address.city, `${field}.city`, `${loop} N401 city`, MAX.city, report, true);
  if (!STATE.test(address.state ?? ''))
    report(`${field}.state`, `${loop} N402 state must be two capital letters${got(address.state, options.showValues)}`);
  const zip = options.nineDigitZip ? ZIP_9 : ZIP_5_OR_9;
  if (!zip.test(address.postalCode ?? '')) {
    const expected = options.nineDigitZip ? 'nine digits (ZIP+4, no hyphen)' : 'five or nine digits';
    report(
      `${field}.postalCode`,
      `${loop} N403 postal code must be ${expected}${got(address.postalCode, options.showValues)}`,
    );
  }
}

function checkProviderName(provider: ProviderRef, field: string, loop: string, report: Report): void {
  if (provider.organizationName !== undefined) {
    checkName(
      provider.organizationName,
      `${field}.organizationName`,
      `${loop} NM103 organization name`,
      MAX.lastOrOrganizationName,
      report,
      true,
    );
    return;
  }
  checkName(
    provider.lastName,
    `${field}.lastName`,
    `${loop} NM103 name (organization or last name)`,
    MAX.lastOrOrganizationName,
    report,
    true,
  );
  checkName(provider.firstName, `${field}.firstName`, `${loop} NM104 first name`, MAX.firstName, report, false);
  checkName(provider.middleName, `${field}.middleName`, `${loop} NM105 middle name`, MAX.middleName, report, false);
  checkName(provider.suffix, `${field}.suffix`, `${loop} NM107 name suffix`, MAX.suffix, report, false);
}

function checkNpi(npi: string | undefined, field: string, loop: string, report: Report, required: boolean): void {
  if (npi === undefined) {
    if (required) report(`${field}.npi`, `${loop} NM109 NPI is required`);
    return;
  }
  if (!isValidNpi(npi))
    report(`${field}.npi`, `${loop} NM109 must be a valid NPI (10 digits, Luhn check digit), got "${npi}"`);
}

function checkTaxonomy(taxonomy: string | undefined, field: string, segment: string, report: Report): void {
  if (taxonomy !== undefined && !TAXONOMY.test(taxonomy)) {
    report(`${field}.taxonomy`, `${segment} taxonomy must be 10 characters ending in X, got "${taxonomy}"`);
  }
}

function checkProvider(provider: ProviderRef, field: string, loop: string, npiRequired: boolean, report: Report): void {
  checkProviderName(provider, field, loop, report);
  checkNpi(provider.npi, field, loop, report, npiRequired);
  checkTaxonomy(provider.taxonomy, field, 'PRV03', report);
}

function checkBillingProvider(provider: ProviderRef, report: Report): void {
  checkProvider(provider, 'billingProvider', '2010AA', true, report);
  checkAddress(provider.address, 'billingProvider.address', '2010AA', report, {
    required: true,
    nineDigitZip: true,
    showValues: true,
  });
  if (!TIN.test(provider.tin ?? ''))
    report('billingProvider.tin', `2010AA REF*EI tax id must be nine digits, got "${provider.tin ?? ''}"`);
  // TR3: the billing provider address is a street address; post office and lock boxes belong in the pay-to loop.
  provider.address?.lines.forEach((line, i) => {
    if (PO_BOX.test(line)) {
      report(
        `billingProvider.address.lines[${i}]`,
        '2010AA N3 must be a street address, not a post office or lock box',
      );
    }
  });
}

const PO_BOX = /\b(?:P\.?\s*O\.?\s*BOX|POST\s+OFFICE\s+BOX|LOCK\s*BOX)\b/i;

function checkDemographics(
  person: { birthDate?: string; sex?: string },
  field: string,
  loop: string,
  report: Report,
  required: boolean,
): void {
  if (person.birthDate === undefined && person.sex === undefined && !required) return;
  if (!isCalendarDate(person.birthDate))
    report(
      `${field}.birthDate`,
      `${loop} DMG02 date of birth must be a real YYYY-MM-DD date${got(person.birthDate, false)}`,
    );
  checkCode(person.sex, SEXES, `${field}.sex`, `${loop} DMG03 sex`, report);
}

function checkSubscriberAndPatient(claim: Claim837P, reporter: Reporters): void {
  const { subscriber, patient } = claim;
  const self = patientIsSubscriber(claim);
  const report = reporter('X12-SUBSCRIBER');
  checkName(
    subscriber.lastName,
    'subscriber.lastName',
    '2010BA NM103 last name',
    MAX.lastOrOrganizationName,
    report,
    true,
  );
  checkName(subscriber.firstName, 'subscriber.firstName', '2010BA NM104 first name', MAX.firstName, report, false);
  checkName(subscriber.middleName, 'subscriber.middleName', '2010BA NM105 middle name', MAX.middleName, report, false);
  checkName(subscriber.suffix, 'subscriber.suffix', '2010BA NM107 name suffix', MAX.suffix, report, false);
  checkText(subscriber.memberId, 'subscriber.memberId', '2010BA NM109 member id', MAX.identifier, report, true, 2);
  if (self) {
    // Sent only when the patient is the subscriber (TR3 2010BA N3/N4/DMG); a dependent's subscriber data stays home.
    checkAddress(subscriber.address, 'subscriber.address', '2010BA', reporter('X12-SUBSCRIBER-ADDRESS'), {
      required: true,
    });
    checkDemographics(subscriber, 'subscriber', '2010BA', report, true);
    for (const key of ['lastName', 'firstName', 'middleName', 'birthDate', 'sex'] as const) {
      if (patient[key] !== undefined && patient[key] !== subscriber[key]) {
        report(`patient.${key}`, `the patient is the subscriber (relationship 18) but differs from subscriber.${key}`);
      }
    }
    return;
  }
  const patientReport = reporter('X12-PATIENT');
  checkCode(
    patient.relationshipToSubscriber,
    ['18', ...DEPENDENT_RELATIONSHIPS],
    'patient.relationshipToSubscriber',
    'PAT01 relationship to the subscriber',
    patientReport,
  );
  checkName(
    patient.lastName,
    'patient.lastName',
    '2010CA NM103 last name',
    MAX.lastOrOrganizationName,
    patientReport,
    true,
  );
  checkName(patient.firstName, 'patient.firstName', '2010CA NM104 first name', MAX.firstName, patientReport, false);
  checkName(patient.middleName, 'patient.middleName', '2010CA NM105 middle name', MAX.middleName, patientReport, false);
  checkName(patient.suffix, 'patient.suffix', '2010CA NM107 name suffix', MAX.suffix, patientReport, false);
  checkAddress(patient.address, 'patient.address', '2010CA', patientReport, { required: true });
  checkDemographics(patient, 'patient', '2010CA', patientReport, true);
}

function checkPayer(claim: Claim837P, report: Report): void {
  const { payer } = claim;
  checkName(payer.name, 'payer.name', '2010BB NM103 payer name', MAX.lastOrOrganizationName, report, true);
  checkText(payer.payerId, 'payer.payerId', '2010BB NM109 payer id', MAX.identifier, report, true, 2);
  checkCode(
    payer.filingIndicator,
    CLAIM_FILING_INDICATORS,
    'payer.filingIndicator',
    'SBR09 claim filing indicator',
    report,
  );
  checkCode(
    payer.responsibility,
    [...PAYER_RESPONSIBILITIES],
    'payer.responsibility',
    'SBR01 payer responsibility',
    report,
  );
  if (payer.responsibility === 'S' || payer.responsibility === 'T') {
    // A secondary or tertiary claim must carry the other payers' loops (2320/2330) with their adjudication; the
    // Claim model has no place for them yet, and a claim without them is rejected by the receiver anyway.
    report(
      'payer.responsibility',
      `SBR01 ${payer.responsibility} needs the other payer loops 2320/2330, which this builder does not write yet; only primary (P) claims can be built`,
    );
  }
}

function checkDiagnoses(claim: Claim837P, report: Report): void {
  if (claim.diagnoses.length === 0) report('diagnoses', 'HI needs at least the principal diagnosis (ABK)');
  if (claim.diagnoses.length > MAX.diagnoses)
    report('diagnoses', `HI carries at most ${MAX.diagnoses} diagnoses, got ${claim.diagnoses.length}`);
  const seen = new Set<string>();
  claim.diagnoses.forEach((diagnosis, i) => {
    if (!ICD10_CM.test(diagnosis.code))
      report(`diagnoses[${i}].code`, `HI needs an ICD-10-CM code, got "${diagnosis.code}"`);
    const plain = diagnosis.code.replace('.', '');
    if (seen.has(plain)) report(`diagnoses[${i}].code`, `diagnosis ${diagnosis.code} is listed twice`);
    seen.add(plain);
  });
}

function checkLines(claim: Claim837P, reporter: Reporters): void {
  const { lines } = claim;
  const report = reporter('X12-LINES');
  const coding = reporter('X12-LINE-CODES');
  if (lines.length === 0) report('lines', 'loop 2400 needs at least one service line');
  if (lines.length > MAX.linesPerClaim)
    report('lines', `loop 2400 repeats at most ${MAX.linesPerClaim} times, got ${lines.length} lines`);
  const controlNumbers = new Set<string>();
  let total = 0;
  lines.forEach((line, i) => {
    const field = `lines[${i}]`;
    if (!PROCEDURE_CODE.test(line.code))
      coding(`${field}.code`, `SV101-2 must be a CPT or HCPCS code, got "${line.code}"`);
    if (line.modifiers.length > MAX.modifiersPerLine)
      coding(
        `${field}.modifiers`,
        `SV101 carries at most ${MAX.modifiersPerLine} modifiers, got ${line.modifiers.length}`,
      );
    line.modifiers.forEach((m, j) => {
      if (!MODIFIER.test(m))
        coding(`${field}.modifiers[${j}]`, `modifier must be two capital letters or digits, got "${m}"`);
    });
    checkAmount(line.chargeCents, `${field}.chargeCents`, 'SV102 line charge', report);
    total += line.chargeCents;
    if (!(Number.isFinite(line.units) && line.units > 0 && /^\d{1,10}(?:\.\d{1,3})?$/.test(String(line.units)))) {
      report(`${field}.units`, `SV104 units must be a positive number with at most 3 decimals, got ${line.units}`);
    }
    // Without diagnoses every pointer dangles; the HI issue says what to fix.
    if (claim.diagnoses.length > 0) checkPointers(line.diagnosisPointers, claim.diagnoses.length, field, coding);
    if (!isCalendarDate(line.serviceDate))
      report(
        `${field}.serviceDate`,
        `DTP*472 date of service must be a real YYYY-MM-DD date${got(line.serviceDate, false)}`,
      );
    if (
      line.serviceDateEnd !== undefined &&
      !(isCalendarDate(line.serviceDateEnd) && line.serviceDateEnd >= (line.serviceDate ?? ''))
    ) {
      report(
        `${field}.serviceDateEnd`,
        `DTP*472 RD8 end date must be a real date not before the start${got(line.serviceDateEnd, false)}`,
      );
    }
    if (line.drug) checkDrug(line.drug, field, reporter('X12-DRUG'));
    checkText(
      line.controlNumber,
      `${field}.controlNumber`,
      'REF*6R line item control number',
      MAX.lineItemControlNumber,
      report,
      true,
    );
    if (controlNumbers.has(line.controlNumber))
      report(`${field}.controlNumber`, `REF*6R "${line.controlNumber}" is used by another line of the claim`);
    controlNumbers.add(line.controlNumber);
  });
  checkAmount(claim.totalChargeCents, 'totalChargeCents', 'CLM02 total charge', report);
  if (lines.length > 0 && total !== claim.totalChargeCents) {
    report(
      'totalChargeCents',
      `CLM02 total charge must equal the sum of the line charges (${total} cents), got ${claim.totalChargeCents} cents`,
    );
  }
}

function checkDrug(drug: DrugIdentification, field: string, report: Report): void {
  if (!/^\d{11}$/.test(drug.ndc ?? ''))
    report(`${field}.drug.ndc`, `LIN03 NDC must be 11 digits (5-4-2, no hyphens), got "${drug.ndc}"`);
  if (!(Number.isFinite(drug.quantity) && drug.quantity > 0 && /^\d{1,10}(?:\.\d{1,3})?$/.test(String(drug.quantity))))
    report(`${field}.drug.quantity`, `CTP04 quantity must be positive with at most 3 decimals, got ${drug.quantity}`);
  checkCode(drug.unit, DRUG_UNITS, `${field}.drug.unit`, 'CTP05-1 unit of measure', report);
}

const DRUG_UNITS = ['F2', 'GR', 'ME', 'ML', 'UN'] as const;

function checkPointers(pointers: readonly number[], diagnosisCount: number, field: string, report: Report): void {
  if (pointers.length === 0 || pointers.length > MAX.pointersPerLine) {
    report(
      `${field}.diagnosisPointers`,
      `SV107 needs 1 to ${MAX.pointersPerLine} diagnosis pointers, got ${pointers.length}`,
    );
  }
  if (new Set(pointers).size !== pointers.length)
    report(`${field}.diagnosisPointers`, 'SV107 must not repeat a pointer');
  for (const pointer of pointers) {
    if (!Number.isInteger(pointer) || pointer < 1 || pointer > diagnosisCount) {
      report(
        `${field}.diagnosisPointers`,
        `SV107 pointer ${pointer} does not point to one of the ${diagnosisCount} diagnoses`,
      );
    }
  }
}

function checkAmount(cents: number, field: string, element: string, report: Report): void {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX.chargeCents) {
    report(field, `${element} must be whole cents from 0 to ${MAX.chargeCents}, got ${cents}`);
  }
}

/**
 * The offending value for a message, or a note that it is withheld: patients' and subscribers' addresses and dates
 * are PHI and these messages reach logs and terminals. Provider and code values are shown.
 */
function got(value: string | undefined, show = false): string {
  if (value === undefined || value === '') return ', got nothing';
  return show ? `, got "${value}"` : ' (value withheld: PHI)';
}

/** A real calendar date written YYYY-MM-DD (checked arithmetically: building a Date per field dominated checks). */
export function isCalendarDate(value: string | undefined): value is string {
  if (value === undefined || !ISO_DATE.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
