/** Acute and episodic problems of the office: respiratory, ear and eye, digestive, genitourinary, skin, infections. */
import { byLaterality, type CodeChoice, type ConceptDefinition, has, type Modifiers } from './concept.ts';

function asthma(modifiers: Modifiers): CodeChoice[] {
  const severity = has(modifiers, 'mild intermittent')
    ? '2'
    : has(modifiers, 'mild persistent')
      ? '3'
      : has(modifiers, 'moderate persistent')
        ? '4'
        : has(modifiers, 'severe persistent')
          ? '5'
          : '9';
  const statusAsthmaticus = has(modifiers, 'status asthmaticus');
  const fifth = statusAsthmaticus ? '2' : modifiers.exacerbation ? '1' : '0';
  if (severity === '9') return [{ codes: [`J45.90${fifth === '0' ? '9' : fifth}`] }];
  return [{ codes: [`J45.${severity}${fifth}`] }];
}

function bronchitis(modifiers: Modifiers): CodeChoice[] {
  if (modifiers.chronic) return [{ codes: ['J42'] }];
  if (modifiers.acute) return [{ codes: ['J20.9'] }];
  return [{ codes: ['J40'] }];
}

function sinusitis(modifiers: Modifiers): CodeChoice[] {
  // The Alphabetic Index lists "chronic" as a nonessential modifier: sinusitis NOS is J32.9.
  if (modifiers.acute) return [{ codes: ['J01.90'] }];
  return [{ codes: ['J32.9'] }];
}

function cystitis(modifiers: Modifiers): CodeChoice[] {
  const hematuria = has(modifiers, 'with hematuria') ? '1' : '0';
  if (modifiers.chronic) return [{ codes: ['N30.20'] }];
  return [{ codes: [`N30.0${hematuria}`] }];
}

export const ACUTE_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: 'uri',
    kind: 'disease',
    phrases: [
      'upper respiratory infection',
      'upper respiratory tract infection',
      'viral upper respiratory infection',
      'acute upper respiratory infection',
    ],
    resolve: 'J06.9',
    integral: ['cough', 'nasal-congestion', 'rhinorrhea', 'sore-throat', 'fever'],
  },
  {
    id: 'common-cold',
    kind: 'disease',
    phrases: ['common cold', 'head cold', 'acute nasopharyngitis', 'nasopharyngitis', 'viral rhinitis'],
    resolve: 'J00',
    integral: ['cough', 'nasal-congestion', 'rhinorrhea', 'sore-throat'],
  },
  {
    id: 'pharyngitis',
    kind: 'disease',
    phrases: ['pharyngitis', 'acute pharyngitis', 'viral pharyngitis'],
    resolve: 'J02.9',
    integral: ['sore-throat'],
  },
  {
    id: 'strep-pharyngitis',
    kind: 'disease',
    phrases: [
      'strep pharyngitis',
      'streptococcal pharyngitis',
      'strep throat',
      'group a strep pharyngitis',
      'streptococcal sore throat',
      'strep sore throat',
    ],
    resolve: 'J02.0',
    integral: ['sore-throat', 'fever'],
  },
  {
    id: 'tonsillitis',
    kind: 'disease',
    phrases: ['tonsillitis', 'acute tonsillitis', 'recurrent tonsillitis', 'chronic tonsillitis'],
    resolve: (modifiers) =>
      modifiers.chronic
        ? [{ codes: ['J35.01'] }]
        : has(modifiers, 'recurrent')
          ? [{ codes: ['J03.91'] }]
          : [{ codes: ['J03.90'] }],
    integral: ['sore-throat'],
  },
  {
    id: 'sinusitis',
    kind: 'disease',
    phrases: ['sinusitis', 'rhinosinusitis', 'sinus infection', 'acute sinusitis', 'chronic sinusitis'],
    resolve: sinusitis,
    integral: ['nasal-congestion', 'facial-pain', 'rhinorrhea'],
  },
  {
    id: 'bronchitis',
    kind: 'disease',
    phrases: ['bronchitis', 'acute bronchitis', 'chronic bronchitis'],
    resolve: bronchitis,
    integral: ['cough', 'wheezing'],
  },
  {
    id: 'pneumonia',
    kind: 'disease',
    phrases: ['pneumonia', 'community acquired pneumonia', 'lobar pneumonia'],
    resolve: (modifiers) => [{ codes: [has(modifiers, 'lobar') ? 'J18.1' : 'J18.9'] }],
    historyCode: 'Z87.01',
    integral: ['cough', 'fever', 'shortness-of-breath', 'dyspnea'],
  },
  {
    id: 'asthma',
    kind: 'disease',
    phrases: ['asthma', 'reactive airway disease', 'bronchial asthma', 'asthmatic'],
    resolve: asthma,
    chronic: true,
    integral: ['wheezing', 'shortness-of-breath', 'cough', 'dyspnea'],
  },
  {
    id: 'copd',
    kind: 'disease',
    phrases: ['chronic obstructive pulmonary disease', 'emphysema', 'chronic obstructive lung disease'],
    resolve: (modifiers) => (modifiers.exacerbation ? [{ codes: ['J44.1'] }] : [{ codes: ['J44.9'] }]),
    chronic: true,
    integral: ['wheezing', 'shortness-of-breath', 'cough', 'dyspnea'],
  },
  {
    id: 'allergic-rhinitis',
    kind: 'disease',
    phrases: ['allergic rhinitis', 'seasonal allergies', 'hay fever', 'seasonal allergic rhinitis'],
    resolve: (modifiers) =>
      has(modifiers, 'hay fever') || has(modifiers, 'pollen')
        ? [{ codes: ['J30.1'] }]
        : has(modifiers, 'seasonal')
          ? [{ codes: ['J30.2'] }]
          : [{ codes: ['J30.9'] }],
    integral: ['nasal-congestion', 'rhinorrhea', 'sneezing'],
  },
  {
    id: 'influenza',
    kind: 'disease',
    phrases: ['influenza', 'flu', 'influenza a', 'influenza b', 'influenza like illness'],
    // Influenza A or B named by the provider is an identified virus (J10); influenza NOS is J11.
    resolve: (modifiers) =>
      has(modifiers, 'influenza like illness')
        ? [{ codes: ['J11.1'], ambiguity: 'influenza-like illness is not a confirmed influenza' }]
        : has(modifiers, 'influenza a') ||
            has(modifiers, 'influenza b') ||
            has(modifiers, 'flu a') ||
            has(modifiers, 'flu b')
          ? [{ codes: ['J10.1'] }]
          : [{ codes: ['J11.1'] }],
    integral: ['fever', 'cough', 'myalgia', 'fatigue', 'sore-throat', 'body-aches'],
  },
  {
    id: 'covid-19',
    kind: 'disease',
    phrases: ['covid 19', 'covid', 'covid19', 'sars cov 2 infection', 'coronavirus disease 2019'],
    resolve: 'U07.1',
    integral: ['fever', 'cough', 'fatigue', 'myalgia', 'sore-throat', 'shortness-of-breath', 'body-aches'],
  },
  {
    id: 'covid-exposure',
    kind: 'factor',
    phrases: ['exposure to covid', 'exposure to covid 19', 'covid exposure', 'covid 19 exposure', 'exposed to covid'],
    resolve: 'Z20.822',
  },
  {
    id: 'otitis-media',
    kind: 'disease',
    phrases: ['otitis media', 'acute otitis media', 'aom', 'middle ear infection', 'ear infection'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H66.91', left: 'H66.92', bilateral: 'H66.93', unspecified: 'H66.90' }),
    integral: ['ear-pain', 'fever'],
  },
  {
    id: 'serous-otitis-media',
    kind: 'disease',
    phrases: ['serous otitis media', 'otitis media with effusion', 'middle ear effusion', 'ome'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H65.91', left: 'H65.92', bilateral: 'H65.93', unspecified: 'H65.90' }),
  },
  {
    id: 'otitis-externa',
    kind: 'disease',
    phrases: ['otitis externa', 'external otitis'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H60.91', left: 'H60.92', bilateral: 'H60.93', unspecified: 'H60.90' }),
    integral: ['ear-pain'],
  },
  {
    id: 'cerumen-impaction',
    kind: 'disease',
    phrases: ['cerumen impaction', 'impacted cerumen', 'earwax impaction', 'ear wax impaction', 'impacted ear wax'],
    resolve: (modifiers) =>
      byLaterality(modifiers, { right: 'H61.21', left: 'H61.22', bilateral: 'H61.23', unspecified: 'H61.20' }),
  },
  {
    id: 'conjunctivitis',
    kind: 'disease',
    phrases: ['conjunctivitis'],
    resolve: 'H10.9',
  },
  {
    id: 'cataract',
    kind: 'disease',
    phrases: ['cataract', 'cataracts', 'age related cataract', 'senile cataract'],
    resolve: (modifiers) =>
      has(modifiers, 'age related') || has(modifiers, 'senile') ? [{ codes: ['H25.9'] }] : [{ codes: ['H26.9'] }],
  },
  {
    id: 'presbyopia',
    kind: 'disease',
    phrases: ['presbyopia'],
    resolve: 'H52.4',
  },
  {
    id: 'gerd',
    kind: 'disease',
    phrases: [
      'gastroesophageal reflux disease',
      'gastroesophageal reflux',
      'gastro esophageal reflux disease',
      'acid reflux',
      'reflux disease',
    ],
    resolve: (modifiers) =>
      has(modifiers, 'with esophagitis') ? [{ codes: ['K21.00'] }, { codes: ['K21.0'] }] : [{ codes: ['K21.9'] }],
    chronic: true,
    integral: ['heartburn', 'dyspepsia'],
  },
  {
    id: 'constipation',
    kind: 'symptom',
    phrases: ['constipation'],
    resolve: 'K59.00',
  },
  {
    id: 'ibs',
    kind: 'disease',
    phrases: ['irritable bowel syndrome', 'ibs'],
    resolve: 'K58.9',
    chronic: true,
    integral: ['abdominal-pain', 'diarrhea', 'constipation'],
  },
  {
    id: 'gastroenteritis',
    kind: 'disease',
    phrases: [
      'gastroenteritis',
      'acute gastroenteritis',
      'viral gastroenteritis',
      'stomach flu',
      'infectious gastroenteritis',
    ],
    resolve: (modifiers) =>
      has(modifiers, 'viral') || has(modifiers, 'stomach flu')
        ? [{ codes: ['A08.4'] }]
        : has(modifiers, 'infectious')
          ? [{ codes: ['A09'] }]
          : [{ codes: ['K52.9'] }],
    integral: ['diarrhea', 'nausea-vomiting', 'nausea', 'vomiting', 'abdominal-pain'],
  },
  {
    id: 'gastritis',
    kind: 'disease',
    phrases: ['gastritis'],
    resolve: 'K29.70',
    integral: ['abdominal-pain', 'dyspepsia', 'nausea'],
  },
  {
    id: 'dyspepsia',
    kind: 'symptom',
    phrases: ['dyspepsia', 'indigestion'],
    resolve: 'R10.13',
  },
  {
    id: 'diverticulosis',
    kind: 'disease',
    phrases: ['diverticulosis', 'diverticulosis of colon', 'colonic diverticulosis', 'sigmoid diverticulosis'],
    // Diverticulosis NOS is K57.90 (intestine, part unspecified); of the colon, K57.30.
    resolve: (modifiers) =>
      has(modifiers, 'colon') ||
      has(modifiers, 'colonic') ||
      has(modifiers, 'sigmoid') ||
      has(modifiers, 'large intestine')
        ? [{ codes: ['K57.30'] }]
        : [{ codes: ['K57.90'] }],
  },
  {
    id: 'hemorrhoids',
    kind: 'disease',
    phrases: ['hemorrhoids', 'hemorrhoid', 'haemorrhoids'],
    // Internal hemorrhoids without a degree are K64.8, external K64.4, thrombosed K64.5.
    resolve: (modifiers) =>
      has(modifiers, 'thrombosed')
        ? [{ codes: ['K64.5'] }]
        : has(modifiers, 'internal')
          ? [{ codes: ['K64.8'] }]
          : has(modifiers, 'external')
            ? [{ codes: ['K64.4'] }]
            : [{ codes: ['K64.9'] }],
  },
  {
    id: 'uti',
    kind: 'disease',
    phrases: ['urinary tract infection', 'acute urinary tract infection'],
    resolve: 'N39.0',
    historyCode: 'Z87.440',
    integral: ['dysuria', 'urinary-frequency', 'urinary-urgency'],
  },
  {
    id: 'cystitis',
    kind: 'disease',
    phrases: ['cystitis', 'acute cystitis', 'bladder infection'],
    resolve: cystitis,
    integral: ['dysuria', 'urinary-frequency', 'urinary-urgency'],
  },
  {
    id: 'bph',
    kind: 'disease',
    phrases: ['bph', 'benign prostatic hyperplasia', 'benign prostatic hypertrophy', 'enlarged prostate'],
    resolve: (modifiers) =>
      has(modifiers, 'luts') || has(modifiers, 'lower urinary tract symptoms') || has(modifiers, 'with urinary')
        ? [{ codes: ['N40.1'] }]
        : [{ codes: ['N40.0'] }],
    chronic: true,
  },
  {
    id: 'kidney-stone',
    kind: 'disease',
    phrases: ['kidney stone', 'kidney stones', 'nephrolithiasis', 'renal calculus', 'renal stone'],
    resolve: 'N20.0',
    historyCode: 'Z87.442',
  },
  {
    id: 'menopausal-symptoms',
    kind: 'disease',
    phrases: ['menopausal symptoms', 'menopausal vasomotor symptoms', 'symptomatic menopause'],
    resolve: 'N95.1',
  },
  {
    id: 'dysmenorrhea',
    kind: 'disease',
    phrases: ['dysmenorrhea', 'painful periods', 'menstrual cramps'],
    resolve: 'N94.6',
  },
  {
    id: 'bacterial-vaginosis',
    kind: 'disease',
    phrases: ['bacterial vaginosis', 'bv'],
    resolve: 'N76.0',
  },
  {
    id: 'cellulitis',
    kind: 'disease',
    phrases: ['cellulitis'],
    resolve: (modifiers) => {
      const t = modifiers.text;
      const site = (right: string, left: string, unspecified: string): CodeChoice[] =>
        byLaterality(modifiers, { right, left, bilateral: [right, left], unspecified });
      if (t.includes(' leg ') || t.includes(' lower leg ') || t.includes(' shin ') || t.includes(' calf '))
        return site('L03.115', 'L03.116', 'L03.119');
      if (t.includes(' arm ') || t.includes(' forearm ')) return site('L03.113', 'L03.114', 'L03.119');
      if (t.includes(' foot ')) return site('L03.115', 'L03.116', 'L03.119');
      return [{ codes: ['L03.90'] }];
    },
  },
  {
    id: 'skin-infection',
    kind: 'disease',
    phrases: ['skin infection', 'local skin infection'],
    resolve: 'L08.9',
  },
  {
    id: 'abscess',
    kind: 'disease',
    phrases: ['abscess', 'skin abscess', 'cutaneous abscess', 'boil', 'furuncle'],
    resolve: (modifiers) =>
      has(modifiers, 'furuncle') || has(modifiers, 'boil') ? [{ codes: ['L02.92'] }] : [{ codes: ['L02.91'] }],
  },
  {
    id: 'atopic-dermatitis',
    kind: 'disease',
    phrases: ['atopic dermatitis', 'atopic eczema'],
    resolve: 'L20.9',
    chronic: true,
    integral: ['rash'],
  },
  {
    id: 'dermatitis',
    kind: 'disease',
    phrases: ['dermatitis', 'eczema'],
    resolve: 'L30.9',
    integral: ['rash'],
  },
  {
    id: 'contact-dermatitis',
    kind: 'disease',
    phrases: ['contact dermatitis'],
    resolve: 'L25.9',
    integral: ['rash'],
  },
  {
    id: 'psoriasis',
    kind: 'disease',
    phrases: ['psoriasis', 'psoriasis vulgaris', 'plaque psoriasis'],
    resolve: (modifiers) =>
      has(modifiers, 'vulgaris') || has(modifiers, 'plaque psoriasis')
        ? [{ codes: ['L40.0'] }]
        : [{ codes: ['L40.9'] }],
    chronic: true,
    integral: ['rash'],
  },
  {
    id: 'urticaria',
    kind: 'disease',
    phrases: ['urticaria', 'hives'],
    resolve: 'L50.9',
    integral: ['rash'],
  },
  {
    id: 'actinic-keratosis',
    kind: 'disease',
    phrases: ['actinic keratosis', 'actinic keratoses', 'solar keratosis'],
    resolve: 'L57.0',
  },
  {
    id: 'acne',
    kind: 'disease',
    phrases: ['acne', 'acne vulgaris'],
    resolve: (modifiers) => (has(modifiers, 'vulgaris') ? [{ codes: ['L70.0'] }] : [{ codes: ['L70.9'] }]),
  },
  {
    id: 'ingrown-nail',
    kind: 'disease',
    phrases: ['ingrown toenail', 'ingrown nail', 'ingrowing nail', 'onychocryptosis'],
    resolve: 'L60.0',
  },
  {
    id: 'onychomycosis',
    kind: 'disease',
    phrases: ['onychomycosis', 'toenail fungus', 'nail fungus', 'tinea unguium'],
    resolve: 'B35.1',
  },
  {
    id: 'tinea-pedis',
    kind: 'disease',
    phrases: ['tinea pedis', 'athletes foot'],
    resolve: 'B35.3',
  },
  {
    id: 'seborrheic-keratosis',
    kind: 'disease',
    phrases: [
      'seborrheic keratosis',
      'seborrheic keratoses',
      'inflamed seborrheic keratosis',
      'irritated seborrheic keratosis',
    ],
    resolve: (modifiers) =>
      has(modifiers, 'inflamed') || has(modifiers, 'irritated') ? [{ codes: ['L82.0'] }] : [{ codes: ['L82.1'] }],
  },
  {
    id: 'nevus',
    kind: 'disease',
    phrases: ['nevus', 'benign nevus', 'mole', 'melanocytic nevus'],
    resolve: 'D22.9',
  },
  {
    id: 'skin-tag',
    kind: 'disease',
    phrases: ['skin tag', 'skin tags', 'acrochordon', 'acrochordons'],
    resolve: 'L91.8',
  },
  {
    id: 'wart',
    kind: 'disease',
    phrases: ['wart', 'warts', 'verruca', 'verruca vulgaris', 'common wart'],
    resolve: (modifiers) =>
      has(modifiers, 'vulgaris') || has(modifiers, 'common wart') ? [{ codes: ['B07.8'] }] : [{ codes: ['B07.9'] }],
  },
  {
    id: 'herpes-zoster',
    kind: 'disease',
    phrases: ['herpes zoster', 'shingles', 'zoster'],
    resolve: 'B02.9',
    integral: ['rash'],
  },
  {
    // "Use additional code (B95-B97) to identify infectious agent": E. coli named with an infection it causes.
    id: 'e-coli',
    kind: 'factor',
    phrases: ['escherichia coli', 'e coli', 'e . coli'],
    resolve: 'B96.20',
    secondaryOnly: true,
  },
  {
    id: 'viral-infection',
    kind: 'disease',
    phrases: ['viral infection', 'viral illness', 'viral syndrome'],
    resolve: 'B34.9',
    integral: ['fever', 'myalgia', 'malaise', 'fatigue'],
  },
];
