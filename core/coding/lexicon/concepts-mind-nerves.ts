/** Mental and behavioural conditions, substance use, and the nervous system. */
import { type CodeChoice, type ConceptDefinition, has, type Modifiers } from './concept.ts';

function majorDepression(modifiers: Modifiers): CodeChoice[] {
  const category = has(modifiers, 'recurrent') ? 'F33' : 'F32';
  const severity = has(modifiers, 'mild')
    ? '0'
    : has(modifiers, 'moderate')
      ? '1'
      : has(modifiers, 'severe')
        ? '2'
        : '9';
  return [{ codes: [`${category}.${severity}`] }];
}

function migraine(modifiers: Modifiers): CodeChoice[] {
  const intractable = has(modifiers, 'intractable') && !has(modifiers, 'not intractable');
  const kind = has(modifiers, 'without aura') ? '0' : has(modifiers, 'with aura') ? '1' : '9';
  return [{ codes: [`G43.${kind}${intractable ? '1' : '0'}9`] }];
}

function adhd(modifiers: Modifiers): CodeChoice[] {
  if (has(modifiers, 'combined')) return [{ codes: ['F90.2'] }];
  if (has(modifiers, 'inattentive')) return [{ codes: ['F90.0'] }];
  if (has(modifiers, 'hyperactive')) return [{ codes: ['F90.1'] }];
  return [{ codes: ['F90.9'] }];
}

function adjustmentDisorder(modifiers: Modifiers): CodeChoice[] {
  if (has(modifiers, 'mixed anxiety and depressed mood')) return [{ codes: ['F43.23'] }];
  if (has(modifiers, 'depressed mood')) return [{ codes: ['F43.21'] }];
  if (has(modifiers, 'with anxiety')) return [{ codes: ['F43.22'] }];
  return [{ codes: ['F43.20'] }];
}

const CIGARETTE_WORDS = [' cigarette ', ' cigarettes ', ' cigs ', ' pack ', ' packs ', ' ppd ', ' pack per day '];

export const MIND_NERVES_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: 'depression',
    kind: 'disease',
    phrases: ['depression', 'depressive disorder'],
    // F32.A (FY2022) is depression NOS; before it the Index sent depression NOS to F32.9.
    resolve: () => [{ codes: ['F32.A'] }, { codes: ['F32.9'] }],
    chronic: true,
  },
  {
    id: 'major-depression',
    kind: 'disease',
    phrases: ['major depressive disorder', 'mdd', 'major depression'],
    resolve: majorDepression,
    chronic: true,
  },
  {
    id: 'anxiety',
    kind: 'disease',
    phrases: ['anxiety', 'anxiety disorder'],
    resolve: 'F41.9',
    chronic: true,
  },
  {
    id: 'generalized-anxiety',
    kind: 'disease',
    phrases: ['generalized anxiety disorder', 'gad', 'generalized anxiety'],
    resolve: 'F41.1',
    chronic: true,
  },
  {
    id: 'panic-disorder',
    kind: 'disease',
    phrases: ['panic disorder', 'panic attacks'],
    resolve: 'F41.0',
    chronic: true,
  },
  {
    id: 'ptsd',
    kind: 'disease',
    phrases: ['ptsd', 'post traumatic stress disorder', 'posttraumatic stress disorder'],
    resolve: 'F43.10',
    chronic: true,
  },
  {
    id: 'adjustment-disorder',
    kind: 'disease',
    phrases: [
      'adjustment disorder',
      'adjustment disorder with mixed anxiety and depressed mood',
      'adjustment disorder with depressed mood',
      'adjustment disorder with anxiety',
    ],
    resolve: adjustmentDisorder,
  },
  {
    id: 'adhd',
    kind: 'disease',
    phrases: ['adhd', 'attention deficit hyperactivity disorder', 'attention deficit disorder'],
    resolve: adhd,
    chronic: true,
  },
  {
    id: 'nicotine-dependence',
    kind: 'disease',
    phrases: [
      'nicotine dependence',
      'tobacco dependence',
      'smoker',
      'current smoker',
      'cigarette smoker',
      'smokes cigarettes',
      'active smoker',
      'tobacco use disorder',
    ],
    resolve: (modifiers) =>
      CIGARETTE_WORDS.some((words) => modifiers.text.includes(words))
        ? [{ codes: ['F17.210'] }]
        : [{ codes: ['F17.200'] }],
    chronic: true,
    historyCode: 'Z87.891',
  },
  {
    id: 'tobacco-use',
    kind: 'factor',
    phrases: ['tobacco use'],
    resolve: 'Z72.0',
    historyCode: 'Z87.891',
  },
  {
    id: 'former-smoker',
    kind: 'factor',
    phrases: [
      'former smoker',
      'ex smoker',
      'quit smoking',
      'stopped smoking',
      'history of smoking',
      'history of tobacco use',
      'history of nicotine dependence',
      'remote smoker',
      'previous smoker',
      'past smoker',
      'former tobacco use',
    ],
    resolve: 'Z87.891',
    secondaryOnly: true,
  },
  {
    id: 'alcohol-abuse',
    kind: 'disease',
    phrases: ['alcohol abuse', 'etoh abuse'],
    resolve: 'F10.10',
  },
  {
    id: 'alcohol-dependence',
    kind: 'disease',
    phrases: ['alcohol dependence', 'alcoholism', 'alcohol use disorder'],
    resolve: (modifiers) =>
      has(modifiers, 'alcohol use disorder')
        ? [{ codes: ['F10.20'], ambiguity: 'alcohol use disorder: severity (mild is F10.10) not read' }]
        : [{ codes: ['F10.20'] }],
  },
  {
    id: 'insomnia',
    kind: 'disease',
    phrases: ['insomnia', 'sleeplessness'],
    resolve: 'G47.00',
  },
  {
    id: 'sleep-apnea',
    kind: 'disease',
    phrases: ['obstructive sleep apnea', 'osa', 'sleep apnea'],
    resolve: (modifiers) =>
      has(modifiers, 'obstructive') || has(modifiers, 'osa') ? [{ codes: ['G47.33'] }] : [{ codes: ['G47.30'] }],
    chronic: true,
  },
  {
    id: 'migraine',
    kind: 'disease',
    phrases: [
      'migraine',
      'migraines',
      'migraine headache',
      'migraine headaches',
      'migraine without aura',
      'migraine with aura',
    ],
    resolve: migraine,
    chronic: true,
    integral: ['headache', 'nausea'],
  },
  {
    id: 'tension-headache',
    kind: 'disease',
    phrases: ['tension headache', 'tension type headache', 'tension headaches'],
    resolve: (modifiers) =>
      has(modifiers, 'intractable') && !has(modifiers, 'not intractable')
        ? [{ codes: ['G44.201'] }]
        : [{ codes: ['G44.209'] }],
    integral: ['headache'],
  },
  {
    id: 'epilepsy',
    kind: 'disease',
    phrases: ['epilepsy', 'seizure disorder'],
    resolve: 'G40.909',
    chronic: true,
  },
  {
    id: 'seizure',
    kind: 'symptom',
    phrases: ['seizure', 'seizures'],
    resolve: 'R56.9',
  },
  {
    id: 'alzheimer',
    kind: 'disease',
    phrases: ['alzheimer disease', 'alzheimers disease', 'alzheimers', 'alzheimer dementia', 'alzheimers dementia'],
    // The Index pairs G30.9 with the manifestation [F02.80]: both are coded, etiology first.
    resolve: () => [{ codes: ['G30.9', 'F02.80'] }],
    chronic: true,
  },
  {
    id: 'dementia',
    kind: 'disease',
    phrases: ['dementia', 'senile dementia'],
    resolve: 'F03.90',
    chronic: true,
  },
];
