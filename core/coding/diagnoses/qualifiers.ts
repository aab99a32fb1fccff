/**
 * A mention with significant words the chosen code does not account for lowers confidence (issue 12). The lexicon
 * and the release's titles read a statement's disease; the words that qualify it are checked here against the
 * titles of the codes assigned for the statement (with the titles above them), after the combination rules:
 *
 * - a class, stage, grade or type number ("Obesity, class 2", "stage IV", "type 2") the codes do not say, unless
 *   the classification ignores that scale for the code's category (lexicon/data/unclassified-qualifiers.json):
 *   the release may lack the specific code, or the reading missed it;
 * - a severity (mild, moderate, severe) or side (right, left, bilateral) the codes do not say while another code
 *   of the same category does: the code is less specific than the note ("cellulitis of right leg" is not L03.90);
 *   a side the classification never distinguishes ("right inguinal hernia") is no loss;
 * - "personal history of" coded as a current condition (the history's Z code says "history", a status rule knows).
 *
 * Such a code is kept, at a confidence below the auto-coding threshold, with a reason naming the words.
 */
import { formatIcd10Code } from '#core/codesets/index';
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import { clinicalLexicon } from '#core/coding/lexicon/index';
import { isUnclassifiedQualifier, type QualifierWord } from '#core/coding/lexicon/unclassified-qualifiers';
import type { TextSpan } from '#core/coding/text/sentences';
import type { DiagnosisCandidate } from './candidate.ts';
import { diagnosisStatement, titleWords } from './release-findings.ts';
import { foldWord } from './release-terms.ts';
import { TEXT_RULES } from './text-findings.ts';

/** Confidence of a code that leaves a qualifier of its statement unsaid: a coder's decision. */
export const UNACCOUNTED_QUALIFIER_CONFIDENCE = 0.6;

const NUMBERED = /\b(class|stage|grade|type)[\s-]*(\d{1,2}[a-c]?|iv|v?i{1,3}|v)\b/gi;
const ROMAN: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5', vi: '6', vii: '7', viii: '8' };
const SEVERITY_OR_SIDE = /\b(mild|moderate|severe|acute|chronic|right|left|bilateral)\b/gi;
const PERSONAL_HISTORY = /\bpersonal\s+history\b/i;

/** Rules whose codes are a history or status: they account for "history of". */
const HISTORY_RULES = new Set<string>([TEXT_RULES.personalHistory, TEXT_RULES.statusPost]);

/** A qualifier of a statement: a numbered scale, a severity or side, or "personal history". */
type Qualifier =
  | { kind: 'numbered'; written: string; word: QualifierWord; value: string }
  | { kind: 'severity-or-side'; written: string; word: string }
  | { kind: 'personal-history'; written: string };

/**
 * Category words per release (not per date: every date of a release reads the same titles), by category; at most a
 * release's categories each.
 */
const categoryWordsCache = new WeakMap<object, Map<string, Map<string, Set<string>>>>();

/** Every folded word of the titles of a category's codes, cached per release. */
function categoryWords(ports: DiagnosisPorts, code: string): Set<string> {
  const lookups = ports.codeSets.icd10cm;
  let byRelease = categoryWordsCache.get(lookups);
  if (!byRelease) {
    byRelease = new Map();
    categoryWordsCache.set(lookups, byRelease);
  }
  const releaseId = ports.codeSets.releaseFor('icd10cm', ports.date)?.id ?? '';
  let byCategory = byRelease.get(releaseId);
  if (!byCategory) {
    byCategory = new Map();
    byRelease.set(releaseId, byCategory);
  }
  const category = code.replace('.', '').slice(0, 3);
  const cached = byCategory.get(category);
  if (cached) return cached;
  const words = new Set<string>();
  const pending = [category];
  // A category has at most a few thousand descendants (S-codes with 7th characters): bounded, and cached.
  for (let seen = 0; pending.length > 0 && seen < 20_000; seen++) {
    const next = pending.pop()!;
    for (const child of lookups.children(next, ports.date)) {
      for (const word of child.title.toLowerCase().match(/[a-z0-9]+/g) ?? []) words.add(foldWord(word));
      pending.push(child.code);
    }
  }
  byCategory.set(category, words);
  return words;
}

function qualifiersOf(statement: string): Qualifier[] {
  const found: Qualifier[] = [];
  for (const [written, rawWord, rawValue] of statement.matchAll(NUMBERED)) {
    const value = ROMAN[rawValue!.toLowerCase()] ?? rawValue!.toLowerCase();
    found.push({ kind: 'numbered', written, word: rawWord!.toLowerCase() as QualifierWord, value });
  }
  for (const [written] of statement.matchAll(SEVERITY_OR_SIDE))
    found.push({ kind: 'severity-or-side', written, word: foldWord(written.toLowerCase()) });
  const history = PERSONAL_HISTORY.exec(statement);
  if (history) found.push({ kind: 'personal-history', written: history[0] });
  return found;
}

const BILATERAL = foldWord('bilateral');
const RIGHT = foldWord('right');
const LEFT = foldWord('left');
const HISTORY = foldWord('history');

/** Whether the codes' title words (`words`) account for the qualifier. */
function accounted(
  qualifier: Qualifier,
  words: ReadonlySet<string>,
  candidates: readonly DiagnosisCandidate[],
  ports: DiagnosisPorts,
): boolean {
  switch (qualifier.kind) {
    case 'numbered':
      return (
        (words.has(foldWord(qualifier.word)) && words.has(qualifier.value)) ||
        candidates.some((candidate) => isUnclassifiedQualifier(qualifier.word, candidate.code))
      );
    case 'severity-or-side': {
      const { word } = qualifier;
      return (
        words.has(word) ||
        // Both sides coded where the classification has no bilateral code.
        (word === BILATERAL && words.has(RIGHT) && words.has(LEFT)) ||
        // One side of a condition the note also states for the other side, coded bilateral (I.B.13).
        ((word === RIGHT || word === LEFT) && words.has(BILATERAL)) ||
        !candidates.some((candidate) => categoryWords(ports, candidate.code).has(word))
      );
    }
    case 'personal-history':
      return (
        words.has(HISTORY) ||
        candidates.every((candidate) => candidate.evidence.some((item) => HISTORY_RULES.has(item.rule)))
      );
  }
}

/**
 * Lowers the confidence of the candidates of each assessment statement whose codes leave one of its qualifiers
 * unsaid, and says so. `clauses` are the assessment's statements as read (read-text.ts); a candidate belongs to
 * the clause its evidence starts in.
 */
export function checkQualifiers(
  text: string,
  clauses: readonly TextSpan[],
  candidates: readonly DiagnosisCandidate[],
  ports: DiagnosisPorts,
  reviewReasons: ReviewReason[],
): void {
  for (const clause of clauses) {
    const inClause = candidates.filter((candidate) =>
      candidate.evidence.some(
        (item) =>
          item.kind === 'text' && item.start !== undefined && item.start >= clause.start && item.start < clause.end,
      ),
    );
    if (inClause.length === 0) continue;
    const statement = diagnosisStatement(text, clause);
    const written = text.slice(statement.start, statement.end);
    const qualifiers = qualifiersOf(written);
    if (qualifiers.length === 0) continue;
    const lexicon = clinicalLexicon();
    const words = new Set(
      inClause.flatMap((candidate) => [
        ...titleWords(ports, candidate.code),
        ...((candidate.concept ? lexicon.concept(candidate.concept)?.accounts : undefined) ?? []).map(foldWord),
      ]),
    );
    const unsaid = qualifiers.filter((qualifier) => !accounted(qualifier, words, inClause, ports));
    if (unsaid.length === 0) continue;
    for (const candidate of inClause)
      candidate.confidence = Math.min(candidate.confidence, UNACCOUNTED_QUALIFIER_CONFIDENCE);
    const codes = [...new Set(inClause.map((candidate) => formatIcd10Code(candidate.code)))].join(', ');
    reviewReasons.push({
      category: 'low_confidence_coding',
      message: `"${written.slice(0, 80)}" says ${unsaid.map((q) => `"${q.written}"`).join(', ')}, which ${codes} ${inClause.length > 1 ? 'do' : 'does'} not account for`,
      field: 'noteText',
    });
  }
}
