/**
 * Chronic conditions of adult primary care: cardiovascular, endocrine and metabolic, renal. The diabetes and
 * hypertension combinations (E11.22, I12, I13, Z79.4...) are made by diagnoses/combinations.ts from these concepts.
 */
import { byLaterality, type CodeChoice, type ConceptDefinition, has, type Modifiers } from './concept.ts';

const TYPE_1_WORDS = [' type 1 ', ' type i ', ' t1dm ', ' dm1 ', ' dm 1 ', ' iddm ', ' juvenile ', ' type one '];

/** Type 2 is the default when the type is not documented (ICD-10-CM guideline I.C.4.a.2). */
function diabetesCategory(modifiers: Modifiers): 'E10' | 'E11' {
  return TYPE_1_WORDS.some((words) => modifiers.text.includes(words)) ? 'E10' : 'E11';
}

function diabetes(modifiers: Modifiers): CodeChoice[] {
  const category = diabetesCategory(modifiers);
  if (
    has(modifiers, 'poorly controlled') ||
    has(modifiers, 'inadequately controlled') ||
    has(modifiers, 'out of control') ||
    has(modifiers, 'suboptimally controlled')
  )
    return [{ codes: [`${category}.65`] }];
  if (has(modifiers, 'uncontrolled'))
    return [
      {
        codes: [`${category}.9`],
        ambiguity: '"uncontrolled" diabetes: the note does not say whether it means hyperglycemia or hypoglycemia',
      },
    ];
  return [{ codes: [`${category}.9`] }];
}

function ckd(modifiers: Modifiers): CodeChoice[] {
  switch (modifiers.stage) {
    case '1':
      return [{ codes: ['N18.1'] }];
    case '2':
      return [{ codes: ['N18.2'] }];
    case '3':
      // N18.3 was split on 2020-10-01 (FY2021): N18.30 unspecified stage 3; before, N18.3 itself was billable.
      return [{ codes: ['N18.30'] }, { codes: ['N18.3'] }, { codes: ['N18.9'], lessSpecific: true }];
    case '3a':
      return [{ codes: ['N18.31'] }, { codes: ['N18.3'] }, { codes: ['N18.9'], lessSpecific: true }];
    case '3b':
      return [{ codes: ['N18.32'] }, { codes: ['N18.3'] }, { codes: ['N18.9'], lessSpecific: true }];
    case '4':
      return [{ codes: ['N18.4'] }, { codes: ['N18.9'], lessSpecific: true }];
    case '5':
      return [{ codes: ['N18.5'] }, { codes: ['N18.9'], lessSpecific: true }];
    default:
      return [{ codes: ['N18.9'] }];
  }
}

function atrialFibrillation(modifiers: Modifiers): CodeChoice[] {
  const unspecified = { codes: ['I48.91'], lessSpecific: true };
  if (has(modifiers, 'paroxysmal')) return [{ codes: ['I48.0'] }, unspecified];
  // I48.1 and I48.2 were split in FY2020 (I48.11/I48.19, I48.20/I48.21).
  if (has(modifiers, 'longstanding persistent') || has(modifiers, 'long standing persistent'))
    return [{ codes: ['I48.11'] }, { codes: ['I48.1'] }, unspecified];
  if (has(modifiers, 'persistent')) return [{ codes: ['I48.19'] }, { codes: ['I48.1'] }, unspecified];
  if (has(modifiers, 'permanent')) return [{ codes: ['I48.21'] }, { codes: ['I48.2'] }, unspecified];
  if (modifiers.chronic) return [{ codes: ['I48.20'] }, { codes: ['I48.2'] }, unspecified];
  return [{ codes: ['I48.91'] }];
}

function heartFailure(modifiers: Modifiers): CodeChoice[] {
  const acuity = modifiers.acute && modifiers.chronic ? '3' : modifiers.acute ? '1' : modifiers.chronic ? '2' : '0';
  const unspecified = { codes: ['I50.9'], lessSpecific: true };
  if (has(modifiers, 'systolic') || has(modifiers, 'hfref') || has(modifiers, 'reduced ejection fraction'))
    return [{ codes: [`I50.2${acuity}`] }, unspecified];
  if (has(modifiers, 'diastolic') || has(modifiers, 'hfpef') || has(modifiers, 'preserved ejection fraction'))
    return [{ codes: [`I50.3${acuity}`] }, unspecified];
  return [{ codes: ['I50.9'] }];
}

export const CHRONIC_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: 'hypertension',
    kind: 'disease',
    phrases: [
      'hypertension',
      'essential hypertension',
      'benign essential hypertension',
      'primary hypertension',
      'high blood pressure',
      'elevated blood pressure with diagnosis of hypertension',
    ],
    resolve: 'I10',
    chronic: true,
    familyCode: 'Z82.49',
  },
  {
    // Named so that "pulmonary hypertension" is never read as hypertension (I10).
    id: 'pulmonary-hypertension',
    kind: 'disease',
    phrases: ['pulmonary hypertension', 'pulmonary artery hypertension', 'pulmonary arterial hypertension'],
    // I27.2 was split in FY2018 (I27.20 unspecified); before, I27.2 itself was billable.
    resolve: () => [{ codes: ['I27.20'] }, { codes: ['I27.2'] }],
    chronic: true,
  },
  { id: 'portal-hypertension', kind: 'disease', phrases: ['portal hypertension'], resolve: 'K76.6', chronic: true },
  { id: 'intracranial-hypertension', kind: 'disease', phrases: ['intracranial hypertension'], resolve: 'G93.2' },
  {
    id: 'ocular-hypertension',
    kind: 'disease',
    phrases: ['ocular hypertension'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H40.051', left: 'H40.052', bilateral: 'H40.053', unspecified: 'H40.059' }),
  },
  {
    id: 'hypertensive-heart-disease',
    kind: 'disease',
    phrases: ['hypertensive heart disease'],
    resolve: 'I11.9',
    chronic: true,
  },
  {
    id: 'elevated-blood-pressure',
    kind: 'symptom',
    phrases: ['elevated blood pressure', 'elevated bp', 'elevated blood pressure reading', 'high bp reading'],
    resolve: 'R03.0',
  },
  {
    id: 'coronary-artery-disease',
    kind: 'disease',
    phrases: [
      'coronary artery disease',
      'coronary atherosclerosis',
      'atherosclerotic heart disease',
      'ashd',
      'atherosclerotic coronary artery disease',
    ],
    resolve: 'I25.10',
    chronic: true,
    familyCode: 'Z82.49',
  },
  {
    id: 'atrial-fibrillation',
    kind: 'disease',
    phrases: ['atrial fibrillation'],
    resolve: atrialFibrillation,
    chronic: true,
    integral: ['palpitations'],
  },
  {
    id: 'heart-failure',
    kind: 'disease',
    phrases: ['heart failure', 'chf', 'congestive heart failure', 'hfref', 'hfpef', 'chronic heart failure'],
    resolve: heartFailure,
    chronic: true,
    integral: ['shortness-of-breath', 'edema', 'dyspnea'],
  },
  {
    id: 'peripheral-arterial-disease',
    kind: 'disease',
    phrases: ['peripheral arterial disease', 'peripheral artery disease', 'pad', 'peripheral vascular disease', 'pvd'],
    resolve: 'I73.9',
    chronic: true,
  },
  {
    id: 'varicose-veins',
    kind: 'disease',
    phrases: ['varicose veins', 'varicose veins of lower extremities', 'varicosities'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'I83.91', left: 'I83.92', bilateral: 'I83.93', unspecified: 'I83.90' }),
    chronic: true,
  },
  {
    id: 'venous-insufficiency',
    kind: 'disease',
    phrases: ['venous insufficiency', 'chronic venous insufficiency', 'venous stasis'],
    resolve: 'I87.2',
    chronic: true,
  },
  {
    id: 'hypotension',
    kind: 'disease',
    phrases: ['hypotension', 'low blood pressure'],
    resolve: 'I95.9',
  },
  {
    id: 'stroke',
    kind: 'disease',
    phrases: ['stroke', 'cva', 'cerebrovascular accident', 'tia', 'transient ischemic attack'],
    // An acute stroke is an inpatient diagnosis; in the office it is nearly always history (Z86.73), so the current
    // code is proposed with a fallback the reviewer sees.
    resolve: () => [{ codes: ['I63.9'], ambiguity: 'a stroke coded as current in an office visit needs confirmation' }],
    historyCode: 'Z86.73',
    familyCode: 'Z82.3',
  },
  {
    id: 'diabetes',
    kind: 'disease',
    phrases: [
      'diabetes',
      'diabetes mellitus',
      'dm',
      'type 2 diabetes',
      'type 2 diabetes mellitus',
      'type ii diabetes',
      'type ii diabetes mellitus',
      'diabetes mellitus type 2',
      'diabetes mellitus type ii',
      'diabetes type 2',
      'type 2 dm',
      'niddm',
      'adult onset diabetes',
      'type 2 diabetic',
      'diabetic',
      'type 2 diabetes mellitus without complications',
      'type 2 diabetes mellitus without complication',
      'type 2 diabetes without complications',
      'diabetes without complications',
      'type 1 diabetes',
      'type 1 diabetes mellitus',
      'type i diabetes',
      'diabetes mellitus type 1',
      'diabetes type 1',
      'iddm',
      'juvenile diabetes',
      'type 1 diabetes mellitus without complications',
    ],
    resolve: diabetes,
    chronic: true,
    familyCode: 'Z83.3',
    integral: ['hyperglycemia', 'polyuria', 'polydipsia'],
  },
  {
    id: 'prediabetes',
    kind: 'disease',
    phrases: ['prediabetes', 'pre diabetes', 'prediabetic', 'borderline diabetes', 'latent diabetes'],
    resolve: 'R73.03',
  },
  {
    id: 'impaired-fasting-glucose',
    kind: 'disease',
    phrases: ['impaired fasting glucose', 'elevated fasting glucose', 'ifg'],
    resolve: 'R73.01',
  },
  {
    id: 'hyperglycemia',
    kind: 'symptom',
    phrases: ['hyperglycemia', 'elevated blood sugar', 'high blood sugar', 'elevated glucose'],
    resolve: 'R73.9',
  },
  {
    id: 'hypoglycemia',
    kind: 'disease',
    phrases: ['hypoglycemia', 'low blood sugar', 'hypoglycemic episodes', 'hypoglycemic episode'],
    resolve: 'E16.2',
  },
  {
    id: 'hyperlipidemia',
    kind: 'disease',
    phrases: ['hyperlipidemia', 'hyperlipidaemia', 'lipidemia'],
    resolve: 'E78.5',
    chronic: true,
  },
  {
    id: 'dyslipidemia',
    kind: 'disease',
    phrases: ['dyslipidemia'],
    resolve: 'E78.5',
    chronic: true,
  },
  {
    id: 'mixed-hyperlipidemia',
    kind: 'disease',
    phrases: ['mixed hyperlipidemia', 'combined hyperlipidemia', 'mixed dyslipidemia'],
    resolve: 'E78.2',
    chronic: true,
  },
  {
    id: 'hypercholesterolemia',
    kind: 'disease',
    phrases: [
      'hypercholesterolemia',
      'pure hypercholesterolemia',
      'high cholesterol',
      'elevated cholesterol',
      'elevated ldl',
    ],
    // E78.0 was split in FY2017 (E78.00 unspecified, E78.01 familial).
    resolve: (modifiers) =>
      has(modifiers, 'familial') ? [{ codes: ['E78.01'] }] : [{ codes: ['E78.00'] }, { codes: ['E78.0'] }],
    chronic: true,
  },
  {
    id: 'hypertriglyceridemia',
    kind: 'disease',
    phrases: ['hypertriglyceridemia', 'high triglycerides', 'elevated triglycerides'],
    resolve: 'E78.1',
    chronic: true,
  },
  {
    id: 'hypothyroidism',
    kind: 'disease',
    phrases: ['hypothyroidism', 'hypothyroid', 'underactive thyroid'],
    resolve: 'E03.9',
    chronic: true,
  },
  {
    id: 'hyperthyroidism',
    kind: 'disease',
    phrases: ['hyperthyroidism', 'hyperthyroid', 'overactive thyroid', 'thyrotoxicosis'],
    resolve: 'E05.90',
    chronic: true,
  },
  {
    id: 'hashimoto',
    kind: 'disease',
    phrases: ['hashimoto thyroiditis', 'hashimotos thyroiditis', 'hashimotos', 'chronic lymphocytic thyroiditis'],
    resolve: 'E06.3',
    chronic: true,
  },
  {
    id: 'obesity',
    kind: 'disease',
    phrases: ['obesity', 'obese'],
    resolve: 'E66.9',
    chronic: true,
  },
  {
    id: 'morbid-obesity',
    kind: 'disease',
    phrases: ['morbid obesity', 'morbidly obese', 'severe obesity', 'class 3 obesity', 'class iii obesity'],
    resolve: 'E66.01',
    chronic: true,
  },
  {
    id: 'overweight',
    kind: 'disease',
    phrases: ['overweight'],
    resolve: 'E66.3',
  },
  {
    id: 'vitamin-d-deficiency',
    kind: 'disease',
    phrases: ['vitamin d deficiency', 'vit d deficiency', 'low vitamin d', 'hypovitaminosis d'],
    resolve: 'E55.9',
    chronic: true,
  },
  {
    id: 'b12-deficiency',
    kind: 'disease',
    phrases: ['vitamin b12 deficiency', 'b12 deficiency', 'low b12'],
    resolve: 'E53.8',
  },
  {
    id: 'hypokalemia',
    kind: 'disease',
    phrases: ['hypokalemia', 'low potassium'],
    resolve: 'E87.6',
  },
  {
    id: 'dehydration',
    kind: 'disease',
    phrases: ['dehydration', 'dehydrated', 'volume depletion'],
    resolve: (modifiers) => (has(modifiers, 'volume depletion') ? [{ codes: ['E86.9'] }] : [{ codes: ['E86.0'] }]),
  },
  {
    id: 'anemia',
    kind: 'disease',
    phrases: ['anemia', 'anaemia'],
    resolve: 'D64.9',
  },
  {
    // Written with the kidney disease it is in ("anemia of CKD stage 3", lexicon/index.ts): D63.1 after the N18
    // code (its "code first" note).
    id: 'anemia-in-ckd',
    kind: 'disease',
    phrases: [],
    resolve: 'D63.1',
    secondaryOnly: true,
  },
  {
    id: 'iron-deficiency-anemia',
    kind: 'disease',
    phrases: ['iron deficiency anemia', 'iron deficiency anaemia', 'ida'],
    resolve: 'D50.9',
  },
  {
    id: 'thrombocytopenia',
    kind: 'disease',
    phrases: ['thrombocytopenia', 'low platelets'],
    resolve: 'D69.6',
  },
  {
    id: 'leukocytosis',
    kind: 'symptom',
    phrases: ['leukocytosis', 'elevated white count', 'elevated wbc'],
    resolve: 'D72.829',
  },
  {
    id: 'ckd',
    kind: 'disease',
    phrases: [
      'chronic kidney disease',
      'chronic renal disease',
      'chronic renal insufficiency',
      'chronic renal failure',
      'crf',
    ],
    resolve: ckd,
    chronic: true,
  },
  {
    id: 'esrd',
    kind: 'disease',
    phrases: ['end stage renal disease', 'esrd', 'end stage kidney disease', 'eskd'],
    resolve: 'N18.6',
    chronic: true,
  },
  {
    id: 'acute-kidney-injury',
    kind: 'disease',
    phrases: ['acute kidney injury', 'aki', 'acute renal failure', 'arf'],
    resolve: 'N17.9',
  },
  {
    id: 'neuropathy',
    kind: 'disease',
    phrases: ['neuropathy'],
    resolve: 'G62.9',
    chronic: true,
  },
  {
    id: 'polyneuropathy',
    kind: 'disease',
    phrases: ['peripheral neuropathy', 'polyneuropathy', 'peripheral polyneuropathy'],
    resolve: 'G62.9',
    chronic: true,
  },
];

/** Conditions that matter here only through the diabetes "with" combinations. */
export const COMPLICATION_CONCEPTS: readonly ConceptDefinition[] = [
  { id: 'retinopathy', kind: 'disease', phrases: ['retinopathy', 'background retinopathy'], resolve: 'H35.00' },
  { id: 'gastroparesis', kind: 'disease', phrases: ['gastroparesis'], resolve: 'K31.84' },
];
