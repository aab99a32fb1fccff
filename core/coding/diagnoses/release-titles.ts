/**
 * The release's own titles as the coder's knowledge: every billable code of the ICD-10-CM release in effect, its
 * title cut into terms (release-terms.ts), indexed once per release by term. A diagnosis statement is matched
 * against the codes that share its rarest terms, and each candidate is scored by what it accounts for:
 *
 * - terms of the statement the title (or the title of a code above it) says: for the candidate;
 * - terms of the statement it does not say: against (never a different disease from a partial match:
 *   "diabetes insipidus" is not "diabetes mellitus", "yellow fever" is not "fever");
 * - terms of the title the statement does not say, unless neutral: against (the most specific code the words
 *   support, and no more: "right" is not written, so the side is unspecified).
 *
 * Each term weighs by its rarity among the release's titles, so "migraine" counts more than "other". The match
 * returns how completely the statement was accounted for, which is what its confidence is built from.
 */

import { neoplasmTableTitles } from '#core/codesets/icd10cm/table-titles';
import type { CodeSets, Icd10CmCode } from '#core/codesets/index';
import { baseOf, foldWord, OTHER, type Term, termsOf, UNSPECIFIED } from './release-terms.ts';

interface TitleEntry {
  code: string;
  title: string;
  /** Distinct term keys of the title; `neutral[i]` says whether keys[i] may be left out. */
  keys: string[];
  neutral: boolean[];
  /** `open[i]`: keys[i] is neutral only as the site or side "unspecified" leaves open ("of unspecified orbit"). */
  open: boolean[];
  /** `alternative[i]`: the key on the other side of an "or" from keys[i] (either one is what the title says). */
  alternative: (string | undefined)[];
  /** Terms of the titles above the code (category, subcategory): context a statement may also state. */
  ancestorKeys: ReadonlySet<string>;
  /** What the title's words cost when a statement says none of them (the most its unsaid words can cost). */
  unsaidCost: number;
}

export interface ReleaseTitleIndex {
  entries: TitleEntry[];
  /** Entry indexes by term key (billable codes only). */
  postings: Map<string, number[]>;
  /** Weight of a word (by its base): rarer words weigh more. */
  weight(key: string): number;
  /** Whether a word (its base) occurs in any title of the release. */
  known(key: string): boolean;
  /**
   * A genus written as its initial before the species ("E. coli"), by initial and folded species: the folded genus
   * the release's titles write in full before that species ("Escherichia coli"), when only one genus does.
   */
  genera: ReadonlyMap<string, string>;
}

export interface TitleMatch {
  code: string;
  title: string;
  /** Statement terms the title accounts for. */
  matched: string[];
  /** Statement terms neither the title nor its ancestors account for. */
  unaccounted: string[];
  /** Statement words no title of the release uses (misspellings, words the release does not know). */
  unknown: string[];
  /** Title terms (not neutral) the statement does not say. */
  unsaid: string[];
  /**
   * What the unsaid terms priced above an Index default cost the title's score: a cause, organism, site or kind the
   * statement never says, not an unsaid "without X", "unilateral" or "other" (see `unsaidShare`, `OTHER_COST`).
   */
  significantUnsaidCost: number;
  /** The summed weight of the matched terms. */
  matchedWeight: number;
  score: number;
  /** Share of the statement's weight the title accounts for, 0..1. */
  coverage: number;
  /** The next best code scored the same: the words do not decide between them. */
  tied: boolean;
}

const byCodeSets = new WeakMap<CodeSets, Map<string, ReleaseTitleIndex>>();

interface DistinctTerms {
  keys: string[];
  neutral: boolean[];
  open: boolean[];
  alternative: (string | undefined)[];
}

function distinct(terms: readonly Term[]): DistinctTerms {
  const neutralOf = new Map<string, boolean>();
  const alternativeOf = new Map<string, string>();
  const openOf = new Map<string, boolean>();
  for (const term of terms) {
    neutralOf.set(term.key, (neutralOf.get(term.key) ?? true) && term.neutral);
    openOf.set(term.key, (openOf.get(term.key) ?? true) && term.open === true);
    if (term.alternative) alternativeOf.set(term.key, term.alternative);
  }
  const keys = [...neutralOf.keys()];
  const neutral = [...neutralOf.values()];
  return {
    keys,
    neutral,
    open: keys.map((key, i) => neutral[i]! && openOf.get(key)!),
    alternative: keys.map((key) => alternativeOf.get(key)),
  };
}

function buildIndex(codeSets: CodeSets, date: string): ReleaseTitleIndex {
  const codes = codeSets.icd10cm.allCodes(date);
  const termsByCode = new Map<string, DistinctTerms>();
  for (const code of codes) termsByCode.set(code.code, distinct(termsOf(code.title, true)));
  const parentOf = new Map(codes.map((code) => [code.code, code.parent]));
  const entries: TitleEntry[] = [];
  const postings = new Map<string, number[]>();
  const documentFrequency = new Map<string, number>();
  // Words only the Table of Neoplasms uses: weighed among its own titles (see below).
  const tableFrequency = new Map<string, number>();
  const ancestorsOf = new Map<string, ReadonlySet<string>>();
  const add = (code: Icd10CmCode, title: string, terms: DistinctTerms, frequency: Map<string, number>) => {
    const index = entries.length;
    entries.push({ code: code.display, title, ...terms, ancestorKeys: ancestorsOf.get(code.code)!, unsaidCost: 0 });
    for (const key of terms.keys) {
      const list = postings.get(key);
      if (list) list.push(index);
      else postings.set(key, [index]);
      const base = baseOf(key);
      frequency.set(base, (frequency.get(base) ?? 0) + 1);
    }
  };
  const billable = new Map<string, Icd10CmCode>();
  for (const code of codes) {
    if (!code.billable) continue;
    billable.set(code.display, code);
    const ancestorKeys = new Set<string>();
    for (let parent = code.parent, depth = 0; parent && depth < 8; parent = parentOf.get(parent), depth++)
      for (const key of termsByCode.get(parent)?.keys ?? []) ancestorKeys.add(key);
    ancestorsOf.set(code.code, ancestorKeys);
    add(code, code.title, termsByCode.get(code.code)!, documentFrequency);
    // The code's own inclusion terms (tabular list) name it as well as its title does.
    for (const term of inclusionTerms(codeSets, code.display, date))
      add(code, term, distinct(termsOf(term, true)), documentFrequency);
  }
  const official = Math.max(1, entries.length);
  // The Table of Neoplasms names a code by its site as the Index does; only codes billable in this release.
  for (const { code, title } of neoplasmTableTitles(codeSets.icd10cm.tableEntries('neoplasm', date))) {
    const found = billable.get(code);
    if (found) add(found, title, distinct(termsOf(title, true)), tableFrequency);
  }
  // Rarity is the official titles' (thousands of table rows repeat "neoplasm" and the site words and would shift
  // every weight); a word only the table uses is weighed among the table's titles.
  const weights = new Map<string, number>();
  const setWeight = (base: string, weight: number) => {
    weights.set(base, weight);
    weights.set(`!${base}`, weight);
  };
  for (const [base, df] of documentFrequency) setWeight(base, Math.max(0.5, Math.log(official / df)));
  const tableTitles = Math.max(1, entries.length - official);
  for (const [base, df] of tableFrequency)
    if (!weights.has(base)) setWeight(base, Math.max(0.5, Math.log(tableTitles / df)));
  const weight = (key: string) => weights.get(key) ?? 0;
  for (const entry of entries)
    entry.unsaidCost = entry.keys.reduce(
      (sum, key, i) =>
        sum +
        (entry.neutral[i] || entry.alternative[i] ? 0 : key === OTHER ? OTHER_COST : weight(key) * unsaidShare(key)),
      0,
    );
  return { entries, postings, weight, known: (key) => weights.has(key), genera: generaOf(codes.map((c) => c.title)) };
}

/** A binomial as the titles write it: a capitalised genus, then the species in lower case ("Escherichia coli"). */
const BINOMIAL = /\b([A-Z][a-z]{3,}) ([a-z]{3,})\b/g;

/** A single letter before a word, joined by a hyphen or a space ("B-cell", "T cell", "hepatitis B virus"). */
const LETTER_BEFORE_WORD = /\b([A-Za-z])[- ]([a-z]{3,})\b/g;

function generaOf(titles: readonly string[]): Map<string, string> {
  const found = new Map<string, Set<string>>();
  for (const title of titles)
    for (const [, genus, species] of title.matchAll(BINOMIAL)) {
      const key = `${genus![0]!.toLowerCase()} ${foldWord(species!)}`;
      const genera = found.get(key) ?? new Set<string>();
      genera.add(foldWord(genus!));
      found.set(key, genera);
    }
  // A letter the titles themselves write before the word is no genus initial: "B-cell lymphoma" is not "basal cell".
  for (const title of titles)
    for (const [, letter, word] of title.matchAll(LETTER_BEFORE_WORD))
      found.delete(`${letter!.toLowerCase()} ${foldWord(word!)}`);
  const genera = new Map<string, string>();
  for (const [key, names] of found) if (names.size === 1) genera.set(key, [...names][0]!);
  return genera;
}

/**
 * A statement's words as the release can read them: a genus written as its initial ("E. coli", "C. welchii") is
 * the genus the titles name before that species; a word the release does not know that is "post" before a word it
 * does ("postmeasles otitis media") names the condition that came before, as the titles' "<disease> complicated by"
 * or "following <disease>" do.
 */
function readable(index: ReleaseTitleIndex, terms: readonly Term[]): readonly Term[] {
  let changed: Term[] | undefined;
  terms.forEach((term, i) => {
    const base = baseOf(term.key);
    let read: string | undefined;
    const next = terms[i + 1];
    // The species follows the initial as it is ("hepatitis C without hepatic coma" names no "C. hepatica").
    if (base.length === 1 && next && !next.key.startsWith('!') && !term.key.startsWith('!'))
      read = index.genera.get(`${base} ${next.key}`);
    else if (!index.known(base) && /^post[a-z]{4,}$/.test(base) && index.known(base.slice(4))) read = base.slice(4);
    if (read === undefined) return;
    changed ??= [...terms];
    changed[i] = { ...term, key: term.key.startsWith('!') ? `!${read}` : read };
  });
  return changed ?? terms;
}

/** The inclusion terms the tabular list gives the code itself (not those of the codes above it). */
function inclusionTerms(codeSets: CodeSets, display: string, date: string): string[] {
  return codeSets.icd10cm
    .notes(display, date)
    .filter((applied) => applied.from === display)
    .flatMap((applied) => applied.notes.inclusionTerms ?? []);
}

/** The title index of the release in effect on the date, built on first use and kept with the code sets. */
export function releaseTitleIndex(codeSets: CodeSets, date: string): ReleaseTitleIndex | undefined {
  const release = codeSets.releaseFor('icd10cm', date);
  if (!release) return undefined;
  let releases = byCodeSets.get(codeSets);
  if (!releases) {
    releases = new Map();
    byCodeSets.set(codeSets, releases);
  }
  let index = releases.get(release.id);
  if (!index) {
    index = buildIndex(codeSets, date);
    releases.set(release.id, index);
  }
  return index;
}

/** A title word the statement does not say costs this share of its weight ("other" less: see below). */
const UNSAID_COST = 0.8;
/**
 * A title's "without X" the statement does not say costs less than its "with X": a complication not documented is
 * absent, so between "Hepatitis A with hepatic coma" and "Hepatitis A without hepatic coma" the note that names
 * neither is the second (the classification's default, as "unspecified" is between kinds).
 */
const NEGATED_UNSAID_COST = 0.4;
/**
 * A title's "newborn" (or "neonatal", "perinatal": index-equivalences.json) the statement does not say costs its whole
 * weight: chapter 16 codes are for the newborn record only (Guidelines I.C.16.a.1), so a statement that names no
 * newborn is "Unspecified intracranial hemorrhage" (I62.9), not the newborn's P52.9.
 */
const NEWBORN = foldWord('newborn');
const NEWBORN_UNSAID_COST = 1;
/**
 * A title's "unilateral" the statement does not say is the Index's default side, as cheap as an unsaid "without X":
 * "Hernia, inguinal (direct) (indirect) (oblique) (right) (left) (unilateral) K40.90"; bilateral must be said.
 */
const UNILATERAL = foldWord('unilateral');
const unsaidShare = (key: string) =>
  key.startsWith('!') || key === UNILATERAL ? NEGATED_UNSAID_COST : key === NEWBORN ? NEWBORN_UNSAID_COST : UNSAID_COST;
/** "other" titles are for what the note specifies as other; when it does not, "unspecified" is the default. */
const OTHER_COST = 0.6;
/** A statement that says "unspecified" is not an "other" code. */
const UNSPECIFIED_IS_NOT_OTHER = 2;
/**
 * A site or side a title leaves open ("Hemorrhage of unspecified orbit", "..., unspecified eye") is still the
 * title's: when the statement does not say it, it costs half its weight (a retinal disease implies the eye, but plain
 * "Hemorrhage" is not the orbit's).
 */
const OPEN_SHARE = 0.5;
/** A statement word only a title above the code says costs this share of its weight. */
const ANCESTOR_SHARE = 0.3;
const EPSILON = 1e-9;
/** A term in more titles than this does not propose candidates when the statement has a rarer one. */
const FREQUENT_TERM = 1500;

interface Scratch {
  accumulated: Float64Array;
  bounds: Float64Array;
  touched: number[];
}
const scratchOf = new WeakMap<ReleaseTitleIndex, Scratch>();

/** What a statement says, beyond its keys: the words it may leave unaccounted. */
interface Statement {
  keys: ReadonlySet<string>;
  /** Keys written only in parentheses or brackets. */
  neutral: ReadonlySet<string>;
  /** Each key's alternatives across an "or". */
  alternatives: ReadonlyMap<string, readonly string[]>;
}

function statementOf(terms: readonly Term[], known: (key: string) => boolean): Statement {
  const keys = new Set(terms.map((term) => term.key).filter(known));
  const neutral = new Set(keys);
  for (const term of terms) if (!term.neutral) neutral.delete(term.key);
  const alternatives = new Map<string, string[]>();
  for (const term of terms)
    if (term.alternative) alternatives.set(term.key, [...(alternatives.get(term.key) ?? []), term.alternative]);
  return { keys, neutral, alternatives };
}

/**
 * A statement word the title need not account for: one written in parentheses (nonessential), one whose
 * alternative across an "or" the title says ("convergence insufficiency or palsy"), or a negated word whose
 * positive the title does not say ("acute laryngitis without mention of obstruction": what is absent need not be
 * named; a title that says the obstruction contradicts it).
 */
function excused(key: string, entry: TitleEntry, statement: Statement): boolean {
  if (statement.neutral.has(key)) return true;
  if (statement.alternatives.get(key)?.some((other) => entry.keys.includes(other))) return true;
  return key.startsWith('!') && !entry.keys.includes(key.slice(1));
}

/** A statement word that may be excused by some title (the candidate bound must not count its cost). */
function excusable(key: string, statement: Statement): boolean {
  return statement.neutral.has(key) || statement.alternatives.has(key) || key.startsWith('!');
}

const CONGENITAL = foldWord('congenital');
const CONGENITAL_NOT_SAID = 2;
function neutralKey(entry: TitleEntry, key: string): boolean {
  const i = entry.keys.indexOf(key);
  return i >= 0 && entry.neutral[i]!;
}

/**
 * "Other" and "unspecified" name different codes of a category (.8 and .9): a statement that says one and not the
 * other is not coded to a title that says the other and not the one ("Other specified leprosy" is not "Leprosy,
 * unspecified"; "X, unspecified" is not "Other X, unspecified eye").
 */
function contradiction(entry: TitleEntry, statement: Statement): number {
  const saysOther = statement.keys.has(OTHER);
  if (saysOther === statement.keys.has(UNSPECIFIED)) return 0;
  const titleOther = entry.keys.includes(OTHER);
  if (saysOther) return !titleOther && entry.keys.includes(UNSPECIFIED) ? UNSPECIFIED_IS_NOT_OTHER : 0;
  return titleOther ? UNSPECIFIED_IS_NOT_OTHER : 0;
}

function scoreEntry(entry: TitleEntry, statement: Statement, index: ReleaseTitleIndex): number {
  let score = 0;
  for (let i = 0; i < entry.keys.length; i++) {
    const key = entry.keys[i]!;
    if (statement.keys.has(key)) score += index.weight(key);
    else if (entry.neutral[i]) {
      if (entry.open[i]) score -= index.weight(key) * OPEN_SHARE;
    } else if (entry.alternative[i] && statement.keys.has(entry.alternative[i]!)) continue;
    else score -= key === OTHER ? OTHER_COST : index.weight(key) * unsaidShare(key);
  }
  for (const key of statement.keys) {
    if (entry.keys.includes(key) || excused(key, entry, statement)) continue;
    const weight = index.weight(key);
    score -= entry.ancestorKeys.has(key) ? weight * ANCESTOR_SHARE : weight;
  }
  return (
    score -
    contradiction(entry, statement) -
    (CONGENITAL && !statement.keys.has(CONGENITAL) && entry.keys.includes(CONGENITAL) && !neutralKey(entry, CONGENITAL)
      ? index.weight(CONGENITAL) * (1 - UNSAID_COST) + CONGENITAL_NOT_SAID
      : 0)
  );
}

/**
 * The best billable code for a statement's terms, or undefined when no title shares a known term with it. Every
 * title sharing a term is a candidate; its shared weight bounds its score, so only candidates whose bound can beat
 * the best so far are scored in full.
 */
export function matchTitle(index: ReleaseTitleIndex, written: readonly Term[], text = ''): TitleMatch | undefined {
  const terms = readable(index, written);
  const said = statementOf(terms, index.known);
  const statement = said.keys;
  // A word in parentheses no title uses is an aside ("Restless legs syndrome (RLS)"), not an unknown word.
  const unknown = [...new Set(terms.filter((term) => !term.neutral && !index.known(term.key)).map((term) => term.key))];
  // Numbers alone ("A1c 7.1", "x 3") name no disease: a type or stage counts only beside the words it qualifies.
  if ([...statement].every((key) => /^\d+[a-z]?$/.test(baseOf(key)))) return undefined;
  let scratch = scratchOf.get(index);
  if (!scratch) {
    scratch = {
      accumulated: new Float64Array(index.entries.length),
      bounds: new Float64Array(index.entries.length),
      touched: [],
    };
    scratchOf.set(index, scratch);
  }
  const { accumulated, touched } = scratch;
  // Candidates share a term with the statement; when it has rare terms, one of those (frequent terms such as
  // "unspecified" would make every title a candidate, and are counted in the full score instead).
  let statementWeight = 0;
  let frequentWeight = 0;
  let excusableWeight = 0;
  const rare: string[] = [];
  for (const key of statement) {
    const weight = index.weight(key);
    statementWeight += weight;
    if (excusable(key, said)) excusableWeight += weight;
    if ((index.postings.get(key)?.length ?? 0) <= FREQUENT_TERM) rare.push(key);
    else frequentWeight += weight;
  }
  const proposing = rare.length > 0 ? rare : [...statement];
  if (rare.length === 0) frequentWeight = 0;
  const proposingWeight = statementWeight - frequentWeight;
  for (const key of proposing) {
    const weight = index.weight(key);
    for (const entry of index.postings.get(key) ?? []) {
      if (accumulated[entry] === 0) touched.push(entry);
      accumulated[entry] = accumulated[entry]! + weight;
    }
  }
  // A candidate's score is at most what it shares, less the least its unaccounted and unsaid words can cost:
  // scored in order of that bound, the rest is skipped once the bound falls below the best score.
  const { bounds } = scratch;
  for (const candidate of touched) {
    const shared = accumulated[candidate]!;
    const said = shared + frequentWeight;
    const entry = index.entries[candidate]!;
    bounds[candidate] =
      said -
      Math.max(0, proposingWeight - shared - excusableWeight) * ANCESTOR_SHARE -
      Math.max(0, entry.unsaidCost - said - OTHER_COST);
  }
  let first = -1;
  for (const candidate of touched) if (first < 0 || bounds[candidate]! > bounds[first]!) first = candidate;
  let best: { entry: TitleEntry; score: number } | undefined;
  const spelling = writtenAlike(text);
  // The other titles that scored the same as the best.
  let equals: TitleEntry[] = [];
  const consider = (candidate: number) => {
    const entry = index.entries[candidate]!;
    const score = scoreEntry(entry, said, index);
    if (!best || score > best.score + EPSILON) {
      best = { entry, score };
      equals = [];
    } else if (Math.abs(score - best.score) <= EPSILON) {
      if (prefer(entry, best.entry, spelling)) {
        equals.push(best.entry);
        best = { entry, score };
      } else equals.push(entry);
    }
  };
  if (first >= 0) consider(first);
  for (const candidate of touched)
    if (candidate !== first && bounds[candidate]! >= best!.score - EPSILON) consider(candidate);
  for (const entry of touched) accumulated[entry] = 0;
  touched.length = 0;
  if (!best) return undefined;
  const { entry } = best;
  const matched = [...statement].filter((key) => entry.keys.includes(key));
  const matchedWeight = matched.reduce((sum, key) => sum + index.weight(key), 0);
  const excusedWeight = [...statement]
    .filter((key) => !entry.keys.includes(key) && excused(key, entry, said))
    .reduce((sum, key) => sum + index.weight(key), 0);
  const accountable = statementWeight - excusedWeight;
  const unsaid = entry.keys.filter(
    (key, i) =>
      !entry.neutral[i] && !statement.has(key) && !(entry.alternative[i] && statement.has(entry.alternative[i]!)),
  );
  return {
    code: entry.code,
    title: entry.title,
    matched,
    unaccounted: [...statement].filter(
      (key) => !entry.keys.includes(key) && !entry.ancestorKeys.has(key) && !excused(key, entry, said),
    ),
    unknown,
    unsaid,
    significantUnsaidCost: unsaid.reduce(
      (sum, key) => sum + (key === OTHER || unsaidShare(key) < UNSAID_COST ? 0 : index.weight(key) * unsaidShare(key)),
      0,
    ),
    matchedWeight,
    score: best.score,
    coverage: accountable <= 0 ? 0 : matchedWeight / accountable,
    tied: equals.some((other) => other.code !== entry.code && !decisivelyPreferred(entry, other, spelling)),
  };
}

/**
 * How many of the statement's words (as written in the statement text) a title writes as the statement does, for
 * titles that folding made equal:
 * "Conduction disorder" is I45.9's "Conduction disorder", not F91.9's "Conduct disorder" ("conduction" and
 * "conduct" fold to one stem). Computed only for tied titles.
 */
type Spelling = (entry: TitleEntry) => number;

function writtenAlike(text: string): Spelling {
  // Words of four letters or more: "of", "and" and "the" decide nothing.
  const words = new Set(
    text
      .toLowerCase()
      .match(WORD)
      ?.filter((word) => word.length >= 4),
  );
  return (entry) => {
    let alike = 0;
    for (const word of new Set(entry.title.toLowerCase().match(WORD))) if (words.has(word)) alike++;
    return alike;
  };
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Equal scores that the words still decide: the title that writes more of the statement's words as written, then
 * the unspecified default over a kind, the title with fewer terms over one that adds words the statement did not
 * say ("Traumatic arthropathy, unspecified site" over "..., unspecified shoulder", whose side and joint are
 * neutral). Only code order left is a tie.
 */
function decisivelyPreferred(a: TitleEntry, b: TitleEntry, spelling: Spelling): boolean {
  const alike = spelling(a) - spelling(b);
  if (alike !== 0) return alike > 0;
  const aDefault = a.keys.includes(UNSPECIFIED);
  if (aDefault !== b.keys.includes(UNSPECIFIED)) return aDefault;
  return a.keys.length < b.keys.length;
}

/** Between equal scores: the statement's spelling, the unspecified default, then the shorter title, then code order. */
function prefer(a: TitleEntry, b: TitleEntry, spelling: Spelling): boolean {
  const alike = spelling(a) - spelling(b);
  if (alike !== 0) return alike > 0;
  const aDefault = a.keys.includes(UNSPECIFIED);
  const bDefault = b.keys.includes(UNSPECIFIED);
  if (aDefault !== bDefault) return aDefault;
  if (a.keys.length !== b.keys.length) return a.keys.length < b.keys.length;
  return a.code < b.code;
}
