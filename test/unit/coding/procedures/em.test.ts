import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

const assessment = (items: string, plan = 'Follow up as needed.') =>
  `CHIEF COMPLAINT: Follow-up.\nASSESSMENT:\n${items}\nPLAN: ${plan}`;

describe('E/M level by total time (2021+ office visit rules)', () => {
  it.each([
    ['established', 10, '99212'],
    ['established', 20, '99213'],
    ['established', 30, '99214'],
    ['established', 40, '99215'],
    ['new', 15, '99202'],
    ['new', 30, '99203'],
    ['new', 45, '99204'],
    ['new', 60, '99205'],
  ] as const)('%s patient with %i minutes documented is %s (minimum met)', (visit, minutes, code) => {
    const coded = codeNote(
      `${assessment('1. Viral upper respiratory infection, self-limited.', 'Fluids and rest.')}\nTotal time: ${minutes} minutes`,
      ['J06.9'],
      { visit },
    );
    expect(coded.lines[0]?.code).toBe(code);
  });

  it('quotes the time statement as evidence with its offsets in the note', () => {
    const coded = codeNote(
      `${assessment('1. Essential hypertension.')}\nI spent 25 minutes on the date of the encounter.`,
      ['I10'],
    );
    const evidence = coded.lines[0]!.evidence.find((e) => e.rule === 'em.time')!;
    expect(evidence.quote).toBe('spent 25 minutes');
    expect(coded.encounter.noteText!.slice(evidence.start, evidence.end)).toBe(evidence.quote);
  });

  it('does not read a duration of symptoms as practitioner time', () => {
    const coded = codeNote(
      `HPI: Chest tightness for 30 minutes after exercise.\n${assessment('1. Viral upper respiratory infection, self-limited.', 'Fluids and rest.')}`,
      ['J06.9'],
    );
    expect(coded.lines[0]?.evidence.some((e) => e.rule === 'em.time')).toBe(false);
  });

  it('sends conflicting total times to review', () => {
    const coded = codeNote(
      `${assessment('1. Essential hypertension.')}\nTotal time: 25 minutes\nI spent 40 minutes with the patient.`,
      ['I10'],
    );
    expect(coded.review.reasons.map((r) => r.category)).toContain('conflicting_documentation');
  });
});

describe('prolonged services beyond level 5', () => {
  it('adds one unit of 99417 from 75 minutes for a new patient', () => {
    expect(
      lineKeys(codeNote(`${assessment('1. Fibromyalgia.')}\nTotal time: 75 minutes`, ['M79.7'], { visit: 'new' })),
    ).toEqual(['99205 x1', '99417 x1']);
  });

  it('adds a unit of 99417 for each further full 15 minutes', () => {
    expect(lineKeys(codeNote(`${assessment('1. Fibromyalgia.')}\nTotal time: 70 minutes`, ['M79.7']))).toEqual([
      '99215 x1',
      '99417 x2',
    ]);
  });

  it('uses G2212 for Medicare, from 69 minutes for an established patient', () => {
    const medicare = (minutes: number) =>
      lineKeys(
        codeNote(`${assessment('1. Fibromyalgia.')}\nTotal time: ${minutes} minutes`, ['M79.7'], { payer: 'medicare' }),
      );
    expect(medicare(68)).toEqual(['99215 x1']);
    expect(medicare(69)).toEqual(['99215 x1', 'G2212 x1']);
  });
});

describe('E/M level by medical decision making (2 of 3 elements)', () => {
  it('levels an acute illness with a prescription as low (99213)', () => {
    const coded = codeNote(assessment('1. Streptococcal pharyngitis.', 'Amoxicillin 500 mg twice daily for 10 days.'), [
      'J02.0',
    ]);
    expect(coded.lines[0]?.code).toBe('99213');
    expect(coded.lines[0]?.evidence.find((e) => e.rule === 'em.mdm')?.path).toMatch(
      /problems low, data straightforward, risk moderate -> low/,
    );
  });

  it('levels two stable chronic illnesses with prescription management as moderate (99214)', () => {
    const coded = codeNote(
      assessment(
        '1. Essential hypertension, stable.\n2. Type 2 diabetes mellitus without complications, stable.',
        'Continue lisinopril and metformin.',
      ),
      ['I10', 'E11.9'],
    );
    expect(coded.lines[0]?.code).toBe('99214');
  });

  it('levels a threat to life with a decision to send to the emergency department as high (99215)', () => {
    const coded = codeNote(
      assessment('1. Chest pain, possible acute coronary syndrome.', 'Sent to the emergency department by ambulance.'),
      ['R07.9'],
    );
    expect(coded.lines[0]?.code).toBe('99215');
  });

  it('takes MDM when it supports a higher level than the documented time', () => {
    const coded = codeNote(
      `${assessment('1. Type 2 diabetes mellitus with hyperglycemia, uncontrolled.', 'A1c reviewed. BMP ordered. Increase metformin to 1000 mg twice daily.')}\nTotal time: 15 minutes`,
      ['E11.65'],
    );
    expect(coded.lines[0]?.code).toBe('99214');
  });
});

describe('new versus established', () => {
  it('reads "new patient ... establish care" from the text when the header has no visit type', () => {
    const coded = codeNote(
      `CHIEF COMPLAINT: New patient here to establish care.\n${assessment('1. Essential hypertension.')}\nTotal time: 30 minutes`,
      ['I10'],
      { visit: 'none' },
    );
    expect(coded.lines[0]?.code).toBe('99203');
  });

  it('codes as established with review when nothing says which', () => {
    const coded = codeNote(`${assessment('1. Essential hypertension.')}\nTotal time: 30 minutes`, ['I10'], {
      visit: 'none',
    });
    expect(coded.lines[0]?.code).toBe('99214');
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'missing_information', field: 'newPatient' }),
    );
  });

  it('sends a header and text that disagree to review as conflicting documentation', () => {
    const coded = codeNote(
      `CHIEF COMPLAINT: New patient to establish care.\n${assessment('1. Essential hypertension.')}`,
      ['I10'],
      { visit: 'established' },
    );
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'conflicting_documentation', field: 'newPatient' }),
    );
  });
});

describe('visits without a problem-oriented E/M', () => {
  it('bills a nurse visit without a procedure as 99211', () => {
    expect(
      lineKeys(codeNote('Nurse visit for blood pressure check. BP 128/80, recorded for the physician.', ['I10'])),
    ).toEqual(['99211 x1']);
  });

  it('bills only the service when the visit was for it and nothing else', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Here for monthly B12 injection. No other complaints.\nPROCEDURE: Cyanocobalamin 1000 mcg IM given in the left deltoid.',
      ['E53.8'],
    );
    expect(lineKeys(coded)).toEqual(['J3420 x1', '96372 x1']);
  });
});

describe('a problem evaluated beside a preventive visit', () => {
  it('adds the problem E/M with modifier 25, pointing to the problem and not to the preventive code', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Annual physical.\nHPI: In addition to the preventive visit, right knee pain was evaluated.\nASSESSMENT:\n1. Encounter for general adult medical examination with abnormal findings.\n2. Pain in right knee.\nPLAN: Start meloxicam 15 mg daily.',
      ['Z00.01', 'M25.561'],
      { dob: '1980-01-01' },
    );
    expect(coded.lines.map((l) => [`${[l.code, ...l.modifiers].join('-')}`, l.diagnosisPointers])).toEqual([
      ['99396', [1, 2]],
      ['99213-25', [2]],
    ]);
  });
});
