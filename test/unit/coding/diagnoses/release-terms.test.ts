/**
 * How a statement and a release title are cut into comparable terms (release-terms.ts): the general linguistic
 * handling both sides share, so that the same disease written two ways meets itself.
 */
import { describe, expect, it } from 'vitest';
import { foldWord, termsOf } from '#core/coding/diagnoses/release-terms';

const keys = (text: string, title = false) => termsOf(text, title).map((term) => term.key);

describe('statement terms', () => {
  it('marks the words a statement writes in parentheses or brackets as nonessential', () => {
    const terms = termsOf('Carpal tunnel syndrome (CTS) [median nerve]');
    expect(terms.filter((term) => term.neutral).map((term) => term.key)).toEqual(
      ['CTS', 'median', 'nerve'].map(foldWord),
    );
    expect(terms.filter((term) => !term.neutral).map((term) => term.key)).toEqual(keys('Carpal tunnel syndrome'));
  });

  it('links the words either side of an "or" as alternatives, and nothing across a comma', () => {
    const terms = termsOf('Convergence insufficiency or palsy, bilateral or unilateral');
    const alternative = Object.fromEntries(terms.map((term) => [term.key, term.alternative]));
    expect(alternative[foldWord('insufficiency')]).toBe(foldWord('palsy'));
    expect(alternative[foldWord('palsy')]).toBe(foldWord('insufficiency'));
    expect(alternative[foldWord('bilateral')]).toBe(foldWord('unilateral'));
    expect(alternative[foldWord('convergence')]).toBeUndefined();
    expect(termsOf('Anemia, or fatigue')[0]!.alternative).toBeUndefined();
  });

  it('reads "other specified" as the classification\'s "other", and "specified as with" as "with"', () => {
    expect(keys('Other specified anemias')).toEqual(keys('Other anemias'));
    expect(keys('Depression, specified as with psychotic features')).toEqual(
      keys('Depression, with psychotic features'),
    );
    expect(keys('Specified disorder')).toContain(foldWord('specified'));
  });

  it('ends a negation at the reason or cause it gives ("for", "because", "due to"), not at "not due to"', () => {
    const reason = keys('Immunization not carried out for unspecified reason', true);
    expect(reason).toContain(`!${foldWord('carried')}`);
    expect(reason).toContain(foldWord('reason'));
    expect(keys('Immunization not carried out because of caregiver refusal', true)).toContain(foldWord('refusal'));
    expect(keys('Stumbling without falling due to stepping on object', true)).toContain(foldWord('stepping'));
    expect(keys('Pain not due to injury', true)).toContain(`!${foldWord('injury')}`);
  });

  it('reads what "except" names as negated, and as words a title need not have said', () => {
    expect(keys('Benign neoplasm of pancreas, except islets of Langerhans')).toEqual(
      keys('Benign neoplasm of pancreas, without islets of Langerhans'),
    );
    const title = termsOf('Malignant neoplasm of cerebrum, except lobes and ventricles', true);
    expect(title.filter((term) => term.key.startsWith('!')).every((term) => term.neutral)).toBe(true);
    expect(title.find((term) => term.key === `!${foldWord('lobes')}`)).toBeDefined();
  });

  it('reads a lone "I" after type, grade, stage, class or phase as the numeral one, elsewhere as a word', () => {
    expect(keys('Intraventricular hemorrhage, grade I')).toEqual(keys('Intraventricular hemorrhage, grade 1'));
    expect(keys('Type I diabetes')).toEqual(keys('Type 1 diabetes'));
    expect(keys('Stage I sarcoidosis')).toContain('1');
    expect(keys('Bleeding I noted')).not.toContain('1');
  });

  it('keeps a hyphenated prefix or combining form with its word, but "non-" stays a negation', () => {
    expect(keys('Pre-existing hypertension')).toEqual(keys('Preexisting hypertension'));
    expect(keys('Gastro-esophageal reflux')).toEqual(keys('Gastroesophageal reflux'));
    expect(keys('Post-herpetic neuralgia')).toEqual(keys('Postherpetic neuralgia'));
    expect(keys('Non-Hodgkin lymphoma')).toContain(`!${foldWord('hodgkin')}`);
  });
});

describe('what "unspecified" leaves open', () => {
  it('drops the site, part or region "unspecified" qualifies, either side of it', () => {
    expect(keys('Spinal stenosis, unspecified region')).toEqual(keys('Spinal stenosis, unspecified'));
    expect(keys('Neoplasm of stomach, part unspecified')).toEqual(keys('Neoplasm of stomach, unspecified'));
    expect(keys('Arthropathy, site unspecified', true)).toEqual(keys('Arthropathy, unspecified', true));
  });

  it('reads a statement\'s "other and unspecified" and ", NEC" as no kind at all', () => {
    expect(keys('Other and unspecified scoliosis')).toEqual(keys('Scoliosis'));
    expect(keys('Keratitis, NEC')).toEqual(keys('Keratitis'));
    // In a title "Other and unspecified" is the class's name, kept; "NEC" without its comma is a word.
    expect(keys('Other and unspecified scoliosis', true)).not.toEqual(keys('Scoliosis', true));
    expect(keys('NEC of the newborn')).toContain(foldWord('NEC'));
  });

  it('reads "unqualified" and "nonspecific" as "unspecified", "disorder" and "condition" as "disease"', () => {
    expect(foldWord('unqualified')).toBe(foldWord('unspecified'));
    expect(foldWord('disorders')).toBe(foldWord('disease'));
    expect(foldWord('conditions')).toBe(foldWord('disease'));
    expect(foldWord('nonspecific')).toBe(foldWord('unspecified'));
  });
});

describe('Index see-references', () => {
  it('reads "late effect(s)" as "sequela", as the Index\'s "Late effect - see Sequelae"', () => {
    expect(keys('Late effects of leprosy')).toEqual(keys('Sequelae of leprosy'));
    expect(keys('Late effect of leprosy')).toEqual(keys('Sequela of leprosy'));
    expect(keys('Late onset of leprosy')).toContain(foldWord('late'));
  });
});

describe('word forms', () => {
  it('folds a disease in -osis and its adjective in -otic or -al to one stem', () => {
    expect(foldWord('thrombotic')).toBe(foldWord('thrombosis'));
    expect(foldWord('leptospiral')).toBe(foldWord('leptospirosis'));
    expect(foldWord('osteoporotic')).toBe(foldWord('osteoporosis'));
  });

  it('folds the plural of a disease in -iasis to the disease ("helminthiases")', () => {
    expect(foldWord('helminthiases')).toBe(foldWord('helminthiasis'));
    expect(foldWord('filariases')).toBe(foldWord('filariasis'));
  });

  it('folds a disease in -ia and its adjective in -ic to one stem', () => {
    expect(foldWord('ischemic')).toBe(foldWord('ischemia'));
    expect(foldWord('thrombocytopenic')).toBe(foldWord('thrombocytopenia'));
  });

  it('folds a Latin organ noun in -a and its adjective in -al to one stem ("cornea", "corneal")', () => {
    expect(foldWord('corneal')).toBe(foldWord('cornea'));
    expect(foldWord('retinal')).toBe(foldWord('retina'));
    expect(foldWord('conjunctival')).toBe(foldWord('conjunctiva'));
    expect(foldWord('tracheal')).toBe(foldWord('trachea'));
    // The organism and its disease: "Toxoplasma hepatitis" is hepatitis due to toxoplasmosis.
    expect(foldWord('toxoplasma')).toBe(foldWord('toxoplasmosis'));
    // Short words stay whole.
    expect(foldWord('aorta')).toBe('aorta');
  });

  it('folds a virus and its adjective together ("rotavirus", "rotaviral")', () => {
    expect(foldWord('rotavirus')).toBe(foldWord('rotaviral'));
    expect(foldWord('adenoviruses')).toBe(foldWord('adenoviral'));
    expect(foldWord('virus')).toBe('virus');
  });

  it('takes off at most two suffixes, so that a noun and its adjective meet ("functional", "function")', () => {
    expect(foldWord('functional')).toBe(foldWord('function'));
    expect(foldWord('postconcussional')).toBe(foldWord('postconcussion'));
    // Short words stay whole: the stem keeps at least five letters.
    expect(foldWord('mania')).toBe('mania');
  });
});
