/**
 * Signs and symptoms. Coded when they are what the assessment states (no confirmed diagnosis explains them, or the
 * diagnosis is uncertain), dropped when integral to a confirmed diagnosis (see each disease's `integral`).
 */
import { byLaterality, type ConceptDefinition, has } from './concept.ts';

export const SYMPTOM_CONCEPTS: readonly ConceptDefinition[] = [
  { id: 'fever', kind: 'symptom', phrases: ['fever', 'fevers', 'febrile', 'pyrexia'], resolve: 'R50.9' },
  { id: 'fatigue', kind: 'symptom', phrases: ['fatigue', 'tiredness', 'lethargy'], resolve: 'R53.83' },
  { id: 'malaise', kind: 'symptom', phrases: ['malaise'], resolve: 'R53.81' },
  { id: 'weakness', kind: 'symptom', phrases: ['generalized weakness', 'weakness'], resolve: 'R53.1' },
  {
    id: 'chest-pain',
    kind: 'symptom',
    phrases: [
      'chest pain',
      'atypical chest pain',
      'chest wall pain',
      'noncardiac chest pain',
      'non cardiac chest pain',
    ],
    resolve: (modifiers) =>
      has(modifiers, 'atypical') ||
      has(modifiers, 'chest wall') ||
      has(modifiers, 'noncardiac') ||
      has(modifiers, 'non cardiac')
        ? [{ codes: ['R07.89'] }]
        : [{ codes: ['R07.9'] }],
  },
  { id: 'rash', kind: 'symptom', phrases: ['rash', 'skin rash', 'skin eruption'], resolve: 'R21' },
  { id: 'confusion', kind: 'symptom', phrases: ['confusion', 'disorientation'], resolve: 'R41.0' },
  {
    id: 'edema',
    kind: 'symptom',
    phrases: ['edema', 'leg swelling', 'pedal edema', 'lower extremity edema', 'ankle swelling', 'peripheral edema'],
    resolve: (modifiers) =>
      has(modifiers, 'edema') &&
      !has(modifiers, 'pedal edema') &&
      !has(modifiers, 'lower extremity edema') &&
      !has(modifiers, 'peripheral edema')
        ? [{ codes: ['R60.9'] }]
        : [{ codes: ['R60.0'] }],
  },
  {
    id: 'weight-loss',
    kind: 'symptom',
    phrases: ['weight loss', 'unintentional weight loss', 'abnormal weight loss'],
    resolve: 'R63.4',
  },
  { id: 'weight-gain', kind: 'symptom', phrases: ['weight gain', 'abnormal weight gain'], resolve: 'R63.5' },
  {
    id: 'loss-of-appetite',
    kind: 'symptom',
    phrases: ['loss of appetite', 'anorexia', 'decreased appetite', 'poor appetite'],
    resolve: 'R63.0',
  },
  {
    id: 'cough',
    kind: 'symptom',
    phrases: ['cough', 'coughing', 'acute cough', 'subacute cough', 'chronic cough', 'persistent cough'],
    // R05 was split on 2021-10-01 (FY2022): R05.1 acute, R05.2 subacute (3-8 weeks), R05.3 chronic, R05.9
    // unspecified.
    resolve: (modifiers) =>
      has(modifiers, 'subacute')
        ? [{ codes: ['R05.2'] }, { codes: ['R05'] }]
        : modifiers.acute
          ? [{ codes: ['R05.1'] }, { codes: ['R05'] }]
          : modifiers.chronic || has(modifiers, 'persistent')
            ? [{ codes: ['R05.3'] }, { codes: ['R05'] }]
            : [{ codes: ['R05.9'] }, { codes: ['R05'] }],
  },
  {
    id: 'shortness-of-breath',
    kind: 'symptom',
    phrases: ['shortness of breath', 'sob', 'short of breath'],
    resolve: 'R06.02',
  },
  { id: 'dyspnea', kind: 'symptom', phrases: ['dyspnea', 'dyspnoea', 'dyspnea on exertion', 'doe'], resolve: 'R06.00' },
  { id: 'wheezing', kind: 'symptom', phrases: ['wheezing', 'wheeze', 'wheezes'], resolve: 'R06.2' },
  { id: 'sneezing', kind: 'symptom', phrases: ['sneezing'], resolve: 'R06.7' },
  {
    id: 'nasal-congestion',
    kind: 'symptom',
    phrases: ['nasal congestion', 'stuffy nose', 'sinus congestion'],
    resolve: 'R09.81',
  },
  { id: 'rhinorrhea', kind: 'symptom', phrases: ['rhinorrhea', 'runny nose'], resolve: 'J34.89' },
  { id: 'sore-throat', kind: 'symptom', phrases: ['sore throat', 'throat pain'], resolve: 'J02.9' },
  { id: 'palpitations', kind: 'symptom', phrases: ['palpitations', 'palpitation', 'heart racing'], resolve: 'R00.2' },
  { id: 'nausea', kind: 'symptom', phrases: ['nausea', 'nauseated', 'nauseous'], resolve: 'R11.0' },
  { id: 'vomiting', kind: 'symptom', phrases: ['vomiting', 'emesis'], resolve: 'R11.10' },
  {
    id: 'nausea-vomiting',
    kind: 'symptom',
    phrases: ['nausea and vomiting', 'nausea with vomiting', 'nausea vomiting', 'n / v', 'n&v', 'nausea & vomiting'],
    resolve: 'R11.2',
  },
  { id: 'diarrhea', kind: 'symptom', phrases: ['diarrhea', 'diarrhoea', 'loose stools'], resolve: 'R19.7' },
  { id: 'heartburn', kind: 'symptom', phrases: ['heartburn', 'pyrosis'], resolve: 'R12' },
  {
    id: 'abdominal-pain',
    kind: 'symptom',
    phrases: [
      'abdominal pain',
      'abd pain',
      'stomach pain',
      'belly pain',
      'epigastric pain',
      'ruq pain',
      'rlq pain',
      'llq pain',
      'luq pain',
      'right upper quadrant pain',
      'right lower quadrant pain',
      'left lower quadrant pain',
      'left upper quadrant pain',
      'periumbilical pain',
      'abdominal cramping',
    ],
    resolve: (modifiers) => {
      const t = modifiers.text;
      if (t.includes(' right upper quadrant ') || t.includes(' ruq ')) return [{ codes: ['R10.11'] }];
      if (t.includes(' left upper quadrant ') || t.includes(' luq ')) return [{ codes: ['R10.12'] }];
      if (t.includes(' right lower quadrant ') || t.includes(' rlq ')) return [{ codes: ['R10.31'] }];
      if (t.includes(' left lower quadrant ') || t.includes(' llq ')) return [{ codes: ['R10.32'] }];
      if (t.includes(' epigastric ')) return [{ codes: ['R10.13'] }];
      if (t.includes(' periumbilical ')) return [{ codes: ['R10.33'] }];
      if (t.includes(' generalized ') || t.includes(' diffuse ')) return [{ codes: ['R10.84'] }];
      return [{ codes: ['R10.9'] }];
    },
  },
  {
    id: 'dysuria',
    kind: 'symptom',
    phrases: ['dysuria', 'painful urination', 'burning with urination', 'burning on urination'],
    resolve: 'R30.0',
  },
  { id: 'urinary-frequency', kind: 'symptom', phrases: ['urinary frequency', 'frequent urination'], resolve: 'R35.0' },
  { id: 'urinary-urgency', kind: 'symptom', phrases: ['urinary urgency'], resolve: 'R39.15' },
  { id: 'hematuria', kind: 'symptom', phrases: ['hematuria', 'blood in urine'], resolve: 'R31.9' },
  { id: 'incontinence', kind: 'symptom', phrases: ['urinary incontinence', 'incontinence of urine'], resolve: 'R32' },
  {
    id: 'ear-pain',
    kind: 'symptom',
    phrases: ['ear pain', 'otalgia', 'earache'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H92.01', left: 'H92.02', bilateral: 'H92.03', unspecified: 'H92.09' }),
  },
  {
    id: 'headache',
    kind: 'symptom',
    phrases: ['headache', 'headaches', 'cephalgia'],
    resolve: () => [{ codes: ['R51.9'] }, { codes: ['R51'] }],
  },
  {
    id: 'dizziness',
    kind: 'symptom',
    phrases: ['dizziness', 'dizzy', 'lightheadedness', 'vertigo', 'light headedness'],
    resolve: 'R42',
  },
  { id: 'syncope', kind: 'symptom', phrases: ['syncope', 'fainting', 'syncopal episode'], resolve: 'R55' },
  {
    id: 'myalgia',
    kind: 'symptom',
    phrases: ['myalgia', 'myalgias', 'muscle aches'],
    resolve: () => [{ codes: ['M79.10'] }, { codes: ['M79.1'] }],
  },
  {
    id: 'lymphadenopathy',
    kind: 'symptom',
    phrases: ['lymphadenopathy', 'swollen lymph nodes', 'enlarged lymph nodes'],
    resolve: 'R59.9',
  },
  {
    id: 'abnormal-chest-imaging',
    kind: 'symptom',
    phrases: ['abnormal chest x ray', 'abnormal chest xray', 'abnormal chest ct', 'abnormal chest radiograph'],
    resolve: 'R91.8',
  },
  {
    id: 'elevated-psa',
    kind: 'symptom',
    phrases: ['elevated psa', 'elevated prostate specific antigen', 'raised psa'],
    resolve: 'R97.20',
  },
];
