/** Edits from the payer's rules file (companion-guide rules as data, core/scrubbing/payer-rules.ts). */
import { type EditHit, NO_HITS, type ScrubContext, type SyncEditDefinition } from '../edit.ts';
import { type CodeListRule, type CodeSubstitutionRule, codeListed, type PayerRuleSet } from '../payer-rules.ts';

const RULES_FILE = 'Payer rules file config/payer-rules/<rulesId>.json (version and rule id in each finding)';

function ruleSource(rules: PayerRuleSet, ruleId: string): string {
  return `Payer rules ${rules.rulesId} v${rules.version} (effective ${rules.effectiveFrom}), rule ${ruleId}: ${rules.source}`;
}

/** Lines whose code a substitution rule applies to (its `whenBilledWith` code billed on the same date). */
export function substitutionTargets(
  context: Pick<ScrubContext, 'claim' | 'lineDates'>,
  rule: CodeSubstitutionRule,
): number[] {
  const codes = context.claim.lines.map((l) => l.code);
  return codes.flatMap((code, index) => {
    if (code !== rule.from) return [];
    const companions = rule.whenBilledWith ?? [];
    if (companions.length === 0) return [index];
    const date = context.lineDates[index];
    const billedWith = codes.some(
      (other, j) => j !== index && context.lineDates[j] === date && codeListed(other, companions),
    );
    return billedWith ? [index] : [];
  });
}

export const payerCodeSubstitution: SyncEditDefinition = {
  id: 'PAYER-CODE-SUBSTITUTION',
  category: 'payer',
  severity: 'error',
  owner: 'CODER',
  checks:
    'A code the payer replaces with its own (e.g. G0008 instead of 90471 for flu vaccine administration) is not billed; rules with action "repair" are applied by REPAIR-PAYER-CODE instead.',
  source: RULES_FILE,
  example: '90471 with 90686 to a payer whose rules want G0008 (action "error").',
  check(context) {
    const rules = context.payerRules;
    if (!rules) return NO_HITS;
    return rules.codeSubstitutions
      .filter((rule) => rule.action === 'error')
      .flatMap((rule) =>
        substitutionTargets(context, rule).map(
          (index): EditHit => ({
            message: `${rules.payerName} does not accept ${rule.from} here; bill ${rule.to} instead (${rule.reason}).`,
            field: `lines[${index}].code`,
            suggestedFix: `Replace ${rule.from} with ${rule.to}.`,
            source: ruleSource(rules, rule.id),
          }),
        ),
      );
  },
};

function codeListEdit(
  id: string,
  checks: string,
  example: string,
  rulesOf: (rules: PayerRuleSet) => readonly CodeListRule[],
  satisfied: (context: ScrubContext) => boolean,
  describe: (rules: PayerRuleSet, rule: CodeListRule, code: string) => Omit<EditHit, 'field' | 'source'>,
): SyncEditDefinition {
  return {
    id,
    category: 'payer',
    severity: 'error',
    owner: 'BILLER',
    checks,
    source: RULES_FILE,
    example,
    check(context) {
      const rules = context.payerRules;
      if (!rules || satisfied(context)) return NO_HITS;
      const hits: EditHit[] = [];
      for (const rule of rulesOf(rules)) {
        for (const [index, line] of context.claim.lines.entries()) {
          const code = line.code;
          if (!codeListed(code, rule.codes)) continue;
          hits.push({
            ...describe(rules, rule, code),
            field: `lines[${index}].code`,
            source: ruleSource(rules, rule.id),
          });
        }
      }
      return hits;
    },
  };
}

export const payerReferringProvider = codeListEdit(
  'PAYER-REFERRING-PROVIDER',
  'Services the payer lists as needing a referral carry a referring provider with an NPI.',
  'A specialist consultation billed to a plan that requires the referring provider, without one.',
  (rules) => rules.referringProviderRequired,
  (context) => Boolean(context.claim.referringProvider?.npi),
  (rules, rule, code) => ({
    message: `${rules.payerName} requires a referring provider for ${code} (${rule.reason}); the claim has none.`,
    suggestedFix: 'Add the referring provider’s name and NPI (loop 2310A).',
  }),
);

export const payerPriorAuthorization = codeListEdit(
  'PAYER-PRIOR-AUTH',
  'Services the payer lists as needing prior authorization carry a prior authorization number.',
  'An MRI billed to a plan that requires prior authorization, without the number.',
  (rules) => rules.priorAuthorizationRequired,
  (context) => Boolean(context.claim.priorAuthorization?.trim()),
  (rules, rule, code) => ({
    message: `${rules.payerName} requires prior authorization for ${code} (${rule.reason}); the claim has no authorization number.`,
    suggestedFix: 'Enter the authorization number (REF*G1), or obtain a retro-authorization.',
  }),
);

export const payerNonCovered: SyncEditDefinition = {
  id: 'PAYER-NON-COVERED',
  category: 'payer',
  severity: 'error',
  owner: 'BILLER',
  checks:
    'No line bills a code the payer does not cover, unless it carries a liability modifier the rule accepts (e.g. GA: advance notice on file).',
  source: RULES_FILE,
  example: 'A routine vision screening billed to Medicare Part B without GY.',
  check(context) {
    const rules = context.payerRules;
    if (!rules) return NO_HITS;
    const hits: EditHit[] = [];
    for (const rule of rules.nonCovered) {
      for (const [index, line] of context.claim.lines.entries()) {
        const code = line.code;
        if (!codeListed(code, rule.codes) || line.modifiers.some((m) => rule.unlessModifiers?.includes(m))) continue;
        const modifiers = rule.unlessModifiers ?? [];
        hits.push({
          message: `${rules.payerName} does not cover ${code} (${rule.reason}).`,
          field: `lines[${index}].code`,
          suggestedFix:
            modifiers.length > 0
              ? `Bill the patient with a signed advance notice and modifier ${modifiers.join(' or ')}, or remove the line.`
              : 'Bill the patient directly (with their agreement) and remove the line from this claim.',
          source: ruleSource(rules, rule.id),
        });
      }
    }
    return hits;
  },
};

export const payerRulesUnavailable: SyncEditDefinition = {
  id: 'PAYER-RULES-UNAVAILABLE',
  category: 'payer',
  severity: 'warning',
  owner: 'BILLER',
  checks: 'The payer’s configured rules file is loaded and has a version in effect on the date of service.',
  source: 'Practice configuration payers[].rulesId; config/payer-rules/',
  example: 'A payer configured with rulesId "acme" and no config/payer-rules/acme.json.',
  check(context) {
    const rulesId = context.payer?.rulesId;
    if (rulesId === undefined || context.payerRules !== undefined || context.firstDate === undefined) return NO_HITS;
    const loaded = context.ports.payerRules.has(rulesId);
    return [
      {
        message: loaded
          ? `Payer rules "${rulesId}" have no version in effect on ${context.firstDate}; payer-specific edits were not run.`
          : `Payer rules "${rulesId}" are configured for ${context.payer?.payerId} but not loaded; payer-specific edits were not run.`,
        field: 'payer.payerId',
        suggestedFix: `Add config/payer-rules/${rulesId}.json (or a version effective on the date of service).`,
      },
    ];
  },
};

export const PAYER_EDITS: readonly SyncEditDefinition[] = [
  payerCodeSubstitution,
  payerReferringProvider,
  payerPriorAuthorization,
  payerNonCovered,
  payerRulesUnavailable,
];
