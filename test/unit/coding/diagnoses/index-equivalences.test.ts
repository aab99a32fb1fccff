/**
 * Words the ICD-10-CM Alphabetic Index equates with the tabular's word (data/index-equivalences.json): read the same
 * way on both sides of a title match, with the nonessential modifiers the Index prints after its main term.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CodeSets } from '#core/codesets/index';
import { codeDiagnoses } from '#core/coding/diagnoses/index';
import {
  compileIndexEquivalences,
  compilePhrases,
  INDEX_EQUIVALENCES,
  IndexEquivalencesDataError,
} from '#core/coding/diagnoses/index-equivalences';
import { foldWord, termsOf } from '#core/coding/diagnoses/release-terms';
import equivalencesFile from '../../../../core/coding/diagnoses/data/index-equivalences.json' with { type: 'json' };
import { loadFy2018CodeSets } from '../../../../eval/gem/load.ts';
import { describeWithSharedData, SHARED_DATA_DIR } from '../../../support/shared-data.ts';
import { encounterOf, noteOf } from './coding-note.ts';

const keys = (text: string, title = false) => termsOf(text, title).map((term) => term.key);

describe('Index equivalences as data', () => {
  it('names a source for every equivalence', () => {
    expect(INDEX_EQUIVALENCES.size).toBe(equivalencesFile.equivalences.length);
    for (const entry of equivalencesFile.equivalences) expect(entry.source).toMatch(/Index/);
  });

  it('rejects a file whose entry is malformed, listed twice, or read in two steps, naming the field', () => {
    const file = (equivalences: unknown[]) => ({ ...equivalencesFile, equivalences });
    const entry = { word: 'emesis', reads: 'vomiting', nonessential: [], source: 'Index: Emesis - see Vomiting' };
    expect(() => compileIndexEquivalences(file([{ ...entry, reads: 'Vomiting' }]))).toThrow(
      /index-equivalences\.json\): equivalences\.0\.reads: one lower-case word/,
    );
    expect(() => compileIndexEquivalences(file([entry, entry]))).toThrow(IndexEquivalencesDataError);
    expect(() => compileIndexEquivalences(file([entry, entry]))).toThrow(/"emesis" is listed twice/);
    expect(() => compileIndexEquivalences(file([entry, { ...entry, word: 'vomiting', reads: 'vomitus' }]))).toThrow(
      /itself read as another word/,
    );
    expect(compileIndexEquivalences(file([entry])).get('emesis')).toEqual({ reads: 'vomiting', nonessential: [] });
  });
});

describe('Index phrases', () => {
  const file = (phrases: unknown[]) => ({ ...equivalencesFile, phrases });
  const phrase = { written: 'allergy status', reads: 'personal history of allergy', source: 'Index: History, allergy' };

  it('reads a written phrase as a whole, in any case and spacing, and no part of a longer word', () => {
    const read = compilePhrases(file([phrase]));
    expect(read('Allergy  Status to penicillin')).toBe('personal history of allergy to penicillin');
    expect(read('Allergy statuses')).toBe('Allergy statuses');
  });

  it('reads a phrase whose words are written possessive, as the Index prints eponyms', () => {
    const read = compilePhrases(
      file([
        {
          written: 'hodgkin disease',
          reads: 'hodgkin lymphoma',
          source: 'Index: Disease, Hodgkin - see Lymphoma, Hodgkin',
        },
      ]),
    );
    expect(read("Hodgkin's disease, nodular sclerosis")).toBe('hodgkin lymphoma, nodular sclerosis');
    expect(read('Hodgkin’s disease')).toBe('hodgkin lymphoma');
    expect(read('Hodgkin disease')).toBe('hodgkin lymphoma');
    // The last word may be plural, as a statement writes it ("keloids", "history of falls").
    expect(read("Hodgkin's diseases")).toBe('hodgkin lymphoma');
    expect(read('Hodgkin diseased')).toBe('Hodgkin diseased');
  });

  it('reads words a phrase puts in parentheses as nonessential, as the Index prints them', () => {
    const read = compilePhrases(
      file([
        {
          written: 'chronic myeloid leukemia',
          reads: 'chronic myeloid leukemia (bcr abl positive)',
          source: 'Index: Leukemia',
        },
      ]),
    );
    expect(read('Chronic myeloid leukemia, in remission')).toBe(
      'chronic myeloid leukemia (bcr abl positive), in remission',
    );
    expect(() => compilePhrases(file([{ ...phrase, reads: '(personal history) of allergy' }]))).toThrow(
      /phrases\.0\.reads: lower-case words separated by single spaces, nonessential words last in parentheses/,
    );
  });

  it('rejects one word read as one (an equivalence) or a phrase listed twice, naming the field', () => {
    expect(() => compilePhrases(file([{ ...phrase, written: 'allergy', reads: 'hypersensitivity' }]))).toThrow(
      /phrases\.0\.written: two words or more, or one word read as several/,
    );
    expect(() => compilePhrases(file([phrase, phrase]))).toThrow(
      /phrases\.1\.written: "allergy status" is listed twice/,
    );
  });

  it('reads one word as the several words the tabular says, whole words only', () => {
    const read = compilePhrases(
      file([
        { written: 'keloid', reads: 'hypertrophic scar', source: 'Tabular: L91.0 Hypertrophic scar, includes Keloid' },
      ]),
    );
    expect(read('Keloid of the earlobe')).toBe('hypertrophic scar of the earlobe');
    expect(read('Keloids')).toBe('hypertrophic scar');
    expect(read('Keloidal')).toBe('Keloidal');
  });

  it('reads a phrase written with a hyphen between its words, never one inside a hyphenated word', () => {
    const read = compilePhrases(
      file([
        { written: 'after cataract', reads: 'secondary cataract', source: 'Index: After-cataract' },
        { written: 'esophageal reflux', reads: 'gastroesophageal reflux', source: 'Index: Reflux, esophageal' },
      ]),
    );
    expect(read('After-cataract, left eye')).toBe('secondary cataract, left eye');
    expect(read('Esophageal reflux')).toBe('gastroesophageal reflux');
    // "Gastro-esophageal reflux" is already the tabular's word: not "gastro-" before the phrase.
    expect(read('Gastro-esophageal reflux')).toBe('Gastro-esophageal reflux');
    expect(read('Esophageal reflux-induced cough')).toBe('Esophageal reflux-induced cough');
  });

  it("meets the Index's subterm in the tabular title's words, on both sides", () => {
    expect(keys('Allergy status to penicillin', true)).toEqual(keys('Personal history of allergy to penicillin'));
    expect(keys('Bipolar I disorder, most recent episode manic')).toEqual(
      keys('Bipolar disorder, current episode manic', true),
    );
    expect(keys('Bipolar II disorder')).toContain('2');
    expect(keys('Kidney replaced by transplant')).toEqual(keys('Kidney transplant status', true));
  });

  it('reads the synonyms of a leukemia cell type as the tabular title names it, keeping the remission character', () => {
    expect(keys('Acute lymphoid leukemia, in remission')).toEqual(
      keys('Acute lymphoblastic leukemia, in remission', true),
    );
    expect(keys('Acute lymphocytic leukemia')).toEqual(keys('Acute lymphoblastic leukemia'));
    expect(keys('Chronic lymphoid leukemia in relapse')).toEqual(keys('Chronic lymphocytic leukemia in relapse'));
    expect(keys('Chronic monocytic leukemia, not having achieved remission')).toEqual(
      keys('Chronic myelomonocytic leukemia not having achieved remission', true),
    );
    expect(keys('Acute myeloid leukemia')).toEqual(keys('Acute myeloblastic leukemia', true));
  });

  it('reads a chapter 16 title\'s period the way the Index\'s subterm "newborn" names it', () => {
    expect(keys('Adrenal hemorrhage of newborn').sort()).toEqual(keys('Neonatal adrenal hemorrhage', true).sort());
    expect(keys('Hematological disorder specific to newborn').sort()).toEqual(
      keys('Perinatal hematological disorder', true).sort(),
    );
    expect(keys('Pneumothorax of newborn').sort()).toEqual(
      keys('Pneumothorax originating in the perinatal period', true).sort(),
    );
    expect(keys('Birth trauma')).toEqual(keys('Birth injury', true));
  });

  it('reads "replacement" as the "presence of (artificial)" status the Index leads to', () => {
    const terms = termsOf('Larynx replacement');
    expect(terms.map((term) => term.key).sort()).toEqual(keys('Presence of artificial larynx', true).sort());
    expect(terms.find((term) => term.key === foldWord('artificial'))?.neutral).toBe(true);
  });
});

describe("a statement in the Index's words meets a title in the tabular's", () => {
  it('reads a see-reference word as the word it refers to, singular or plural', () => {
    expect(foldWord('hyperpotassemia')).toBe(foldWord('hyperkalemia'));
    expect(foldWord('Hypopotassemia')).toBe(foldWord('hypokalemia'));
    expect(foldWord('emesis')).toBe(foldWord('vomiting'));
    expect(keys('Other acute postoperative pain')).toEqual(keys('Other acute postprocedural pain'));
    expect(keys('Pre-operative respiratory examination')).toEqual(keys('Preprocedural respiratory examination'));
    expect(foldWord('Papanicolaou')).toBe(foldWord('cytologic'));
  });

  it('reads "anomaly" as "malformation" with the Index\'s nonessential "(congenital)"', () => {
    const terms = termsOf('Anomalies of adrenal gland');
    expect(terms.map((term) => term.key).sort()).toEqual(
      [...keys('Malformation of adrenal gland'), foldWord('congenital')].sort(),
    );
    expect(terms.find((term) => term.key === foldWord('congenital'))?.neutral).toBe(true);
    // Said outright, "congenital" is not nonessential, and is not repeated.
    const said = termsOf('Congenital anomaly of lung');
    expect(said.filter((term) => term.key === foldWord('congenital'))).toEqual([
      { key: foldWord('congenital'), neutral: false },
    ]);
    // A title in the Index's word is read the same way.
    expect(keys('Unspecified alveolar anomaly', true)).toContain(foldWord('malformation'));
  });
});

describeWithSharedData('Index equivalences with the full FY2018 release', ['icd10cm', '2018'], () => {
  const DATE = '2018-03-01';
  let codeSets: CodeSets;
  const codesOf = (assessment: string[]) =>
    codeDiagnoses(encounterOf(noteOf({ assessment }).replace(/Date of service: \S+/, `Date of service: ${DATE}`)), {
      codeSets,
      date: DATE,
    }).diagnoses.map((d) => d.code);

  beforeAll(() => {
    codeSets = loadFy2018CodeSets(SHARED_DATA_DIR);
  }, 60_000);

  it("codes a statement in the Index's words to the tabular title it refers to", () => {
    expect(codesOf(['1. Congenital anomaly of the lung.'])).toEqual(['Q33.9']);
    expect(codesOf(['1. Hyperpotassemia.'])).toEqual(['E87.5']);
    expect(codesOf(['1. Chronic postoperative pain.'])).toEqual(['G89.28']);
    expect(
      codesOf(['1. Bipolar I disorder, most recent episode depressed, severe, without psychotic features.']),
    ).toEqual(['F31.4']);
  });

  it('codes a leukemia by its cell type synonym and remission status, an eponym written possessive', () => {
    expect(codesOf(['1. Chronic lymphoid leukemia in remission.'])).toEqual(['C91.11']);
    expect(codesOf(['1. Acute lymphocytic leukemia in remission.'])).toEqual(['C91.01']);
    expect(codesOf(['1. Chronic monocytic leukemia.'])).toEqual(['C93.10']);
    expect(codesOf(['1. Acute myeloid leukemia, in relapse.'])).toEqual(['C92.02']);
    expect(codesOf(["1. Hodgkin's disease."])).toEqual(['C81.90']);
    expect(codesOf(["1. Huntington's chorea."])).toEqual(['G10']);
  });

  it('codes a lymphoma or leukemia the Index names by another word to its tabular code, and its default', () => {
    // Index "Lymphoma, nodular - see also Lymphoma, follicular": not C81.1 nodular sclerosis Hodgkin lymphoma.
    expect(codesOf(['1. Nodular lymphoma.'])).toEqual(['C82.90']);
    expect(codesOf(['1. Small lymphocytic lymphoma.'])).toEqual(['C83.00']);
    expect(codesOf(['1. Acute erythremia and erythroleukemia, in relapse.'])).toEqual(['C94.02']);
    // A chronic myeloid leukemia not said atypical is BCR/ABL-positive (Index "(Philadelphia chromosome positive)").
    expect(codesOf(['1. Chronic myeloid leukemia.'])).toEqual(['C92.10']);
    expect(codesOf(['1. Chronic myelogenous leukemia, in remission.'])).toEqual(['C92.11']);
    expect(codesOf(['1. Atypical chronic myeloid leukemia, BCR/ABL-negative.'])).toEqual(['C92.20']);
  });

  it('reads a cell-type letter the titles write as no genus initial', () => {
    // "B cell" is not "Basal cell" (the binomial "Basal cell carcinoma" would read "B." as its genus).
    expect(codesOf(['1. Diffuse large B-cell lymphoma.'])).toEqual(['C83.30']);
  });

  it("codes a newborn's condition to the chapter 16 title that says neonatal or perinatal, and no other to it", () => {
    expect(codesOf(['1. Adrenal hemorrhage of newborn.'])).toEqual(['P54.4']);
    expect(codesOf(['1. Urinary tract infection of newborn.'])).toEqual(['P39.3']);
    expect(codesOf(['1. Hematological disorder specific to newborn.'])).toEqual(['P61.9']);
    expect(codesOf(['1. Unspecified hemorrhage of newborn.'])).toEqual(['P54.9']);
    expect(codesOf(['1. Birth trauma.'])).toEqual(['P15.9']);
    // Chapter 16 is for the newborn record only: a statement that names no newborn is not coded there.
    expect(codesOf(['1. Unspecified intracranial hemorrhage.'])).toEqual(['I62.9']);
  });

  it('reads herpes simplex and herpetic as the tabular\'s "herpesviral", septicemia as sepsis', () => {
    expect(codesOf(['1. Herpes simplex encephalitis.'])).toEqual(['B00.4']);
    expect(codesOf(['1. Herpes simplex.'])).toEqual(['B00.9']);
    expect(codesOf(['1. Herpetic gingivostomatitis.'])).toEqual(['B00.2']);
    expect(codesOf(['1. Herpes zoster.'])).toEqual(['B02.9']);
    expect(codesOf(['1. Septicemia due to E. coli.'])).toEqual(['A41.51']);
    expect(codesOf(['1. Streptococcal septicemia.'])).toEqual(['A40.9']);
  });

  it('reads a neoplasm "of unspecified nature" as the unspecified behavior of D49, and toxic goiter as thyrotoxicosis with goiter', () => {
    expect(codesOf(['1. Neoplasm of unspecified nature of the breast.'])).toEqual(['D49.3']);
    expect(codesOf(['1. Toxic diffuse goiter.'])).toEqual(['E05.00']);
    expect(codesOf(['1. Toxic multinodular goiter with thyroid storm.'])).toEqual(['E05.21']);
  });

  it('reads psychogenic and nonorganic as the F codes "not due to a substance or known physiological condition"', () => {
    expect(codesOf(['1. Psychogenic dyspareunia.'])).toEqual(['F52.6']);
    expect(codesOf(['1. Vaginismus, nonorganic.'])).toEqual(['F52.5']);
    expect(codesOf(['1. Psychogenic encopresis.'])).toEqual(['F98.1']);
    // Said of nothing the F codes name, the word still counts: no code for the symptom alone.
    expect(codesOf(['1. Psychogenic cough.'])).not.toContain('R05');
    // Without the word, the physiological code.
    expect(codesOf(['1. Vaginismus.'])).toEqual(['N94.2']);
  });

  it('codes an attempted abortion to the failed attempted termination of pregnancy (O07)', () => {
    expect(codesOf(['1. Failed attempted abortion with embolism.'])).toEqual(['O07.2']);
    expect(codesOf(['1. Failed attempted abortion without complication.'])).toEqual(['O07.4']);
  });

  it('reads esophageal reflux as gastroesophageal reflux (K21.9), the newborn code only when a newborn is said', () => {
    expect(codesOf(['1. Esophageal reflux.'])).toEqual(['K21.9']);
    expect(codesOf(['1. Gastro-esophageal reflux.'])).toEqual(['K21.9']);
    expect(codesOf(['1. Newborn esophageal reflux.'])).toEqual(['P78.83']);
  });

  it('reads an after-cataract as the secondary cataract the Index refers it to', () => {
    expect(codesOf(['1. After-cataract.'])).toEqual(['H26.40']);
  });

  it("codes the Index's everyday names to the tabular title they refer to", () => {
    // L91.0 "Hypertrophic scar" includes keloid; acne keloid stays L73.0.
    expect(codesOf(['1. Keloids.'])).toEqual(['L91.0']);
    expect(codesOf(['1. Acne keloid.'])).toEqual(['L73.0']);
    expect(codesOf(['1. Blood in stools.'])).toEqual(['K92.1']);
    expect(codesOf(['1. Urinary hesitancy.'])).toEqual(['R39.11']);
    expect(codesOf(['1. History of falls.'])).toEqual(['Z91.81']);
    expect(codesOf(["1. Prinzmetal's angina."])).toEqual(['I20.1']);
    expect(codesOf(['1. Schizotypal personality disorder.'])).toEqual(['F21']);
    expect(codesOf(['1. Congenital neutropenia.'])).toEqual(['D70.0']);
    expect(codesOf(['1. Polycystic ovary syndrome.'])).toEqual(['E28.2']);
  });

  it('codes a word the tabular lists as an inclusion term to its code, not to a title that names an organism', () => {
    // N72 includes cervicitis: not A54.03 gonococcal cervicitis; N41.9 includes prostatitis NOS: not N41.1 chronic.
    expect(codesOf(['1. Cervicitis.'])).toEqual(['N72']);
    expect(codesOf(['1. Gonococcal cervicitis.'])).toEqual(['A54.03']);
    expect(codesOf(['1. Prostatitis.'])).toEqual(['N41.9']);
    expect(codesOf(['1. Acute prostatitis.'])).toEqual(['N41.0']);
    expect(codesOf(['1. Menometrorrhagia.'])).toEqual(['N92.1']);
    expect(codesOf(['1. Herpangina.'])).toEqual(['B08.5']);
    expect(codesOf(['1. Tongue-tie.'])).toEqual(['Q38.1']);
    expect(codesOf(['1. Chronic fatigue syndrome.'])).toEqual(['R53.82']);
    expect(codesOf(['1. Left heart failure.'])).toEqual(['I50.1']);
    expect(codesOf(['1. Bicornuate uterus.'])).toEqual(['Q51.3']);
    expect(codesOf(['1. Intestinal coccidiosis.'])).toEqual(['A07.3']);
  });

  it('reads a screening examination or special screening as the screening (Z11-Z13)', () => {
    expect(codesOf(['1. Screening examination for osteoporosis.'])).toEqual(['Z13.820']);
    expect(codesOf(['1. Special screening for osteoporosis.'])).toEqual(['Z13.820']);
    // What a screening looks for is never coded as the patient's disease (it was C18.9 and C61 at 0.95).
    expect(codesOf(['1. Screening examination for colon cancer.'])).not.toContain('C18.9');
    expect(codesOf(['1. Screened for prostate cancer.'])).not.toContain('C61');
  });

  it('reads the Latin names of the B35 dermatophytoses as dermatophytosis of their site, both ways', () => {
    expect(codesOf(['1. Dermatophytosis of the foot.'])).toEqual(['B35.3']);
    expect(codesOf(['1. Dermatophytosis of fingernail.'])).not.toEqual(['B35.9']);
    expect(codesOf(['1. Dermatophytosis of nail.'])).toEqual(['B35.1']);
    expect(codesOf(['1. Tinea cruris.'])).toEqual(['B35.6']);
  });

  it('codes a replaced organ to the presence of its artificial replacement', () => {
    expect(codesOf(['1. Larynx replacement.'])).toEqual(['Z96.3']);
    expect(codesOf(['1. Artificial skin replacement.'])).toEqual(['Z96.81']);
    expect(codesOf(['1. Lens replaced by other means.'])).toEqual(['Z96.1']);
    // A device named alone is present (its status), not a complication the statement does not name.
    expect(codesOf(['1. Insulin pump.'])).toEqual(['Z96.41']);
    expect(codesOf(['1. Breakdown of insulin pump.'])).toEqual(['T85.614A']);
  });
});
