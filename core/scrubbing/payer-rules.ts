/**
 * Payer rules as data: one versioned JSON file per payer rules id (`config/payer-rules/<rulesId>.json`), the
 * companion-guide requirements a payer adds to the national edits. Validated when loaded; a file that does not
 * match the schema is refused with every problem named, never half-applied.
 */
import { z } from 'zod';
import type { IsoDate } from '#core/documents/encounter';

export const PAYER_RULES_FORMAT = '1';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
/** A 5-character CPT/HCPCS code, or an inclusive range of them written `70010-79999`. */
const codeOrRange = z
  .string()
  .regex(/^[0-9A-Z]{5}(-[0-9A-Z]{5})?$/, 'a code is 5 characters (CPT/HCPCS), a range is two codes joined by "-"');
const code = z.string().regex(/^[0-9A-Z]{5}$/, 'a code is 5 characters (CPT/HCPCS)');
const modifier = z.string().regex(/^[0-9A-Z]{2}$/, 'a modifier is 2 characters');
const ruleId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a rule id is lower-case letters, digits and hyphens');

const codeSubstitution = z.object({
  id: ruleId,
  /** The code the payer does not accept in this situation. */
  from: code,
  /** The code the payer wants instead. */
  to: code,
  /** Only when one of these codes is billed on the same date (empty or absent: always). */
  whenBilledWith: z.array(codeOrRange).optional(),
  /** `repair`: the scrubber swaps the code and records it; `error`: a coder must change it. */
  action: z.enum(['repair', 'error']),
  reason: z.string().min(1),
});

const codeListRule = z.object({
  id: ruleId,
  codes: z.array(codeOrRange).min(1),
  reason: z.string().min(1),
});

const nonCoveredRule = codeListRule.extend({
  /** Modifiers that make the line billable anyway (e.g. GA: advance beneficiary notice on file, GY: statutorily excluded). */
  unlessModifiers: z.array(modifier).optional(),
});

export const payerRuleSetSchema = z
  .object({
    rulesFormat: z.literal(PAYER_RULES_FORMAT),
    rulesId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a rules id is lower-case letters, digits and hyphens'),
    /** Version of this rules file, quoted in every finding it raises. */
    version: z.string().min(1),
    /** First date of service the rules apply to. */
    effectiveFrom: isoDate,
    payerName: z.string().min(1),
    /** Where the rules come from (companion guide, policy manual). */
    source: z.string().min(1),
    codeSubstitutions: z.array(codeSubstitution).default([]),
    referringProviderRequired: z.array(codeListRule).default([]),
    priorAuthorizationRequired: z.array(codeListRule).default([]),
    nonCovered: z.array(nonCoveredRule).default([]),
  })
  .strict();

export type PayerRuleSet = z.infer<typeof payerRuleSetSchema>;
export type CodeSubstitutionRule = PayerRuleSet['codeSubstitutions'][number];
export type CodeListRule = PayerRuleSet['referringProviderRequired'][number];
export type NonCoveredRule = PayerRuleSet['nonCovered'][number];

export class InvalidPayerRulesError extends Error {
  constructor(source: string, issues: string[]) {
    super(`payer rules ${source} are invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'InvalidPayerRulesError';
  }
}

/** Validates one parsed rules document; `source` names it in errors (a file path). */
export function parsePayerRuleSet(json: unknown, source: string): PayerRuleSet {
  const parsed = payerRuleSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new InvalidPayerRulesError(
      source,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const rules = parsed.data;
  const ids = [
    ...rules.codeSubstitutions,
    ...rules.referringProviderRequired,
    ...rules.priorAuthorizationRequired,
    ...rules.nonCovered,
  ].map((r) => r.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  const reversed = [
    ...rules.referringProviderRequired,
    ...rules.priorAuthorizationRequired,
    ...rules.nonCovered,
    ...rules.codeSubstitutions.map((s) => ({ id: s.id, codes: s.whenBilledWith ?? [] })),
  ].flatMap((r) => r.codes.filter((c) => c.length === 11 && c.slice(0, 5) > c.slice(6)).map((c) => `${r.id}: ${c}`));
  const problems = [
    ...repeated.map((id) => `rule id "${id}" is used twice`),
    ...reversed.map((what) => `range ${what} ends before it starts`),
  ];
  if (problems.length > 0) throw new InvalidPayerRulesError(source, problems);
  return rules;
}

/** Whether a (normalized, 5-character) code is one of the listed codes or inside a listed range. */
export function codeListed(codeToFind: string, list: readonly string[]): boolean {
  for (const entry of list) {
    if (entry.length === 5 ? entry === codeToFind : codeToFind >= entry.slice(0, 5) && codeToFind <= entry.slice(6))
      return true;
  }
  return false;
}

/** The port the scrubber reads payer rules through. */
export interface PayerRules {
  /** The rules of `rulesId` in effect on the date (the latest version effective on or before it). */
  rulesFor(rulesId: string, date: IsoDate): PayerRuleSet | undefined;
  /** Whether any version of `rulesId` is loaded (to tell "not loaded" from "not yet in effect"). */
  has(rulesId: string): boolean;
}

/** Payer rules over validated rule sets (several versions of one rules id may be given). */
export function payerRulesFrom(ruleSets: readonly PayerRuleSet[]): PayerRules {
  const byId = new Map<string, PayerRuleSet[]>();
  for (const rules of ruleSets) {
    const versions = byId.get(rules.rulesId) ?? [];
    if (versions.some((v) => v.effectiveFrom === rules.effectiveFrom))
      throw new Error(`payer rules "${rules.rulesId}" have two versions effective ${rules.effectiveFrom}`);
    versions.push(rules);
    versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
    byId.set(rules.rulesId, versions);
  }
  return {
    rulesFor: (rulesId, date) => byId.get(rulesId)?.find((v) => v.effectiveFrom <= date),
    has: (rulesId) => byId.has(rulesId),
  };
}

/** Rules parsed from JSON documents already in memory (what a Lambda bundle inlines). */
export function payerRulesFromJson(documents: readonly { source: string; json: unknown }[]): PayerRules {
  return payerRulesFrom(documents.map((d) => parsePayerRuleSet(d.json, d.source)));
}
