import { describe, expect, it } from 'vitest';
import type { CodeSets, PtpAnswer } from '#core/codesets/index';
import { codeEncounterWith } from '#core/coding/index';
import { codeNote, codeSets, config, fixedDiagnoses, lineKeys, noteEncounter } from '../support.ts';

const procedureOnly = (procedure: string) =>
  `CHIEF COMPLAINT: Here for a procedure. No other concerns.\nPROCEDURE: ${procedure}`;

describe('office procedures', () => {
  it.each([
    ['Impacted cerumen removed from the right ear with a curette.', ['H61.21'], ['69210-RT x1']],
    ['Impacted cerumen removed from both ears with curette and forceps.', ['H61.23'], ['69210-50 x1']],
    ['Four actinic keratoses treated with liquid nitrogen cryotherapy.', ['L57.0'], ['17000 x1', '17003 x3']],
    ['Three warts on the right hand treated with cryotherapy.', ['B07.9'], ['17110 x1']],
    ['Simple repair of 2 cm scalp laceration with 4 sutures.', ['S01.81XA'], ['12001 x1']],
    ['Left knee joint injected with Depo-Medrol 40 mg.', ['M17.12'], ['20610-LT x1', 'J1030 x1']],
  ])('"%s" is coded %j', (procedure, diagnoses, lines) => {
    expect(lineKeys(codeNote(procedureOnly(procedure), diagnoses))).toEqual(lines);
  });

  it('codes a joint injection with ultrasound guidance as 20611, and one that names ultrasound only to deny it as 20610', () => {
    const knee = (procedure: string) => lineKeys(codeNote(procedureOnly(procedure), ['M17.12']));
    expect(knee('Left knee injected under ultrasound guidance with triamcinolone 40 mg.')).toEqual([
      '20611-LT x1',
      'J3301 x4',
    ]);
    expect(knee('Left knee injected with triamcinolone 40 mg, no ultrasound guidance used.')).toEqual([
      '20610-LT x1',
      'J3301 x4',
    ]);
    expect(knee('Left knee injected with triamcinolone 40 mg; ultrasound guidance was not needed.')).toEqual([
      '20610-LT x1',
      'J3301 x4',
    ]);
  });

  it('codes cerumen removal by irrigation alone as 69209, not the instrument code', () => {
    expect(lineKeys(codeNote(procedureOnly('Right ear cerumen removed by irrigation.'), ['H61.21']))).toEqual([
      '69209-RT x1',
    ]);
  });

  it('sends a joint injection without a documented side to review', () => {
    const coded = codeNote(procedureOnly('Knee joint injected with triamcinolone 40 mg.'), ['M17.9']);
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'missing_information', field: 'lines.20610' }),
    );
  });

  it('bills an E/M with modifier 25 beside a minor procedure only for another problem', () => {
    const both = codeNote(
      'CHIEF COMPLAINT: Blood pressure and ear.\nASSESSMENT:\n1. Essential hypertension, stable.\n2. Impacted cerumen, left ear.\nPROCEDURE: Impacted cerumen removed from the left ear with a curette.\nPLAN: Continue lisinopril 10 mg daily.',
      ['I10', 'H61.22'],
    );
    expect(lineKeys(both)).toEqual(['99213-25 x1', '69210-LT x1']);
    const onlyTheEar = codeNote(
      'CHIEF COMPLAINT: Plugged ear.\nASSESSMENT:\n1. Impacted cerumen, left ear.\nPROCEDURE: Impacted cerumen removed from the left ear with a curette.',
      ['H61.22'],
    );
    expect(lineKeys(onlyTheEar)).toEqual(['69210-LT x1']);
  });
});

describe('NCCI pairs with modifier indicator 1', () => {
  /** The starter bundle has no indicator-1 pair of two procedures: answer one for 17110 (column 1) and 11200. */
  function withPair(indicator: '0' | '1'): CodeSets {
    const edit = (a: string, b: string): PtpAnswer | undefined =>
      [a, b].sort().join('|') === '11200|17110'
        ? {
            column1: '17110',
            column2: '11200',
            modifierIndicator: indicator,
            effective: '2015-01-01',
            rationale: 'spec',
            release: 'spec',
          }
        : codeSets.ncci.ptp(a, b, '2026-11-02');
    return {
      ...codeSets,
      releases: codeSets.releases,
      releaseFor: codeSets.releaseFor,
      icd10cm: codeSets.icd10cm,
      hcpcs: codeSets.hcpcs,
      cpt: codeSets.cpt,
      ncci: { ptp: edit, mue: codeSets.ncci.mue },
    };
  }
  const note = (where: string) =>
    `CHIEF COMPLAINT: Skin lesions. No other concerns.\nPROCEDURE: Three warts on the right hand treated with cryotherapy. Two skin tags removed ${where}.`;
  const code = (where: string, indicator: '0' | '1', payer: 'commercial' | 'medicare' = 'commercial') =>
    codeEncounterWith(
      noteEncounter(note(where), { payer }),
      { codeSets: withPair(indicator), config },
      fixedDiagnoses(['B07.9', 'L91.8']),
    );

  it('puts 59 on the column-2 code when a separate site is documented (commercial payer)', () => {
    expect(lineKeys(code('from the neck, a separate site', '1'))).toEqual(['17110 x1', '11200-59 x1']);
  });

  it('puts XS instead of 59 for Medicare', () => {
    expect(lineKeys(code('from the neck, a separate site', '1', 'medicare'))).toContain('11200-XS x1');
  });

  it('sends the pair to review when no distinct service is documented', () => {
    const coded = code('from the hand', '1');
    expect(lineKeys(coded)).toContain('11200 x1');
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'conflicting_documentation', field: 'lines.11200' }),
    );
  });

  it('never adds a modifier to a pair with indicator 0', () => {
    const coded = code('from the neck, a separate site', '0');
    expect(lineKeys(coded)).toContain('11200 x1');
    expect(coded.review.required).toBe(true);
  });
});

describe('text that names a procedure without one done in the office', () => {
  it.each([
    ['The wound was closed in layers with 3-0 Monocryl.', '12001'],
    ['Repair of bladder laceration with 2-0 Vicryl.', '12001'],
    ['The patient has a history of shave biopsy in the past.', '11102'],
    ['He is refusing removal of the skin tags today.', '11200'],
  ])('"%s" is not coded %s', (sentence, code) => {
    const coded = codeNote(
      `CHIEF COMPLAINT: Follow-up.\nHPI: ${sentence}\nASSESSMENT:\n1. Essential hypertension.\nPLAN: Continue lisinopril 10 mg daily.`,
      ['I10'],
    );
    expect(coded.lines.map((l) => l.code)).not.toContain(code);
  });
});

describe('the E/M beside a minor procedure', () => {
  it('is levelled on the other problems, not on the one the procedure treats', () => {
    const encounter = noteEncounter(
      'CHIEF COMPLAINT: Knee pain and blood pressure.\nASSESSMENT:\n1. Primary osteoarthritis, right knee, worsening.\n2. Essential hypertension, stable.\nPROCEDURE: Right knee joint injected with triamcinolone 40 mg.\nPLAN: Continue lisinopril 10 mg daily.',
    );
    const text = encounter.noteText!;
    const at = (phrase: string) => ({
      kind: 'text' as const,
      start: text.indexOf(phrase),
      end: text.indexOf(phrase) + phrase.length,
      rule: 'spec',
    });
    const diagnose = () => ({
      diagnoses: [
        {
          code: 'M17.11',
          confidence: 0.95,
          evidence: [at('Primary osteoarthritis, right knee')],
          codeSetVersion: 'spec',
        },
        { code: 'I10', confidence: 0.95, evidence: [at('Essential hypertension')], codeSetVersion: 'spec' },
      ],
      reviewReasons: [],
      excluded: [],
    });
    const coded = codeEncounterWith(encounter, { codeSets, config }, diagnose);
    // The worsening knee would make the problems moderate (99214); hypertension alone is low with Rx management.
    expect(lineKeys(coded)).toEqual(['99213-25 x1', '20610-RT x1', 'J3301 x4']);
  });
});

describe('modifier 25 on a preventive visit', () => {
  it('is not added to a preventive visit beside vaccine administration alone', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Annual physical.\nASSESSMENT:\n1. Encounter for general adult medical examination without abnormal findings.\nPLAN: Influenza vaccine administered.',
      ['Z00.00', 'Z23'],
      { dob: '1980-01-01' },
    );
    expect(lineKeys(coded)).toEqual(['99396 x1', '90686 x1', '90471 x1']);
  });

  it('codes the problem E/M of a new patient seen for a preventive visit at the established level', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: New patient annual physical.\nHPI: In addition to the preventive visit, right knee pain was evaluated.\nASSESSMENT:\n1. Encounter for general adult medical examination with abnormal findings.\n2. Pain in right knee.\nPLAN: Start meloxicam 15 mg daily.',
      ['Z00.01', 'M25.561'],
      { dob: '1980-01-01', visit: 'new' },
    );
    expect(lineKeys(coded)).toEqual(['99386 x1', '99213-25 x1']);
  });
});

describe('paring of corns and calluses by lesion count', () => {
  const paring = (procedure: string) =>
    codeNote(`CHIEF COMPLAINT: Painful calluses.\nPROCEDURE: ${procedure}\nASSESSMENT:\n1. Callus of foot.`, [
      'L84',
    ]).lines.map((l) => `${l.code} x${l.units}`);

  it.each([
    ['Pared one callus on the right heel with a #15 blade.', '11055 x1'],
    ['Pared 3 calluses on the plantar forefoot.', '11056 x1'],
    ['Paring of six corns and calluses, both feet.', '11057 x1'],
  ])('"%s" is %s', (procedure, line) => {
    expect(paring(procedure)).toContain(line);
  });

  it('does not read nail debridement as paring', () => {
    expect(paring('Debrided 5 mycotic nails and the callus at the nail fold.').filter((l) => /^1105/.test(l))).toEqual(
      [],
    );
  });
});
