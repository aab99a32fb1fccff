/**
 * When nothing is coded, the review reason says exactly what happened: no assessment, statements that matched no
 * code (quoted), or conditions the assessment names only negated, uncertain, hypothetical or of a relative.
 */
import { describe, expect, it } from 'vitest';
import { codeNote } from './coding-note.ts';

const whyNothing = (parts: Parameters<typeof codeNote>[0]) =>
  codeNote(parts)
    .reviewReasons.filter((reason) => reason.field === 'diagnoses')
    .map((reason) => reason.message)
    .join(' | ');

describe('why nothing was coded', () => {
  it('quotes the assessment statements that matched no code', () => {
    expect(whyNothing({ assessment: ['Huntingtons chorea'] })).toBe(
      'no diagnosis could be coded: the assessment\'s 1 statement(s) matched no code (no concept, code title or index term): "Huntingtons chorea"',
    );
  });

  it('names the contexts when every condition of the assessment is denied or uncertain', () => {
    expect(whyNothing({ assessment: ['No evidence of pneumonia. Possible bronchitis.'] })).toBe(
      'no diagnosis could be coded: every condition the assessment names is negated or uncertain ("pneumonia", "bronchitis")',
    );
  });

  it('says when the note has no assessment', () => {
    expect(whyNothing({ hpi: 'Cough for three days.', plan: 'Fluids.' })).toMatch(/the note has no assessment/);
  });
});
