/**
 * Dictated assessments read against the full FY2018 ICD-10-CM release (the shared CMS file, as a practice would load
 * it): the release's titles code what the lexicon does not know, inside prose, and never a disease from a status
 * word or a word about the patient.
 */
import { beforeAll, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, hasSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const DATE = '2018-03-01';
let codeSets: CodeSets;

function codesOf(assessment: string[]): string[] {
  const text = noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`);
  return codeDiagnoses(encounterOf(text), { codeSets, date: DATE }).diagnoses.map((d) => d.code);
}

describeWithSharedData('prose assessments with the full FY2018 release', ['icd10cm', '2018'], () => {
  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);

  it('codes the unspecified default, not an "other and unspecified" class the note does not name', () => {
    expect(codesOf(['1. Erectile dysfunction.'])).toEqual(['N52.9']);
  });

  it('reads a diagnosis after the lead-in of dictated prose', () => {
    expect(
      codesOf(['Some improvement of erectile dysfunction, on a low dose of tadalafil, with no side effects.']),
    ).toEqual(['N52.9']);
    expect(codesOf(['The patient has overactive bladder, which has not improved on two anticholinergics.'])).toEqual([
      'N32.81',
    ]);
  });

  it('reads a type letter as part of the diagnosis, and "vaccination" as the release\'s "immunization"', () => {
    expect(codesOf(['1. Hepatitis A with hepatic coma.'])).toEqual(['B15.0']);
    expect(codesOf(['1. Acute hepatitis A.'])).toEqual(['B15.9']);
    expect(codesOf(['1. Vaccination not carried out because of caregiver refusal.'])).toEqual(['Z28.82']);
  });

  it('codes BPH with the lower urinary tract symptoms listed beside it as N40.1, the symptoms after it', () => {
    expect(codesOf(['1. BPH.', '2. Urinary retention.'])).toEqual(['N40.1', 'R33.9']);
    expect(
      codesOf(['A 66-year-old male with signs and symptoms of benign prostatic hypertrophy and nocturia.']),
    ).toContain('N40.1');
    expect(codesOf(['1. Benign prostatic hyperplasia.'])).toEqual(['N40.0']);
  });

  it('codes the organism named in a narrative clause ("another Escherichia coli urinary tract infection")', () => {
    expect(
      codesOf([
        'Recurrent urinary tract infection in a patient recently treated for another Escherichia coli urinary tract infection, who completed the course.',
      ]),
    ).toEqual(['N39.0', 'B96.20']);
  });

  it('never codes a status or a word about the patient as a disease', () => {
    expect(codesOf(['Neurogenic bladder, in a patient who catheterizes. He is asymptomatic today.'])).not.toContain(
      'A52.2',
    );
    expect(codesOf(['Urinary tract infection, treated. This has resolved.'])).toEqual(['N39.0']);
  });

  it('reads an abbreviation or synonym in parentheses as an aside, counted only when a title says it', () => {
    expect(codesOf(['1. Carpal tunnel syndrome (CTS) of right upper limb.'])).toEqual(['G56.01']);
    expect(codesOf(['1. Lateral epicondylitis (tennis elbow), right elbow.'])).toEqual(['M77.11']);
    expect(codesOf(['1. Polycythemia vera (primary).'])).toEqual(['D45']);
  });

  it('does not hold "without mention of" a complication against a title that does not name it', () => {
    expect(codesOf(['1. Allergic rhinitis due to pollen without mention of asthma.'])).toEqual(['J30.1']);
  });

  it('takes the title that says one side of an "or"', () => {
    expect(codesOf(["1. Otitis externa or swimmer's ear, right ear."])).toHaveLength(1);
    expect(codesOf(["1. Otitis externa or swimmer's ear, right ear."])[0]).toMatch(/^H60\./);
  });

  it('meets a virus written as a noun and a disease in -osis written as an adjective', () => {
    expect(codesOf(['1. Meningitis due to enterovirus.'])).toEqual(['A87.0']);
    expect(codesOf(['1. Rotavirus enteritis.'])).toEqual(['A08.0']);
  });

  it('prefers "site unspecified" to a title that adds an unspecified joint, and answers', () => {
    expect(codesOf(['1. Rheumatoid bursitis, site unspecified.'])).toEqual(['M06.20']);
  });

  it('reads a hyphenated prefix as one word with its stem', () => {
    expect(codesOf(['1. Post-herpetic trigeminal neuralgia.'])).toEqual(['B02.22']);
  });

  it('reads "disorder" as "disease" and "part/region unspecified" as no more than "unspecified"', () => {
    expect(codesOf(['1. Unspecified disorder of liver.'])).toEqual(['K76.9']);
    expect(codesOf(['1. Spondylosis, unspecified region.'])).toEqual(['M47.9']);
    expect(codesOf(['1. Malignant neoplasm of stomach, part unspecified.'])).toEqual(['C16.9']);
  });

  it('reads "other and unspecified", "NEC" and "unqualified" as naming no kind', () => {
    expect(codesOf(['1. Other and unspecified ovarian cysts.'])).toEqual(['N83.209']);
    expect(codesOf(['1. Keratitis, NEC.'])).toEqual(['H16.9']);
    expect(codesOf(['1. Keratitis, unqualified.'])).toEqual(['H16.9']);
  });

  it('reads "condition" as "disease" and "nonspecific" as "unspecified"', () => {
    expect(codesOf(['1. Myopathy in conditions classified elsewhere.'])).toEqual(['G73.7']);
    expect(codesOf(['1. Nonspecific abnormal electrocardiogram.'])).toEqual(['R94.31']);
    // A title that says "nonspecific" itself still matches it.
    expect(codesOf(['1. Nonspecific mesenteric lymphadenitis.'])).toEqual(['I88.0']);
  });

  it('reads "late effect(s) of" as the "sequelae of" the Index sends it to', () => {
    expect(codesOf(['1. Late effects of leprosy.'])).toEqual(['B92']);
  });

  it.skipIf(!hasSharedData('icd10cm', '2025', 'icd-10-cm-tabular-2025_ch2.xml'))(
    "codes a code's own inclusion terms as well as its title (chapter 2 tabular extract, same title in FY2018)",
    () => {
      expect(codesOf(['1. Islet cell tumor.'])).toEqual(['D13.7']);
      expect(codesOf(['1. Subperitoneal leiomyoma of uterus.'])).toEqual(['D25.2']);
      expect(codesOf(['1. Malignant neoplasm of orbital bone.'])).toEqual(['C41.0']);
    },
  );
});
