/** The 2021 AMA office E/M table as the coder reads it: problems per assessed condition, data, risk, time. */
import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';
import { codeLocated, mdmOf } from './located.ts';

describe('problems addressed: one per assessed condition, not one per sentence', () => {
  it('reads a sentence naming no condition as the status of the problem before it, not another problem', () => {
    const coded = codeLocated(
      'CHIEF COMPLAINT: Follow-up.\nASSESSMENT: Type 2 diabetes mellitus without complications, stable. Diabetic foot exam normal today.\nPLAN: Continue metformin 500 mg twice daily.',
      [['E11.9', 'Type 2 diabetes mellitus without complications']],
    );
    expect(mdmOf(coded)).toBe('problems low, data straightforward, risk moderate -> low');
    expect(lineKeys(coded)).toEqual(['99213 x1']);
  });

  it('counts two conditions assessed in one numbered item as two stable chronic illnesses (moderate)', () => {
    const coded = codeLocated(
      'CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n1. Essential hypertension and hyperlipidemia, both stable.\nPLAN: Continue lisinopril and atorvastatin.',
      [
        ['I10', 'Essential hypertension'],
        ['E78.5', 'hyperlipidemia'],
      ],
    );
    expect(mdmOf(coded)).toBe('problems moderate, data straightforward, risk moderate -> moderate');
    expect(lineKeys(coded)).toEqual(['99214 x1']);
  });

  it('reads the status written on the line under a numbered item (chronic illness with progression)', () => {
    const coded = codeLocated(
      'CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n1. Type 2 diabetes mellitus with hyperglycemia.\nA1c 9.2, worsening since the last visit.\nPLAN: Increase metformin to 1000 mg twice daily.',
      [['E11.65', 'Type 2 diabetes mellitus with hyperglycemia']],
    );
    expect(mdmOf(coded)).toBe('problems moderate, data straightforward, risk moderate -> moderate');
  });

  it('counts an acute illness with systemic symptoms as moderate, an uncomplicated one as low', () => {
    const systemic = codeLocated(
      'CHIEF COMPLAINT: Cough.\nASSESSMENT:\n1. Acute bronchitis with fever and body aches.\nPLAN: Start azithromycin 250 mg daily for 5 days.',
      [['J20.9', 'Acute bronchitis']],
    );
    expect(mdmOf(systemic)).toMatch(/^problems moderate,/);
    const uncomplicated = codeLocated(
      'CHIEF COMPLAINT: Cough.\nASSESSMENT:\n1. Acute bronchitis.\nPLAN: Start azithromycin 250 mg daily for 5 days.',
      [['J20.9', 'Acute bronchitis']],
    );
    expect(mdmOf(uncomplicated)).toMatch(/^problems low,/);
  });

  it('counts an undiagnosed new problem with uncertain prognosis as moderate', () => {
    const coded = codeLocated(
      'CHIEF COMPLAINT: Lump.\nASSESSMENT:\n1. Left breast mass, undiagnosed.\nPLAN: Diagnostic mammogram and ultrasound ordered.',
      [['N63.20', 'Left breast mass']],
    );
    expect(mdmOf(coded)).toMatch(/^problems moderate,/);
  });
});

describe('risk of patient management', () => {
  const stableHypertension = (plan: string) =>
    codeNote(`CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n1. Essential hypertension, stable.\nPLAN: ${plan}`, ['I10']);

  it('counts continuing a prescription drug as prescription drug management (moderate)', () => {
    expect(mdmOf(stableHypertension('Continue lisinopril 10 mg daily.'))).toMatch(/risk moderate/);
  });

  it('does not read words that end like a drug name as a prescription ("continue current plan", "again")', () => {
    const coded = stableHypertension('Continue current plan. Follow up again in 6 months.');
    expect(mdmOf(coded)).toBe('problems low, data straightforward, risk straightforward -> straightforward');
    expect(lineKeys(coded)).toEqual(['99212 x1']);
  });

  it('counts over-the-counter advice as low risk', () => {
    expect(mdmOf(stableHypertension('Acetaminophen as needed for headaches.'))).toMatch(/risk low/);
  });

  it('counts a decision about hospitalization as high risk, and a past hospital stay as not', () => {
    expect(
      mdmOf(stableHypertension('Hospitalization discussed; patient prefers treatment at home with close follow-up.')),
    ).toMatch(/risk high/);
    expect(mdmOf(stableHypertension('Doing well since recent hospitalization. Continue current plan.'))).toMatch(
      /risk straightforward/,
    );
  });
});

describe('total time on the date of the encounter', () => {
  it('does not count time spent on another date', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n1. Viral upper respiratory infection, self-limited.\nPLAN: Fluids and rest.\nI spent 45 minutes yesterday reviewing outside records.\nTotal time on the date of the encounter: 20 minutes.',
      ['J06.9'],
    );
    expect(lineKeys(coded)).toEqual(['99213 x1']);
    expect(coded.review.reasons.map((r) => r.category)).not.toContain('conflicting_documentation');
  });

  it('reports 99417 only beyond the level-5 minimum plus 15 minutes (99215 at 54 min: none; 55: one)', () => {
    const at = (minutes: number) =>
      lineKeys(
        codeNote(
          `CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n1. Fibromyalgia.\nPLAN: Gentle exercise.\nTotal time: ${minutes} minutes`,
          ['M79.7'],
        ),
      );
    expect(at(54)).toEqual(['99215 x1']);
    expect(at(55)).toEqual(['99215 x1', '99417 x1']);
    expect(at(39)).toEqual(['99214 x1']);
  });
});
