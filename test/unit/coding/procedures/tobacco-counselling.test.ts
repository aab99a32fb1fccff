/** Smoking and tobacco use cessation counselling by its minutes: 99406 (over 3 up to 10), 99407 (over 10). */
import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

const visit = (counselling: string) =>
  codeNote(
    `CHIEF COMPLAINT: COPD follow-up.\nASSESSMENT:\n1. Chronic obstructive pulmonary disease, stable - continue tiotropium, refilled.\n2. Nicotine dependence, cigarettes - ${counselling}\nPLAN: Return 3 months.`,
    ['J44.9', 'F17.210'],
  );

describe('tobacco cessation counselling', () => {
  it.each([
    ['tobacco cessation counseling 6 minutes, start varenicline titration pack.', '99406 x1'],
    ['Counseled patient on smoking cessation for > 3 min.', '99406 x1'],
    ['Smoking cessation counselling, 12 minutes, nicotine patch discussed.', '99407 x1'],
  ])('"%s" is %s, with modifier 25 on the E/M', (counselling, line) => {
    const keys = lineKeys(visit(counselling));
    expect(keys).toContain(line);
    expect(keys[0]).toMatch(/^9921\d-25 x1$/);
  });

  it.each([
    'Advised to quit smoking.',
    'Smoking cessation counseling 3 minutes.',
    'Smoking cessation counseling offered, patient declined.',
  ])('codes nothing for advice without minutes over 3, or counselling declined: "%s"', (counselling) => {
    const keys = lineKeys(visit(counselling));
    expect(keys.filter((k) => /^9940[67]/.test(k))).toEqual([]);
    expect(keys[0]).toMatch(/^9921\d x1$/);
  });
});
