/**
 * Classifies what payers and clearinghouses send back (an 835 CAS group + CARC + RARCs, a 277CA STC, a 999
 * IK3/IK4 error) into a category, the owner of the next action and that action in a biller's words, from the
 * versioned mapping in ./data. Unknown codes are never dropped: they classify as `unknown` with owner BILLER and
 * say so, so the work item still reaches a person.
 */
import { type DenialMapping, denialMapping, syntaxKey } from './mapping.ts';
import type { Disposition, Owner, SyntaxLevel } from './schema.ts';

export interface Classification {
  category: string;
  categoryLabel: string;
  /** A problem someone must work (vs. routine posting such as a contractual write-off or a copay). */
  denial: boolean;
  owner: Owner;
  action: string;
  /** False when a code was not in the mapping (the category is then `unknown` or the fallback named below). */
  known: boolean;
  /** The mapping version that produced this classification. */
  mappingVersion: string;
}

export interface RemarkDescription {
  code: string;
  description: string;
  alert: boolean;
  known: boolean;
}

export interface AdjustmentClassification extends Classification {
  group: string;
  groupDescription: string;
  reason: string;
  reasonDescription: string;
  remarks: RemarkDescription[];
  /** The remark code whose category replaced the generic CARC's (CO-16 + M51 -> coding_error). */
  refinedBy?: string;
  /** Whether the provider may bill the patient for this amount (PR only). */
  patientMayBeBilled: boolean;
  /** One line for a work item or a timeline: "CO-97: Included in the payment for another service (bundled)". */
  summary: string;
}

/** CAS group + CARC (+ the RARCs sent with it on the line or claim) -> category, owner, action. */
export function classifyAdjustment(
  group: string,
  reason: string,
  remarkCodes: readonly string[] = [],
  mapping: DenialMapping = denialMapping(),
): AdjustmentClassification {
  const groupEntry = mapping.adjustmentGroups.get(group);
  const carc = mapping.carc.get(reason);
  const remarks = remarkCodes.map((code) => describeRemark(code, mapping));
  let category = carc?.category ?? 'unknown';
  let owner = carc?.owner;
  let action = carc?.action;
  let refinedBy: string | undefined;
  if (carc?.remarksRefine) {
    for (const code of remarkCodes) {
      const rarc = mapping.rarc.get(code);
      if (rarc?.category && !rarc.alert) {
        category = rarc.category;
        owner = rarc.owner;
        action = rarc.action;
        refinedBy = code;
        break;
      }
    }
  }
  if (group === 'CR') {
    // A correction/reversal restates an earlier adjudication: the reason is kept for the record only.
    category = 'reversal';
    owner = undefined;
    action = undefined;
  }
  const categoryEntry = categoryOf(category, mapping);
  let denial = categoryEntry.denial;
  let resolvedOwner: Owner = owner ?? categoryEntry.owner;
  let resolvedAction = action ?? categoryEntry.action;
  if (group === 'PR') {
    // Patient responsibility: whatever the reason, the payer has moved this amount to the patient.
    denial = false;
    resolvedOwner = 'PATIENT';
    if (category !== 'patient_responsibility') {
      resolvedAction = `Bill the patient: the payer made them responsible (${carc?.description ?? `reason ${reason}`}). Check for a secondary plan first.`;
    }
  }
  const reasonDescription = carc?.description ?? `Unmapped adjustment reason ${reason}`;
  return {
    category,
    categoryLabel: categoryEntry.label,
    denial,
    owner: resolvedOwner,
    action: resolvedAction,
    known: carc !== undefined && groupEntry !== undefined,
    mappingVersion: mapping.version,
    group,
    groupDescription: groupEntry?.description ?? `Unknown adjustment group ${group}`,
    reason,
    reasonDescription,
    remarks,
    ...(refinedBy ? { refinedBy } : {}),
    patientMayBeBilled: groupEntry?.patientMayBeBilled ?? false,
    summary: `${group}-${reason}: ${reasonDescription}${refinedBy ? ` (${refinedBy}: ${mapping.rarc.get(refinedBy)?.description})` : ''}`,
  };
}

export function describeRemark(code: string, mapping: DenialMapping = denialMapping()): RemarkDescription {
  const rarc = mapping.rarc.get(code);
  return rarc
    ? { code, description: rarc.description, alert: rarc.alert === true, known: true }
    : { code, description: `Unmapped remark code ${code}`, alert: false, known: false };
}

/** One STC01 composite of a 277CA: category, status and the entity it is about. */
export interface StatusCodeInput {
  category: string;
  status: string;
  entity?: string;
}

export interface ClaimStatusClassification extends Classification {
  disposition: Disposition;
  statusCategory: string;
  statusCategoryDescription: string;
  status: string;
  statusDescription: string;
  entity?: string;
  entityDescription?: string;
  /** "Rejected for invalid information: Entity's National Provider Identifier (NPI) (Billing provider)". */
  reason: string;
}

/** A 277CA STC category:status:entity -> accepted / rejected / ... with category, owner and action. */
export function classifyClaimStatus(
  input: StatusCodeInput,
  mapping: DenialMapping = denialMapping(),
): ClaimStatusClassification {
  const statusCategory = mapping.claimStatusCategories.get(input.category);
  const status = mapping.claimStatusCodes.get(input.status);
  const entity = input.entity ? mapping.entityCodes.get(input.entity) : undefined;
  // An unknown category is treated as a rejection: a person looks at it rather than the claim silently waiting.
  const disposition: Disposition = statusCategory?.disposition ?? 'rejected';
  let category: string;
  let owner: Owner | undefined;
  let action: string | undefined;
  if (disposition === 'accepted' || disposition === 'acknowledged' || disposition === 'finalized') {
    category = statusCategory?.category ?? 'informational';
    owner = statusCategory?.owner;
    action = statusCategory?.action;
  } else if (status && !status.generic && !['accepted', 'acknowledged', 'informational'].includes(status.category)) {
    category = status.category;
    owner = status.owner;
    action = status.action ?? statusCategory?.action;
  } else {
    category = statusCategory?.category ?? 'unknown';
    owner = statusCategory?.owner;
    action = statusCategory?.action;
  }
  const categoryEntry = categoryOf(category, mapping);
  const statusCategoryDescription = statusCategory?.description ?? `Unmapped status category ${input.category}`;
  const statusDescription = status?.description ?? `Unmapped status code ${input.status}`;
  const entityDescription = input.entity ? (entity?.description ?? `entity ${input.entity}`) : undefined;
  return {
    category,
    categoryLabel: categoryEntry.label,
    denial: categoryEntry.denial,
    owner: owner ?? categoryEntry.owner,
    action: action ?? categoryEntry.action,
    known: statusCategory !== undefined && status !== undefined && (input.entity === undefined || entity !== undefined),
    mappingVersion: mapping.version,
    disposition,
    statusCategory: input.category,
    statusCategoryDescription,
    status: input.status,
    statusDescription,
    ...(input.entity ? { entity: input.entity, entityDescription } : {}),
    reason: `${statusCategoryDescription}: ${statusDescription}${entityDescription ? ` (${entityDescription})` : ''}`,
  };
}

export interface SyntaxErrorClassification extends Classification {
  level: SyntaxLevel;
  code: string;
  description: string;
}

/** A 999 error code at its level (IK304 segment, IK403 element, IK502 transaction, AK905 group). */
export function classifySyntaxError(
  level: SyntaxLevel,
  code: string,
  mapping: DenialMapping = denialMapping(),
): SyntaxErrorClassification {
  const entry = mapping.syntaxErrors.get(syntaxKey(level, code));
  // Every 999 error is a file-level problem the biller owns; unknown codes stay syntax errors, never "unknown" noise.
  const categoryEntry = categoryOf(entry?.category ?? 'syntax_error', mapping);
  return {
    category: categoryEntry.code,
    categoryLabel: categoryEntry.label,
    denial: true,
    owner: entry?.owner ?? 'BILLER',
    action: entry?.action ?? categoryEntry.action,
    known: entry !== undefined,
    mappingVersion: mapping.version,
    level,
    code,
    description: entry?.description ?? `Unmapped ${level} syntax error ${code}`,
  };
}

function categoryOf(code: string, mapping: DenialMapping) {
  const entry = mapping.categories.get(code) ?? mapping.categories.get('unknown');
  if (!entry) throw new Error(`the denial mapping has neither category "${code}" nor "unknown"`);
  return entry;
}
