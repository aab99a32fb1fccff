/** Telehealth: modifier 95 on an audio-video visit per the payer's configuration; audio-only and POS to review. */
import { describe, expect, it } from 'vitest';
import { codeEncounterWith } from '#core/coding/index';
import type { PracticeConfig } from '#core/config/practice-config';
import { codeSets, config, fixedDiagnoses, type HeaderOptions, lineKeys, noteEncounter } from '../support.ts';

const BODY = (opening: string) =>
  `${opening}\nSUBJECTIVE: f/u anxiety. Doing well on escitalopram 10 mg, no side effects.\nASSESSMENT:\n1. Generalized anxiety disorder, stable.\nPLAN: Continue escitalopram 10 mg daily. f/u 3 months via video.`;

function code(opening: string, pos: string, options: HeaderOptions = {}, practice: PracticeConfig = config) {
  const encounter = noteEncounter(BODY(opening), options);
  encounter.placeOfService = pos;
  return codeEncounterWith(encounter, { codeSets, config: practice }, fixedDiagnoses(['F41.1']));
}

describe('an audio-video telehealth visit', () => {
  it('adds 95 to the E/M of a video visit billed with POS 10 (commercial and Medicare alike)', () => {
    const commercial = code('Video visit - patient at home, consented to telehealth.', '10');
    expect(lineKeys(commercial)).toEqual(['99213-95 x1']);
    expect(commercial.review.required).toBe(false);
    expect(lineKeys(code('Telemedicine encounter (video), patient at home.', '10', { payer: 'medicare' }))).toEqual([
      '99213-95 x1',
    ]);
  });

  it('reads POS 02 or 10 alone as telehealth, and a later video visit in the plan as nothing about this one', () => {
    expect(lineKeys(code('Seen in clinic today.', '02'))).toEqual(['99213-95 x1']);
    expect(lineKeys(code('Seen in clinic today.', '11'))).toEqual(['99213 x1']);
  });

  it('sends a video visit with an office place of service to review, naming the POS', () => {
    const coded = code('Video visit, patient at home.', '11');
    expect(coded.review.reasons).toContainEqual(
      expect.objectContaining({ category: 'conflicting_documentation', field: 'placeOfService' }),
    );
  });

  it("uses the payer's configured telehealth modifier: none, or GT", () => {
    const withModifier = (modifier: '95' | 'GT' | 'none'): PracticeConfig => ({
      ...config,
      payers: config.payers.map((p) => (p.payerId === 'SANDBOX1' ? { ...p, telehealthModifier: modifier } : p)),
    });
    expect(lineKeys(code('Video visit, patient at home.', '10', {}, withModifier('none')))).toEqual(['99213 x1']);
    expect(lineKeys(code('Video visit, patient at home.', '10', {}, withModifier('GT')))).toEqual(['99213-GT x1']);
  });
});

describe('an audio-only visit', () => {
  it('goes to review naming the payer-dependent codes (no 95, no deleted 99441-99443)', () => {
    const coded = code('Telephone visit, audio-only; patient declined video.', '10');
    expect(coded.lines.map((l) => l.modifiers)).toEqual([[]]);
    expect(coded.lines.map((l) => l.code)).not.toContain('99441');
    expect(coded.review.required).toBe(true);
    expect(coded.review.reasons.map((r) => r.message).join(' ')).toMatch(/audio-only visit.*98008-98015.*93/);
  });
});
