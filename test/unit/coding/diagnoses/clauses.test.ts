import { describe, expect, it } from 'vitest';
import { clauseSpans, clauseStarts } from '#core/coding/text/clauses';
import { tokenize } from '#core/coding/text/tokenize';
import { codeNote } from './coding-note.ts';

function clausesOf(sentence: string): string[] {
  const tokens = tokenize(sentence);
  return clauseSpans(tokens, { start: 0, end: sentence.length }, clauseStarts(tokens)).flatMap((span) =>
    span ? [sentence.slice(span.start, span.end)] : [],
  );
}

describe('clauses of dictated prose', () => {
  it('divides a sentence where a relative pronoun, a conjunction or "in a patient" opens a new statement', () => {
    expect(
      clausesOf('Recurrent urinary tract infection in a patient seen last month for another one, which has resolved.'),
    ).toEqual([
      'Recurrent urinary tract infection',
      'in a patient seen last month for another one',
      'which has resolved.',
    ]);
    expect(clausesOf('Stable angina; he will see cardiology, and he agrees with the plan')).toEqual([
      'Stable angina',
      'he will see cardiology',
      'and he agrees with the plan',
    ]);
  });

  it('keeps a list item with its qualifiers and plan whole', () => {
    expect(clausesOf('Type 2 diabetes mellitus with hyperglycemia, on metformin, recheck A1c')).toEqual([
      'Type 2 diabetes mellitus with hyperglycemia, on metformin, recheck A1c',
    ]);
    expect(clausesOf('Low back pain since Monday')).toEqual(['Low back pain since Monday']);
  });
});

describe('a clause is the scope of negation and of what is coded', () => {
  it('does not carry a negation across "in a patient with" into the condition the patient has', () => {
    const coding = codeNote({
      assessment: ['No evidence of pneumonia in a patient with chronic obstructive pulmonary disease.'],
    });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['J44.9']);
    expect(coding.excluded).toContainEqual(expect.objectContaining({ text: 'pneumonia', why: 'negated' }));
  });

  it('codes a diagnosis dictated inside a long sentence, not the narrative around it', () => {
    const coding = codeNote({
      assessment: [
        'Recurrent urinary tract infection in a patient recently treated for another episode, who completed the therapeutic course.',
      ],
    });
    expect(coding.diagnoses.map((d) => d.code)).toEqual(['N39.0']);
  });
});
