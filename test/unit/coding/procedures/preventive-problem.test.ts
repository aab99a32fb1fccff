/**
 * Preventive and problem-oriented visit on the same day: the problem E/M (modifier 25) is billed when the note shows
 * a problem managed beyond the preventive service, whatever words introduce it.
 */
import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';
import { mdmOf } from './located.ts';

const physical = (assessment: string, plan?: string) =>
  `CHIEF COMPLAINT: Annual physical.\nPHYSICAL EXAM: Normal examination except as noted.\nASSESSMENT:\n1. Encounter for general adult medical examination with abnormal findings.\n${assessment}${plan ? `\nPLAN: ${plan}` : ''}`;
const adult = { dob: '1975-04-04' };

describe('a problem managed beside the preventive visit adds a problem E/M with modifier 25', () => {
  it('a prescription changed for an assessed problem (no "in addition to" phrase needed)', () => {
    const coded = codeNote(
      physical('2. Essential hypertension, uncontrolled. Increase lisinopril to 20 mg daily.'),
      ['Z00.01', 'I10'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1', '99214-25 x1']);
    const problemEm = coded.lines[1]!;
    expect(problemEm.evidence.find((e) => e.rule === 'em.separate-from-preventive')?.quote).toBe(
      '2. Essential hypertension, uncontrolled. Increase lisinopril to 20 mg daily.',
    );
  });

  it('levels the problem E/M on the problem alone: the preventive item is not one of its problems', () => {
    const coded = codeNote(
      physical('2. Essential hypertension, uncontrolled. Increase lisinopril to 20 mg daily.'),
      ['Z00.01', 'I10'],
      adult,
    );
    expect(mdmOf(coded)).toBe('problems moderate, data straightforward, risk moderate -> moderate');
  });

  it('a test ordered today for the problem, in a separate plan that names it', () => {
    const coded = codeNote(
      physical(
        '2. Right ankle pain after a fall last week.',
        'X-ray of the right ankle ordered today. Ibuprofen as needed.',
      ),
      ['Z00.01', 'M25.571'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1', '99213-25 x1']);
  });

  it('a new diagnosis made at the visit', () => {
    const coded = codeNote(
      physical('2. Newly diagnosed type 2 diabetes mellitus, A1c 7.4 today.', 'Diabetes education; diet and exercise.'),
      ['Z00.01', 'E11.9'],
      adult,
    );
    expect(lineKeys(coded).map((k) => k.replace(/^9921\d/, '9921n'))).toEqual(['99396 x1', '9921n-25 x1']);
  });
});

describe('a problem only followed at the preventive visit is part of it', () => {
  it('a stable chronic problem with its prescription continued', () => {
    const coded = codeNote(
      physical('2. Essential hypertension, stable.', 'Continue lisinopril 10 mg daily.'),
      ['Z00.01', 'I10'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1']);
  });

  it('a recheck planned for later ("recheck lipids in 3 months")', () => {
    const coded = codeNote(
      physical('2. Hyperlipidemia.', 'Dietary changes, recheck lipids in 3 months.'),
      ['Z00.01', 'E78.5'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1']);
  });

  it('screening labs ordered in the plan that do not name the problem', () => {
    const coded = codeNote(
      physical(
        '2. Hyperlipidemia, stable on atorvastatin.',
        'CBC, CMP and lipid panel ordered. Continue atorvastatin.',
      ),
      ['Z00.01', 'E78.5'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1']);
  });

  it('a vaccine given at the preventive visit', () => {
    const coded = codeNote(
      physical('2. Encounter for immunization.', 'Influenza vaccine administered in the left deltoid.'),
      ['Z00.01', 'Z23'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1', '90686 x1', '90471 x1']);
  });

  it('"in addition to the preventive visit" without an assessed problem', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Annual physical.\nHPI: In addition to the preventive visit, she asked about travel plans.\nASSESSMENT:\n1. Encounter for general adult medical examination without abnormal findings.\nPLAN: Return in one year.',
      ['Z00.00'],
      adult,
    );
    expect(lineKeys(coded)).toEqual(['99396 x1']);
  });
});
