import { readFileSync } from 'node:fs';
import type { InferICD10CMCommand, InferICD10CMResponse } from '@aws-sdk/client-comprehendmedical';
import { describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codePointIndex } from '#core/coding/comprehend/code-points';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { inferIcd10Cm, piecesOf } from '#functions/common/comprehend-medical';
import { codeSets, DATE, encounterOf } from './coding-note.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/coding/comprehend/${name}`, import.meta.url), 'utf8');
const note = fixture('note-with-astral.txt');
const response = JSON.parse(fixture('infer-icd10cm-astral.json')) as InferICD10CMResponse;

describe('code points to UTF-16 offsets', () => {
  it('maps one to one in text without astral characters', () => {
    const index = codePointIndex('plain text');
    expect([index.toUtf16(0), index.toUtf16(5), index.toUtf16(10), index.toUtf16(11)]).toEqual([0, 5, 10, undefined]);
  });

  it('counts an emoji as one code point and two UTF-16 units', () => {
    const text = 'a😣b𝔸c';
    const index = codePointIndex(text);
    expect(index.length).toBe(5);
    expect([1, 2, 3, 4, 5].map((k) => index.toUtf16(k))).toEqual([1, 3, 4, 6, 7]);
    expect(text.slice(index.toUtf16(4), index.toUtf16(5))).toBe('c');
  });
});

describe('InferICD10CM entities through our rules', () => {
  // Comprehend proposes only for statements neither our lexicon nor the release's titles read: these specs take the
  // titles away, so that the service's entities are what reads the statements the lexicon does not know.
  const withoutTitles: CodeSets = { ...codeSets, icd10cm: { ...codeSets.icd10cm, allCodes: () => [] } };
  const coding = codeDiagnoses(encounterOf(note), { codeSets: withoutTitles, date: DATE }, { comprehend: response });

  it('leaves statements the release titles read to the release', () => {
    const withTitles = codeDiagnoses(encounterOf(note), { codeSets, date: DATE }, { comprehend: response });
    const chronicPain = withTitles.diagnoses.find((d) => d.code === 'G89.29')!;
    expect(chronicPain.evidence[0]!.rule).toBe('dx.release.title-match');
    expect(withTitles.diagnoses.filter((d) => d.code === 'G89.29')).toHaveLength(1);
  });

  it('codes assessment entities the lexicon does not know, with evidence on the right UTF-16 span', () => {
    const proposed = coding.diagnoses.filter((d) => d.evidence[0]?.rule === 'dx.comprehend.infer-icd10cm');
    expect(proposed.map((d) => d.code)).toEqual(['G89.29', 'R79.89']);
    for (const item of proposed.flatMap((d) => d.evidence)) expect(note.slice(item.start, item.end)).toBe(item.quote);
  });

  it('gives a confidence of entity score times concept score, below auto-coding', () => {
    const chronicPain = coding.diagnoses.find((d) => d.code === 'G89.29')!;
    expect(chronicPain.confidence).toBeCloseTo(0.93 * 0.83, 3);
  });

  it('leaves spans the lexicon read to the lexicon', () => {
    expect(coding.diagnoses.find((d) => d.code === 'I10')!.evidence[0]!.rule).toBe('dx.text.concept-match');
  });

  it('excludes negated, family and uncertain entities, by the service traits and by our own rules', () => {
    expect(coding.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: 'fever', why: 'negated' }),
        expect.objectContaining({ text: 'lupus', why: 'family' }),
        expect.objectContaining({ text: 'bacterial infection', why: 'uncertain' }),
      ]),
    );
    expect(coding.diagnoses.map((d) => d.code)).not.toContain('A49.9');
  });

  it('does not code entities outside the assessment', () => {
    expect(coding.diagnoses.map((d) => d.code)).not.toContain('R52');
  });

  it('reports entities whose offsets do not delimit their text instead of coding them', () => {
    const bad = JSON.parse(fixture('infer-icd10cm-bad-offsets.json')) as InferICD10CMResponse;
    const result = codeDiagnoses(encounterOf(note), { codeSets: withoutTitles, date: DATE }, { comprehend: bad });
    expect(result.diagnoses.map((d) => d.code)).toEqual(['I10']);
    expect(result.reviewReasons.map((r) => r.message)).toContain(
      'Comprehend Medical entity 2: offsets 157-169 do not delimit its text in the note',
    );
  });
});

describe('calling InferICD10CM', () => {
  it('cuts a long note into pieces of at most 10,000 code points at line breaks', () => {
    const line = `${'x'.repeat(99)}\n`;
    const pieces = piecesOf(line.repeat(250));
    expect(pieces.map((p) => [p.codePointStart, Array.from(p.text).length])).toEqual([
      [0, 10_000],
      [10_000, 10_000],
      [20_000, 5_000],
    ]);
  });

  it('shifts entity offsets of later pieces back onto the whole note, in code points', async () => {
    const text = `${'😣'.repeat(9_999)}\nAsthma\n`;
    const sent: string[] = [];
    const send = async (command: InferICD10CMCommand): Promise<InferICD10CMResponse> => {
      const piece = command.input.Text ?? '';
      sent.push(piece);
      const at = Array.from(piece).join('').indexOf('Asthma');
      if (at < 0) return { Entities: [] };
      const begin = Array.from(piece.slice(0, at)).length;
      return {
        Entities: [
          {
            Id: 0,
            Text: 'Asthma',
            Category: 'MEDICAL_CONDITION',
            Type: 'DX_NAME',
            BeginOffset: begin,
            EndOffset: begin + 6,
          },
        ],
      };
    };
    const merged = await inferIcd10Cm(text, send);
    expect(sent).toHaveLength(2);
    const [entity] = merged.Entities ?? [];
    const index = codePointIndex(text);
    expect(text.slice(index.toUtf16(entity!.BeginOffset!), index.toUtf16(entity!.EndOffset!))).toBe('Asthma');
  });
});
