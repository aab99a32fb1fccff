/**
 * Amazon Comprehend Medical's proposals go through the guideline rules our own candidates go through. The response
 * is in InferICD10CM's exact JSON shape (offsets in code points, traits, concepts by score), for a note whose
 * assessment holds a statement of each kind: one our lexicon reads, a symptom integral to a diagnosis, a code that
 * Excludes1 forbids beside another, a code the loaded release lacks, a code our coder also assigns, and one only the
 * service reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Icd10CmInference } from '#core/coding/comprehend/icd10cm-inference';
import { COMPREHEND_MAX_CONFIDENCE, COMPREHEND_RULE } from '#core/coding/comprehend/infer-icd10cm';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { AUTO_CODE_MIN_CONFIDENCE } from '#core/coding/review';
import { codeSets, DATE, encounterOf } from './coding-note.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/coding/comprehend/${name}`, import.meta.url), 'utf8');
const note = fixture('note-guideline-rules.txt');
const response = JSON.parse(fixture('infer-icd10cm-guideline-rules.json')) as Icd10CmInference;
const ports = { codeSets, date: DATE };
const without = codeDiagnoses(encounterOf(note), ports);
const withService = codeDiagnoses(encounterOf(note), ports, { comprehend: response });
const codes = (coding: typeof without) => coding.diagnoses.map((d) => d.code);

describe('InferICD10CM proposals under the guideline rules', () => {
  it('adds only what survives the rules: our own codes stay, one new code (for review) joins them', () => {
    expect(codes(without)).toEqual(['J02.0', 'E11.9', 'I10']);
    expect(codes(withService)).toEqual(['J02.0', 'E11.9', 'I10', 'K21.9']);
  });

  it('drops a symptom the service codes beside the diagnosis that explains it (integral, guideline I.B.5)', () => {
    // "Scratchy throat" is J02.9 to the service, the code of our sore-throat symptom, integral to strep pharyngitis.
    const scratchy = response.Entities!.find((e) => e.Text === 'Scratchy throat')!;
    expect(scratchy.ICD10CMConcepts![0]!.Code).toBe('J02.9');
    expect(codes(withService)).not.toContain('J02.9');
  });

  it('drops a code Excludes1 forbids beside a diagnosis (R73 beside E11)', () => {
    const borderline = response.Entities!.find((e) => e.Text === 'Borderline glucose')!;
    expect(borderline.ICD10CMConcepts![0]!.Code).toBe('R73.03');
    expect(codes(withService)).not.toContain('R73.03');
    expect(codes(withService)).toContain('E11.9');
  });

  it('codes nothing the release in effect on the date of service lacks, and says so', () => {
    expect(codeSets.icd10cm.isBillable('R13.10', DATE)).toBe(false);
    expect(codes(withService)).not.toContain('R13.10');
    expect(withService.reviewReasons).toContainEqual({
      category: 'unsupported_code',
      message: `"Odynophagia" documents R13.10, which is not a billable code in icd10cm-starter on ${DATE}`,
    });
  });

  it('never auto-codes a code only the service proposes, however sure it is', () => {
    const reflux = response.Entities!.find((e) => e.Text === 'Acid regurgitation')!;
    expect(reflux.Score! * reflux.ICD10CMConcepts![0]!.Score!).toBeGreaterThan(AUTO_CODE_MIN_CONFIDENCE);
    const k219 = withService.diagnoses.find((d) => d.code === 'K21.9')!;
    expect(k219.confidence).toBe(COMPREHEND_MAX_CONFIDENCE);
    expect(k219.confidence).toBeLessThan(AUTO_CODE_MIN_CONFIDENCE);
    expect(k219.evidence).toEqual([
      expect.objectContaining({ rule: COMPREHEND_RULE, quote: 'Acid regurgitation', kind: 'text' }),
    ]);
    expect(note.slice(k219.evidence[0]!.start, k219.evidence[0]!.end)).toBe('Acid regurgitation');
  });

  it('keeps our confidence where the service agrees with our coder, with both evidences', () => {
    const ours = without.diagnoses.find((d) => d.code === 'I10')!;
    const agreed = withService.diagnoses.find((d) => d.code === 'I10')!;
    expect(agreed.confidence).toBe(ours.confidence);
    expect(agreed.confidence).toBeGreaterThanOrEqual(AUTO_CODE_MIN_CONFIDENCE);
    expect(agreed.evidence.map((e) => e.quote).sort()).toEqual(['Raised arterial pressure', 'hypertension']);
  });

  it('no longer calls a statement "not coded" once the service proposed a code for it', () => {
    const notCoded = (coding: typeof without) =>
      coding.reviewReasons.filter((r) => r.message.startsWith('assessment item not coded')).map((r) => r.message);
    expect(notCoded(without)).toContain(
      'assessment item not coded (no concept, code title or index term matched): "Acid regurgitation after meals."',
    );
    expect(notCoded(withService)).not.toContainEqual(expect.stringContaining('Acid regurgitation'));
    // "Scratchy throat" was read (and dropped as integral), "Borderline glucose" read (and yielded to E11.9).
    expect(notCoded(withService)).not.toContainEqual(expect.stringContaining('Scratchy throat'));
  });

  it('leaves what our lexicon read to the lexicon, and a negated mention uncoded', () => {
    expect(withService.diagnoses.find((d) => d.code === 'J02.0')!.evidence.map((e) => e.rule)).toEqual(
      without.diagnoses.find((d) => d.code === 'J02.0')!.evidence.map((e) => e.rule),
    );
    expect(withService.excluded).toContainEqual(expect.objectContaining({ text: 'cough', why: 'negated' }));
    expect(codes(withService)).not.toContain('R05.9');
  });
});
