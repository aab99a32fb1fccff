/**
 * The 837P builder's own checks as edits: one edit per rule of core/x12/837p/claim-rules.ts, each reporting the
 * issues the builder would refuse the claim for, plus a read-back of the claim written as an 837P. Scrubbing runs
 * exactly the checks submission runs, on the same mapping (core/billing/claim-to-837p), so a claim that leaves
 * scrubbing without errors always builds, and a claim the builder would refuse stops here with the reason, owner
 * and fix instead of failing later in submission.
 *
 * Where a specific edit already reports the same field (NPI-BILLING for the billing NPI, MEMBER-ID for the member
 * id...), scrubClaim keeps the specific finding and drops the X12 one (`withoutRestatedX12Findings`).
 */
import { claimTo837P } from '#core/billing/claim-to-837p';
import type { FindingOwner } from '#core/claims/finding';
import { build837P } from '#core/x12/837p/builder';
import { type ClaimIssue, check837PClaims } from '#core/x12/837p/claim-checks';
import { CLAIM_RULES, type ClaimRuleId } from '#core/x12/837p/claim-rules';
import { read837P } from '#core/x12/837p/reader-837p';
import { IMPLEMENTATION_GUIDE } from '#core/x12/837p/tr3-rules';
import type { EditDefinition, EditHit, ScrubContext } from '../edit.ts';

const TR3 = `ASC X12 837P ${IMPLEMENTATION_GUIDE}`;

/** Who fixes what each rule finds, how, and a claim that breaks it. */
const RULE_EDITS: Record<ClaimRuleId, { owner: FindingOwner; fix: string; example: string }> = {
  'X12-CLAIM-ID': {
    owner: 'BILLER',
    fix: 'Give the claim a patient control number of at most 20 letters and digits.',
    example: 'A patient control number of 24 characters.',
  },
  'X12-FREQUENCY': {
    owner: 'BILLER',
    fix: 'Use frequency 1 for an original claim, 7 for a replacement or 8 for a void, with the original claim number for 7 and 8.',
    example: 'Frequency 5.',
  },
  'X12-PLACE-OF-SERVICE': {
    owner: 'BILLER',
    fix: 'Use the two-digit CMS place of service code.',
    example: 'Place of service 111.',
  },
  'X12-CLAIM-INDICATORS': {
    owner: 'BILLER',
    fix: 'Set the practice’s claim indicators in the configuration: providerSignature Y/N, acceptAssignment A/B/C, benefitsAssignment Y/N/W, releaseOfInformation I/Y.',
    example: 'Release of information "X".',
  },
  'X12-PAY-TO': {
    owner: 'BILLER',
    fix: 'Complete the pay-to address in the practice configuration (lines, city, two-letter state, ZIP).',
    example: 'A pay-to address without a city.',
  },
  'X12-SERVICE-FACILITY': {
    owner: 'BILLER',
    fix: 'Complete the service facility in the practice configuration: name, street address (not a PO box), city, state, ZIP and its NPI if it has one.',
    example: 'A service facility without a ZIP code.',
  },
  'X12-DRUG': {
    owner: 'CODER',
    fix: 'Give the drug line the 11-digit NDC from the package (5-4-2), the quantity given and its unit (ML, ME, GR, F2, UN).',
    example: 'An NDC written with 10 digits.',
  },
  'X12-REFERENCE': {
    owner: 'BILLER',
    fix: 'Shorten the number to at most 50 characters and remove characters X12 cannot carry (* : ^ ~).',
    example: 'A prior authorization number containing "*".',
  },
  'X12-BILLING-PROVIDER': {
    owner: 'BILLER',
    fix: 'Complete the billing provider in the practice configuration: organization name, NPI, taxonomy, TIN and a street address with ZIP+4.',
    example: 'A billing provider without an address.',
  },
  'X12-SUBSCRIBER': {
    owner: 'BILLER',
    fix: 'Complete the subscriber from the insurance card and registration: last name, member id, date of birth and sex.',
    example: 'A subscriber without a last name.',
  },
  'X12-SUBSCRIBER-ADDRESS': {
    owner: 'BILLER',
    fix: 'Add the patient’s address to the practice’s patient directory (practice configuration), or to the document (an "Address:" line in a clinical note header).',
    example: 'A clinical note for a patient who is the subscriber, with no address anywhere.',
  },
  'X12-PATIENT': {
    owner: 'BILLER',
    fix: 'Complete the patient from registration: relationship to the subscriber, last name, address, date of birth and sex.',
    example: 'A dependent patient without an address.',
  },
  'X12-PAYER': {
    owner: 'BILLER',
    fix: 'Add the payer to the practice’s payer directory with its name and claim filing indicator; only primary claims are sent.',
    example: 'A claim to a payer without a name.',
  },
  'X12-RENDERING-PROVIDER': {
    owner: 'BILLER',
    fix: 'Add the rendering provider to the practice configuration with name, NPI and taxonomy.',
    example: 'A rendering provider with an NPI but no name.',
  },
  'X12-REFERRING-PROVIDER': {
    owner: 'BILLER',
    fix: 'Name the referring physician (a person, last name and NPI), not the referring organization.',
    example: 'A referral from "Springfield Cardiology" without the physician’s name.',
  },
  'X12-DIAGNOSES': {
    owner: 'CODER',
    fix: 'Code 1-12 distinct ICD-10-CM diagnoses, principal first.',
    example: 'The same diagnosis listed twice.',
  },
  'X12-LINE-CODES': {
    owner: 'CODER',
    fix: 'Give every line a CPT or HCPCS code, at most four modifiers and 1-4 pointers to the claim’s diagnoses.',
    example: 'A line with five modifiers.',
  },
  'X12-LINES': {
    owner: 'BILLER',
    fix: 'Give every line a charge, positive units (at most 3 decimals) and a date of service; split claims over 50 lines.',
    example: 'A line with 1.2345 units.',
  },
};

/** The builder's issues for the claim in context, computed once per claim and shared by every rule's edit. */
const issuesByContext = new WeakMap<ScrubContext, ClaimIssue[]>();

function builderIssues(context: ScrubContext): ClaimIssue[] {
  let issues = issuesByContext.get(context);
  if (!issues) {
    issues = check837PClaims([claimTo837P(context.claim)]);
    issuesByContext.set(context, issues);
  }
  return issues;
}

/**
 * The builder's message, or for an address nothing supplied, what is missing and where it could have come from
 * (core/config/practice-defaults fills it from the patient directory before coding).
 */
function explained(issue: ClaimIssue): string {
  const missingAddress =
    (issue.field === 'subscriber.address' || issue.field === 'patient.address') &&
    /address is required/.test(issue.message);
  if (!missingAddress) return issue.message;
  const whose =
    issue.field === 'subscriber.address'
      ? 'subscriber’s address (2010BA N3/N4, the patient is the subscriber)'
      : 'patient’s address (2010CA N3/N4)';
  // The directory lives on the table (`claimflow patients load`), which scrubbing does not read: name the rule only.
  const directory =
    'the practice’s patient directory has no entry for this patient (entries match by MRN, or by member id and date of birth; `claimflow patients load` records them)';
  return `The ${whose} is missing: the document does not carry it and ${directory}.`;
}

function ruleEdit(rule: (typeof CLAIM_RULES)[number]): EditDefinition {
  const { owner, fix, example } = RULE_EDITS[rule.id];
  return {
    id: rule.id,
    category: 'x12',
    severity: 'error',
    owner,
    checks: rule.checks,
    source: `${TR3} ${rule.where}`,
    example,
    check(context): EditHit[] {
      return builderIssues(context)
        .filter((issue) => issue.rule === rule.id)
        .map((issue) => ({ message: explained(issue), field: issue.field, suggestedFix: fix }));
    },
  };
}

/** Fixed control numbers: the read-back interchange is never sent and never uses up a real number. */
const READBACK_NUMBERS = { next: async () => 1 };

export const readBack: EditDefinition = {
  id: 'X12-READBACK',
  category: 'x12',
  severity: 'error',
  owner: 'BILLER',
  checks:
    'The claim, written as an 837P with the practice’s submitter identity, reads back with every segment its loops require and a consistent hierarchy.',
  source: `${TR3} loop requirements (segments required per loop) and HL hierarchy`,
  example: 'A submitter identity in the configuration that the builder refuses.',
  async check(context) {
    // A claim the rules already refuse cannot be written; those rules' edits say why.
    if (builderIssues(context).length > 0) return [];
    let text: string;
    try {
      text = (
        await build837P([claimTo837P(context.claim)], {
          identity: context.ports.config.submitter,
          controlNumbers: READBACK_NUMBERS,
          now: new Date(`${context.ports.today}T00:00:00Z`),
        })
      ).text;
    } catch (error) {
      return [
        {
          message: `The 837P cannot be written: ${error instanceof Error ? error.message : String(error)}`,
          field: 'submitter',
          suggestedFix: 'Correct the submitter identity in the practice configuration.',
        },
      ];
    }
    return read837P(text).issues.map((issue) => ({
      message: `The written 837P breaks a loop requirement: ${issue.message}`,
      field: 'claim',
      suggestedFix: 'Report this claim to the ClaimFlow maintainers: the builder wrote a segment the reader refuses.',
    }));
  },
};

export const X12_EDITS: readonly EditDefinition[] = [...CLAIM_RULES.map(ruleEdit), readBack];

const X12_EDIT_IDS: ReadonlySet<string> = new Set(X12_EDITS.map((edit) => edit.id));

export function isX12Edit(id: string): boolean {
  return X12_EDIT_IDS.has(id);
}
