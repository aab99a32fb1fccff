/**
 * The hand-written concepts as data (core/coding/lexicon/data/concepts-<group>.json): the files are validated when
 * the lexicon loads, a bad entry fails naming its file, id and field, every entry lists exactly the codes it can
 * emit with their fiscal years, and the compiled concepts choose codes as the data says.
 */
import { describe, expect, it } from 'vitest';
import { COMBINED_PHRASES, parseCombinedPhrases } from '#core/coding/lexicon/combined-phrases';
import type { Modifiers } from '#core/coding/lexicon/concept';
import { compileConcept, entryEmits, parseConceptsFile } from '#core/coding/lexicon/concept-data';
import { CONCEPT_FILES, HAND_CONCEPTS } from '#core/coding/lexicon/concepts';
import { ALL_CONCEPTS } from '#core/coding/lexicon/index';
import { MEDICATIONS, parseMedications } from '#core/coding/lexicon/medications';

const modifiers = (text: string, more: Partial<Modifiers> = {}): Modifiers => ({
  acute: false,
  chronic: false,
  exacerbation: false,
  episode: 'A',
  text: ` ${text} `,
  ...more,
});

const entry = {
  id: 'otitis-media',
  kind: 'disease',
  phrases: ['otitis media'],
  resolve: { laterality: { right: 'H66.91', left: 'H66.92', bilateral: 'H66.93', unspecified: 'H66.90' } },
  codes: ['H66.91', 'H66.92', 'H66.93', 'H66.90'].map((code) => ({ code, fromYear: 2016 })),
  sources: ['ICD-10-CM Tabular List: H66.91, H66.92, H66.93, H66.90'],
};
const fileWith = (concepts: unknown[]) => ({ ...CONCEPT_FILES[0], concepts });
const parse = (concepts: unknown[]) => parseConceptsFile('concepts-test.json', fileWith(concepts));

describe('the lexicon concept files', () => {
  it('load every group, with ids unique across the groups and the status and history table', () => {
    expect(CONCEPT_FILES.map((file) => file.group)).toEqual([
      'chronic',
      'acute',
      'musculoskeletal',
      'mind-nerves',
      'symptoms',
      'factors',
    ]);
    expect(HAND_CONCEPTS.length).toBeGreaterThan(200);
    const ids = ALL_CONCEPTS.map((concept) => concept.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('list, for every entry, exactly the codes it can emit, each with its years and the entry with a source', () => {
    for (const file of CONCEPT_FILES)
      for (const concept of file.concepts) {
        expect(concept.codes.map((c) => c.code).sort(), concept.id).toEqual(entryEmits(concept).sort());
        expect(concept.sources.length, concept.id).toBeGreaterThan(0);
      }
  });

  it('refuse a malformed code naming the entry and the field', () => {
    expect(() => parse([{ ...entry, resolve: 'H6690' }])).toThrow(
      /concepts-test\.json\): concept "otitis-media" field resolve: an ICD-10-CM code with its dot/,
    );
    expect(() =>
      parse([{ ...entry, resolve: { laterality: { ...entry.resolve.laterality, left: 'h66.92' } } }]),
    ).toThrow(/concept "otitis-media" field resolve\.laterality\.left/);
  });

  it('refuse an entry without sources, with an unknown condition, or with years that run backwards', () => {
    const { sources: _sources, ...unsourced } = entry;
    expect(() => parse([unsourced])).toThrow(/concept "otitis-media" field sources/);
    expect(() =>
      parse([{ ...entry, resolve: { cases: [{ when: { sometimes: true }, use: 'H66.90' }], otherwise: 'H66.90' } }]),
    ).toThrow(/concept "otitis-media" field resolve\.cases\.0\.when: a condition is one of words/);
    expect(() =>
      parse([{ ...entry, codes: [{ code: 'H66.91', fromYear: 2020, toYear: 2019 }, ...entry.codes.slice(1)] }]),
    ).toThrow(/concept "otitis-media" field codes\.0: toYear is before fromYear/);
  });

  it('refuse an entry that can emit a code it does not list, or lists one it never emits', () => {
    expect(() => parse([{ ...entry, codes: entry.codes.slice(1) }])).toThrow(
      /concept "otitis-media" field codes: H66\.91 can be emitted .* but is not listed with its years/,
    );
    expect(() => parse([{ ...entry, codes: [...entry.codes, { code: 'H66.40', fromYear: 2016 }] }])).toThrow(
      /concept "otitis-media" field codes: H66\.40 is listed but never emitted/,
    );
    expect(() => parse([{ ...entry, historyCode: 'Z86.69' }])).toThrow(/Z86\.69 can be emitted/);
  });

  it('compile cases in order, sides (both sides two codes when there is no bilateral code) and choices', () => {
    const gout = compileConcept(
      parse([
        {
          ...entry,
          id: 'gout',
          resolve: {
            cases: [
              {
                when: { words: ['toe', 'foot'] },
                use: {
                  laterality: {
                    right: 'M10.071',
                    left: 'M10.072',
                    bilateral: ['M10.071', 'M10.072'],
                    unspecified: 'M10.079',
                  },
                },
              },
              {
                when: { all: [{ modifier: 'chronic' }, { not: { words: ['toe'] } }] },
                use: { choices: [{ codes: ['M1A.9XX0'] }, { codes: ['M10.9'], lessSpecific: true }] },
              },
            ],
            otherwise: 'M10.9',
          },
          codes: ['M10.071', 'M10.072', 'M10.079', 'M1A.9XX0', 'M10.9'].map((code) => ({ code, fromYear: 2016 })),
        },
      ]).concepts[0]!,
    );
    const resolve = gout.resolve as (m: Modifiers) => unknown;
    expect(resolve(modifiers('gout of the great toe', { laterality: 'bilateral' }))).toEqual([
      { codes: ['M10.071', 'M10.072'] },
    ]);
    expect(resolve(modifiers('gout of the great toe', { laterality: 'left', chronic: true }))).toEqual([
      { codes: ['M10.072'] },
    ]);
    expect(resolve(modifiers('gout', { chronic: true }))).toEqual([
      { codes: ['M1A.9XX0'] },
      { codes: ['M10.9'], lessSpecific: true },
    ]);
    expect(resolve(modifiers('gout flare'))).toEqual([{ codes: ['M10.9'] }]);
  });

  it('keeps a bare code a string, and adds the 7th character of the episode of care by the named rule', () => {
    expect(
      compileConcept(parse([{ ...entry, resolve: 'H66.90', codes: [{ code: 'H66.90', fromYear: 2016 }] }]).concepts[0]!)
        .resolve,
    ).toBe('H66.90');
    const sprain = HAND_CONCEPTS.find((concept) => concept.id === 'ankle-sprain')!;
    const resolve = sprain.resolve as (m: Modifiers) => unknown;
    expect(resolve(modifiers('right ankle sprain', { laterality: 'right', episode: 'D' }))).toEqual([
      { codes: ['S93.401D'] },
    ]);
    const strain = HAND_CONCEPTS.find((concept) => concept.id === 'neck-strain')!;
    expect((strain.resolve as (m: Modifiers) => unknown)(modifiers('neck strain'))).toEqual([{ codes: ['S16.1XXA'] }]);
  });
});

describe('the medication classes and combined phrases', () => {
  it('refuse a medication class with a code without its dot, or a class given twice', () => {
    const [insulin, ...others] = MEDICATIONS.classes;
    expect(() => parseMedications({ ...MEDICATIONS, classes: [{ ...insulin, code: 'Z794' }, ...others] })).toThrow(
      /medications\.json\): classes\.0\.code: an ICD-10-CM code with its dot/,
    );
    expect(() => parseMedications({ ...MEDICATIONS, classes: [insulin, insulin, ...others.slice(1)] })).toThrow(
      /every medication class appears exactly once/,
    );
  });

  it('refuse a combined phrase without its source', () => {
    const [first] = COMBINED_PHRASES.combined;
    const { source: _source, ...unsourced } = first!;
    expect(() => parseCombinedPhrases({ ...COMBINED_PHRASES, combined: [unsourced] })).toThrow(
      /combined-phrases\.json\): combined\.0\.source/,
    );
  });
});
