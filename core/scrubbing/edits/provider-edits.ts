/** Provider identifiers: NPI check digits, the billing provider's TIN and 9-digit ZIP. */
import { isValidNpi } from '#core/config/npi';
import type { ProviderRef } from '#core/documents/encounter';
import { NO_HITS, type ScrubContext, type SyncEditDefinition } from '../edit.ts';

const NPI_STANDARD = 'CMS NPI standard: 10 digits, Luhn check digit over 80840 + the first 9 (45 CFR 162.406)';
const TR3 = 'ASC X12 837P 005010X222A1';

function npiProblem(npi: string | undefined, role: string, required: boolean): string | undefined {
  if (npi === undefined || npi === '') return required ? `The ${role} NPI is missing.` : undefined;
  if (!/^\d{10}$/.test(npi)) return `The ${role} NPI "${npi}" is not 10 digits.`;
  if (!isValidNpi(npi)) return `The ${role} NPI ${npi} fails the NPI check digit (a typo in one of its digits).`;
  return undefined;
}

function npiEdit(
  id: string,
  role: string,
  path: string,
  provider: (context: ScrubContext) => ProviderRef | undefined,
  required: boolean,
  loop: string,
): SyncEditDefinition {
  return {
    id,
    category: 'claim-data',
    severity: 'error',
    owner: 'BILLER',
    checks: `The ${role} NPI is${required ? ' present,' : ''} 10 digits and passes the NPI check digit.`,
    source: `${NPI_STANDARD}; ${TR3} ${loop}`,
    example: `${role} NPI 1234567890 (check digit should be 3).`,
    check(context) {
      const ref = provider(context);
      if (!required && ref === undefined) return NO_HITS;
      const problem = npiProblem(ref?.npi, role, required || ref !== undefined);
      return problem
        ? [{ message: problem, field: `${path}.npi`, suggestedFix: `Correct the ${role} NPI (NPPES registry).` }]
        : NO_HITS;
    },
  };
}

export const billingNpi = npiEdit(
  'NPI-BILLING',
  'billing provider',
  'billingProvider',
  (c) => c.claim.billingProvider,
  true,
  'loop 2010AA NM109',
);
export const renderingNpi = npiEdit(
  'NPI-RENDERING',
  'rendering provider',
  'renderingProvider',
  (c) => c.claim.renderingProvider,
  false,
  'loop 2310B NM109',
);
export const referringNpi = npiEdit(
  'NPI-REFERRING',
  'referring provider',
  'referringProvider',
  (c) => c.claim.referringProvider,
  false,
  'loop 2310A NM109',
);

export const billingTin: SyncEditDefinition = {
  id: 'TIN-BILLING',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The billing provider’s TIN (EIN) is present and 9 digits.',
  source: `${TR3} loop 2010AA REF*EI`,
  example: 'TIN 12-345678 (8 digits).',
  check(context) {
    const tin = context.claim.billingProvider.tin;
    if (tin !== undefined && /^\d{9}$/.test(tin) && !/^0{9}$/.test(tin)) return NO_HITS;
    return [
      {
        message:
          tin === undefined || tin === ''
            ? 'The billing provider’s tax id (TIN) is missing.'
            : `The billing provider’s tax id "${tin}" is not 9 digits.`,
        field: 'billingProvider.tin',
        suggestedFix: 'Enter the 9-digit EIN of the billing entity (practice configuration).',
      },
    ];
  },
};

export const billingZip: SyncEditDefinition = {
  id: 'ZIP-BILLING',
  category: 'claim-data',
  severity: 'error',
  owner: 'BILLER',
  checks: 'The billing provider’s address carries a 9-digit ZIP code (ZIP+4).',
  source: `${TR3} loop 2010AA N403 (billing provider ZIP must be 9 digits)`,
  example: 'Billing ZIP 62701 (5 digits).',
  check(context) {
    const zip = context.claim.billingProvider.address?.postalCode;
    if (zip !== undefined && /^\d{9}$/.test(zip)) return NO_HITS;
    return [
      {
        message:
          zip === undefined || zip === ''
            ? 'The billing provider’s ZIP code is missing.'
            : `The billing provider’s ZIP code "${zip}" is not 9 digits; the 837P requires ZIP+4 for the billing provider.`,
        field: 'billingProvider.address.postalCode',
        suggestedFix: 'Enter the full ZIP+4 (USPS lookup) in the practice configuration.',
      },
    ];
  },
};

export const PROVIDER_EDITS: readonly SyncEditDefinition[] = [
  billingNpi,
  renderingNpi,
  referringNpi,
  billingTin,
  billingZip,
];
