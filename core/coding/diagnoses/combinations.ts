/**
 * Encounter-wide combination rules (ICD-10-CM guidelines I.A.15 "with", I.C.4.a, I.C.9.a, I.C.21): conditions the
 * classification links are coded with the combination code, not as a pair.
 * - Diabetes "with" CKD, neuropathy, hyperglycemia, hypoglycemia, peripheral angiopathy, retinopathy, gastroparesis
 *   is presumed linked: E1x.22 (+ N18.x), E1x.42 / E1x.40, E1x.65, E1x.649, E1x.51, E1x.319, E1x.43 (+ K31.84).
 * - Type 2 diabetes with insulin, oral or injectable drugs: Z79.4, Z79.84, Z79.85 (not Z79.4 for type 1).
 * - Hypertension with heart failure I11.0 (+ I50.x), with CKD I12.9 / I12.0 (+ N18.x), with both I13.0 / I13.2,
 *   unless the provider says they are unrelated.
 * - Low back pain with sciatica M54.4x; COPD with a lower respiratory infection J44.0 (+ the infection).
 * - BPH with lower urinary tract symptoms (retention, frequency, urgency, nocturia...) N40.1 (+ the symptoms).
 * - General exam by age and findings (Z00.00/Z00.01, Z00.129/Z00.121); BMI (Z68) only beside a weight diagnosis.
 * - "Use additional code" notes for a status the note states anywhere (lexicon/data/use-additional-codes.json): a
 *   former smoker with chronic ischemic heart disease is I25.10 + Z87.891 (Tabular List I25).
 */
import type { Evidence } from '#core/coding/coded-encounter';
import {
  GENERAL_EXAM_CONCEPT,
  GYNECOLOGIC_EXAM_CONCEPT,
  MEDICATION_CODES,
  type MedicationClass,
} from '#core/coding/lexicon/index';
import { isNamedByNote, isUnderNote, USE_ADDITIONAL_CODES } from '#core/coding/lexicon/use-additional-codes';
import type { Finding } from './finding.ts';
import type { MedicationMention } from './read-text.ts';

export const COMBINATION_RULES = {
  diabetesComplication: 'dx.combination.diabetes-with',
  longTermDrug: 'dx.combination.long-term-drug-therapy',
  hypertensionHeart: 'dx.combination.hypertension-heart-failure',
  hypertensionKidney: 'dx.combination.hypertension-ckd',
  hypertensionHeartKidney: 'dx.combination.hypertension-heart-failure-ckd',
  lumbagoSciatica: 'dx.combination.low-back-pain-with-sciatica',
  copdInfection: 'dx.combination.copd-lower-respiratory-infection',
  bphSymptoms: 'dx.combination.bph-with-luts',
  generalExam: 'dx.preventive.general-exam',
  bmi: 'dx.bmi-with-weight-diagnosis',
  useAdditional: 'dx.use-additional-code',
} as const;

export interface CombinationInput {
  findings: Finding[];
  medications: readonly MedicationMention[];
  noteText: string;
  /** Age in whole years on the date of service, when the birth date is known. */
  ageYears?: number;
  /**
   * The statuses of these lexicon concepts the note states outside its assessment (status-statements.ts), read
   * only when a "use additional code" note asks for them.
   */
  statuses?: (concepts: ReadonlySet<string>) => Finding[];
}

/** Combination codes the classification lists under "Diabetes, with": concept -> 4th/5th characters. */
const DIABETES_WITH: readonly { concept: string; suffix: string; keepComponent: boolean }[] = [
  { concept: 'ckd', suffix: '.22', keepComponent: true },
  { concept: 'esrd', suffix: '.22', keepComponent: true },
  { concept: 'polyneuropathy', suffix: '.42', keepComponent: false },
  { concept: 'neuropathy', suffix: '.40', keepComponent: false },
  { concept: 'hyperglycemia', suffix: '.65', keepComponent: false },
  { concept: 'hypoglycemia', suffix: '.649', keepComponent: false },
  { concept: 'peripheral-arterial-disease', suffix: '.51', keepComponent: false },
  { concept: 'retinopathy', suffix: '.319', keepComponent: false },
  { concept: 'gastroparesis', suffix: '.43', keepComponent: true },
];

const MEDICATION_SOURCES = new Set(['assessment', 'medications', 'unsectioned', 'condition']);

function current(findings: readonly Finding[], id: string): Finding | undefined {
  return findings.find((finding) => finding.status === 'current' && finding.concept.id === id);
}

function firstCode(finding: Finding): string {
  return finding.choices[0]?.codes[0] ?? '';
}

function derived(
  base: Finding,
  codes: string[],
  rule: string,
  from: readonly Finding[],
  extra: Partial<Finding> = {},
): Finding {
  const evidence: Evidence[] = [];
  for (const finding of from) for (const item of finding.evidence.slice(0, 1)) evidence.push({ ...item, rule });
  return {
    ...base,
    choices: [{ codes }],
    evidence,
    confidence: Math.min(...from.map((finding) => finding.confidence)),
    inChiefComplaint: from.some((finding) => finding.inChiefComplaint),
    position: Math.min(...from.map((finding) => finding.position)),
    ...extra,
  };
}

function remove(findings: Finding[], ...gone: (Finding | undefined)[]): Finding[] {
  return findings.filter((finding) => !gone.includes(finding));
}

function applyDiabetes(findings: Finding[], medications: readonly MedicationMention[]): Finding[] {
  const diabetes = current(findings, 'diabetes');
  if (!diabetes) return findings;
  const category = firstCode(diabetes).slice(0, 3);
  let result = findings;
  const combined: Finding[] = [];
  if (firstCode(diabetes).endsWith('.65')) combined.push(diabetes);
  for (const link of DIABETES_WITH) {
    const component = current(result, link.concept);
    if (!component) continue;
    const code = `${category}${link.suffix}`;
    if (!combined.some((finding) => firstCode(finding) === code))
      combined.push(derived(diabetes, [code], COMBINATION_RULES.diabetesComplication, [diabetes, component]));
    result = link.keepComponent
      ? result.map((finding) => (finding === component ? { ...finding, secondaryOnly: true } : finding))
      : remove(result, component);
  }
  if (combined.length > 0) {
    const at = result.indexOf(diabetes);
    result = [...result.slice(0, at), ...combined, ...result.slice(at + 1)];
  }
  if (category !== 'E11') return result;
  const drugs: MedicationClass[] = ['insulin', 'oral-hypoglycemic', 'injectable-antidiabetic'];
  for (const drug of drugs) {
    const mention = medications.find((m) => m.medication === drug && isTaken(m));
    if (mention) result.push(longTermDrug(diabetes, drug, mention));
  }
  return result;
}

/** Supporting sections where a drug the patient takes is stated (not the exam, results or review of systems). */
const MEDICATION_SECTIONS = new Set(['PLAN', 'HPI', 'HISTORY OF PRESENT ILLNESS', 'SUBJECTIVE']);

function isTaken(mention: MedicationMention): boolean {
  const placed =
    MEDICATION_SOURCES.has(mention.source) ||
    (mention.source === 'supporting' && MEDICATION_SECTIONS.has(mention.sectionName ?? ''));
  return placed && mention.context.decisive === undefined;
}

function longTermDrug(base: Finding, drug: MedicationClass, mention: MedicationMention): Finding {
  return {
    ...base,
    status: 'current',
    choices: [{ codes: [MEDICATION_CODES[drug]] }],
    evidence: [
      {
        kind: 'text',
        start: mention.start,
        end: mention.end,
        quote: mention.quote,
        rule: COMBINATION_RULES.longTermDrug,
      },
    ],
    position: Number.MAX_SAFE_INTEGER,
    inChiefComplaint: false,
    secondaryOnly: true,
  };
}

function applyAnticoagulant(findings: Finding[], medications: readonly MedicationMention[]): Finding[] {
  const mention = medications.find((m) => m.medication === 'anticoagulant' && isTaken(m));
  const anchor = findings.find((finding) => finding.status === 'current');
  return mention && anchor ? [...findings, longTermDrug(anchor, 'anticoagulant', mention)] : findings;
}

/** The provider may say the conditions are not linked ("CKD not due to hypertension"). */
function saidUnrelated(finding: Finding): boolean {
  const t = finding.modifiers.text;
  return (
    t.includes(' unrelated ') ||
    t.includes(' not due to ') ||
    t.includes(' not related to ') ||
    t.includes(' not caused by ')
  );
}

function applyHypertension(findings: Finding[]): Finding[] {
  const hypertension = current(findings, 'hypertension') ?? current(findings, 'hypertensive-heart-disease');
  if (!hypertension) return findings;
  const heartFailure = current(findings, 'heart-failure');
  const kidney = current(findings, 'esrd') ?? current(findings, 'ckd');
  const linkedHeart = heartFailure && !saidUnrelated(heartFailure) ? heartFailure : undefined;
  const linkedKidney = kidney && !saidUnrelated(kidney) ? kidney : undefined;
  const stage5 =
    linkedKidney !== undefined && (linkedKidney.concept.id === 'esrd' || firstCode(linkedKidney) === 'N18.5');
  const others = [current(findings, 'hypertension'), current(findings, 'hypertensive-heart-disease')];
  let combination: Finding | undefined;
  if (linkedHeart && linkedKidney)
    combination = derived(hypertension, [stage5 ? 'I13.2' : 'I13.0'], COMBINATION_RULES.hypertensionHeartKidney, [
      hypertension,
      linkedHeart,
      linkedKidney,
    ]);
  else if (linkedHeart)
    combination = derived(hypertension, ['I11.0'], COMBINATION_RULES.hypertensionHeart, [hypertension, linkedHeart]);
  else if (linkedKidney)
    combination = derived(hypertension, [stage5 ? 'I12.0' : 'I12.9'], COMBINATION_RULES.hypertensionKidney, [
      hypertension,
      linkedKidney,
    ]);
  if (!combination) return findings;
  const at = findings.indexOf(hypertension);
  const withCombination = [...findings.slice(0, at), combination, ...findings.slice(at)];
  return remove(withCombination, ...others).map((finding) =>
    finding === linkedHeart || finding === linkedKidney ? { ...finding, secondaryOnly: true } : finding,
  );
}

function applyLumbagoSciatica(findings: Finding[]): Finding[] {
  const backPain = current(findings, 'low-back-pain');
  const sciatica = current(findings, 'sciatica');
  if (!backPain || !sciatica) return findings;
  const codes = (sciatica.choices[0]?.codes ?? []).map((code) => code.replace('M54.3', 'M54.4'));
  const combination = derived(backPain, codes, COMBINATION_RULES.lumbagoSciatica, [backPain, sciatica]);
  const at = findings.indexOf(backPain);
  return remove([...findings.slice(0, at), combination, ...findings.slice(at)], backPain, sciatica);
}

function applyCopdInfection(findings: Finding[]): Finding[] {
  const copd = current(findings, 'copd');
  const bronchitis = current(findings, 'bronchitis');
  const infection =
    current(findings, 'pneumonia') ?? (bronchitis && firstCode(bronchitis) === 'J20.9' ? bronchitis : undefined);
  if (!copd || !infection) return findings;
  const combination = derived(copd, ['J44.0'], COMBINATION_RULES.copdInfection, [copd, infection]);
  const keepExacerbation = firstCode(copd) === 'J44.1';
  const at = findings.indexOf(copd);
  const result = [...findings.slice(0, at), combination, ...findings.slice(at)];
  return keepExacerbation ? result : remove(result, copd);
}

/**
 * Lower urinary tract symptoms N40.1 lists under "use additional code" (urinary retention, frequency, urgency,
 * nocturia, hesitancy, weak stream, incomplete emptying, straining, incontinence): coded beside BPH, they make it
 * N40.1 "with lower urinary tract symptoms" (the symptoms are still coded after it).
 */
const LUTS_CODES = /^(R33\.|R35\.[01]|R39\.1[1-6]|N39\.4|R32$|N13\.8)/;
const LUTS_WORDS =
  /\b(retention|frequency|urgency|nocturia|hesitancy|weak (?:urinary )?stream|incomplete (?:bladder )?emptying|straining|incontinence)\b/;

function applyBphSymptoms(findings: Finding[]): Finding[] {
  const bph = current(findings, 'bph');
  if (!bph || firstCode(bph) !== 'N40.0') return findings;
  const symptoms = findings.filter(
    (f) => f !== bph && f.status === 'current' && f.choices.some((c) => c.codes.some((code) => LUTS_CODES.test(code))),
  );
  if (symptoms.length === 0 && !LUTS_WORDS.test(bph.modifiers.text)) return findings;
  return findings.map((finding) =>
    finding === bph
      ? {
          ...bph,
          choices: [{ codes: ['N40.1'] }],
          evidence: [...bph.evidence, ...symptoms.flatMap((s) => s.evidence.slice(0, 1))].map((item) => ({
            ...item,
            rule: COMBINATION_RULES.bphSymptoms,
          })),
        }
      : finding,
  );
}

function applyGeneralExam(findings: Finding[], ageYears: number | undefined): Finding[] {
  const gynecologic = current(findings, GYNECOLOGIC_EXAM_CONCEPT);
  const exam = current(findings, GENERAL_EXAM_CONCEPT) ?? gynecologic;
  if (!exam) return findings;
  const abnormal = findings.some((f) => f !== exam && f.status === 'current' && f.concept.kind !== 'factor');
  const child = ageYears !== undefined && ageYears < 18;
  if (exam === gynecologic)
    return findings.map((finding) =>
      finding === exam
        ? { ...exam, choices: [{ codes: [abnormal ? 'Z01.411' : 'Z01.419'] }], inChiefComplaint: true }
        : finding,
    );
  const code = child ? (abnormal ? 'Z00.121' : 'Z00.129') : abnormal ? 'Z00.01' : 'Z00.00';
  const replaced: Finding = {
    ...exam,
    choices: [
      ageYears === undefined
        ? {
            codes: [code],
            ambiguity: 'general exam without a birth date: the adult or child exam code cannot be confirmed',
          }
        : { codes: [code] },
    ],
    evidence: exam.evidence.map((item) => ({ ...item, rule: COMBINATION_RULES.generalExam })),
    // The preventive exam is the reason for the visit: first-listed (guideline I.C.21.c.13).
    position: Number.MIN_SAFE_INTEGER,
    inChiefComplaint: true,
  };
  return findings.map((finding) => (finding === exam ? replaced : finding));
}

const BMI_PATTERN = /\b(?:BMI|body mass index)\b[^0-9\n]{0,20}(\d{2}(?:\.\d{1,2})?)/i;

function bmiCode(value: number): string | undefined {
  if (value < 20) return 'Z68.1';
  if (value < 40) return `Z68.${Math.floor(value)}`;
  if (value < 45) return 'Z68.41';
  if (value < 50) return 'Z68.42';
  if (value < 60) return 'Z68.43';
  if (value < 70) return 'Z68.44';
  return 'Z68.45';
}

function applyBmi(findings: Finding[], noteText: string, ageYears: number | undefined): Finding[] {
  const weight = current(findings, 'morbid-obesity') ?? current(findings, 'obesity') ?? current(findings, 'overweight');
  // Adult BMI codes are for ages 20 and over; children's BMI is a percentile (Z68.5-).
  if (!weight || (ageYears !== undefined && ageYears < 20)) return findings;
  const match = BMI_PATTERN.exec(noteText);
  if (!match) return findings;
  const code = bmiCode(Number(match[1]));
  if (!code) return findings;
  const start = match.index;
  const end = match.index + match[0].length;
  return [
    ...findings,
    {
      ...weight,
      choices: [{ codes: [code] }],
      evidence: [{ kind: 'text', start, end, quote: match[0], rule: COMBINATION_RULES.bmi }],
      position: Number.MAX_SAFE_INTEGER,
      inChiefComplaint: false,
      secondaryOnly: true,
    },
  ];
}

const codesOf = (finding: Finding) => finding.choices[0]?.codes ?? [];

/**
 * A "use additional code" note of the Tabular List (I25, J44, C34...: "use additional code to identify ... history
 * of tobacco dependence (Z87.891), tobacco dependence (F17.-), tobacco use (Z72.0)"): when a diagnosis of the visit
 * falls under it and the note states the status anywhere, the status is coded after the diagnoses, with the
 * diagnosis's confidence at most. Nothing is added when the visit already codes a code the note names, or when the
 * note's statements disagree (a "former smoker" and a "current smoker": a coder decides).
 */
function applyUseAdditional(findings: Finding[], input: CombinationInput): Finding[] {
  let result = findings;
  for (const entry of USE_ADDITIONAL_CODES.entries) {
    const anchor = result.find((f) => f.status === 'current' && codesOf(f).some((code) => isUnderNote(entry, code)));
    if (!anchor || !input.statuses) continue;
    if (result.some((f) => codesOf(f).some((code) => isNamedByNote(entry, code)))) continue;
    const statuses = input.statuses(new Set(entry.concepts));
    const said = new Set(statuses.map((status) => codesOf(status).join('+')));
    const status = statuses[0];
    if (!status || said.size !== 1) continue;
    result = [
      ...result,
      {
        ...status,
        evidence: status.evidence.map((item) => ({ ...item, rule: COMBINATION_RULES.useAdditional })),
        confidence: Math.min(anchor.confidence, status.confidence),
      },
    ];
  }
  return result;
}

export function applyCombinations(input: CombinationInput): Finding[] {
  let findings = input.findings;
  findings = applyDiabetes(findings, input.medications);
  findings = applyHypertension(findings);
  findings = applyLumbagoSciatica(findings);
  findings = applyCopdInfection(findings);
  findings = applyBphSymptoms(findings);
  findings = applyAnticoagulant(findings, input.medications);
  findings = applyGeneralExam(findings, input.ageYears);
  findings = applyBmi(findings, input.noteText, input.ageYears);
  findings = applyUseAdditional(findings, input);
  return findings;
}
