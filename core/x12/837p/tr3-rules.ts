/**
 * The 005010X222A1 (837P) constraints the builder relies on: code lists, element lengths and loop repeats. Each
 * value is the TR3's unless the comment says why it is stricter.
 */

export const IMPLEMENTATION_GUIDE = '005010X222A1';

/** SBR09 claim filing indicator codes. */
export const CLAIM_FILING_INDICATORS = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  'AM',
  'BL',
  'CH',
  'CI',
  'DS',
  'FI',
  'HM',
  'LM',
  'MA',
  'MB',
  'MC',
  'OF',
  'TV',
  'VA',
  'WC',
  'ZZ',
] as const;

/** PAT01 individual relationship codes of loop 2000C (the patient is someone other than the subscriber). */
export const DEPENDENT_RELATIONSHIPS = ['01', '19', '20', '21', '39', '40', '53', 'G8'] as const;

export const PAYER_RESPONSIBILITIES = ['P', 'S', 'T'] as const;
export const CLAIM_FREQUENCIES = ['1', '7', '8'] as const;
/** DMG03. */
export const SEXES = ['F', 'M', 'U'] as const;

export const MAX = {
  /** CLM01 is AN 1/38, but the TR3 requires receivers to keep only 20 characters, and so does the Claim model. */
  patientControlNumber: 20,
  /** NM103 last or organization name. */
  lastOrOrganizationName: 60,
  /** NM104. */
  firstName: 35,
  /** NM105. */
  middleName: 25,
  /** NM107 name suffix (Jr, Sr, II, III). */
  suffix: 10,
  /** NM109 identification code. */
  identifier: 80,
  /** N301 and N302. */
  addressLine: 55,
  /** N401. */
  city: 30,
  /** REF02 (REF*F8, REF*G1, REF*EA) and SBR03. */
  reference: 50,
  /** REF*6R: the TR3 reference is AN 1/50, but HIPAA receivers support 30 and clearinghouses reject longer ones. */
  lineItemControlNumber: 30,
  /** PER02 contact name. */
  contactName: 60,
  /** PRV03 taxonomy code. */
  taxonomy: 50,
  /** HI: one segment, twelve composites (ABK + 11 ABF). */
  diagnoses: 12,
  /** SV107: four pointers per line. */
  pointersPerLine: 4,
  /** SV101-3..6: four modifiers. */
  modifiersPerLine: 4,
  /** Loop 2400 repeats at most 50 times per claim. */
  linesPerClaim: 50,
  /** Loop 2300 repeats at most 100 times under one subscriber or patient HL. */
  claimsPerHierarchicalLevel: 100,
  /** TR3 1.4.1: the developers recommend at most 5000 CLM per transaction (ST-SE). */
  claimsPerTransaction: 5000,
  /** SV102 and CLM02 are R 1/18, but no charge of ten digits of dollars is plausible; it catches unit mistakes. */
  chargeCents: 99_999_999_99,
} as const;

/** CMS place of service codes are two digits; 00 is not assigned. */
export const PLACE_OF_SERVICE = /^(?!00)\d{2}$/;
/** ICD-10-CM: letter (any: U is chapter 22, U07.1 COVID-19), digit, alphanumeric, up to four more, dot optional. */
export const ICD10_CM = /^[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?$/;
/** CPT (5 digits, or 4 digits and F/T/U for categories II and III) and HCPCS Level II (letter and 4 digits). */
export const PROCEDURE_CODE = /^(?:\d{4}[0-9FTU]|[A-V]\d{4})$/;
export const HCPCS_LEVEL_II = /^[A-V]\d{4}$/;
export const MODIFIER = /^[0-9A-Z]{2}$/;
export const NPI = /^\d{10}$/;
export const TIN = /^\d{9}$/;
export const ZIP_5_OR_9 = /^\d{5}(?:\d{4})?$/;
export const ZIP_9 = /^\d{9}$/;
export const STATE = /^[A-Z]{2}$/;
/** The taxonomy code set: ten characters, nine alphanumerics and a trailing X. */
export const TAXONOMY = /^[0-9A-Z]{9}X$/;
/** PER TE: ten digits (area code and number), as the TR3 asks. */
export const PHONE = /^\d{10}$/;

/**
 * NPI check digit: Luhn over the card-issuer prefix 80840 and the first nine digits. A wrong NPI is rejected by
 * every payer front end, so it is cheaper to refuse it before building.
 */
export function isValidNpi(npi: string): boolean {
  if (!NPI.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/** The check digit that makes `nineDigits` a valid NPI (for test data generators and fixtures). */
export function npiCheckDigit(nineDigits: string): string {
  for (let d = 0; d <= 9; d++) if (isValidNpi(`${nineDigits}${d}`)) return String(d);
  throw new Error(`not nine digits: "${nineDigits}"`);
}
