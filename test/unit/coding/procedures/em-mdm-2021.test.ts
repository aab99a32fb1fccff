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

describe('problems as practices write them: abbreviations, codes the coder chose, status lines', () => {
  it('counts HLD, GERD and OA as chronic illnesses through the codes located for them (three stable: moderate)', () => {
    const coded = codeLocated(
      'Routine f/u. Feels well.\nASSESSMENT AND PLAN:\n1. HLD - cont atorvastatin 20 mg, lipids next visit.\n2. GERD - cont omeprazole 20 mg daily, refilled.\n3. Primary OA b/l knees - acetaminophen 650 mg tid prn, walking program.\nRTC 6 mo.',
      [
        ['E78.5', 'HLD'],
        ['K21.9', 'GERD'],
        ['M17.0', 'Primary OA b/l knees'],
      ],
    );
    expect(mdmOf(coded)).toBe('problems moderate, data straightforward, risk moderate -> moderate');
    expect(lineKeys(coded)).toEqual(['99214 x1']);
  });

  it('reads "COPD exac" as a chronic illness with exacerbation, by its words and by its code (J44.1)', () => {
    const body = (item: string) =>
      `CHIEF COMPLAINT: Shortness of breath.\nASSESSMENT: ${item}\nPLAN: Albuterol MDI prn, f/u with PCP in 3-5 days.`;
    expect(mdmOf(codeLocated(body('COPD exac'), [['J44.1', 'COPD exac']]))).toMatch(/^problems moderate,/);
    expect(mdmOf(codeLocated(body('Chronic bronchitis type'), [['J44.1', 'Chronic bronchitis type']]))).toMatch(
      /^problems moderate,/,
    );
    expect(mdmOf(codeLocated(body('COPD, stable'), [['J44.9', 'COPD']]))).toMatch(/^problems low,/);
  });

  it('does not count a follow-up item ("#2 f/u 3 wks") as a problem', () => {
    const coded = codeLocated(
      'CC: low back pain\nA/P:\n#1 Low back pain with sciatica, left side - PT referral, work note.\n#2 f/u 3 wks, sooner if weakness.',
      [['M54.42', 'Low back pain with sciatica']],
    );
    expect(mdmOf(coded)).toMatch(/^problems low,/);
    const problems = coded.lines[0]!.evidence.filter((e) => e.rule === 'em.mdm.problems');
    expect(problems).toHaveLength(1);
  });

  it('reads a fever a drug is for ("ibuprofen prn fever/pain") as the plan, not a systemic symptom', () => {
    const coded = codeLocated(
      'HPI: ear pulling, fussy at night.\n\nA/P:\nAcute suppurative otitis media, left ear\n  Meds: amoxicillin 90 mg/kg/day divided bid x 10 days; ibuprofen prn fever/pain.\n  Follow-up: ear recheck in 3 weeks.',
      [['H66.002', 'Acute suppurative otitis media, left ear']],
    );
    expect(mdmOf(coded)).toBe('problems low, data straightforward, risk moderate -> low');
  });

  it('counts fever with myalgias or chills in the history as systemic symptoms of an acute illness, fever alone not', () => {
    const visit = (history: string) =>
      codeLocated(`HPI: ${history}\n\nAssessment: Influenza A with cough.\nPlan: oseltamivir 75 mg bid x 5 days.`, [
        ['J10.1', 'Influenza A with cough'],
      ]);
    expect(mdmOf(visit('Sudden fever 102.8, myalgias, dry cough since yesterday.'))).toMatch(/^problems moderate,/);
    expect(mdmOf(visit('Temp 101.9 at home with chills and cough.'))).toMatch(/^problems moderate,/);
    expect(mdmOf(visit('Fever to 102 and cough since yesterday. No myalgias.'))).toMatch(/^problems low,/);
    expect(mdmOf(visit('Cough since yesterday. Denies fever, chills or body aches.'))).toMatch(/^problems low,/);
  });

  it('counts a viral URI as a self-limited problem (straightforward with over-the-counter advice)', () => {
    const coded = codeLocated(
      '6 y/o w/ runny nose and cough x 3 days.\nDx: URI\nPlan: supportive care, saline, OTC acetaminophen prn.',
      [['J06.9', 'URI']],
    );
    expect(mdmOf(coded)).toBe('problems straightforward, data straightforward, risk low -> straightforward');
  });
});

describe('prescription drug management as notes write it', () => {
  const riskOf = (plan: string) =>
    mdmOf(
      codeLocated(`CHIEF COMPLAINT: Rash.\nASSESSMENT:\n1. Atopic dermatitis.\nPLAN: ${plan}`, [
        ['L20.9', 'Atopic dermatitis'],
      ]),
    )?.match(/risk (\w+)/)?.[1];

  it('reads a drug written with its strength or dose and a schedule as a prescription, whatever its form', () => {
    expect(riskOf('Triamcinolone 0.1% ointment bid to affected areas x 7-10 days.')).toBe('moderate');
    expect(riskOf('amoxicillin 500 mg TID x10d')).toBe('moderate');
    expect(riskOf('amoxicillin 90 mg/kg/day divided bid x 10 days.')).toBe('moderate');
    expect(riskOf('polymyxin B/trimethoprim ophthalmic drops 1 gtt each eye qid x 7 days.')).toBe('moderate');
  });

  it('reads continuing, refilling and changing a named drug as management ("cont", "switch", "90 day supply sent")', () => {
    expect(riskOf('cont atorvastatin.')).toBe('moderate');
    expect(riskOf('Switch cetirizine to montelukast.')).toBe('moderate');
    expect(riskOf('Escitalopram unchanged, 90 day supply sent.')).toBe('moderate');
  });

  it('keeps over-the-counter drugs low risk, dosed or not, and a dose-like measurement is not a drug', () => {
    expect(riskOf('acetaminophen 650 mg tid prn, walking program.')).toBe('low');
    expect(riskOf('ibuprofen prn pain.')).toBe('low');
    expect(riskOf('Vitamin D 2000 units daily.')).toBe('low');
    expect(riskOf('Fluids 500 ml every hour while awake.')).toBe('straightforward');
  });
});

describe('data: an independent historian', () => {
  it('counts a parent giving the history ("Mom reports") as an independent historian (limited data)', () => {
    const coded = codeLocated(
      'Mom reports dry itchy rash in elbow creases x 2 months.\n\nIMPRESSION AND PLAN\nAtopic dermatitis - bland emollient bid.',
      [['L20.9', 'Atopic dermatitis']],
      { dob: '2024-12-02' },
    );
    expect(mdmOf(coded)).toMatch(/data low/);
  });
});

describe('a level that rests on a judgment call goes to review, not auto-coded', () => {
  it('levels influenza with fever and myalgias as moderate but sends the E/M to review naming the other level', () => {
    const coded = codeLocated(
      'HPI: Sudden fever 102.8, myalgias, dry cough since yesterday.\n\nAssessment: Influenza A with cough.\nPlan: oseltamivir 75 mg bid x 5 days.',
      [['J10.1', 'Influenza A with cough']],
    );
    expect(lineKeys(coded)).toEqual(['99214 x1']);
    expect(coded.lines[0]!.confidence).toBeLessThan(0.85);
    expect(coded.review.reasons.map((r) => r.message)).toContainEqual(
      expect.stringMatching(
        /^E\/M level borderline: moderate MDM \(99214\) with fever .*; low MDM \(99213\) otherwise$/,
      ),
    );
  });

  it('sends a viral URI levelled straightforward to review (low if it were an acute uncomplicated illness)', () => {
    const coded = codeLocated('CC: runny nose.\nDx: URI\nPlan: supportive care, OTC acetaminophen prn.', [
      ['J06.9', 'URI'],
    ]);
    expect(lineKeys(coded)).toEqual(['99212 x1']);
    expect(coded.review.reasons.map((r) => r.message)).toContainEqual(expect.stringMatching(/borderline.*URI/));
  });

  it('keeps a level no judgment call moves (a fever alone in a localized infection) confident', () => {
    const coded = codeLocated(
      'HPI: fever to 102.4 and ear pulling.\n\nA/P:\nAcute suppurative otitis media, left ear - amoxicillin 500 mg tid x 10 days.',
      [['H66.002', 'Acute suppurative otitis media, left ear']],
    );
    expect(lineKeys(coded)).toEqual(['99213 x1']);
    expect(coded.review.reasons.map((r) => r.message).join(' ')).not.toMatch(/borderline/);
  });
});
