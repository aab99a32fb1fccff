/** Modifier edits: 25 with a same-day procedure, 25 and 59 on the right kind of code, laterality. */
import { type EditHit, NO_HITS, type ScrubContext, type SyncEditDefinition } from '../edit.ts';
import {
  DISTINCT_SERVICE_MODIFIERS,
  isEvaluationAndManagement,
  isSurgicalProcedure,
  NCCI_POLICY_MANUAL,
} from '../procedure-classes.ts';

const CPT_MODIFIER_RULES = 'CPT Appendix A modifier definitions; CMS Claims Processing Manual ch. 12 §30.6.6';

function lines(context: ScrubContext) {
  return context.claim.lines.map((line, index) => ({
    index,
    code: line.code,
    modifiers: line.modifiers,
    pointers: line.diagnosisPointers,
    date: context.lineDates[index] ?? context.firstDate,
  }));
}

export const emWithoutModifier25: SyncEditDefinition = {
  id: 'EM-MODIFIER-25-MISSING',
  category: 'modifier',
  severity: 'error',
  owner: 'CODER',
  checks:
    'An E/M billed on the same date as a procedure with a global period (minor procedure) carries modifier 25 (or 57 for the decision for surgery).',
  source: `${NCCI_POLICY_MANUAL}; ${CPT_MODIFIER_RULES}`,
  example: '99213 and 11055 (paring of a corn) on the same day, 99213 without 25.',
  check(context) {
    const all = lines(context);
    // The first procedure of each date, found in one pass (one scan per E/M line was quadratic in lines).
    const procedureOn = new Map<string | undefined, (typeof all)[number]>();
    for (const line of all)
      if (!procedureOn.has(line.date) && isSurgicalProcedure(line.code)) procedureOn.set(line.date, line);
    return all
      .filter(
        (em) =>
          isEvaluationAndManagement(em.code) &&
          !em.modifiers.includes('25') &&
          !em.modifiers.includes('57') &&
          procedureOn.has(em.date),
      )
      .map((em) => {
        const procedure = procedureOn.get(em.date)!;
        return {
          message: `${em.code} is billed the same day as procedure ${procedure.code} without modifier 25; the visit will be bundled into the procedure.`,
          field: `lines[${em.index}].modifiers`,
          suggestedFix:
            'Add 25 if a significant, separately identifiable problem was evaluated beyond the procedure; otherwise remove the E/M.',
        };
      });
  },
};

export const modifier25NotOnEm: SyncEditDefinition = {
  id: 'MODIFIER-25-NOT-EM',
  category: 'modifier',
  severity: 'error',
  owner: 'CODER',
  checks: 'Modifier 25 appears only on E/M codes (99202-99499).',
  source: CPT_MODIFIER_RULES,
  example: '96372-25 (an injection with modifier 25).',
  check(context) {
    return lines(context)
      .filter((line) => line.modifiers.includes('25') && !isEvaluationAndManagement(line.code))
      .map((line) => ({
        message: `Modifier 25 is on ${line.code}, which is not an E/M service; 25 belongs on the visit code.`,
        field: `lines[${line.index}].modifiers`,
        suggestedFix: 'Move 25 to the E/M line, or use 59/XE/XS/XP/XU if a distinct procedure is meant.',
      }));
  },
};

export const distinctServiceOnEm: SyncEditDefinition = {
  id: 'MODIFIER-59-ON-EM',
  category: 'modifier',
  severity: 'error',
  owner: 'CODER',
  checks: 'Modifiers 59, XE, XS, XP and XU never appear on an E/M code.',
  source: NCCI_POLICY_MANUAL,
  example: '99213-59.',
  check(context) {
    return lines(context).flatMap((line): EditHit[] => {
      const wrong = line.modifiers.find((m) => DISTINCT_SERVICE_MODIFIERS.has(m));
      if (!wrong || !isEvaluationAndManagement(line.code)) return NO_HITS;
      return [
        {
          message: `Modifier ${wrong} is on E/M ${line.code}; NCCI does not allow 59 or X{EPSU} on evaluation and management services.`,
          field: `lines[${line.index}].modifiers`,
          suggestedFix: 'Use 25 on the E/M for a separately identifiable visit, and remove 59.',
        },
      ];
    });
  },
};

export const bilateralWithSide: SyncEditDefinition = {
  id: 'MODIFIER-50-WITH-SIDE',
  category: 'modifier',
  severity: 'error',
  owner: 'CODER',
  checks: 'Modifier 50 (bilateral) is not combined with RT or LT on the same line.',
  source: 'CMS Claims Processing Manual ch. 12 §40.7 (bilateral surgery); CPT Appendix A',
  example: '20610-50-RT.',
  check(context) {
    return lines(context)
      .filter(
        (line) => line.modifiers.includes('50') && (line.modifiers.includes('RT') || line.modifiers.includes('LT')),
      )
      .map((line) => ({
        message: `${line.code} carries 50 (bilateral) together with ${line.modifiers.includes('RT') ? 'RT' : 'LT'}; a line is either bilateral or one side.`,
        field: `lines[${line.index}].modifiers`,
        suggestedFix: 'Keep 50 alone for a bilateral procedure, or RT/LT alone for one side.',
      }));
  },
};

type Side = 'right' | 'left' | 'bilateral';

/** The side an ICD-10-CM title names, if exactly one ("..., right ear", "left knee", "bilateral"). */
function sideOfTitle(title: string | undefined): Side | undefined {
  if (!title) return undefined;
  const sides = (['right', 'left', 'bilateral'] as const).filter((side) =>
    new RegExp(`\\b${side}\\b`, 'i').test(title),
  );
  return sides.length === 1 ? sides[0] : undefined;
}

export const lateralityConflict: SyncEditDefinition = {
  id: 'MODIFIER-LATERALITY-CONFLICT',
  category: 'modifier',
  severity: 'error',
  owner: 'CODER',
  checks:
    'RT or LT on a line agrees with the side of the diagnoses it points to (a left-sided diagnosis does not support RT).',
  source: `ICD-10-CM Official Guidelines §I.B.13 (laterality); ${CPT_MODIFIER_RULES}`,
  example: '69210-RT (cerumen removal, right) pointing only to H61.22 (impacted cerumen, left ear).',
  check(context) {
    const date = context.firstDate;
    if (date === undefined) return NO_HITS;
    const icd = context.lookups.icd10cm;
    return lines(context).flatMap((line): EditHit[] => {
      const modifierSide = line.modifiers.includes('RT') ? 'right' : line.modifiers.includes('LT') ? 'left' : undefined;
      if (!modifierSide || (line.modifiers.includes('RT') && line.modifiers.includes('LT'))) return NO_HITS;
      const sides = line.pointers
        .map((p) => context.claim.diagnoses[p - 1])
        .map((d) => (d ? { code: d.code, side: sideOfTitle(icd.title(d.code, line.date ?? date)) } : undefined))
        .filter((d): d is { code: string; side: Side } => d?.side !== undefined);
      if (sides.length === 0 || sides.some((d) => d.side === modifierSide || d.side === 'bilateral')) return NO_HITS;
      return [
        {
          message: `${line.code} is billed ${modifierSide} side (${modifierSide === 'right' ? 'RT' : 'LT'}) but its diagnoses are ${sides.map((d) => `${d.code} (${d.side})`).join(', ')}.`,
          field: `lines[${line.index}].modifiers`,
          suggestedFix:
            'Correct the side on the modifier or on the diagnosis, whichever the documentation contradicts.',
        },
      ];
    });
  },
};

export const MODIFIER_EDITS: readonly SyncEditDefinition[] = [
  emWithoutModifier25,
  modifier25NotOnEm,
  distinctServiceOnEm,
  bilateralWithSide,
  lateralityConflict,
];
