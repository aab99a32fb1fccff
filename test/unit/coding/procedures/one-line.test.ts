/** One procedure, one line: repeats in the assessment or plan add nothing; negated or planned procedures are not done. */
import { describe, expect, it } from 'vitest';
import { codeNote, lineKeys } from '../support.ts';

describe('a procedure repeated in the assessment or plan is one line', () => {
  it('takes the procedure section description over the assessment repeating it with fewer details', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Painful lump on the back.\nPROCEDURE: Incision and drainage of a 3 cm back abscess; loculations broken up and packing placed.\nASSESSMENT:\n1. Abscess of back, incision and drainage performed today.',
      ['L02.212'],
    );
    expect(lineKeys(coded)).toEqual(['10061 x1']);
  });

  it('does not add a side-less second line when the plan repeats a sided joint injection', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Knee pain.\nPROCEDURE: Right knee injected with triamcinolone 40 mg.\nASSESSMENT:\n1. Primary osteoarthritis of right knee.\nPLAN: Ice as needed. Knee injection done today, tolerated well.',
      ['M17.11'],
    );
    expect(lineKeys(coded)).toEqual(['20610-RT x1', 'J3301 x4']);
    expect(coded.review.reasons.map((r) => r.field)).not.toContain('lines.20610');
  });

  it('keeps procedures on both sides written in two sentences', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Plugged ears.\nPROCEDURE: Right ear cerumen removed with a curette. Left ear cerumen removed by irrigation.',
      ['H61.23'],
    );
    expect(lineKeys(coded)).toEqual(['69210-RT x1', '69209-LT x1']);
  });
});

describe('negated, declined, deferred and planned procedures are not coded', () => {
  const abscess = (plan: string) =>
    codeNote(`CHIEF COMPLAINT: Boil.\nASSESSMENT:\n1. Furuncle of the left thigh.\nPLAN: ${plan}`, ['L02.425']);

  it.each([
    'No incision and drainage of the abscess needed; warm compresses four times daily.',
    'Abscess small: incision and drainage was not needed today; warm compresses.',
    'Patient declined incision and drainage of the abscess.',
    'Incision and drainage of the abscess deferred.',
    'Will schedule incision and drainage of the abscess next week.',
  ])('"%s"', (plan) => {
    expect(lineKeys(abscess(plan)).some((key) => key.startsWith('1006'))).toBe(false);
  });

  it('still codes the procedure when only a part of it is negated ("no sutures", then closed with adhesive)', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Cut finger.\nPROCEDURE: 2 cm laceration of the left index finger irrigated; no sutures required, wound closed with tissue adhesive.',
      ['S61.211A'],
    );
    expect(lineKeys(coded)).toEqual(['12001 x1']);
  });
});

describe('drainage of a hematoma and puncture aspiration', () => {
  const procedure = (text: string) => `CHIEF COMPLAINT: Here for a procedure. No other concerns.\nPROCEDURE: ${text}`;

  it('codes the incision and drainage of a hematoma as 10140, not an abscess drainage', () => {
    expect(
      lineKeys(
        codeNote(procedure('Incision and drainage of a 3 cm hematoma of the left shin; clot evacuated.'), ['S80.12XA']),
      ),
    ).toEqual(['10140 x1']);
  });

  it('codes a needle aspiration of an abscess or bulla as 10160, and a joint aspiration as the joint code', () => {
    expect(
      lineKeys(codeNote(procedure('Needle aspiration of a 2 cm abscess of the back, 3 mL of pus.'), ['L02.212'])),
    ).toEqual(['10160 x1']);
    expect(
      lineKeys(codeNote(procedure('Right knee aspirated, 30 mL of clear fluid; no ultrasound guidance.'), ['M25.461'])),
    ).toEqual(['20610-RT x1']);
  });
});
