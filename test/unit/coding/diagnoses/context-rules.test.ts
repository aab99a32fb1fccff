import { describe, expect, it } from 'vitest';
import { clinicalLexicon } from '#core/coding/lexicon/index';
import { findTriggers, mentionContext } from '#core/coding/text/context';
import { tokenize } from '#core/coding/text/tokenize';

/** The decisive context of the mention quoted `phrase` in `sentence`. */
function contextOf(sentence: string, phrase: string): string | undefined {
  const tokens = tokenize(sentence);
  const matches = clinicalLexicon().trie.matchAll(tokens);
  const covered = new Uint8Array(tokens.length);
  for (const match of matches) covered.fill(1, match.first, match.end);
  const triggers = findTriggers(tokens, 0, tokens.length, covered);
  const match = matches.find(
    (m) => sentence.slice(tokens[m.first]!.start, tokens[m.end - 1]!.end).toLowerCase() === phrase,
  );
  if (!match) throw new Error(`"${phrase}" is not a lexicon match in "${sentence}"`);
  return mentionContext(tokens, triggers, match.first, match.end).decisive ?? 'affirmed';
}

describe('context rules: negation', () => {
  it.each([
    ['Denies chest pain.', 'chest pain'],
    ['No fever.', 'fever'],
    ['Negative for pneumonia on x-ray.', 'pneumonia'],
    ['No evidence of cellulitis.', 'cellulitis'],
    ['Without wheezing.', 'wheezing'],
    ['Pneumonia was ruled out.', 'pneumonia'],
    ['Stopped metformin last year.', 'metformin'],
    ['Flu vaccine declined.', 'flu vaccine'],
    ['No fever, chills, body aches, or cough.', 'cough'],
    ['Influenza test negative.', 'influenza'],
    // A concept phrase that takes the end of a longer trigger leaves the shorter trigger: "no history of" is "no".
    ['No history of smoking.', 'history of smoking'],
  ])('"%s" negates %s', (sentence, phrase) => {
    expect(contextOf(sentence, phrase)).toBe('negated');
  });

  it.each([
    ['Denies fever but reports cough.', 'cough'],
    ['Cough, no fever.', 'cough'],
    ['Pharyngitis, rapid strep negative.', 'pharyngitis'],
    ['Hemorrhoids, bleeding resolved.', 'hemorrhoids'],
    ['COPD, stable, no exacerbation.', 'copd'],
    ['No change in asthma symptoms.', 'asthma'],
    ['Type 2 diabetes mellitus without complications.', 'type 2 diabetes mellitus without complications'],
  ])('"%s" leaves %s affirmed', (sentence, phrase) => {
    expect(contextOf(sentence, phrase)).toBe('affirmed');
  });
});

describe('context rules: outpatient uncertainty terms', () => {
  it.each([
    ['Probable pneumonia.', 'pneumonia'],
    ['Suspected UTI.', 'uti'],
    ['Likely viral URI.', 'viral uri'],
    ['Questionable pneumonia.', 'pneumonia'],
    ['Rule out strep pharyngitis.', 'strep pharyngitis'],
    ['R/O pneumonia.', 'pneumonia'],
    ['Findings consistent with gout.', 'gout'],
    ['Compatible with migraine.', 'migraine'],
    ['Working diagnosis: irritable bowel syndrome.', 'irritable bowel syndrome'],
    ['GERD versus gastritis.', 'gerd'],
    ['GERD versus gastritis.', 'gastritis'],
    ['Pneumonia is suspected.', 'pneumonia'],
    ['? pneumonia', 'pneumonia'],
    ['Possible asthma.', 'asthma'],
    ['Concern for cellulitis.', 'cellulitis'],
  ])('"%s" makes %s uncertain', (sentence, phrase) => {
    expect(contextOf(sentence, phrase)).toBe('uncertain');
  });

  it.each([
    ['Cough, likely viral URI.', 'cough'],
    ['Pneumonia, right lower lobe.', 'pneumonia'],
  ])('"%s" leaves %s affirmed', (sentence, phrase) => {
    expect(contextOf(sentence, phrase)).not.toBe('uncertain');
  });
});

describe('context rules: history, family, hypothetical', () => {
  it('"history of" makes a condition historical', () => {
    expect(contextOf('History of stroke.', 'stroke')).toBe('historical');
  });

  it('"resolved" after a condition makes it historical', () => {
    expect(contextOf('Pneumonia, resolved.', 'pneumonia')).toBe('historical');
  });

  it('a relative before a condition makes it a family statement', () => {
    expect(contextOf('Mother has type 2 diabetes.', 'type 2 diabetes')).toBe('family');
    expect(contextOf('Family history of hypertension.', 'hypertension')).toBe('family');
  });

  it('a family statement outranks a negation', () => {
    expect(contextOf('Family history of no known asthma in mother.', 'asthma')).toBe('family');
  });

  it.each([
    ['Return if fever develops.', 'fever'],
    ['Call if shortness of breath.', 'shortness of breath'],
    ['Watch for rash.', 'rash'],
    ['Precautions for dehydration reviewed.', 'dehydration'],
  ])('"%s" makes %s hypothetical', (sentence, phrase) => {
    expect(contextOf(sentence, phrase)).toBe('hypothetical');
  });

  it.each([
    ['Screening examination for colon cancer.', 'colon cancer'],
    ['Screening exam for breast cancer.', 'breast cancer'],
    ['Screening test for prostate cancer.', 'prostate cancer'],
    ['Screened for colon cancer.', 'colon cancer'],
  ])(
    'a screening names what is looked for, however the test is called: "%s" makes %s hypothetical',
    (sentence, phrase) => {
      expect(contextOf(sentence, phrase)).toBe('hypothetical');
    },
  );

  it('a statement about the patient is affirmed', () => {
    expect(contextOf('Acute bronchitis.', 'acute bronchitis')).toBe('affirmed');
    expect(contextOf('Hypertension, controlled.', 'hypertension')).toBe('affirmed');
  });

  it('a terminating word ends a trigger scope', () => {
    expect(contextOf('History of asthma, now with pneumonia.', 'pneumonia')).toBe('affirmed');
  });
});
