/**
 * Every rule the 837P builder enforces on a claim before writing it, by id. Each issue the claim checks raise names
 * its rule, and core/scrubbing catalogues every rule as an edit (with its owner and fix), so a claim the builder
 * would refuse can never leave scrubbing clean: scrub and the builder run the same checks and cannot disagree.
 */

export interface ClaimRule {
  /** Stable id, shared with the scrubbing edit that reports it. */
  id: string;
  /** What the rule checks, in one sentence. */
  checks: string;
  /** Where in the 837P (loop, segment, element) the checked data goes. */
  where: string;
}

export const CLAIM_RULES = [
  {
    id: 'X12-CLAIM-ID',
    checks: 'The patient control number is 1-20 X12 characters and unique within the interchange.',
    where: 'loop 2300 CLM01',
  },
  {
    id: 'X12-FREQUENCY',
    checks: 'The claim frequency is 1, 7 or 8, and REF*F8 is sent with 7 and 8 only.',
    where: 'loop 2300 CLM05-3, REF*F8',
  },
  {
    id: 'X12-PLACE-OF-SERVICE',
    checks: 'The place of service is a two-digit code other than 00.',
    where: 'loop 2300 CLM05-1',
  },
  {
    id: 'X12-CLAIM-INDICATORS',
    checks:
      'The signature (Y/N), assignment (A/B/C), benefits assignment (Y/N/W) and release of information (I/Y) indicators are valid codes.',
    where: 'loop 2300 CLM06, CLM07, CLM08, CLM09',
  },
  {
    id: 'X12-REFERENCE',
    checks:
      'Prior authorization, medical record number and group number fit their elements (1-50 X12 characters); a CLIA number is 10 characters (2 digits, D, 7 digits).',
    where: 'loop 2300 REF*G1, REF*EA, REF*X4; loop 2000B SBR03',
  },
  {
    id: 'X12-BILLING-PROVIDER',
    checks:
      'The billing provider has a name, a valid NPI and taxonomy, a 9-digit TIN and a street address with a ZIP+4.',
    where: 'loop 2000A PRV, loop 2010AA NM1/N3/N4/REF*EI',
  },
  {
    id: 'X12-PAY-TO',
    checks: 'A pay-to address has one or two lines, a city, a two-letter state and a 5 or 9 digit ZIP.',
    where: 'loop 2010AB NM1*87/N3/N4',
  },
  {
    id: 'X12-SUBSCRIBER',
    checks:
      'The subscriber has a last name and a member id; when the patient is the subscriber, a real date of birth and a sex (F, M, U) that match the patient.',
    where: 'loop 2000B SBR, loop 2010BA NM1*IL/DMG',
  },
  {
    id: 'X12-SUBSCRIBER-ADDRESS',
    checks: 'When the patient is the subscriber, the subscriber has a street address, city, state and ZIP.',
    where: 'loop 2010BA N3/N4',
  },
  {
    id: 'X12-PATIENT',
    checks:
      'A patient who is not the subscriber has a relationship code, a last name, an address, a date of birth and a sex.',
    where: 'loop 2000C PAT, loop 2010CA NM1*QC/N3/N4/DMG',
  },
  {
    id: 'X12-PAYER',
    checks: 'The payer has a name, an id and a claim filing indicator, and is the primary payer.',
    where: 'loop 2000B SBR01/SBR09, loop 2010BB NM1*PR',
  },
  {
    id: 'X12-RENDERING-PROVIDER',
    checks: 'A rendering provider has a name, a valid NPI and a valid taxonomy.',
    where: 'loop 2310B NM1*82/PRV',
  },
  {
    id: 'X12-REFERRING-PROVIDER',
    checks: 'A referring provider is a person with a last name and, when given, a valid NPI.',
    where: 'loop 2310A NM1*DN',
  },
  {
    id: 'X12-SERVICE-FACILITY',
    checks:
      'A service facility has a name, a street address with city, state and ZIP (5 or 9 digits) and, when given, a valid NPI.',
    where: 'loop 2310C NM1*77/N3/N4',
  },
  {
    id: 'X12-DIAGNOSES',
    checks: 'The claim has 1-12 distinct ICD-10-CM diagnoses.',
    where: 'loop 2300 HI (ABK, ABF)',
  },
  {
    id: 'X12-LINE-CODES',
    checks:
      'Every line has a CPT or HCPCS code, at most four two-character modifiers and 1-4 distinct pointers to existing diagnoses.',
    where: 'loop 2400 SV101, SV107',
  },
  {
    id: 'X12-LINES',
    checks:
      'The claim has 1-50 lines, each with a charge in whole cents, positive units (at most 3 decimals), a real date of service and a unique line control number; the total equals the sum of the lines.',
    where: 'loop 2300 CLM02, loop 2400 LX/SV102/SV104/DTP*472/REF*6R',
  },
  {
    id: 'X12-DRUG',
    checks:
      'A drug line’s NDC is 11 digits, with a positive quantity (at most 3 decimals) and a unit F2, GR, ME, ML or UN.',
    where: 'loop 2410 LIN03 (N4), CTP04, CTP05-1',
  },
] as const satisfies readonly ClaimRule[];

export type ClaimRuleId = (typeof CLAIM_RULES)[number]['id'];
