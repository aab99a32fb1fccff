/** ICD-10-CM edits: validity on the date of service, specificity, 7th characters, sequencing, Excludes1, demographics. */
import { ageOn } from '../context.ts';
import { type EditHit, NO_HITS, type ScrubContext, type SyncEditDefinition } from '../edit.ts';
import { codeReferencesIn, isReferenced } from '../icd-note-references.ts';

const GUIDELINES = 'ICD-10-CM Official Guidelines for Coding and Reporting';
const MCE = 'CMS Medicare Code Editor age and sex edits (core/codesets/demographic-edits.ts)';

/** Diagnoses with their undotted code, checked only when a date of service and an ICD-10-CM release exist. */
function checkableDiagnoses(context: ScrubContext): { index: number; code: string; shown: string }[] {
  const date = context.firstDate;
  if (date === undefined || context.lookups.releaseFor('icd10cm', date) === undefined) return [];
  return context.claim.diagnoses.map((d, index) => ({ index, code: context.diagnosisCodes[index]!, shown: d.code }));
}

/** A 7th-character problem: the code takes one and is not a valid code as written. */
function seventhCharacterProblem(context: ScrubContext, code: string): EditHit | undefined {
  const date = context.firstDate!;
  const icd = context.lookups.icd10cm;
  const rule = icd.seventhCharacter(code, date);
  if (!rule || icd.isBillable(code, date)) return undefined;
  const allowed = rule.characters.map((c) => c.character).join(', ');
  const example = `${rule.baseCode.slice(0, 3)}.${rule.baseCode.slice(3)}${rule.characters[0]?.character ?? 'A'}`;
  const placeholder = rule.placeholderNeeded ? ', padded with placeholder X to six characters first' : '';
  const message =
    rule.given !== undefined && rule.givenIsAllowed === false
      ? `${rule.baseCode}${rule.given} uses 7th character ${rule.given}, which ${rule.definedAt} does not allow (allowed: ${allowed})`
      : `this code needs a 7th character (${allowed}) defined at ${rule.definedAt}${placeholder}`;
  return {
    message,
    field: '',
    suggestedFix: `Choose the 7th character the documentation supports, e.g. ${example}`,
  };
}

export const diagnosisInvalid: SyncEditDefinition = {
  id: 'DX-CODE-INVALID',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: 'Every diagnosis is an ICD-10-CM code in the release in effect on the date of service.',
  source: `${GUIDELINES} §I.A; HIPAA code sets (45 CFR 162.1002): the code set valid on the date of service`,
  example: 'E11.99 (not a code) as a diagnosis on a 2026 claim.',
  check(context) {
    const date = context.firstDate!;
    const icd = context.lookups.icd10cm;
    return checkableDiagnoses(context)
      .filter(({ code }) => !icd.isValid(code, date) && !seventhCharacterProblem(context, code))
      .map(({ index, shown }) => ({
        message: `Diagnosis ${shown} is not an ICD-10-CM code on ${date}.`,
        field: `diagnoses[${index}].code`,
        suggestedFix: 'Correct the code, or choose the code valid on the date of service.',
        source: `${GUIDELINES} §I.A; code set ${context.lookups.releaseFor('icd10cm', date)?.id}`,
      }));
  },
};

export const diagnosisNotBillable: SyncEditDefinition = {
  id: 'DX-NOT-BILLABLE',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: 'Every diagnosis is billable: a complete code, not a category or subcategory with codes below it.',
  source: `${GUIDELINES} §I.B.2 (level of detail in coding)`,
  example: 'E11.6 (a subcategory) instead of E11.65.',
  check(context) {
    const date = context.firstDate!;
    const icd = context.lookups.icd10cm;
    return checkableDiagnoses(context)
      .filter(
        ({ code }) => icd.isValid(code, date) && !icd.isBillable(code, date) && !seventhCharacterProblem(context, code),
      )
      .map(({ index, shown, code }) => {
        const children = icd
          .children(code, date)
          .slice(0, 4)
          .map((c) => c.display);
        return {
          message: `Diagnosis ${shown} is a header code with more specific codes below it; payers reject it.`,
          field: `diagnoses[${index}].code`,
          suggestedFix:
            children.length > 0
              ? `Code to the highest specificity documented, e.g. ${children.join(', ')}.`
              : 'Code to the highest specificity documented.',
        };
      });
  },
};

export const diagnosisSeventhCharacter: SyncEditDefinition = {
  id: 'DX-SEVENTH-CHARACTER',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: 'A code from a category that takes a 7th character carries an allowed one, with placeholder X where needed.',
  source: `${GUIDELINES} §I.A.5 (placeholder character), §I.A.6 (7th characters)`,
  example: 'S52.521 (torus fracture, lower end of right radius) without its 7th character A, D or S.',
  check(context) {
    return checkableDiagnoses(context).flatMap(({ index, code, shown }) => {
      const problem = seventhCharacterProblem(context, code);
      return problem
        ? [{ ...problem, message: `Diagnosis ${shown}: ${problem.message}.`, field: `diagnoses[${index}].code` }]
        : NO_HITS;
    });
  },
};

const MANIFESTATION_TITLE = /\bin (?:other )?(?:diseases|conditions) classified elsewhere\b/i;

export const manifestationFirstListed: SyncEditDefinition = {
  id: 'DX-MANIFESTATION-FIRST',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks:
    'The first-listed diagnosis is not a manifestation code ("in diseases classified elsewhere"); its etiology goes first.',
  source: `${GUIDELINES} §I.A.13 (etiology/manifestation convention: "code first")`,
  example: 'G63 (polyneuropathy in diseases classified elsewhere) listed before E11.42.',
  check(context) {
    const first = checkableDiagnoses(context)[0];
    if (!first) return NO_HITS;
    const date = context.firstDate!;
    const icd = context.lookups.icd10cm;
    const titles = [icd.title(first.code, date), ...icd.parents(first.code, date).map((p) => p.title)];
    if (!titles.some((t) => t !== undefined && MANIFESTATION_TITLE.test(t))) return NO_HITS;
    const codeFirst = icd
      .notes(first.code, date)
      .flatMap((n) => n.notes.codeFirst ?? [])
      .slice(0, 2);
    return [
      {
        message: `Diagnosis ${first.shown} is a manifestation code and can never be listed first.`,
        field: 'diagnoses[0].code',
        suggestedFix:
          codeFirst.length > 0
            ? `List the underlying condition first (code first: ${codeFirst.join('; ')}).`
            : 'List the underlying condition (etiology) first, then this code.',
      },
    ];
  },
};

export const excludes1Pair: SyncEditDefinition = {
  id: 'DX-EXCLUDES1',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: 'No two diagnoses on the claim form an Excludes1 pair (conditions that can never be coded together).',
  source: `${GUIDELINES} §I.A.12.a (Excludes1)`,
  example: 'R73.09 (abnormal glucose) with E11.9 (type 2 diabetes): R73 excludes diabetes mellitus (E08-E13).',
  check(context) {
    const diagnoses = checkableDiagnoses(context);
    if (diagnoses.length < 2) return NO_HITS;
    const date = context.firstDate!;
    const icd = context.lookups.icd10cm;
    const hits: EditHit[] = [];
    const reported = new Set<string>();
    for (const a of diagnoses) {
      for (const note of icd.excludes(a.code, date).excludes1) {
        const references = codeReferencesIn(note.text);
        for (const b of diagnoses) {
          if (b.index === a.index || !references.some((r) => isReferenced(b.code, r))) continue;
          const pair = [a.index, b.index].sort().join('-');
          if (reported.has(pair)) continue;
          reported.add(pair);
          hits.push({
            message: `Diagnoses ${a.shown} and ${b.shown} cannot be reported together: ${note.from} excludes "${note.text}".`,
            field: `diagnoses[${b.index}].code`,
            suggestedFix: 'Keep the code the documentation supports and remove the other.',
          });
        }
      }
    }
    return hits;
  },
};

export const sexConflict: SyncEditDefinition = {
  id: 'DX-SEX-CONFLICT',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: "No diagnosis is specific to the other sex than the patient's (recorded as F or M).",
  source: MCE,
  example: 'N40.0 (enlarged prostate) for a patient recorded as female.',
  check(context) {
    const sex = context.claim.patient.sex;
    if (sex !== 'F' && sex !== 'M') return NO_HITS;
    const patientSex = sex === 'F' ? 'female' : 'male';
    const icd = context.lookups.icd10cm;
    return checkableDiagnoses(context).flatMap(({ index, code, shown }) => {
      const edit = icd.demographics(code).find((e) => e.sex !== undefined && e.sex !== patientSex);
      if (!edit) return NO_HITS;
      return [
        {
          message: `Diagnosis ${shown} (${edit.reason}) is for ${edit.sex} patients; the patient is recorded as ${patientSex}.`,
          field: `diagnoses[${index}].code`,
          suggestedFix: "Check the patient's recorded sex, or the diagnosis code.",
        },
      ];
    });
  },
};

export const ageConflict: SyncEditDefinition = {
  id: 'DX-AGE-CONFLICT',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: "No diagnosis is outside its age range (maternity 9-64, newborn codes under 1) on the patient's age.",
  source: MCE,
  example: 'Z38.00 (liveborn infant) for a 40-year-old.',
  check(context) {
    const age = ageOn(context.claim.patient.birthDate, context.firstDate);
    if (age === undefined || age < 0) return NO_HITS;
    const icd = context.lookups.icd10cm;
    return checkableDiagnoses(context).flatMap(({ index, code, shown }) => {
      const edit = icd
        .demographics(code)
        .find((e) => (e.minAge !== undefined && age < e.minAge) || (e.maxAge !== undefined && age > e.maxAge));
      if (!edit) return NO_HITS;
      const range =
        edit.maxAge === 0
          ? 'under 1 year'
          : `aged ${edit.minAge ?? 0} to ${edit.maxAge ?? 124}`.replace(' to 124', '+');
      return [
        {
          message: `Diagnosis ${shown} (${edit.reason}) is for patients ${range}; the patient is ${age} on the date of service.`,
          field: `diagnoses[${index}].code`,
          suggestedFix: "Check the patient's date of birth, or the diagnosis code.",
        },
      ];
    });
  },
};

export const externalCauseFirst: SyncEditDefinition = {
  id: 'DX-EXTERNAL-CAUSE-FIRST',
  category: 'diagnosis',
  severity: 'error',
  owner: 'CODER',
  checks: 'The first-listed diagnosis is not an external-cause code (V00-Y99).',
  source: `${GUIDELINES} §I.C.20 (external cause codes are never first-listed)`,
  example: 'W19.XXXA (unspecified fall) listed before the injury it caused.',
  check(context) {
    const first = context.claim.diagnoses[0];
    if (!first || !/^[VWXY]\d/.test(context.diagnosisCodes[0] ?? '')) return NO_HITS;
    return [
      {
        message: `Diagnosis ${first.code} is an external-cause code; it explains how an injury happened and cannot be listed first.`,
        field: 'diagnoses[0].code',
        suggestedFix: 'List the injury or condition first and the external-cause code after it.',
      },
    ];
  },
};

export const DIAGNOSIS_EDITS: readonly SyncEditDefinition[] = [
  diagnosisInvalid,
  diagnosisNotBillable,
  diagnosisSeventhCharacter,
  manifestationFirstListed,
  excludes1Pair,
  sexConflict,
  ageConflict,
  externalCauseFirst,
];
