import { describe, expect, it } from 'vitest';
import type { CodeSets, IndexHit } from '#core/codesets/index';
import type { DiagnosisCandidate } from '#core/coding/diagnoses/candidate';
import { rangesInNote, resolveExcludes1 } from '#core/coding/diagnoses/excludes1';
import { indexTermFindings } from '#core/coding/diagnoses/index-terms';
import { codeSets, codesOfAssessment, DATE } from './coding-note.ts';

describe('Excludes1', () => {
  it('reads codes and ranges from an Excludes1 note', () => {
    expect(rangesInNote('diabetes mellitus (E08-E13); gestational (O24.4-); unspecified asthma (J45.909)')).toEqual([
      { from: 'E08', to: 'E13' },
      { from: 'O244', to: 'O244' },
      { from: 'J45909', to: 'J45909' },
    ]);
  });

  it('drops the symptom code of a pair the tabular list excludes (R73 Excludes1 diabetes)', () => {
    expect(codesOfAssessment('1. Type 2 diabetes mellitus.', '2. Prediabetes.')).toEqual(['E11.9']);
  });

  it('keeps the more specific of two excluded codes, and sends equally specific ones to review', () => {
    const candidate = (code: string): DiagnosisCandidate => ({
      code,
      title: code,
      release: 'test',
      confidence: 0.95,
      evidence: [],
      position: 0,
      primary: true,
    });
    const notes = (excluded: Record<string, string>): CodeSets =>
      ({
        ...codeSets,
        icd10cm: {
          ...codeSets.icd10cm,
          excludes: (code: string) => ({
            excludes1: excluded[code] ? [{ text: excluded[code], from: code }] : [],
            excludes2: [],
          }),
        },
      }) as CodeSets;
    const reasons: { message: string }[] = [];
    const kept = resolveExcludes1(
      [candidate('J40'), candidate('J209')],
      { codeSets: notes({ J209: 'bronchitis NOS (J40)' }), date: DATE },
      reasons as never[],
    );
    expect(kept.map((c) => c.code)).toEqual(['J209']);
    const tied = resolveExcludes1(
      [candidate('J449'), candidate('J459')],
      { codeSets: notes({ J449: 'asthma (J45.9)' }), date: DATE },
      reasons as never[],
    );
    expect(tied.map((c) => c.code)).toEqual(['J449', 'J459']);
    expect(reasons.map((r) => r.message)).toEqual(['J44.9 and J45.9 are Excludes1: the documentation supports both']);
  });
});

describe('Alphabetic Index proposals', () => {
  function withIndex(hits: IndexHit[], billable: string[]): CodeSets {
    return {
      ...codeSets,
      releaseFor: () => ({ ...codeSets.releaseFor('icd10cm', DATE)!, counts: { indexTerms: 1 } }),
      icd10cm: {
        ...codeSets.icd10cm,
        searchIndex: () => hits,
        isBillable: (code: string) => billable.includes(code.replace('.', '')),
      },
    } as CodeSets;
  }
  const hit = (path: string[], code: string): IndexHit => ({ source: 'index', path, code, release: 'test' });
  const text = '1. Urinary retention.\n2. Possible urinary retention.\n';
  const lines = [
    { start: 0, end: 21 },
    { start: 22, end: text.length - 1 },
  ];

  it('takes an index term that says exactly what the statement says and leads to a billable code', () => {
    const codeSetsWithIndex = withIndex(
      [hit(['Retention', 'urine'], 'R33.8'), hit(['Retention', 'urinary'], 'R33.9')],
      ['R339'],
    );
    const findings = indexTermFindings(text, lines.slice(0, 1), { codeSets: codeSetsWithIndex, date: DATE });
    expect(findings.map((f) => [f.choices[0]!.codes[0], f.confidence, f.evidence[0]!.quote])).toEqual([
      ['R33.9', 0.8, 'Urinary retention'],
    ]);
  });

  it('takes nothing from a statement with a context trigger, an incomplete code or a non-billable code', () => {
    expect(
      indexTermFindings(text, lines.slice(1), {
        codeSets: withIndex([hit(['Retention', 'urinary'], 'R33.9')], ['R339']),
        date: DATE,
      }),
    ).toEqual([]);
    expect(
      indexTermFindings(text, lines.slice(0, 1), {
        codeSets: withIndex([hit(['Retention', 'urinary'], 'R33.-')], []),
        date: DATE,
      }),
    ).toEqual([]);
    expect(
      indexTermFindings(text, lines.slice(0, 1), {
        codeSets: withIndex([hit(['Retention', 'urinary'], 'R33')], []),
        date: DATE,
      }),
    ).toEqual([]);
  });

  it('does nothing when the release has no Alphabetic Index', () => {
    expect(indexTermFindings(text, lines, { codeSets, date: DATE })).toEqual([]);
  });
});
