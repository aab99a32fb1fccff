/**
 * The trigger lexicon of our ConText/NegEx-style rules. A trigger has a category and a direction: `pre` triggers
 * govern the concepts after them, `post` triggers the concepts before them, `both` the whole sentence. `pseudo`
 * triggers look like triggers but are not (`no change`, `gram negative`): matched longest-first, they hide the
 * shorter trigger inside them. `terminate` words end a trigger's scope (`denies fever but reports cough`).
 * The outpatient uncertainty terms come from the ICD-10-CM guidelines (Section IV.H): uncertain diagnoses are not
 * coded in the office; the symptoms are.
 */

export type ContextCategory = 'negated' | 'uncertain' | 'historical' | 'family' | 'hypothetical';
export type TriggerKind = ContextCategory | 'pseudo' | 'terminate';
export type TriggerDirection = 'pre' | 'post' | 'both';

export interface TriggerDefinition {
  phrase: string;
  kind: TriggerKind;
  direction: TriggerDirection;
  /**
   * Words a post trigger may reach back over ("influenza test negative"); a post trigger otherwise follows its
   * mention directly (punctuation aside), so that "hemorrhoids, bleeding resolved" does not resolve the hemorrhoids.
   */
  bridge?: ReadonlySet<string>;
  /** How many words a pre trigger reaches forward, when not the default (a list of risks runs long). */
  window?: number;
}

/** What lies between a condition and the result that negates it: "strep culture negative", "flu swab negative". */
const TEST_WORDS: ReadonlySet<string> = new Set([
  'test',
  'testing',
  'tests',
  'screen',
  'swab',
  'culture',
  'pcr',
  'antigen',
  'titer',
]);

const pre = (kind: TriggerKind, phrases: string[]): TriggerDefinition[] =>
  phrases.map((phrase) => ({ phrase, kind, direction: 'pre' }));
const post = (kind: TriggerKind, phrases: string[]): TriggerDefinition[] =>
  phrases.map((phrase) => ({ phrase, kind, direction: 'post' }));
const both = (kind: TriggerKind, phrases: string[]): TriggerDefinition[] =>
  phrases.map((phrase) => ({ phrase, kind, direction: 'both' }));

/**
 * Risks and complications explained before consent ("the risks and potential complications of gastric bypass in
 * detail, and these include bleeding, infection, deep venous thrombosis, pulmonary embolism"): everything listed
 * after them, to the end of the clause, is what might happen, not what the patient has.
 */
const RISK_LIST_WINDOW = 40;
const riskList = (phrases: string[]): TriggerDefinition[] =>
  phrases.map((phrase) => ({ phrase, kind: 'hypothetical', direction: 'pre', window: RISK_LIST_WINDOW }));

export const CONTEXT_TRIGGERS: readonly TriggerDefinition[] = [
  ...riskList([
    'risks',
    'the risks',
    'risks and benefits',
    'potential complications',
    'possible complications',
    'complications including',
    'complications include',
    'complications such as',
    'side effects',
    'possible side effects',
    'adverse effects',
  ]),
  ...pre('negated', [
    'no',
    'not',
    'non',
    'denies',
    'denied',
    'denying',
    'without',
    'negative for',
    'neg for',
    'free of',
    'absence of',
    'no evidence of',
    'no signs of',
    'no sign of',
    'no symptoms of',
    'no complaints of',
    'no history of',
    'no hx of',
    'never had',
    'does not have',
    'doesnt have',
    'did not have',
    'not have',
    'ruled out for',
    'resolution of',
    'unlikely',
    'stopped',
    'discontinued',
    'discontinue',
    'off',
    'declined',
    'declines',
    'refused',
    'refuses',
  ]),
  ...['is negative', 'was negative', 'negative'].map(
    (phrase): TriggerDefinition => ({ phrase, kind: 'negated', direction: 'post', bridge: TEST_WORDS }),
  ),
  ...post('negated', [
    'ruled out',
    'has been ruled out',
    'was ruled out',
    'is ruled out',
    'absent',
    'not present',
    'is unlikely',
    'unlikely',
    'discontinued',
    'stopped',
    'declined',
    'refused',
  ]),
  ...pre('uncertain', [
    'probable',
    'probably',
    'possible',
    'possibly',
    'suspected',
    'suspect',
    'suspicious for',
    'suspicion for',
    'suspicion of',
    'likely',
    'most likely',
    'questionable',
    'question of',
    'rule out',
    'r / o',
    'ro',
    'to rule out',
    'cannot rule out',
    'cannot be ruled out',
    'not ruled out',
    'cannot exclude',
    'consistent with',
    'compatible with',
    'c / w',
    'suggestive of',
    'concern for',
    'concerning for',
    'worrisome for',
    'working diagnosis',
    'working diagnosis of',
    'presumed',
    'presumptive',
    'differential includes',
    'differential diagnosis',
    'ddx',
    'evaluate for',
    'evaluation for',
    'workup for',
    'work up for',
    'may have',
    'may be',
    'might be',
    'could be',
    'versus',
    'vs',
    '?',
  ]),
  ...post('uncertain', ['suspected', '?']),
  // "Pneumonia is likely" and "this is likely pneumonia": the verb phrase governs both sides.
  ...both('uncertain', [
    'is suspected',
    'is likely',
    'is possible',
    'is probable',
    'is questionable',
    'is most likely',
  ]),
  ...both('uncertain', ['versus', 'vs', 'vs .']),
  ...pre('historical', [
    'history of',
    'hx of',
    'h / o',
    'past history of',
    'past medical history of',
    'previous',
    'previously',
    'prior',
    'remote history of',
    'status post',
    's / p',
    'no longer',
  ]),
  ...post('historical', ['resolved', 'in the past', 'previously', 'has resolved', 'now resolved', 'in remission']),
  ...pre('family', [
    'family history of',
    'family hx of',
    'fh of',
    'fhx of',
    'fh',
    'fhx',
    'mother',
    'father',
    'brother',
    'sister',
    'sibling',
    'siblings',
    'parent',
    'parents',
    'grandmother',
    'grandfather',
    'aunt',
    'uncle',
    'maternal',
    'paternal',
    'mom',
    'dad',
  ]),
  ...post('family', [
    'in mother',
    'in father',
    'in her mother',
    'in his mother',
    'in his father',
    'in her father',
    'runs in the family',
    'in the family',
  ]),
  ...pre('hypothetical', [
    'if',
    'return if',
    'call if',
    'should',
    'in case of',
    'in the event of',
    'watch for',
    'monitor for',
    'precautions',
    'return precautions',
    // Return precautions and as-needed plans name what might happen, not what the patient has.
    'return sooner with',
    'return sooner for',
    'return sooner if',
    'return with',
    'rtc if',
    'rtc sooner if',
    'seek care if',
    'seek care for',
    'seek medical attention if',
    'seek medical attention for',
    'go to the er if',
    'go to the ed if',
    'go to er if',
    'go to ed if',
    'er if',
    'ed if',
    'prn',
    'as needed for',
    'warning signs of',
    'to prevent',
    'prevention of',
    'risk of',
    'risk for',
    'at risk for',
    'at risk of',
    'screening for',
    'screen for',
    // A screening names what is looked for, not what the patient has, whatever the test is called.
    'screened for',
    'screening exam for',
    'screening examination for',
    'screening test for',
    'screening tests for',
    'prophylaxis',
    'until',
  ]),
  ...pre('pseudo', [
    'no change',
    'no increase',
    'no significant change',
    'not only',
    'not necessarily',
    'no further',
    'gram negative',
    'without difficulty',
    'not certain if',
    'no acute distress',
    'not been ruled out',
    'if needed',
    'history and physical',
    'no known',
    'prior to',
  ]),
  ...pre('terminate', [
    'but',
    'however',
    'yet',
    'although',
    'though',
    'except',
    'aside from',
    'apart from',
    'which',
    'who',
    'presents',
    'presenting',
    'complains',
    'reports',
    'now',
    'currently',
    'with',
    ';',
  ]),
];
