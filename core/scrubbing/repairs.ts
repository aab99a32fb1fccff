/**
 * Repairs: deterministic, non-clinical fixes the scrubber applies before the edits run, each recorded as a
 * `repaired` finding so a person can see what changed. Identifiers lose the punctuation people type into them,
 * codes take their canonical form, and a payer's code substitution marked "repair" in its rules file is applied.
 * Nothing here guesses: a value that is still wrong after the fix is left for the edits to report.
 */
import type { Claim } from '#core/claims/claim';
import { formatIcd10Code, normalizeCode } from '#core/codesets/index';
import type { ProviderRef } from '#core/documents/encounter';
import type { EditHit, RepairDefinition } from './edit.ts';
import { substitutionTargets } from './edits/payer-edits.ts';

/** Characters people type into numeric identifiers: spaces, hyphens, dots, slashes, parentheses. */
const IDENTIFIER_PUNCTUATION = /[\s\-./()]/g;

/** The digits of an identifier typed with punctuation, or undefined when it holds anything but digits and punctuation. */
function digitsOnly(value: string): string | undefined {
  const stripped = value.replace(IDENTIFIER_PUNCTUATION, '');
  return stripped !== value && /^\d+$/.test(stripped) ? stripped : undefined;
}

const PROVIDERS = ['billingProvider', 'renderingProvider', 'referringProvider'] as const;

function repairProviderField(
  claim: Claim,
  read: (provider: ProviderRef) => string | undefined,
  write: (provider: ProviderRef, value: string) => ProviderRef,
  label: string,
  fieldOf: (role: string) => string,
): { claim: Claim; hits: EditHit[] } {
  let repaired = claim;
  const hits: EditHit[] = [];
  for (const role of PROVIDERS) {
    const provider = repaired[role];
    const value = provider ? read(provider) : undefined;
    const fixed = value === undefined ? undefined : digitsOnly(value);
    if (!provider || fixed === undefined) continue;
    repaired = { ...repaired, [role]: write(provider, fixed) };
    hits.push({ message: `Removed punctuation from the ${label} (now ${fixed}).`, field: fieldOf(role) });
  }
  return { claim: repaired, hits };
}

export const repairNpi: RepairDefinition = {
  id: 'REPAIR-NPI',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks: 'Strips spaces, hyphens and dots from billing, rendering and referring NPIs typed with punctuation.',
  source: 'CMS NPI standard (10 digits, no punctuation)',
  example: 'NPI "1234-567-893" becomes 1234567893.',
  repair: (claim) =>
    repairProviderField(
      claim,
      (p) => p.npi,
      (p, npi) => ({ ...p, npi }),
      'NPI',
      (role) => `${role}.npi`,
    ),
};

export const repairTin: RepairDefinition = {
  id: 'REPAIR-TIN',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks: 'Strips the hyphen and spaces from a TIN written as an EIN (12-3456789).',
  source: 'ASC X12 837P 005010X222A1 REF*EI (9 digits, no hyphen)',
  example: 'TIN "12-3456789" becomes 123456789.',
  repair: (claim) =>
    repairProviderField(
      claim,
      (p) => p.tin,
      (p, tin) => ({ ...p, tin }),
      'tax id',
      (role) => `${role}.tin`,
    ),
};

export const repairZip: RepairDefinition = {
  id: 'REPAIR-ZIP',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks: 'Strips the hyphen from a ZIP+4 written 62701-1234.',
  source: 'ASC X12 837P 005010X222A1 N403 (digits only)',
  example: 'ZIP "62701-1234" becomes 627011234.',
  repair: (claim) =>
    repairProviderField(
      claim,
      (p) => p.address?.postalCode,
      (p, postalCode) => ({ ...p, address: { lines: [], ...p.address, postalCode } }),
      'ZIP code',
      (role) => `${role}.address.postalCode`,
    ),
};

export const repairMemberId: RepairDefinition = {
  id: 'REPAIR-MEMBER-ID',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks: 'Removes spaces and hyphens from the member id and upper-cases it, as printed ids are often copied.',
  source: 'ASC X12 837P 005010X222A1 NM109 (payers match member ids without punctuation)',
  example: 'Member id "xyz 123-456" becomes XYZ123456.',
  repair(claim) {
    const id = claim.subscriber.memberId;
    if (id === undefined) return { claim, hits: [] };
    const fixed = id.replace(/[\s-]/g, '').toUpperCase();
    if (fixed === id || fixed === '') return { claim, hits: [] };
    return {
      claim: { ...claim, subscriber: { ...claim.subscriber, memberId: fixed } },
      hits: [
        { message: 'Removed spaces/hyphens from the member id and upper-cased it.', field: 'subscriber.memberId' },
      ],
    };
  },
};

export const repairDiagnosisFormat: RepairDefinition = {
  id: 'REPAIR-DX-FORMAT',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks:
    'Writes every ICD-10-CM code in its canonical form: upper case, no spaces, the dot after the category (the 837P drops it).',
  source: 'ICD-10-CM code format (CDC/NCHS); ASC X12 837P HI (codes without the decimal point)',
  example: 'Diagnosis "e11 .9" becomes E11.9.',
  repair(claim) {
    const hits: EditHit[] = [];
    const diagnoses = claim.diagnoses.map((diagnosis, index) => {
      const fixed = formatIcd10Code(diagnosis.code);
      if (fixed === diagnosis.code || fixed === '') return diagnosis;
      hits.push({ message: `Wrote diagnosis "${diagnosis.code}" as ${fixed}.`, field: `diagnoses[${index}].code` });
      return { ...diagnosis, code: fixed };
    });
    return hits.length === 0 ? { claim, hits } : { claim: { ...claim, diagnoses }, hits };
  },
};

export const repairProcedureFormat: RepairDefinition = {
  id: 'REPAIR-PROC-FORMAT',
  category: 'repair',
  severity: 'repaired',
  owner: 'BILLER',
  checks: 'Upper-cases and trims procedure codes and modifiers, and drops empty or repeated modifiers.',
  source: 'ASC X12 837P 005010X222A1 SV101 (HC:code:modifiers, upper case)',
  example: 'Line "j1100" with modifiers ["rt", ""] becomes J1100-RT.',
  repair(claim) {
    const hits: EditHit[] = [];
    const lines = claim.lines.map((line, index) => {
      const code = normalizeCode(line.code);
      const modifiers = [...new Set(line.modifiers.map((m) => m.trim().toUpperCase()).filter((m) => m !== ''))];
      const modifiersChanged =
        modifiers.length !== line.modifiers.length || modifiers.some((m, i) => m !== line.modifiers[i]);
      if (code === line.code && !modifiersChanged) return line;
      hits.push({
        message: `Wrote line ${index + 1} as ${[code, ...modifiers].join('-')}.`,
        field: `lines[${index}]`,
      });
      return { ...line, code, modifiers };
    });
    return hits.length === 0 ? { claim, hits } : { claim: { ...claim, lines }, hits };
  },
};

export const repairPayerCode: RepairDefinition = {
  id: 'REPAIR-PAYER-CODE',
  category: 'repair',
  severity: 'repaired',
  owner: 'CODER',
  checks:
    'Applies the payer’s code substitutions marked "repair" in its rules file (the same service under the payer’s own code).',
  source: 'Payer rules file config/payer-rules/<rulesId>.json (version and rule id in each finding)',
  example: 'Medicare: 90471 billed with 90686 becomes G0008 (influenza vaccine administration).',
  repair(claim, context) {
    const rules = context.payerRules;
    if (!rules) return { claim, hits: [] };
    let lines = claim.lines;
    const hits: EditHit[] = [];
    for (const rule of rules.codeSubstitutions.filter((r) => r.action === 'repair')) {
      for (const index of substitutionTargets({ claim: { ...claim, lines }, lineDates: context.lineDates }, rule)) {
        lines = lines.map((line, i) =>
          i === index
            ? { ...line, code: rule.to, system: /^[A-V]\d{4}$/.test(rule.to) ? ('HCPCS' as const) : ('CPT' as const) }
            : line,
        );
        hits.push({
          message: `${rules.payerName} wants ${rule.to} instead of ${rule.from} (${rule.reason}); replaced.`,
          field: `lines[${index}].code`,
          source: `Payer rules ${rules.rulesId} v${rules.version} (effective ${rules.effectiveFrom}), rule ${rule.id}: ${rules.source}`,
        });
      }
    }
    return hits.length === 0 ? { claim, hits } : { claim: { ...claim, lines }, hits };
  },
};

/** In the order they run: formats first, so the payer's substitution sees canonical codes. */
export const REPAIRS: readonly RepairDefinition[] = [
  repairNpi,
  repairTin,
  repairZip,
  repairMemberId,
  repairDiagnosisFormat,
  repairProcedureFormat,
  repairPayerCode,
];
