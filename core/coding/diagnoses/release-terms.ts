/**
 * How a diagnosis statement and an ICD-10-CM title are cut into comparable terms, the same way on both sides:
 * lower-cased words with plurals and possessives folded, filler words dropped, and the words a negation governs
 * ("without bleeding", "not intractable", "without mention of status migrainosus") kept as negated terms (`!word`),
 * so that "with" and "without" never match each other.
 *
 * In a title, the words a coder need not write are neutral (never held against a statement that lacks them): the
 * nonessential modifiers in parentheses, the synonyms in square brackets, "unspecified" and the word it qualifies,
 * and the default episode of care ("initial encounter for closed fracture").
 */

import { INDEX_EQUIVALENCES, readIndexPhrases } from './index-equivalences.ts';

export interface Term {
  /** The folded word, `!word` when negated. */
  key: string;
  /**
   * A word the other side may leave out: in a title, a word a statement need not say; in a statement, a word in
   * parentheses or brackets (a nonessential modifier, an abbreviation or a synonym written beside the name), which
   * counts when a title says it and is never held against a title that does not.
   */
  neutral: boolean;
  /** The key of the word on the other side of an "or" ("insufficiency or palsy"): either one is what is said. */
  alternative?: string;
  /** In a title, a neutral word only because "unspecified" leaves its side open ("of unspecified orbit"). */
  open?: boolean;
}

/** Words that carry no meaning of their own in a title or a statement. */
const FILLER = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'due',
  'mention',
  'so',
  'stated',
  'described',
  'with',
  'is',
  'but',
]);

/** Words that negate the words after them up to a comma or "with"; "except" names what a site or class leaves out. */
const NEGATIONS = new Set(['without', 'not', 'no', 'non', 'except']);

/** What "unspecified" may leave open besides the disease: "site unspecified", "unspecified part", "region". */
const DIMENSIONS = new Set(['site', 'part', 'region', 'origin']);

/** Words for a kind of a disease: "other forms of X" says no more than "other X". */
const KINDS = new Set(['forms', 'types', 'kinds']);

/** Spellings and words that name the same thing in clinical English. */
const SAME_AS: Record<string, string> = {
  hemorrhage: 'bleeding',
  haemorrhage: 'bleeding',
  hemorrhag: 'bleeding',
  bleed: 'bleeding',
  nos: 'unspecified',
  unqualified: 'unspecified',
  nonspecific: 'unspecified',
  kidney: 'renal',
  disorder: 'disease',
  condition: 'disease',
  tumour: 'tumor',
  oedema: 'edema',
  anaemia: 'anemia',
  haemophilus: 'hemophilus',
  haematuria: 'hematuria',
  vaccination: 'immunization',
  urinary: 'urine',
  vaccinated: 'immunization',
  faecal: 'fecal',
  ii: '2',
  iii: '3',
  iv: '4',
  two: '2',
  one: '1',
  three: '3',
  four: '4',
};

/**
 * Suffixes that make the adjective, participle or noun of one stem ("lymphocytic"/"lymphocyte",
 * "depletion"/"depleted", "neurological"/"neurologic"), longest first; the stem keeps at least five letters so that
 * short words stay whole.
 */
const SUFFIXES = [
  'ically',
  'ation',
  'ition',
  // The disease and its adjective: "leptospirosis"/"leptospiral", "thrombosis"/"thrombotic", "ischemia"/"ischemic".
  'osis',
  'otic',
  'ical',
  'ions',
  'ion',
  'ing',
  'ity',
  'ous',
  'ive',
  'ia',
  'ic',
  'ed',
  'al',
  'e',
  'y',
  // A Latin organ noun and its adjective: "cornea"/"corneal", "retina"/"retinal", "pleura"/"pleural".
  'a',
];
const MIN_STEM = 5;

function stripSuffix(word: string): string {
  for (const suffix of SUFFIXES)
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}

/**
 * The stem: at most two suffixes off ("postconcussional" -> "postconcussion" -> "postconcuss", as "functional" and
 * "function" meet), and a virus named as the adjective of its disease ("rotavirus"/"rotaviral", "adenoviral").
 */
function stem(word: string): string {
  if (/\d/.test(word)) return word;
  if (word.length - 'virus'.length >= 2 && word.endsWith('virus')) return word.slice(0, -2);
  return stripSuffix(stripSuffix(word));
}

/**
 * Folds a word to the form both sides compare: lower case, possessive and plural dropped (`hodgkin's` ->
 * `hodgkin`, `ovaries` -> `ovary`), same-meaning spellings joined, then the stem (`lymphocytic` -> `lymphocyt`).
 */
export function foldWord(raw: string): string {
  let word = folded.get(raw);
  if (word === undefined) {
    // Bounded: a note of ever new words (hostile or not) empties the memo instead of growing it.
    if (folded.size >= FOLDED_LIMIT) folded.clear();
    word = foldWordOnce(raw);
    folded.set(raw, word);
  }
  return word;
}

/** Folded words remembered across notes (the words of clinical notes and titles repeat): at most FOLDED_LIMIT. */
const FOLDED_LIMIT = 20_000;
const folded = new Map<string, string>();

function foldWordOnce(raw: string): string {
  const word = singular(raw);
  return stem(SAME_AS[word] ?? INDEX_EQUIVALENCES.get(word)?.reads ?? word);
}

/** Lower case, possessive and plural dropped: the form the word lists (SAME_AS, the Index equivalences) are keyed by. */
function singular(raw: string): string {
  let word = raw.toLowerCase();
  if (word.endsWith("'s") || word.endsWith('’s')) word = word.slice(0, -2);
  word = word.replace(/['’]/g, '');
  if (word.length > 4 && word.endsWith('ies')) word = `${word.slice(0, -3)}y`;
  // "helminthiases", "leishmaniases": the plural of a disease in -iasis.
  else if (word.length > 7 && word.endsWith('iases')) word = `${word.slice(0, -2)}is`;
  // "viruses", "sinuses", "fetuses": the plural of a word in -us.
  else if (word.length > 5 && word.endsWith('uses')) word = word.slice(0, -2);
  else if (word.length > 4 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) word = word.slice(0, -1);
  return word;
}

/** The folded nonessential words the Index prints after the main term a word is read as ("(congenital)"). */
function impliedBy(raw: string): readonly string[] {
  const implied = INDEX_EQUIVALENCES.get(singular(raw))?.nonessential;
  return implied === undefined || implied.length === 0 ? [] : implied.map(foldWord);
}

/**
 * A prefix or combining form written with a hyphen is one word with it ("pre-procedural" is "preprocedural",
 * "gastro-esophageal" is "gastroesophageal"), as the release writes either. "Non-" stays a negation.
 */
const HYPHENATED_PREFIX =
  /\b(pre|post|anti|intra|inter|extra|peri|sub|supra|trans|hyper|hypo|retro|semi|multi|poly|micro|macro|[a-z]{3,}o)-(?=[a-z])/gi;

function joinPrefixes(text: string): string {
  return text.includes('-') ? text.replace(HYPHENATED_PREFIX, '$1') : text;
}

const PIECE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[(),;:[\]/]/gu;

/**
 * The terms of a text. `title` marks neutral words (see the module comment); a statement has none. Type numbers
 * written as a letter ("type i") are read as digits.
 */
export function termsOf(text: string, title = false): Term[] {
  // A statement is read twice in a row (its unread words, then its match): the last answer is kept (one entry, so
  // bounded); callers get their own array, and no caller changes a term.
  if (lastTerms !== undefined && lastTerms.text === text && lastTerms.title === title) return [...lastTerms.terms];
  const terms = readTerms(text, title);
  lastTerms = { text, title, terms };
  return [...terms];
}

let lastTerms: { text: string; title: boolean; terms: readonly Term[] } | undefined;

function readTerms(text: string, title: boolean): Term[] {
  const terms: Term[] = [];
  let negating = false;
  // "..., except renal pelvis": what a title excepts is no word a statement need say.
  let excepting = false;
  let bracketDepth = 0;
  let neutralNext = 0;
  let whetherOpen = false;
  let episodeTail = false;
  let previous = '';
  // The term before an "or", waiting for the one after it.
  let orBefore: Term | undefined;
  const push = (term: Term) => {
    if (orBefore) {
      // "unspecified as early or late": what "unspecified" leaves open is either side of the "or".
      if (orBefore.open && !term.neutral) {
        term.neutral = true;
        term.open = true;
      }
      term.alternative = orBefore.key;
      orBefore.alternative = term.key;
      orBefore = undefined;
    }
    terms.push(term);
  };
  // The Index's phrases first ("allergy status" is "personal history of allergy"), as written on either side.
  const pieces = joinPrefixes(readIndexPhrases(text)).match(PIECE) ?? [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece === '(' || piece === '[') {
      bracketDepth += 1;
      continue;
    }
    if (piece === ')' || piece === ']') {
      bracketDepth = Math.max(0, bracketDepth - 1);
      continue;
    }
    if (piece === ',' || piece === ';' || piece === ':') {
      negating = false;
      orBefore = undefined;
      // What "unspecified" leaves open ends with its phrase: "..., unspecified, sequela" says the sequela.
      neutralNext = 0;
      whetherOpen = false;
      continue;
    }
    if (piece === '/') {
      // "w/o" is "without"; any other slash separates alternatives.
      if (previous === 'w' && pieces[i + 1]?.toLowerCase() === 'o') {
        negating = true;
        i += 1;
      }
      continue;
    }
    const lower = piece.toLowerCase();
    // A title's "not elsewhere classified" (NEC) says only that the title has no kind, as a statement's NEC does.
    if (
      title &&
      lower === 'not' &&
      /^elsewhere$/i.test(pieces[i + 1] ?? '') &&
      /^classified$/i.test(pieces[i + 2] ?? '')
    ) {
      i += 2;
      continue;
    }
    if (lower === 'with') negating = false;
    // A reason or cause opens a phrase of its own: "not carried out for unspecified reason", "not carried out because
    // of caregiver refusal", "without falling due to stepping on object" negate the carrying out or the fall, not the
    // reason (which is what tells the codes apart). "Not due to a substance" negates the cause itself.
    if (lower === 'for' || lower === 'because' || (lower === 'due' && !NEGATIONS.has(previous))) negating = false;
    // "unspecified whether with hypoxia or hypercapnia": every word up to the next comma is left open.
    if (title && lower === 'whether' && previous === 'unspecified') {
      whetherOpen = true;
      neutralNext = 0;
      continue;
    }
    // "Respiratory failure, unspecified with hypoxia": the hypoxia is said, not left open.
    if (lower === 'with' || lower === 'due' || NEGATIONS.has(lower)) neutralNext = 0;
    if (NEGATIONS.has(lower)) {
      negating = true;
      excepting = lower === 'except';
      previous = lower;
      continue;
    }
    if (lower === 'w' && pieces[i + 1] === '/') {
      previous = lower;
      continue;
    }
    const before = previous;
    previous = lower;
    // "Hepatitis A", "influenza B", "vitamin A": a letter after a word and before a break or a preposition names a
    // type, not an article ("a patient").
    if (lower === 'a' && isDesignator(before, pieces[i + 1])) {
      push({ key: negating ? '!type-a' : 'type-a', neutral: bracketDepth > 0 || (title && neutralNext > 0) });
      if (neutralNext > 0) neutralNext -= 1;
      continue;
    }
    if (lower === 'or') {
      // Only between two words: after a comma the "or" opens another statement.
      if (terms.length > 0 && !/^[(),;:[\]/]$/.test(pieces[i - 1] ?? ',')) orBefore = terms[terms.length - 1];
      continue;
    }
    if (FILLER.has(lower)) continue;
    // "Late effect(s) of": the Index's see-reference "Late effect - see Sequelae" (FY2025 External Cause Index).
    if (lower === 'late' && /^effects?$/i.test(pieces[i + 1] ?? '')) {
      push({ key: negating ? `!${SEQUELA}` : SEQUELA, neutral: bracketDepth > 0 });
      i += 1;
      continue;
    }
    // "Other specified X" is the "Other X" of the classification; "specified as with" is "with".
    if (lower === 'specified' && (before === 'other' || pieces[i + 1]?.toLowerCase() === 'as')) continue;
    // "Other forms of X" and "other types of X" are the "Other X" of the classification (its .8 code).
    if (KINDS.has(lower) && before === 'other' && pieces[i + 1]?.toLowerCase() === 'of') continue;
    // "site unspecified", "unspecified site" and "not otherwise specified" say no more than "unspecified".
    if (DIMENSIONS.has(lower) && (before === 'unspecified' || pieces[i + 1]?.toLowerCase() === 'unspecified')) continue;
    // A statement's "other and unspecified X" names the class both share, no kind of it: as much as "X".
    if (
      !title &&
      lower === 'other' &&
      pieces[i + 1]?.toLowerCase() === 'and' &&
      pieces[i + 2]?.toLowerCase() === 'unspecified'
    ) {
      i += 2;
      continue;
    }
    // "..., NEC": not elsewhere classified, what a title says by having no kind.
    if (!title && piece === 'NEC' && pieces[i - 1] === ',') continue;
    if (lower === 'otherwise' && pieces[i + 1]?.toLowerCase() === 'specified') {
      push({ key: UNSPECIFIED, neutral: title || bracketDepth > 0 });
      negating = false;
      i += 1;
      continue;
    }
    const word = lower === 'i' && ROMAN_ONE_AFTER.has(before) ? '1' : foldWord(piece);
    const unspecified = word === UNSPECIFIED;
    if (title && lower === 'initial' && pieces[i + 1]?.toLowerCase() === 'encounter') episodeTail = true;
    const neutral =
      bracketDepth > 0 ||
      (title && (neutralNext > 0 || unspecified || episodeTail || whetherOpen || word === PRESENCE));
    // Neutral only as what "unspecified" leaves open: the site or side is still the title's (see OPEN_SHARE).
    const open = title && neutralNext > 0 && bracketDepth === 0 && !unspecified && !episodeTail;
    if (neutralNext > 0) neutralNext -= 1;
    // "..., unspecified eye", "of unspecified lower leg", "in unspecified trimester": the side, site or time a code
    // leaves open, which a statement need not say. Elsewhere "unspecified" qualifies a name whose words stay
    // essential: "Unspecified renal colic" is renal colic, "following unspecified cerebrovascular disease" still
    // follows a cerebrovascular disease.
    if (title && unspecified && (pieces[i - 1] === ',' || before === 'of' || before === 'in')) neutralNext = 1;
    push({
      key: negating ? `!${word}` : word,
      neutral: neutral || (title && negating && excepting),
      ...(open ? { open } : {}),
    });
    // "Anomaly of lung" says as much as "(congenital) malformation of lung": a title that says it is not more.
    for (const implied of impliedBy(piece))
      if (!terms.some((term) => baseOf(term.key) === implied)) terms.push({ key: implied, neutral: true });
  }
  // "without mention of intractable migraine" negates "intractable", not the migraine the statement is about.
  const positive = new Set(terms.filter((term) => !term.key.startsWith('!')).map((term) => term.key));
  return terms.filter((term) => !term.key.startsWith('!') || !positive.has(term.key.slice(1)));
}

/** Words after which a lone "I" is the Roman numeral one ("type I", "grade I", "stage I"), not the pronoun. */
const ROMAN_ONE_AFTER = new Set(['type', 'grade', 'stage', 'class', 'phase']);

/** Words after which a type letter follows none: the letter there is an article. */
const NOT_BEFORE_TYPE = new Set([...FILLER, ...NEGATIONS, 'w', 'type', 'group', 'class', '']);
/** What may follow a type letter: the end, punctuation or a word joining the next part of the title. */
const AFTER_TYPE = new Set(['with', 'without', 'and', 'or', 'in', 'of', 'due', 'not', 'virus', 'viral', 'infection']);

function isDesignator(before: string, next: string | undefined): boolean {
  if (NOT_BEFORE_TYPE.has(before) || /\d/.test(before)) return false;
  return next === undefined || /^[(),;:[\]/]$/.test(next) || AFTER_TYPE.has(next.toLowerCase());
}

/** The folded form of "unspecified" (and of NOS). */
export const UNSPECIFIED = foldWord('unspecified');
/** The folded form of "sequela". */
const SEQUELA = foldWord('sequela');
/**
 * The folded form of "presence": a title's "Presence of" is neutral, the status being what a device named alone is
 * (Index "Presence (of)": "Insulin pump" is Z96.41, not T85.624A "Displacement of insulin pump").
 */
const PRESENCE = foldWord('presence');
/** The folded form of "other". */
export const OTHER = foldWord('other');

/** The word a term is about, negated or not. */
export function baseOf(key: string): string {
  return key.startsWith('!') ? key.slice(1) : key;
}
