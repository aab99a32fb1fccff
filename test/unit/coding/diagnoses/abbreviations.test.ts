/**
 * Clinical abbreviations are data (core/coding/lexicon/data/abbreviations.json): each is expanded to the words the
 * lexicon, the context rules and the release's titles use, so an abbreviation codes, or is excluded, exactly as
 * its spelled-out words would be.
 */
import { describe, expect, it } from 'vitest';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { ABBREVIATIONS_JSON, AbbreviationsDataError, compileAbbreviations } from '#core/coding/lexicon/abbreviations';
import { ALL_CONCEPTS } from '#core/coding/lexicon/index';
import { phraseWords, rawTokens, tokenize } from '#core/coding/text/tokenize';
import { codeSets, DATE, encounterOf, noteOf } from './coding-note.ts';

function coded(...assessment: string[]) {
  return codeDiagnoses(encounterOf(noteOf({ assessment })), { codeSets, date: DATE });
}
const codes = (...assessment: string[]) => coded(...assessment).diagnoses.map((d) => d.code);

describe('abbreviations for conditions code as their words do', () => {
  it.each([
    ['HTN', ['I10']],
    ['DM2', ['E11.9']],
    ['T2DM w/o complications', ['E11.9']],
    ['DM2 w/ hyperglycemia', ['E11.65']],
    ['HLD', ['E78.5']],
    ['CAD', ['I25.10']],
    ['CKD 3a', ['N18.31']],
    ['CKD3b', ['N18.32']],
    ['AFib', ['I48.91']],
    ['A-fib', ['I48.91']],
    ['COPD exac', ['J44.1']],
    ['COPD', ['J44.9']],
    ['URI', ['J06.9']],
    ['UTI', ['N39.0']],
    ['GERD', ['K21.9']],
    ['OA of knee, b/l', ['M17.0']],
  ])('%s', (written, expected) => {
    expect(codes(`1. ${written}`)).toEqual(expected);
  });

  it('quotes the abbreviation as written and marks the reading as one', () => {
    const [diagnosis] = coded('1. HTN').diagnoses;
    expect(diagnosis?.evidence[0]).toMatchObject({ kind: 'text', quote: 'HTN' });
    const spelled = coded('1. Hypertension').diagnoses[0]!;
    expect(diagnosis!.confidence).toBeLessThan(spelled.confidence);
  });
});

describe('abbreviations for context carry its meaning', () => {
  it('r/o: an uncertain diagnosis is not coded in the outpatient setting; its symptom is', () => {
    expect(codes('1. Cough, r/o pneumonia')).toEqual(['R05.9']);
    expect(coded('1. R/O UTI').diagnoses).toEqual([]);
  });

  it('h/o: a personal history code when the release has one, otherwise nothing', () => {
    expect(codes('1. h/o TIA')).toEqual(['Z86.73']);
    expect(codes('1. Essential hypertension', '2. h/o UTI')).toEqual(['I10', 'Z87.440']);
    expect(codes('1. Essential hypertension', '2. h/o sinusitis')).toEqual(['I10']);
  });

  it('s/p: a past procedure or event is not the current condition', () => {
    expect(codes('1. Essential hypertension', '2. s/p UTI')).toEqual(['I10', 'Z87.440']);
    expect(codes('1. Essential hypertension', '2. s/p sinusitis')).toEqual(['I10']);
  });

  it('c/o and f/u: a current complaint and a follow-up visit', () => {
    expect(codes('1. c/o sore throat')).toEqual(['J02.9']);
    expect(codes('1. f/u HTN')).toEqual(['I10']);
  });

  it('needs the form as written: "s / p" spaced out and "AF" in lower case are not abbreviations', () => {
    expect(tokenize('s/p').map((t) => t.norm)).toEqual(['status', 'post']);
    expect(tokenize('s / p').map((t) => t.norm)).toEqual(['s', '/', 'p']);
    expect(tokenize('AF').map((t) => t.norm)).toEqual(['atrial', 'fibrillation']);
    expect(tokenize('af').map((t) => t.norm)).toEqual(['af']);
    expect(tokenize('w/o').map((t) => t.norm)).toEqual(['without']);
  });

  it('keeps the span of what was written on every expanded word', () => {
    const tokens = tokenize('x DM2 y');
    expect(tokens.slice(1, 5).map((t) => [t.norm, t.start, t.end, t.abbreviation])).toEqual([
      ['type', 2, 5, 'dm2'],
      ['2', 2, 5, 'dm2'],
      ['diabetes', 2, 5, 'dm2'],
      ['mellitus', 2, 5, 'dm2'],
    ]);
  });
});

describe('the abbreviations file', () => {
  const cut = (text: string) => rawTokens(text);

  it('is valid, and no lexicon phrase is listed twice once abbreviations are expanded', () => {
    expect(compileAbbreviations(ABBREVIATIONS_JSON, cut).length).toBeGreaterThan(40);
    const seen = new Set<string>();
    for (const concept of ALL_CONCEPTS)
      for (const phrase of concept.phrases) {
        const key = `${concept.id}|${phraseWords(phrase).join(' ')}`;
        expect(seen.has(key), `${concept.id}: "${phrase}" repeats another phrase`).toBe(false);
        seen.add(key);
      }
  });

  it('refuses an entry with a malformed field, and one written form claimed by two expansions', () => {
    const file = ABBREVIATIONS_JSON as { abbreviations: object[] };
    const entry = { written: ['HTN'], expansion: 'hypertension', meaning: 'term', note: 'n' };
    expect(() => compileAbbreviations({ ...file, abbreviations: [{ ...entry, meaning: 'vague' }] }, cut)).toThrow(
      AbbreviationsDataError,
    );
    expect(() =>
      compileAbbreviations({ ...file, abbreviations: [entry, { ...entry, expansion: 'hypotension' }] }, cut),
    ).toThrow(/"HTN" is listed as "hypertension" and as "hypotension"/);
  });
});
