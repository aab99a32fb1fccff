/** Psychotherapy by its own minutes: add-on codes beside an E/M with medication management, standalone otherwise. */
import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

const visit = (plan: string, therapy: string) =>
  `CHIEF COMPLAINT: Follow-up of depression.\nASSESSMENT:\n1. Major depressive disorder, single episode, moderate, improving.\nPLAN: ${plan}\n${therapy}`;

describe('psychotherapy with an E/M the same day', () => {
  it.each([
    [20, '90833'],
    [40, '90836'],
    [55, '90838'],
  ])('%i minutes of psychotherapy beside medication management is the add-on %s', (minutes, code) => {
    const coded = codeNote(
      visit(
        'Increase sertraline to 100 mg daily.',
        `Supportive psychotherapy for ${minutes} minutes focused on coping skills.`,
      ),
      ['F32.1'],
    );
    expect(lineKeys(coded)).toEqual(['99213 x1', `${code} x1`]);
  });

  it('does not count psychotherapy minutes as E/M time', () => {
    const coded = codeNote(
      visit('Continue sertraline 50 mg daily.', 'Cognitive behavioral therapy provided, 45 minutes of psychotherapy.'),
      ['F32.1'],
    );
    expect(coded.lines[0]?.evidence.some((e) => e.rule === 'em.time')).toBe(false);
    expect(lineKeys(coded)).toEqual(['99213 x1', '90836 x1']);
  });

  it('reports nothing for psychotherapy under 16 minutes', () => {
    const coded = codeNote(visit('Continue sertraline 50 mg daily.', 'Brief supportive psychotherapy, 10 minutes.'), [
      'F32.1',
    ]);
    expect(lineKeys(coded)).toEqual(['99213 x1']);
  });
});

describe('psychotherapy without medication management', () => {
  it('is the standalone code, with no E/M beside it', () => {
    const coded = codeNote(
      visit('Continue weekly sessions.', 'Cognitive behavioral therapy session, 50 minutes of psychotherapy.'),
      ['F32.1'],
    );
    expect(lineKeys(coded)).toEqual(['90834 x1']);
  });
});
