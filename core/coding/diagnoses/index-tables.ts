/**
 * The External Cause of Injuries Index and the Table of Drugs and Chemicals of the release (when imported) as the
 * coder's knowledge, for assessment statements nothing else read:
 *
 * - a poisoning, adverse effect or underdosing statement ("Accidental poisoning by acetaminophen", "Adverse effect
 *   of penicillin") is coded from the Table's row for the substance it names and the column its words choose
 *   (Poisoning accidental/intentional self-harm/assault/undetermined, Adverse effect, Underdosing). A poisoning whose
 *   intent is not stated is accidental, the Table's default (Guidelines I.C.19.e.5.b). A row alone is never a
 *   diagnosis: a statement that names a substance without saying poisoning, overdose, toxic effect, adverse effect
 *   or underdosing is left alone.
 * - an external cause statement ("Misadventure to patient from contamination", "Household maintenance") is coded
 *   from the Index entry whose path accounts for every word it says: each of its words is one of the entry's (its
 *   main term, subterms or nonessential modifiers; "other" is the Index's NEC, "unspecified" is the default), and
 *   among those the entry that leaves the fewest and most common of its own words unsaid. "See" references are
 *   followed to the entry they name.
 *
 * A code is proposed only when the release in effect has it billable, completed with the 7th character of the episode
 * of care where the code takes one (A initial unless the statement says subsequent or sequela), as the lexicon's
 * episode rule does. Confidence stays below auto-coding: the Index proposes, a coder confirms. External causes and
 * the adverse effects and underdosing that follow the condition they caused are never first-listed.
 */

import type { TableEntry } from '#core/codesets/icd10cm/table-titles';
import { type CodeSets, normalizeCode } from '#core/codesets/index';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import { type ConceptDefinition, type Modifiers, withEpisode } from '#core/coding/lexicon/concept';
import type { TextSpan } from '#core/coding/text/sentences';
import type { Finding } from './finding.ts';
import { diagnosisStatement } from './release-findings.ts';
import { baseOf, foldWord, OTHER, type Term, termsOf, UNSPECIFIED } from './release-terms.ts';

export const EXTERNAL_CAUSE_RULE = 'dx.index.external-cause';
export const DRUG_TABLE_RULE = 'dx.index.drug-table';
/** Below AUTO_CODE_MIN_CONFIDENCE (0.85): a table entry proposes, a coder confirms (no calibration data yet). */
const INDEX_TABLE_CONFIDENCE = 0.8;
/** A statement longer than this is prose, not the name of a cause or a poisoning. */
const MAX_TERMS = 16;
/**
 * The fewest words of a statement an entry must say in its titles proper (not in a nonessential modifier) for the
 * External Cause Index to place it: "sports injury" is not "Accident, transport (involving injury to), occupant
 * (of), sport utility vehicle", which says only "sport" of it.
 */
const MIN_CAUSE_WORDS = 2;
/**
 * Words of an entry that name an intent or a circumstance no statement leaves to a default: an entry that says one
 * is taken only when the statement says it too. Unstated intent is accidental (Guidelines I.C.20), so "burn from hot
 * water" is never "Assault, burning, hot object, tap water" (X98.1).
 */
const NEVER_UNSAID = new Set(
  ['assault', 'homicidal', 'homicide', 'suicide', 'intentional', 'undetermined', 'legal', 'war', 'terrorism'].map(
    foldWord,
  ),
);
/** "See" references lead on at most this many times (the Index has no cycles; a hostile file might). */
const MAX_SEE_HOPS = 3;

const NEC = foldWord('NEC');
const EPISODE_WORDS = new Map<string, Modifiers['episode']>([
  [foldWord('initial'), 'A'],
  [foldWord('encounter'), 'A'],
  [foldWord('subsequent'), 'D'],
  [foldWord('sequela'), 'S'],
  [foldWord('sequelae'), 'S'],
]);

// ----- what a statement says about a substance ------------------------------------------------------------------

type Effect = 'poisoning' | 'adverse' | 'underdosing';
type Intent = 'accidental' | 'intentional' | 'assault' | 'undetermined';

/** Words that make a substance a diagnosis, and which: the Table's column families. */
const EFFECT_WORDS = new Map<string, Effect>([
  [foldWord('poisoning'), 'poisoning'],
  [foldWord('poisoned'), 'poisoning'],
  [foldWord('overdose'), 'poisoning'],
  [foldWord('overdosage'), 'poisoning'],
  [foldWord('underdosing'), 'underdosing'],
  [foldWord('underdose'), 'underdosing'],
]);
/** Two-word effects: "toxic effect" (the T51-T65 titles' poisoning), "adverse effect" / "adverse reaction". */
const EFFECT_PAIRS = new Map<string, Effect>([
  [`${foldWord('toxic')} ${foldWord('effect')}`, 'poisoning'],
  [`${foldWord('adverse')} ${foldWord('effect')}`, 'adverse'],
  [`${foldWord('adverse')} ${foldWord('reaction')}`, 'adverse'],
]);
const INTENT_WORDS = new Map<string, Intent>([
  [foldWord('accidental'), 'accidental'],
  [foldWord('accidentally'), 'accidental'],
  [foldWord('unintentional'), 'accidental'],
  [foldWord('intentional'), 'intentional'],
  [foldWord('intentionally'), 'intentional'],
  [foldWord('suicidal'), 'intentional'],
  [foldWord('suicide'), 'intentional'],
  // "self-harm", "self-inflicted": the words after "self".
  [foldWord('harm'), 'intentional'],
  [foldWord('inflicted'), 'intentional'],
  [foldWord('assault'), 'assault'],
  [foldWord('homicidal'), 'assault'],
  [foldWord('undetermined'), 'undetermined'],
]);
/** Words of the intent phrases the Table's headings spell ("intentional self-harm", "attempt"). */
const INTENT_FILLER = new Set(['self', 'attempt', 'attempted'].map(foldWord));

/** The Table's column for an effect and intent, found by the words of its heading (the CDC's headings vary). */
function columnOf(headings: readonly string[], effect: Effect, intent: Intent | undefined): string | undefined {
  const word =
    effect === 'adverse'
      ? 'adverse'
      : effect === 'underdosing'
        ? 'underdosing'
        : intent === 'intentional'
          ? 'intentional'
          : intent === 'assault'
            ? 'assault'
            : intent === 'undetermined'
              ? 'undetermined'
              : 'accidental';
  return headings.find((heading) => new RegExp(`\\b${word}\\b`, 'i').test(heading));
}

// ----- knowledge built once per release -------------------------------------------------------------------------

interface KeyedEntry {
  /** Distinct keys of the entry's path; `neutral[i]`: a nonessential modifier (a statement need not say it). */
  keys: string[];
  neutral: boolean[];
}

interface CauseEntry extends KeyedEntry {
  code: string;
  /** The essential words of the entry's own level (the subterm that carries the code). */
  named: string[];
}

interface SubstanceRow extends KeyedEntry {
  cells: Readonly<Record<string, string>>;
}

interface IndexTables {
  causes: CauseEntry[];
  /** Cause entry ids by the first letters of each key (a stem and its longer form share them). */
  causePostings: Map<string, number[]>;
  /** Cost of leaving a word of an entry unsaid: its rarity among the External Cause Index's entries. */
  causeWeight: Map<string, number>;
  substances: SubstanceRow[];
  substancePostings: Map<string, number[]>;
  headings: string[];
}

const byCodeSets = new WeakMap<CodeSets, Map<string, IndexTables>>();

const POSTING_PREFIX = 6;
const postingKey = (key: string) => key.slice(0, POSTING_PREFIX);

/** Two folded words are the same word: equal, or one the other's longer form ("contamin" / "contaminat"). */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.startsWith('!') !== b.startsWith('!')) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 7 && long.startsWith(short);
}

function keyed(path: readonly string[]): KeyedEntry {
  const neutralOf = new Map<string, boolean>();
  for (const term of termsOf(path.join(' '), true))
    neutralOf.set(term.key, (neutralOf.get(term.key) ?? true) && term.neutral);
  return { keys: [...neutralOf.keys()], neutral: [...neutralOf.values()] };
}

/** A path level as a "see" reference writes it: without its nonessential modifiers, lower case. */
const referenceLevel = (level: string) =>
  level
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * Follows "see" references ("Accident, transport, car occupant") through the entries' tree: each reference part is
 * a level, or several parts are one level whose title has commas ("Fall, falling"); a level is also reached by the
 * first words of its title before a comma.
 */
function seeResolver<T extends TableEntry>(entries: readonly T[]): (reference: string) => T | undefined {
  const children = new Map<string, Map<string, string>>();
  const byPath = new Map<string, T>();
  for (const entry of entries) {
    let parent = '';
    for (const level of entry.path) {
      const name = referenceLevel(level);
      const path = `${parent} > ${name}`;
      const map = children.get(parent) ?? new Map<string, string>();
      children.set(parent, map);
      if (!map.has(name)) map.set(name, path);
      const firstPiece = name.split(',')[0]!.trim();
      if (!map.has(firstPiece)) map.set(firstPiece, path);
      parent = path;
    }
    byPath.set(parent, entry);
  }
  const resolveOnce = (reference: string): T | undefined => {
    const parts = reference
      .toLowerCase()
      .split(',')
      .map((part) => part.trim());
    let node = '';
    for (let i = 0; i < parts.length; ) {
      const map = children.get(node);
      let next: string | undefined;
      let j = parts.length;
      for (; j > i && next === undefined; j--) next = map?.get(parts.slice(i, j).join(', '));
      if (next === undefined) return undefined;
      node = next;
      i = j + 1;
    }
    return byPath.get(node);
  };
  return (reference) => {
    let target = resolveOnce(reference);
    for (let hop = 1; target && target.see !== undefined && hop < MAX_SEE_HOPS; hop++) target = resolveOnce(target.see);
    return target;
  };
}

function buildTables(codeSets: CodeSets, date: string): IndexTables {
  const causes: CauseEntry[] = [];
  const causePostings = new Map<string, number[]>();
  const frequency = new Map<string, number>();
  const eindex = codeSets.icd10cm.tableEntries('eindex', date);
  const resolveCause = seeResolver(eindex);
  for (const entry of eindex) {
    const code = entry.code ?? (entry.see === undefined ? undefined : resolveCause(entry.see)?.code);
    // A dash: the code needs more characters than the Index prints (the tabular list decides them).
    if (code === undefined || code.endsWith('-')) continue;
    const id = causes.length;
    const terms = keyed(entry.path);
    const own = keyed(entry.path.slice(-1));
    const named = own.keys.filter((key, i) => !own.neutral[i] && key !== NEC);
    causes.push({ code, ...terms, named });
    for (const key of new Set(terms.keys.map(postingKey))) {
      const list = causePostings.get(key);
      if (list) list.push(id);
      else causePostings.set(key, [id]);
    }
    for (const key of terms.keys) frequency.set(key, (frequency.get(key) ?? 0) + 1);
  }
  const causeWeight = new Map<string, number>();
  for (const [key, df] of frequency) causeWeight.set(key, Math.max(0.5, Math.log(causes.length / df)));

  const drugRows = codeSets.icd10cm.tableEntries('drug', date);
  const resolveSubstance = seeResolver(drugRows);
  const substances: SubstanceRow[] = [];
  const substancePostings = new Map<string, number[]>();
  const headings = new Set<string>();
  for (const row of drugRows) {
    const cells = Object.keys(row.cells).length > 0 ? row.cells : resolveSubstance(row.see ?? '')?.cells;
    if (cells === undefined) continue;
    for (const heading of Object.keys(cells)) headings.add(heading);
    const id = substances.length;
    const terms = keyed(row.path);
    substances.push({ cells, ...terms });
    terms.keys.forEach((key, i) => {
      if (terms.neutral[i]) return;
      const list = substancePostings.get(key);
      if (list) list.push(id);
      else substancePostings.set(key, [id]);
    });
  }
  return { causes, causePostings, causeWeight, substances, substancePostings, headings: [...headings] };
}

function indexTablesOf(codeSets: CodeSets, date: string): IndexTables | undefined {
  const release = codeSets.releaseFor('icd10cm', date);
  if (!release) return undefined;
  const releases = byCodeSets.get(codeSets) ?? new Map<string, IndexTables>();
  byCodeSets.set(codeSets, releases);
  const tables = releases.get(release.id) ?? buildTables(codeSets, date);
  releases.set(release.id, tables);
  return tables;
}

// ----- matching ---------------------------------------------------------------------------------------------------

/**
 * Words that link a statement's other words ("misadventure to patient from contamination") and that the Index's
 * paths leave to their levels: said when an entry says them, not held against one that does not.
 */
const LINKING_WORDS = new Set(['from', 'during', 'into', 'onto', 'off', 'out', 'while', 'involving'].map(foldWord));

/** The words of a statement, with what the tables read apart: the episode of care. */
interface Said {
  /** Words that must be accounted for (not in parentheses, not "unspecified", not the episode of care). */
  required: string[];
  /** Linking words: accounted for when an entry says them. */
  linking: string[];
  episode: Modifiers['episode'];
}

function saidOf(terms: readonly Term[]): Said {
  let episode: Modifiers['episode'] = 'A';
  const required: string[] = [];
  const linking: string[] = [];
  for (const term of terms) {
    const read = EPISODE_WORDS.get(term.key);
    if (read !== undefined) {
      if (read !== 'A' && episode === 'A') episode = read;
      continue;
    }
    if (term.neutral || term.key === UNSPECIFIED || required.includes(term.key)) continue;
    (LINKING_WORDS.has(term.key) ? linking : required).push(term.key);
  }
  return { required, linking, episode };
}

/** A statement word the entry says: the same word, or "other" as the Index's NEC. */
function says(entry: KeyedEntry, key: string): boolean {
  if (key === OTHER) return entry.keys.includes(NEC) || entry.keys.includes(OTHER);
  return entry.keys.some((own) => sameWord(own, key));
}

interface CauseMatch {
  code: string;
  tied: boolean;
}

function matchCause(tables: IndexTables, { required, linking }: Said): CauseMatch | undefined {
  // An external cause is an event and what or where: one word ("patient", "fall") names none the Index could place.
  const specific = required.filter((key) => key !== OTHER);
  if (specific.length < MIN_CAUSE_WORDS) return undefined;
  // Candidates share the statement's rarest word (by its posting list).
  let smallest: number[] | undefined;
  for (const key of specific) {
    const list = tables.causePostings.get(postingKey(key)) ?? [];
    if (smallest === undefined || list.length < smallest.length) smallest = list;
  }
  let best: { code: string; cost: number } | undefined;
  let tied = false;
  for (const id of smallest ?? []) {
    const entry = tables.causes[id]!;
    // Every word said is the entry's, and one of them names the entry's own level: "in a patient" is not a
    // misadventure to a patient, whose "patient" only the main term's nonessential modifier says.
    if (!required.every((key) => says(entry, key))) continue;
    if (!entry.named.some((own) => required.some((key) => sameWord(own, key)))) continue;
    const essentialSaid = required.filter((key) =>
      entry.keys.some((own, i) => !entry.neutral[i] && (sameWord(own, key) || (key === OTHER && own === NEC))),
    );
    if (essentialSaid.length < MIN_CAUSE_WORDS) continue;
    const saysAll = (own: string) => [...required, ...linking].some((key) => sameWord(own, key));
    if (entry.keys.some((own, i) => !entry.neutral[i] && NEVER_UNSAID.has(own) && !saysAll(own))) continue;
    let cost = 0;
    entry.keys.forEach((own, i) => {
      if (entry.neutral[i] || own === NEC || saysAll(own)) return;
      cost += tables.causeWeight.get(own) ?? 1;
    });
    if (!best || cost < best.cost - 1e-9) {
      best = { code: entry.code, cost };
      tied = false;
    } else if (Math.abs(cost - best.cost) <= 1e-9 && entry.code !== best.code) tied = true;
  }
  return best && { code: best.code, tied };
}

interface SubstanceMatch {
  effect: Effect;
  intent: Intent | undefined;
  code: string;
}

/** The effect a statement says, and the words left once the effect, intent and fillers are read. */
function readEffect(required: readonly string[]): { effect: Effect; intent?: Intent; rest: string[] } | undefined {
  let effect: Effect | undefined;
  let intent: Intent | undefined;
  const rest: string[] = [];
  for (let i = 0; i < required.length; i++) {
    const key = required[i]!;
    const pair = EFFECT_PAIRS.get(`${key} ${required[i + 1] ?? ''}`);
    if (pair) {
      effect ??= pair;
      i++;
      continue;
    }
    const single = EFFECT_WORDS.get(key);
    if (single) {
      effect ??= single;
      continue;
    }
    const stated = INTENT_WORDS.get(key);
    if (stated) {
      intent ??= stated;
      continue;
    }
    if (INTENT_FILLER.has(key)) continue;
    rest.push(key);
  }
  return effect && { effect, ...(intent ? { intent } : {}), rest };
}

function matchSubstance(tables: IndexTables, required: readonly string[]): SubstanceMatch | undefined | 'unread' {
  const read = readEffect(required);
  if (!read) return undefined;
  const { effect, intent, rest } = read;
  const column = columnOf(tables.headings, effect, intent);
  if (column === undefined || rest.length === 0) return 'unread';
  // The row whose words are exactly the substance the statement names (its nonessential modifiers optional).
  const codes = new Set<string>();
  for (const id of tables.substancePostings.get(rest[0]!) ?? []) {
    const row = tables.substances[id]!;
    // NEC ("not elsewhere classifiable") is the Index's, never a word of the statement.
    const essential = row.keys.filter((key, i) => !row.neutral[i] && key !== NEC);
    if (!rest.every((key) => row.keys.includes(key)) || !essential.every((key) => rest.includes(key))) continue;
    const code = row.cells[column];
    if (code !== undefined) codes.add(code);
  }
  if (codes.size !== 1) return 'unread';
  return { effect, intent, code: [...codes][0]! };
}

/** The billable code of an Index code in the release, with the episode's 7th character where the code takes one. */
function billable(codeSets: CodeSets, code: string, date: string, episode: Modifiers['episode']): string | undefined {
  if (codeSets.icd10cm.isBillable(code, date)) return normalizeCode(code);
  const completed = withEpisode(code.includes('.') ? code : `${code}.`, episode);
  return codeSets.icd10cm.isBillable(completed, date) ? normalizeCode(completed) : undefined;
}

/** External causes (V00-Y99) are never first-listed (Guidelines I.C.20). */
const isExternalCause = (code: string) => /^[V-Y]/.test(code);

function findingOf(
  text: string,
  statement: TextSpan,
  code: string,
  rule: string,
  episode: Modifiers['episode'],
  secondaryOnly: boolean,
): Finding {
  const concept: ConceptDefinition = { id: `index:${code}`, kind: 'disease', phrases: [], resolve: code };
  const quote = text.slice(statement.start, statement.end);
  return {
    concept,
    status: 'current',
    choices: [{ codes: [code] }],
    modifiers: { acute: false, chronic: false, exacerbation: false, episode, text: ' ' },
    evidence: [{ kind: 'text', start: statement.start, end: statement.end, quote, rule }],
    position: statement.start,
    confidence: INDEX_TABLE_CONFIDENCE,
    inChiefComplaint: false,
    secondaryOnly,
  };
}

/**
 * Findings for assessment statements nothing else read, from the release's Table of Drugs and Chemicals and External
 * Cause Index (none when the release has neither).
 */
export function indexTableFindings(text: string, sentences: readonly TextSpan[], ports: DiagnosisPorts): Finding[] {
  if (sentences.length === 0) return [];
  const { codeSets, date } = ports;
  const tables = indexTablesOf(codeSets, date);
  if (!tables || (tables.causes.length === 0 && tables.substances.length === 0)) return [];
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const statement = diagnosisStatement(text, sentence);
    if (statement.end <= statement.start) continue;
    const terms = termsOf(text.slice(statement.start, statement.end));
    if (terms.length === 0 || terms.length > MAX_TERMS) continue;
    const said = saidOf(terms);
    const { required, episode } = said;
    if (required.some((key) => /\d/.test(baseOf(key)))) continue;
    const substance = matchSubstance(tables, required);
    if (substance === 'unread') continue;
    if (substance) {
      const code = billable(codeSets, substance.code, date, episode);
      if (code)
        findings.push(findingOf(text, statement, code, DRUG_TABLE_RULE, episode, substance.effect !== 'poisoning'));
      continue;
    }
    const cause = matchCause(tables, said);
    if (!cause || cause.tied) continue;
    const code = billable(codeSets, cause.code, date, episode);
    if (code) findings.push(findingOf(text, statement, code, EXTERNAL_CAUSE_RULE, episode, isExternalCause(code)));
  }
  return findings;
}
