/**
 * The edit library's entry point. `scrubClaim` repairs what can be repaired deterministically, runs every edit on the
 * repaired claim and returns the findings with the repaired claim. `error` findings block submission (the claim goes
 * to review, owned by the coder if any error is a coding edit, else the biller); `warning` and `repaired` do not.
 */
import type { Claim } from '#core/claims/claim';
import type { CodedEncounter } from '#core/coding/coded-encounter';
import { EDITS } from './catalogue.ts';
import { buildContext } from './context.ts';
import type { CatalogueEntry, EditHit, ScrubPorts } from './edit.ts';
import { isX12Edit } from './edits/x12-edits.ts';
import type { Finding } from './finding.ts';
import { withPracticeClaimSettings } from './practice-claim-settings.ts';
import { REPAIRS } from './repairs.ts';

export { CATALOGUE, EDITS } from './catalogue.ts';
export type { EditDefinition, RepairDefinition, ScrubPorts } from './edit.ts';
export type { Finding, FindingOwner, FindingSeverity } from './finding.ts';
export {
  type PayerRuleSet,
  type PayerRules,
  parsePayerRuleSet,
  payerRulesFrom,
  payerRulesFromJson,
} from './payer-rules.ts';
export {
  DUPLICATE_STATUSES,
  duplicateKey,
  InMemoryPriorClaims,
  type PriorClaimMatch,
  type PriorClaims,
} from './prior-claims.ts';
export { REPAIRS } from './repairs.ts';

export interface ScrubResult {
  /** Repairs first, then edit findings in catalogue order. */
  findings: Finding[];
  /** The claim as repaired, each line carrying its date of service; save this one (with `findings`). */
  claim: Claim;
}

function toFinding(entry: CatalogueEntry, hit: EditHit): Finding {
  return {
    id: entry.id,
    severity: entry.severity,
    message: hit.message,
    field: hit.field,
    ...(hit.suggestedFix !== undefined ? { suggestedFix: hit.suggestedFix } : {}),
    source: hit.source ?? entry.source,
    owner: entry.owner,
  };
}

/** Lines without their own date take the encounter's: the 837P needs a date on every line (DTP*472). */
function withLineDates(claim: Claim, coded: CodedEncounter): Claim {
  const date = coded.encounter.dateOfService;
  if (date === undefined || claim.lines.every((line) => line.serviceDate !== undefined)) return claim;
  return { ...claim, lines: claim.lines.map((line) => (line.serviceDate ? line : { ...line, serviceDate: date })) };
}

export async function scrubClaim(claim: Claim, coded: CodedEncounter, ports: ScrubPorts): Promise<ScrubResult> {
  const findings: Finding[] = [];
  let repaired = withPracticeClaimSettings(withLineDates(claim, coded), ports.config);
  const before = buildContext(repaired, coded, ports);
  for (const repair of REPAIRS) {
    const result = repair.repair(repaired, before);
    repaired = result.claim;
    for (const hit of result.hits) findings.push(toFinding(repair, hit));
  }
  const context = buildContext(repaired, coded, ports);
  // Edits run in catalogue order; only the duplicate lookup is asynchronous, so promises are awaited only if present.
  const results = EDITS.map((edit) => edit.check(context));
  for (const [i, result] of results.entries()) {
    const hits = result instanceof Promise ? await result : result;
    for (const hit of hits) findings.push(toFinding(EDITS[i]!, hit));
  }
  return { findings: withoutRestatedX12Findings(findings, repaired), claim: repaired };
}

/**
 * An X12 edit (the builder's check) finding that restates another edit's error is dropped: on the same field (or a
 * part of it), or anywhere in a payer or billing provider whose identifier (payer id, billing NPI) is in error, since
 * configuration fills the rest from the identifier once it is right. Only ever dropped beside another error, so the
 * claim is blocked either way. When the patient is the subscriber, the builder checks the subscriber's demographics
 * (2010BA) that the patient edits check as the patient's.
 */
export function withoutRestatedX12Findings(findings: Finding[], claim: Claim): Finding[] {
  const self = claim.patient.relationshipToSubscriber === '18';
  const canonical = (field: string) =>
    self ? field.replace(/^subscriber\.(?!memberId|groupNumber)/, 'patient.') : field;
  const specific = findings.filter((f) => f.severity === 'error' && !isX12Edit(f.id)).map((f) => canonical(f.field));
  if (specific.length === 0) return findings;
  const covered = [
    ...specific,
    ...Object.entries(IDENTIFIED_BY)
      .filter(([, identifier]) => specific.includes(identifier))
      .map(([object]) => object),
  ];
  return findings.filter((f) => !isX12Edit(f.id) || !covered.some((other) => overlaps(canonical(f.field), other)));
}

/** Objects configuration completes from one identifier. */
const IDENTIFIED_BY: Record<string, string> = { payer: 'payer.payerId', billingProvider: 'billingProvider.npi' };

/** One field path is the other, or inside it (`lines[0]` covers `lines[0].modifiers[2]`). */
function overlaps(a: string, b: string): boolean {
  if (a === '' || b === '') return false;
  return a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`) || b.startsWith(`${a}.`) || b.startsWith(`${a}[`);
}
