import { describe, expect, it } from 'vitest';
import { codeGemCase, gemMetrics } from '../../../eval/gem/evaluate-gem.ts';
import {
  exactOneToOneMaps,
  gemCases,
  MalformedGemInputError,
  parseIcd9LongTitles,
} from '../../../eval/gem/gem-cases.ts';
import { loadFy2018CodeSets, loadGemCases } from '../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../support/shared-data.ts';

// Lines in the exact published layout of 2018_I9gem.txt, with CRLF.
const GEM =
  '0010  A000    00000\r\n0019  A009    00000\r\n0020  A0100   10000\r\n0730  A70     10111\r\n0730  J17     10112\r\n';

describe('GEM benchmark cases', () => {
  it('keeps only ICD-9-CM codes with one GEM row flagged 00000, dotting the ICD-10-CM target', () => {
    expect([...exactOneToOneMaps(GEM)]).toEqual([
      ['0010', 'A00.0'],
      ['0019', 'A00.9'],
    ]);
  });

  it('names the file and line of a malformed row', () => {
    expect(() => exactOneToOneMaps('0010  A000\n')).toThrow(MalformedGemInputError);
    expect(() => exactOneToOneMaps('0010  A000\n')).toThrow(/2018_I9gem\.txt, line 1/);
    expect(() => parseIcd9LongTitles('0010\n')).toThrow(/line 1: not "CODE title"/);
  });

  it('splits the cases into two halves by a seeded shuffle, the same on every run', () => {
    const titles = new Map(Array.from({ length: 100 }, (_, i) => [String(100 + i), `title ${i}`] as const));
    const maps = new Map(Array.from({ length: 100 }, (_, i) => [String(100 + i), 'A00.0'] as const));
    const first = gemCases(titles, maps);
    expect(gemCases(titles, maps)).toEqual(first);
    expect(first.filter((c) => c.half === 'development')).toHaveLength(50);
    // A shuffle, not the sorted order cut in two.
    expect(first.slice(0, 50).every((c) => Number(c.icd9) < 150)).toBe(false);
    expect(gemCases(titles, maps, 7)).not.toEqual(first);
  });
});

describeWithSharedData(
  'GEM benchmark on the shared ICD-9-CM titles and 2018 GEM',
  ['gems', '2018', '2018_I9gem.txt'],
  () => {
    it('has the 3,521 exact one-to-one maps, split 1,761 / 1,760', () => {
      const cases = loadGemCases(SHARED_DATA_DIR);
      expect(cases).toHaveLength(3521);
      expect(cases.filter((c) => c.half === 'development')).toHaveLength(1761);
      expect(cases.find((c) => c.icd9 === '0010')).toMatchObject({
        title: 'Cholera due to vibrio cholerae',
        icd10: 'A00.0',
      });
    }, 120_000);

    it('codes a title as the assessment of a minimal note and scores the first code', () => {
      const codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
      const results = [
        {
          icd9: '25000',
          title: 'Type 2 diabetes mellitus without complications',
          icd10: 'E11.9',
          half: 'development' as const,
        },
        { icd9: 'X', title: 'Essential hypertension', icd10: 'I10', half: 'development' as const },
        { icd9: 'Y', title: 'Zzyzx quux', icd10: 'A00.0', half: 'development' as const },
      ].map((c) => codeGemCase(c, codeSets));
      expect(results.map((r) => r.answer)).toEqual(['E11.9', 'I10', undefined]);
      const metrics = gemMetrics(results);
      expect(metrics).toMatchObject({ cases: 3, answered: 2, precisionWhenAnswering: 1 });
      expect(metrics.top1Exact).toBeCloseTo(2 / 3);
    }, 120_000);
  },
);
