/** Skin excisions by site group and excised diameter, wound repairs by class, site group and summed length. */
import { describe, expect, it } from 'vitest';
import { bandCode, compileSkinData, SkinDataError, skinData } from '#core/coding/procedures/skin-data';
import skinFile from '../../../../core/coding/procedures/data/skin-procedures.json' with { type: 'json' };
import { codeNote, lineKeys } from '../support.ts';

const procedure = (text: string, assessment = '') =>
  `CHIEF COMPLAINT: Here for a procedure. No other concerns.\nPROCEDURE: ${text}${assessment ? `\nASSESSMENT:\n1. ${assessment}` : ''}`;

describe('skin procedure data (data/skin-procedures.json)', () => {
  it('puts every site of a family in exactly one group, with ascending bands', () => {
    const data = skinData();
    for (const site of ['trunk', 'scalp', 'face', 'hand', 'nose']) {
      expect(data.groupFor('excision-benign', site)).toBeDefined();
      expect(data.groupFor('repair-intermediate', site)).toBeDefined();
    }
  });

  it('rejects a file whose site is in two groups of a family, or whose bands do not ascend', () => {
    const twice = structuredClone(skinFile);
    twice.families[0]!.groups[1]!.sites.push('trunk');
    expect(() => compileSkinData(twice)).toThrow(SkinDataError);
    const descending = structuredClone(skinFile);
    descending.families[0]!.groups[0]!.bands[1]!.upToCm = 0.2;
    expect(() => compileSkinData(descending)).toThrow(/ascend/);
  });

  it('reads the most specific site word ("forearm" is an arm, "eyelid" not a lid of something else)', () => {
    expect(skinData().siteOf('laceration of the left forearm')[0]?.site).toBe('arm');
    expect(skinData().siteOf('upper eyelid')[0]?.site).toBe('eyelid');
  });

  it('codes a complex repair over 7.5 cm with the add-on per further 5 cm', () => {
    const group = skinData().groupFor('repair-complex', 'trunk')!;
    expect(bandCode(group, 1.0)).toBeUndefined();
    expect(bandCode(group, 7.5)).toEqual({ code: '13101', addOnUnits: 0 });
    expect(bandCode(group, 12.6)).toEqual({ code: '13101', addOnUnits: 2 });
  });
});

describe('excisions', () => {
  it.each([
    ['A 0.8 cm benign nevus of the back was excised with 2 mm margins.', '11402'],
    ['A 0.4 cm benign nevus of the back was excised without margins.', '11400'],
    ['Epidermal inclusion cyst of the neck, 1.5 cm, excised.', '11422'],
    ['Basal cell carcinoma of the nose, 0.6 cm, excised with 4 mm margins.', '11642'],
    ['Squamous cell carcinoma of the left forearm, 1.2 x 0.9 cm, excised with 5 mm margins.', '11603'],
    ['Melanocytic nevus of the left cheek excised, excised diameter 1.1 cm.', '11442'],
  ])('"%s" is %s (site group and lesion plus twice the margin)', (text, code) => {
    expect(lineKeys(codeNote(procedure(text), ['D22.5']))).toEqual([`${code} x1`]);
  });

  it('codes a malignant excision from the coded diagnosis when the procedure sentence names only a lesion', () => {
    expect(
      lineKeys(codeNote(procedure('Lesion of the right upper back, 1.0 cm, excised with 3 mm margins.'), ['C44.519'])),
    ).toEqual(['11602 x1']);
  });

  it('sends an excision whose nature awaits pathology to review', () => {
    const coded = codeNote(
      procedure(
        'Pigmented lesion of the back, 0.9 cm, excised with 2 mm margins; suspicious for melanoma, pathology pending.',
      ),
      ['D48.5'],
    );
    expect(coded.review.required).toBe(true);
  });

  it('does not read skin tags removed by scissor excision, or a shave removal, as an excision', () => {
    expect(lineKeys(codeNote(procedure('Removal of 6 skin tags by scissor excision.'), ['L91.8']))).toEqual([
      '11200 x1',
    ]);
  });

  it('codes the excision once when the assessment repeats it', () => {
    expect(
      lineKeys(
        codeNote(
          procedure(
            'A 0.8 cm benign nevus of the back was excised with 2 mm margins.',
            'Benign nevus of back, excised today.',
          ),
          ['D22.5'],
        ),
      ),
    ).toEqual(['11402 x1']);
  });

  it('codes a layered closure of the excision defect beside the excision; a simple closure is included', () => {
    expect(
      lineKeys(
        codeNote(
          procedure(
            'Basal cell carcinoma of the left upper back, 1.0 cm, excised with 4 mm margins. The 3.0 cm defect was closed in layers with deep dermal sutures.',
          ),
          ['C44.519'],
        ),
      ),
    ).toEqual(['11602 x1', '12032 x1']);
    expect(
      lineKeys(
        codeNote(
          procedure('A 0.8 cm benign nevus of the back was excised with 2 mm margins and closed with simple sutures.'),
          ['D22.5'],
        ),
      ),
    ).toEqual(['11402 x1']);
  });
});

describe('repairs', () => {
  it.each([
    ['Simple repair of 2 cm scalp laceration with 4 sutures.', ['12001 x1']],
    ['3 cm laceration of the chin repaired with simple interrupted sutures.', ['12013 x1']],
    ['4 cm laceration of the right forearm repaired in layers with deep dermal sutures.', ['12032 x1']],
    ['2 cm laceration of the left hand closed in layers.', ['12041 x1']],
    ['3 cm laceration of the upper lip repaired in layers.', ['12052 x1']],
    ['5 cm laceration of the back with extensive undermining and complex repair.', ['13101 x1']],
  ])('"%s" is %j', (text, lines) => {
    expect(lineKeys(codeNote(procedure(text), ['S01.01XA']))).toEqual(lines);
  });

  it('sums the lengths of repairs of the same class in the same site group', () => {
    const coded = codeNote(
      procedure(
        '2.0 cm laceration of the left forearm repaired with simple sutures. 3.5 cm laceration of the left thigh repaired with simple sutures.',
      ),
      ['S51.812A', 'S71.112A'],
    );
    expect(lineKeys(coded)).toEqual(['12002 x1']);
  });

  it('keeps repairs of different classes or site groups apart', () => {
    const coded = codeNote(
      procedure(
        '2 cm laceration of the forehead repaired with simple sutures. 4 cm laceration of the left forearm repaired in layers.',
      ),
      ['S01.81XA', 'S51.812A'],
    );
    expect(lineKeys(coded).sort()).toEqual(['12011 x1', '12032 x1']);
  });

  it('sends a repair without a length to review', () => {
    const coded = codeNote(procedure('Laceration of the left forearm repaired with simple sutures.'), ['S51.812A']);
    expect(coded.review.required).toBe(true);
  });

  it('does not code a procedure the history reports from an earlier visit ("shave biopsy last month")', () => {
    const coded = codeNote(
      'CHIEF COMPLAINT: Mole removal.\nHPI: Shave biopsy last month showed a benign nevus.\nPROCEDURE: A 0.8 cm benign nevus of the back was excised with 2 mm margins.',
      ['D22.5'],
    );
    expect(lineKeys(coded)).toEqual(['11402 x1']);
  });
});
