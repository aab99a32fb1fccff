/** Musculoskeletal problems and injuries: laterality from the sentence, 7th character for the episode of care. */
import { byLaterality, type CodeChoice, type ConceptDefinition, has, type Modifiers, withEpisode } from './concept.ts';

function injury(
  table: { right: string; left: string; unspecified: string } | string,
): (modifiers: Modifiers) => CodeChoice[] {
  return (modifiers) => {
    if (typeof table === 'string') return [{ codes: [withEpisode(table, modifiers.episode)] }];
    const choices = byLaterality(modifiers, { ...table, bilateral: [table.right, table.left] });
    return choices.map((choice) => ({
      ...choice,
      codes: choice.codes.map((code) => withEpisode(code, modifiers.episode)),
    }));
  };
}

function osteoarthritis(modifiers: Modifiers): CodeChoice[] {
  if (has(modifiers, 'knee') || has(modifiers, 'knees'))
    return byLaterality(modifiers, { right: 'M17.11', left: 'M17.12', bilateral: 'M17.0', unspecified: 'M17.10' });
  if (has(modifiers, 'hip') || has(modifiers, 'hips'))
    return byLaterality(modifiers, { right: 'M16.11', left: 'M16.12', bilateral: 'M16.0', unspecified: 'M16.10' });
  // Primary osteoarthritis of other joints: M19.0- by joint and side (no bilateral code: both sides are coded).
  const joint = (right: string, left: string, unspecified: string): CodeChoice[] =>
    byLaterality(modifiers, { right, left, bilateral: [right, left], unspecified });
  if (has(modifiers, 'shoulder') || has(modifiers, 'shoulders')) return joint('M19.011', 'M19.012', 'M19.019');
  if (has(modifiers, 'elbow') || has(modifiers, 'elbows')) return joint('M19.021', 'M19.022', 'M19.029');
  if (has(modifiers, 'wrist') || has(modifiers, 'wrists')) return joint('M19.031', 'M19.032', 'M19.039');
  if (has(modifiers, 'hand') || has(modifiers, 'hands')) return joint('M19.041', 'M19.042', 'M19.049');
  if (has(modifiers, 'ankle') || has(modifiers, 'ankles') || has(modifiers, 'foot') || has(modifiers, 'feet'))
    return joint('M19.071', 'M19.072', 'M19.079');
  return [{ codes: ['M19.90'] }];
}

function radiculopathy(modifiers: Modifiers): CodeChoice[] {
  if (has(modifiers, 'lumbar')) return [{ codes: ['M54.16'] }];
  if (has(modifiers, 'cervical')) return [{ codes: ['M54.12'] }];
  if (has(modifiers, 'lumbosacral')) return [{ codes: ['M54.17'] }];
  return [{ codes: ['M54.10'] }];
}

export const MUSCULOSKELETAL_CONCEPTS: readonly ConceptDefinition[] = [
  {
    id: 'neck-pain',
    kind: 'symptom',
    phrases: ['neck pain', 'cervicalgia', 'pain in neck'],
    resolve: 'M54.2',
  },
  {
    id: 'low-back-pain',
    kind: 'symptom',
    phrases: ['low back pain', 'lower back pain', 'lbp', 'lumbago', 'lumbar pain', 'pain in low back'],
    // M54.5 was split on 2021-10-01 (FY2022): M54.50 is low back pain, unspecified.
    resolve: () => [{ codes: ['M54.50'] }, { codes: ['M54.5'] }],
  },
  {
    id: 'back-pain',
    kind: 'symptom',
    phrases: ['back pain', 'dorsalgia'],
    resolve: 'M54.9',
  },
  {
    id: 'sciatica',
    kind: 'disease',
    phrases: ['sciatica'],
    resolve: (modifiers) =>
      byLaterality(modifiers, {
        right: 'M54.31',
        left: 'M54.32',
        bilateral: ['M54.31', 'M54.32'],
        unspecified: 'M54.30',
      }),
  },
  {
    id: 'radiculopathy',
    kind: 'disease',
    phrases: ['radiculopathy', 'lumbar radiculopathy', 'cervical radiculopathy', 'lumbosacral radiculopathy'],
    resolve: radiculopathy,
  },
  {
    id: 'knee-pain',
    kind: 'symptom',
    phrases: ['knee pain', 'pain in knee', 'knee arthralgia', 'pain of knee'],
    resolve: (modifiers) =>
      byLaterality(modifiers, {
        right: 'M25.561',
        left: 'M25.562',
        bilateral: ['M25.561', 'M25.562'],
        unspecified: 'M25.569',
      }),
  },
  {
    id: 'shoulder-pain',
    kind: 'symptom',
    phrases: ['shoulder pain', 'pain in shoulder', 'shoulder arthralgia'],
    resolve: (modifiers) =>
      byLaterality(modifiers, {
        right: 'M25.511',
        left: 'M25.512',
        bilateral: ['M25.511', 'M25.512'],
        unspecified: 'M25.519',
      }),
  },
  {
    id: 'hip-pain',
    kind: 'symptom',
    phrases: ['hip pain', 'pain in hip', 'hip arthralgia'],
    resolve: (modifiers) =>
      byLaterality(modifiers, {
        right: 'M25.551',
        left: 'M25.552',
        bilateral: ['M25.551', 'M25.552'],
        unspecified: 'M25.559',
      }),
  },
  {
    id: 'ankle-pain',
    kind: 'symptom',
    phrases: ['ankle pain', 'pain in ankle'],
    resolve: (modifiers) =>
      byLaterality(modifiers, {
        right: 'M25.571',
        left: 'M25.572',
        bilateral: ['M25.571', 'M25.572'],
        unspecified: 'M25.579',
      }),
  },
  {
    id: 'joint-pain',
    kind: 'symptom',
    phrases: ['joint pain', 'arthralgia', 'polyarthralgia'],
    resolve: 'M25.50',
  },
  {
    id: 'osteoarthritis',
    kind: 'disease',
    phrases: [
      'osteoarthritis',
      'degenerative joint disease',
      'djd',
      'degenerative arthritis',
      'knee osteoarthritis',
      'hip osteoarthritis',
      'osteoarthritis of knee',
      'osteoarthritis of hip',
      'arthritis of knee',
      'primary osteoarthritis',
    ],
    resolve: osteoarthritis,
    chronic: true,
    integral: ['knee-pain', 'hip-pain', 'joint-pain'],
  },
  {
    id: 'gout',
    kind: 'disease',
    phrases: ['gout', 'gouty arthritis', 'gout flare', 'podagra'],
    // Idiopathic gout by site when the joint is documented (M10.0-), else gout unspecified.
    resolve: (modifiers) => {
      const site = (right: string, left: string, unspecified: string): CodeChoice[] =>
        byLaterality(modifiers, { right, left, bilateral: [right, left], unspecified });
      if (['toe', 'mtp', 'foot', 'ankle', 'podagra'].some((word) => has(modifiers, word)))
        return site('M10.071', 'M10.072', 'M10.079');
      if (has(modifiers, 'knee')) return site('M10.061', 'M10.062', 'M10.069');
      return [{ codes: ['M10.9'] }];
    },
    chronic: true,
    integral: ['joint-pain'],
  },
  {
    id: 'fibromyalgia',
    kind: 'disease',
    phrases: ['fibromyalgia'],
    resolve: 'M79.7',
    chronic: true,
  },
  {
    id: 'plantar-fasciitis',
    kind: 'disease',
    phrases: ['plantar fasciitis', 'plantar fasciopathy'],
    resolve: 'M72.2',
  },
  {
    id: 'back-spasm',
    kind: 'symptom',
    phrases: ['muscle spasm of back', 'back spasm', 'back spasms', 'paraspinal spasm', 'lumbar spasm'],
    resolve: 'M62.830',
  },
  {
    id: 'osteoporosis',
    kind: 'disease',
    phrases: ['osteoporosis', 'age related osteoporosis', 'postmenopausal osteoporosis', 'senile osteoporosis'],
    resolve: 'M81.0',
    chronic: true,
  },
  {
    id: 'ankle-sprain',
    kind: 'disease',
    phrases: ['ankle sprain', 'sprained ankle', 'sprain of ankle', 'inversion ankle sprain', 'ankle inversion injury'],
    resolve: injury({ right: 'S93.401', left: 'S93.402', unspecified: 'S93.409' }),
    integral: ['ankle-pain'],
  },
  {
    id: 'wrist-sprain',
    kind: 'disease',
    phrases: ['wrist sprain', 'sprained wrist', 'sprain of wrist'],
    resolve: injury({ right: 'S63.501', left: 'S63.502', unspecified: 'S63.509' }),
  },
  {
    id: 'knee-sprain',
    kind: 'disease',
    phrases: ['knee sprain', 'sprained knee', 'sprain of knee'],
    resolve: injury({ right: 'S83.91', left: 'S83.92', unspecified: 'S83.90' }),
    integral: ['knee-pain'],
  },
  {
    id: 'knee-contusion',
    kind: 'disease',
    phrases: ['knee contusion', 'contusion of knee', 'bruised knee'],
    resolve: injury({ right: 'S80.01', left: 'S80.02', unspecified: 'S80.00' }),
    integral: ['knee-pain'],
  },
  {
    id: 'lumbar-strain',
    kind: 'disease',
    phrases: [
      'lumbar strain',
      'low back strain',
      'lower back strain',
      'lumbosacral strain',
      'back strain',
      'strain of lower back',
    ],
    resolve: injury('S39.012'),
    integral: ['low-back-pain', 'back-spasm'],
  },
  {
    id: 'neck-strain',
    kind: 'disease',
    phrases: ['neck strain', 'cervical strain', 'strain of neck', 'strain of neck muscle'],
    resolve: injury('S16.1'),
    integral: ['neck-pain'],
  },
  {
    id: 'cervical-sprain',
    kind: 'disease',
    phrases: ['cervical sprain', 'whiplash', 'whiplash injury', 'sprain of cervical spine', 'neck sprain'],
    resolve: injury('S13.4'),
    integral: ['neck-pain'],
  },
  {
    id: 'head-injury',
    kind: 'disease',
    phrases: ['head injury', 'injury of head', 'minor head injury'],
    resolve: injury('S09.90'),
  },
  {
    id: 'concussion',
    kind: 'disease',
    phrases: ['concussion', 'concussion without loss of consciousness'],
    resolve: (modifiers) =>
      injury(
        has(modifiers, 'without loss of consciousness') || has(modifiers, 'no loss of consciousness')
          ? 'S06.0X0'
          : 'S06.0X9',
      )(modifiers),
    integral: ['headache', 'dizziness'],
  },
  {
    id: 'allergic-reaction',
    kind: 'disease',
    phrases: ['allergic reaction', 'allergic reaction unspecified'],
    resolve: injury('T78.40'),
    integral: ['rash', 'urticaria'],
  },
];
