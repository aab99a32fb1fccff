/**
 * Assessment statements coded from the loaded release's own titles (release-titles.ts), and how they meet our
 * lexicon. For each statement of the assessment:
 *
 * - a statement the lexicon did not read is coded to the best title when the title accounts for its words;
 * - a statement the lexicon read is taken over by the release when the release's title accounts for significant
 *   words the lexicon's phrases did not read and leaves nothing unaccounted ("diabetes insipidus" is E23.2, not the
 *   diabetes mellitus the lexicon's "diabetes" would give; "benign paroxysmal positional vertigo" is not dizziness);
 * - otherwise the lexicon's reading stands (it adds abbreviations, synonyms and guideline logic the titles lack),
 *   but significant words neither it nor the release account for lower its confidence.
 *
 * A statement in an uncertain, historical, family or hypothetical context is left to the lexicon's context rules;
 * "without" and "not" after the diagnosis ("migraine without aura", "gastritis without bleeding") are part of the
 * diagnosis and read by the title match.
 */

import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { ConceptDefinition, ConceptKind } from '#core/coding/lexicon/index';
import { findTriggers } from '#core/coding/text/context';
import type { TextSpan } from '#core/coding/text/sentences';
import { tokenize } from '#core/coding/text/tokenize';
import type { Finding } from './finding.ts';
import type { ReadText } from './read-text.ts';
import { baseOf, foldWord, type Term, termsOf } from './release-terms.ts';
import { matchTitle, type ReleaseTitleIndex, releaseTitleIndex, type TitleMatch } from './release-titles.ts';
import { isPlanStatement } from './unread-statements.ts';

export const RELEASE_TITLE_RULE = 'dx.release.title-match';

/** Every statement word accounted for by the title, and every title word said. */
const COMPLETE_CONFIDENCE = 0.95;
/** Every statement word accounted for; the title says more than the statement (a less certain choice). */
const TITLE_SAYS_MORE_CONFIDENCE = 0.85;
/**
 * Every statement word accounted for, but the title adds a cause, organism, site or kind the statement never says
 * ("Enteritis" is not "Tuberculous enteritis", A18.32; the Index's default is K52.9): a suggestion for a coder, below
 * AUTO_CODE_MIN_CONFIDENCE. What the title adds is significant when its unsaid words priced above an Index default
 * (release-titles.ts `significantUnsaidCost`) cost at least SIGNIFICANT_UNSAID_SHARE of the weight it matched.
 */
const TITLE_SAYS_SIGNIFICANTLY_MORE_CONFIDENCE = 0.75;
/**
 * Read off the calibration data (`npm run eval:calibrate` sets): on the GEM development half, title-says-more answers
 * below this share are right 132/136 (97.1%), at or above it 24/25 (96.0%, under the 97% GEM target). In the 714 gold
 * and MTSamples notes it holds back 9 diagnoses: 5 wrong (list letters "B", "C", "D", "Tumor", "Thyroid goiter"),
 * "Pelvic adhesions" (N73.6 is the female's), and 3 right ("Pelvic pain" R10.2 twice, "Oxygen dependency" Z99.81).
 */
const SIGNIFICANT_UNSAID_SHARE = 0.5;
/**
 * An acuity the statement does not say is always significant: the Index gives each main term its own default
 * ("Laryngitis (acute) J04.0", "Hepatitis K75.9", "Pericarditis I31.9"), so a title that picks acute or chronic for
 * a statement that says neither ("Chronic laryngitis" J37.0, "Chronic hepatitis" K73.9) is a coder's decision.
 */
const ACUITY = new Set(['acute', 'subacute', 'chronic'].map(foldWord));
/** Most of the statement accounted for: a suggestion for a coder, never auto-coded. */
const PARTIAL_CONFIDENCE = 0.6;
/** Below this share of the statement's weight, the best title is not an answer at all. */
const MIN_PARTIAL_COVERAGE = 0.8;

/** Negations that belong to a diagnosis when they follow it ("migraine without aura", "not intractable"). */
const DIAGNOSIS_NEGATIONS = new Set(['without', 'not', 'no', 'non', 'w/o']);

/** Words of a note's assessment line that say how the problem is managed, not what it is. */
const MANAGEMENT_WORDS = new Set(
  [
    'stable',
    'controlled',
    'well',
    'improved',
    'improving',
    'better',
    'worse',
    'worsening',
    'unchanged',
    'today',
    'doing',
    'good',
    'fair',
    'poor',
    'goal',
    'currently',
    'new',
    'ongoing',
    'visit',
    'patient',
    'noted',
    'mg',
    'daily',
    'dose',
    'therapy',
    'treatment',
    'management',
    'follow',
    'up',
    'continue',
    'plan',
    // How a problem stands, never what it is ("he is asymptomatic today", "this has resolved").
    'asymptomatic',
    'resolved',
    'resolving',
    'recent',
    'recently',
    'satisfactory',
    'unremarkable',
    // Narrative, never a kind of disease ("another E. coli urinary tract infection").
    'another',
    // What was done about it at the visit ("flu vaccine given today", "colon cancer screening discussed").
    'given',
    'administered',
    'discussed',
    'reviewed',
    'counseled',
    'offered',
    'recommended',
  ].map(foldWord),
);

/** Words the lexicon's resolve functions and modifiers read beyond its phrases (laterality, acuity, type, stage). */
const LEXICON_READS = new Set(
  [
    'right',
    'left',
    'bilateral',
    'both',
    // "left-sided sciatica": the side is read, "sided" says nothing more.
    'sided',
    'side',
    'acute',
    'chronic',
    'exacerbation',
    'flare',
    'subsequent',
    'sequela',
    'stage',
    'type',
    '1',
    '2',
    '3',
    '3a',
    '3b',
    '4',
    '5',
    'poorly',
    'uncontrolled',
    'paroxysmal',
    'persistent',
    'permanent',
    'systolic',
    'diastolic',
    'mild',
    'moderate',
    'severe',
    'recurrent',
    'single',
    'episode',
    'intractable',
    'with',
    'without',
    'initial',
    'encounter',
    'unspecified',
    'primary',
    'essential',
  ].map(foldWord),
);

const ITEM_MARKER = /^\s*(?:#\s*\d{1,2}[.):]?|\d{1,2}[.)]|[-*•]|problem\s+\d{1,2}\s*[:.)-]?)\s*/i;

/**
 * How dictated prose introduces a diagnosis ("The patient has a ...", "This is a 66-year-old male with ...", "who
 * has had ...", "signs and symptoms of ...", "some improvement of ..."): words about the patient and the telling,
 * not about the disease. Context words (no, history of, possible) are never part of a lead-in: they stay for the
 * context rules. Anchored at the statement's start, no nested repetition (linear).
 */
const PROSE_LEAD_INS = [
  /^(?:(?:the|this|our)\s+)?(?:patient|pt|he|she|it|there|this|they)(?:\s+(?:is|was|has|had|have|does|did|with|also|still|now|currently|again|apparently|certainly|indeed))+(?:\s+(?:a|an|some|the))?\s+/i,
  /^(?:a|an)\s+\d{1,3}[- ]?(?:years?|yrs?|months?|weeks?|days?)[- ]?old(?:\s+(?:male|female|man|woman|boy|girl|gentleman|lady|patient|infant|child))?(?:\s+(?:with|who\s+(?:has|had|is|was)))?\s+/i,
  /^in\s+(?:a|an|this|the)\s+(?:\d{1,3}[- ]?(?:years?|yrs?)[- ]?old\s+)?(?:patient|pt|man|woman|male|female|gentleman|lady|child)\s+(?:with|who\s+(?:has|had|is|was))\s+/i,
  /^(?:who|which|that)\s+(?:has|had|is|was|have)(?:\s+(?:had|been|a|an))?\s+/i,
  /^(?:signs\s+and\s+symptoms|symptoms|findings)\s+(?:of|consistent\s+with)\s+/i,
  /^(?:some|slight|mild|marked|significant)?\s*(?:improvement|improving|worsening)\s+(?:of|in)\s+(?:(?:his|her|the)\s+)?/i,
];

/** The statement's start after the lead-ins of dictated prose (PROSE_LEAD_INS), each at most once. */
function afterLeadIns(text: string, start: number, end: number): number {
  let at = start;
  // The text each lead-in is tried on, cut again only when one was found.
  let opening = text.slice(at, Math.min(end, at + 120));
  for (const leadIn of PROSE_LEAD_INS) {
    const found = leadIn.exec(opening);
    if (found && at + found[0].length < end) {
      at += found[0].length;
      opening = text.slice(at, Math.min(end, at + 120));
    }
  }
  return at;
}

/**
 * The first word of `text[from, to)` as isPlanStatement reads it (after white space, letters and slashes), or ''
 * when none opens it: the same answer as asking with the whole rest, at the cost of the word alone (a line with many
 * commas stays linear).
 */
function firstWordAfter(text: string, from: number, to: number): string {
  let start = from;
  while (start < to && WHITE_SPACE.test(text[start]!)) start += 1;
  let end = start;
  while (end < to && WORD_CHAR.test(text[end]!)) end += 1;
  return text.slice(start, end);
}

const WHITE_SPACE = /\s/;
const WORD_CHAR = /[A-Za-z/]/;

/** The diagnosis of an assessment line: after its list marker, before its plan (" - ", ";", ":" or ", continue"). */
export function diagnosisStatement(text: string, sentence: TextSpan): TextSpan {
  let start = sentence.start;
  const marker = ITEM_MARKER.exec(text.slice(start, sentence.end));
  if (marker) start += marker[0].length;
  start = afterLeadIns(text, start, sentence.end);
  let end = sentence.end;
  for (let i = start; i < sentence.end; i++) {
    const char = text[i];
    if (char === ';' || char === ':' || (char === '-' && text[i - 1] === ' ' && text[i + 1] === ' ')) {
      end = i;
      break;
    }
    if (char === ',' && isPlanStatement(firstWordAfter(text, i + 1, sentence.end))) {
      end = i;
      break;
    }
  }
  while (end > start && /[\s.,]/.test(text[end - 1]!)) end -= 1;
  return { start, end };
}

/**
 * The words of the context triggers that would leave the statement to the lexicon's rules (uncertain, historical,
 * family, negated up front), or undefined when there are none. A title that itself says those words ("Personal
 * history of malaria", "Family history of arthritis", "Carrier or suspected carrier of...") still codes it.
 */
function contextWords(phrase: string): string[] | undefined {
  const tokens = tokenize(phrase);
  const triggers = findTriggers(tokens, 0, tokens.length, new Uint8Array(tokens.length));
  const firstWord = tokens.findIndex((token) => token.word);
  const words: string[] = [];
  for (const hit of triggers) {
    const { kind, phrase } = hit.definition;
    if (kind === 'terminate' || kind === 'pseudo') continue;
    if (kind === 'negated' && DIAGNOSIS_NEGATIONS.has(phrase) && hit.first > firstWord) continue;
    for (let i = hit.first; i < hit.end; i++) if (tokens[i]!.word) words.push(foldWord(tokens[i]!.norm));
  }
  return words.length > 0 ? words : undefined;
}

/** The title accounts for every context word (a negation word is accounted for by a negated term). */
function titleSaysContext(match: TitleMatch, words: readonly string[]): boolean {
  const said = new Set(match.matched);
  const negated = match.matched.some((key) => key.startsWith('!'));
  return words.every((word) => said.has(word) || FILLER_CONTEXT.has(word) || (negated && NEGATION_WORDS.has(word)));
}

/**
 * Words of a trigger a title need not say: function words, and how a screening is done ("Screening examination for
 * osteoporosis" is Z13.820 "Encounter for screening for osteoporosis"; the Index: "Examination, screening - see
 * Screening").
 */
const FILLER_CONTEXT = new Set(
  ['of', 'for', 'the', 'a', 'an', 'in', 'to', 'with', 'exam', 'examination', 'test', 'tests'].map(foldWord),
);
const NEGATION_WORDS = new Set(['no', 'not', 'without', 'non']);

/** What the release reads in a statement: its match (when its context lets the release code it), its known terms. */
interface StatementReading {
  match: TitleMatch | undefined;
  /** Keys of the statement's terms the release knows that are not about management, once asked for. */
  known?: readonly string[];
}

const statementsOf = new WeakMap<ReleaseTitleIndex, Map<string, StatementReading>>();

/**
 * The release's reading of a statement's words, remembered per release (assessment lines repeat across notes; at
 * most CACHE_LIMIT statements, then emptied). Everything it holds depends on the words alone.
 */
function statementReading(index: ReleaseTitleIndex, phrase: string): StatementReading {
  let cache = statementsOf.get(index);
  if (!cache) {
    cache = new Map();
    statementsOf.set(index, cache);
  }
  let reading = cache.get(phrase);
  if (!reading) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    reading = { match: contextualMatch(index, phrase) };
    cache.set(phrase, reading);
  }
  return reading;
}

/** The statement's match, when its context lets the release code it. */
function contextualMatch(index: ReleaseTitleIndex, phrase: string): TitleMatch | undefined {
  const match = cachedMatch(index, termsOf(phrase), phrase);
  if (!match) return undefined;
  const context = contextWords(phrase);
  return context === undefined || titleSaysContext(match, context) ? match : undefined;
}

/** The keys of the statement's terms the release knows, management words left out. */
function knownTerms(index: ReleaseTitleIndex, phrase: string, reading: StatementReading): readonly string[] {
  reading.known ??= termsOf(phrase)
    .filter((term) => index.known(term.key) && !MANAGEMENT_WORDS.has(baseOf(term.key)))
    .map((term) => term.key);
  return reading.known;
}

/** Whether the lexicon read a (folded) word: one of its phrases' words, or one its resolve functions read. */
function readByLexicon(lexiconWords: ReadonlySet<string>, word: string): boolean {
  return LEXICON_READS.has(word) || lexiconWords.has(word);
}

export function matchConfidence(match: TitleMatch): number | undefined {
  // A statement of management words only ("in a patient", "doing well") names no disease.
  if (match.matched.every((key) => MANAGEMENT_WORDS.has(baseOf(key)))) return undefined;
  // A word no title of the release uses (a misspelling, a word of narrative) may change the meaning: not an answer.
  if (match.tied || match.unknown.some((word) => !MANAGEMENT_WORDS.has(word) && !/\d/.test(word))) return undefined;
  if (match.unaccounted.length === 0 && match.unknown.length === 0) {
    if (match.unsaid.length === 0) return COMPLETE_CONFIDENCE;
    return match.significantUnsaidCost >= SIGNIFICANT_UNSAID_SHARE * match.matchedWeight ||
      match.unsaid.some((key) => ACUITY.has(key))
      ? TITLE_SAYS_SIGNIFICANTLY_MORE_CONFIDENCE
      : TITLE_SAYS_MORE_CONFIDENCE;
  }
  return match.coverage >= MIN_PARTIAL_COVERAGE ? PARTIAL_CONFIDENCE : undefined;
}

const CACHE_LIMIT = 10_000;
const cacheOf = new WeakMap<ReleaseTitleIndex, Map<string, TitleMatch | undefined>>();

/** The words as written that can decide a tie (release-titles.ts `writtenAlike`): lower case, four letters or more. */
function spellingKey(phrase: string): string {
  return (phrase.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).join(' ');
}

/**
 * The match of a statement's terms, remembered per release (assessment lines repeat across notes); the words as
 * written decide between titles that folding makes equal, so they are part of the key.
 */
function cachedMatch(index: ReleaseTitleIndex, terms: readonly Term[], phrase: string): TitleMatch | undefined {
  let cache = cacheOf.get(index);
  if (!cache) {
    cache = new Map();
    cacheOf.set(index, cache);
  }
  const key = `${terms
    .map((term) => `${term.neutral ? '(' : ''}${term.key}${term.alternative ? `|${term.alternative}` : ''}`)
    .join(' ')}\n${spellingKey(phrase)}`;
  if (cache.has(key)) return cache.get(key);
  const match = matchTitle(index, terms, phrase);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, match);
  return match;
}

function kindOf(code: string): ConceptKind {
  if (code.startsWith('R')) return 'symptom';
  if (code.startsWith('Z')) return 'factor';
  return 'disease';
}

function findingOf(text: string, statement: TextSpan, match: TitleMatch, confidence: number): Finding {
  const concept: ConceptDefinition = {
    id: `release:${match.code}`,
    kind: kindOf(match.code),
    phrases: [],
    resolve: match.code,
  };
  return {
    concept,
    status: 'current',
    choices: [{ codes: [match.code] }],
    modifiers: { acute: false, chronic: false, exacerbation: false, episode: 'A', text: ' ' },
    evidence: [
      {
        kind: 'text',
        start: statement.start,
        end: statement.end,
        quote: text.slice(statement.start, statement.end),
        rule: RELEASE_TITLE_RULE,
      },
    ],
    position: statement.start,
    confidence,
    inChiefComplaint: false,
    secondaryOnly: false,
  };
}

/** A clause of an assessment statement with significant words the lexicon's phrases did not read. */
export interface UnreadWords {
  start: number;
  end: number;
  /** Folded words (release-terms.ts). */
  words: string[];
}

export interface ReleaseReading {
  findings: Finding[];
  /** Sentences whose lexicon mentions the release's title replaces. */
  takenOver: TextSpan[];
  /**
   * Clauses whose lexicon reading left significant words unread: a lexicon code whose title does not account for
   * them either may be a different disease ("yellow fever" is not fever) and is not coded.
   */
  partial: UnreadWords[];
  /** Unmatched sentences the release did not code either (for the Alphabetic Index and the unread check). */
  unread: TextSpan[];
  /**
   * Sentences the lexicon read word for word that also match a title completely: the title is taken when the
   * lexicon's code does not account for every term (its negations included: "migraine with aura, not intractable").
   */
  alternatives: { sentence: TextSpan; finding: Finding; terms: string[]; lexiconWords: string[] }[];
}

/** Words that end the phrase around a diagnosis: what follows them is narrative, not the diagnosis' name. */
const PHRASE_BREAKS = new Set([
  'after',
  'since',
  'from',
  'for',
  'x',
  'on',
  'at',
  'while',
  'when',
  'because',
  'following',
  'status',
  'secondary',
  'versus',
  'vs',
  'and',
  'or',
  'but',
  'which',
  'that',
  'is',
  'was',
  'likely',
]);
const NEXT_TO = 3;

/**
 * Significant words right next to what the lexicon read ("yellow fever", "diabetes insipidus", "north asian tick
 * fever"): at most three words either side, not across a phrase break, a number or punctuation.
 */
function unreadNextTo(
  text: string,
  clause: TextSpan,
  lexiconWords: readonly string[],
  significant: (word: string) => boolean,
): string[] {
  const tokens = tokenize(text, clause.start, clause.end);
  // Context words ("history of", "no", "possible") are read by the context rules, and end the phrase.
  const context = new Uint8Array(tokens.length);
  for (const hit of findTriggers(tokens, 0, tokens.length, new Uint8Array(tokens.length)))
    context.fill(1, hit.first, hit.end);
  const read = new Set(lexiconWords);
  const words: string[] = [];
  tokens.forEach((token, i) => {
    if (!read.has(token.norm)) return;
    for (const step of [-1, 1])
      for (let k = i + step, n = 0; k >= 0 && k < tokens.length && n < NEXT_TO; k += step, n++) {
        const near = tokens[k]!;
        if (!near.word || context[k] === 1 || PHRASE_BREAKS.has(near.norm) || /\d/.test(near.norm)) break;
        if (read.has(near.norm)) continue;
        const folded = foldWord(near.norm);
        if (significant(folded) && !MANAGEMENT_WORDS.has(folded) && !words.includes(folded)) words.push(folded);
      }
  });
  return words;
}

/** The clauses of a statement: split at commas and semicolons. */
function clausesOf(text: string, statement: TextSpan): TextSpan[] {
  const clauses: TextSpan[] = [];
  let start = statement.start;
  for (let i = statement.start; i <= statement.end; i++) {
    if (i === statement.end || text[i] === ',' || text[i] === ';') {
      if (i > start) clauses.push({ start, end: i });
      start = i + 1;
    }
  }
  return clauses;
}

export function releaseFindings(text: string, read: ReadText, ports: DiagnosisPorts): ReleaseReading {
  const reading: ReleaseReading = { findings: [], takenOver: [], partial: [], unread: [], alternatives: [] };
  const index = releaseTitleIndex(ports.codeSets, ports.date);
  for (const sentence of read.unmatchedAssessment) {
    const statement = diagnosisStatement(text, sentence);
    const phrase = text.slice(statement.start, statement.end);
    const match =
      index && statement.end > statement.start && !isPlanStatement(phrase)
        ? statementReading(index, phrase).match
        : undefined;
    const confidence = match ? matchConfidence(match) : undefined;
    if (match && confidence !== undefined) reading.findings.push(findingOf(text, statement, match, confidence));
    else reading.unread.push(sentence);
  }
  if (!index) return reading;
  for (const { sentence, read: lexiconWords } of read.matchedAssessment) {
    const statement = diagnosisStatement(text, sentence);
    if (statement.end <= statement.start) continue;
    const folded = lexiconWords.map(foldWord);
    const lexiconRead = new Set(folded);
    const phrase = text.slice(statement.start, statement.end);
    const statementRead = statementReading(index, phrase);
    const terms = knownTerms(index, phrase, statementRead);
    let unread = 0;
    for (const key of terms) if (!readByLexicon(lexiconRead, baseOf(key))) unread += 1;
    const { match } = statementRead;
    const confidence = match ? matchConfidence(match) : undefined;
    if (unread === 0) {
      // Every word read by the lexicon: a complete title may still say what the lexicon's code does not (a negation).
      if (match && confidence === COMPLETE_CONFIDENCE)
        reading.alternatives.push({
          sentence,
          finding: findingOf(text, statement, match, confidence),
          terms: [...terms],
          lexiconWords: folded,
        });
    }
    const releaseReadsMore = match?.matched.some((key) => !readByLexicon(lexiconRead, baseOf(key))) ?? false;
    if (
      unread > 0 &&
      match &&
      confidence !== undefined &&
      // A title that says significantly more still reads more than the lexicon did: it takes over, for review.
      confidence >= TITLE_SAYS_SIGNIFICANTLY_MORE_CONFIDENCE &&
      releaseReadsMore
    ) {
      reading.takenOver.push(sentence);
      reading.findings.push(findingOf(text, statement, match, confidence));
      continue;
    }
    for (const clause of clausesOf(text, statement)) {
      const words = unreadNextTo(
        text,
        clause,
        lexiconWords,
        (word) => !readByLexicon(lexiconRead, word) && significantWord(index, word),
      );
      if (words.length > 0) reading.partial.push({ ...clause, words });
    }
  }
  return reading;
}

/**
 * Title terms and words by code, per release index: notes name the same codes again and again. At most
 * TITLE_MEMO_LIMIT codes each (codes from outside, a Comprehend answer's, empty it instead of growing it).
 */
const TITLE_MEMO_LIMIT = 20_000;
const titleTermsOf = new WeakMap<ReleaseTitleIndex, Map<string, ReadonlySet<string>>>();
const titleWordsOf = new WeakMap<ReleaseTitleIndex, Map<string, ReadonlySet<string>>>();

function remembered(
  memo: WeakMap<ReleaseTitleIndex, Map<string, ReadonlySet<string>>>,
  ports: DiagnosisPorts,
  code: string,
  read: () => ReadonlySet<string>,
): ReadonlySet<string> {
  const index = releaseTitleIndex(ports.codeSets, ports.date);
  if (!index) return read();
  let byCode = memo.get(index);
  if (!byCode) {
    byCode = new Map();
    memo.set(index, byCode);
  }
  let found = byCode.get(code);
  if (!found) {
    found = read();
    if (byCode.size >= TITLE_MEMO_LIMIT) byCode.clear();
    byCode.set(code, found);
  }
  return found;
}

/** The term keys of the titles of a code and the codes above it (`!word` negated): what a lexicon code says. */
export function titleTerms(ports: DiagnosisPorts, code: string): ReadonlySet<string> {
  return remembered(titleTermsOf, ports, code, () => readTitleTerms(ports, code));
}

function readTitleTerms(ports: DiagnosisPorts, code: string): ReadonlySet<string> {
  const keys = new Set<string>();
  const titles = [
    ports.codeSets.icd10cm.title(code, ports.date),
    ...ports.codeSets.icd10cm.parents(code, ports.date).map((parent) => parent.title),
  ];
  for (const title of titles) for (const term of termsOf(title ?? '', true)) keys.add(term.key);
  return keys;
}

/** The folded words of those titles, negated or not. */
export function titleWords(ports: DiagnosisPorts, code: string): ReadonlySet<string> {
  return remembered(titleWordsOf, ports, code, () => new Set([...titleTerms(ports, code)].map(baseOf)));
}

/**
 * A word next to a lexicon phrase that matters: one the release's titles use, or a word no title uses that is not
 * about management (a qualifier the release does not know, "streptobacillary", may still change the disease).
 */
function significantWord(index: ReleaseTitleIndex, word: string): boolean {
  if (MANAGEMENT_WORDS.has(word)) return false;
  return index.known(word) || (word.length >= 5 && /^[a-z]+$/.test(word));
}
