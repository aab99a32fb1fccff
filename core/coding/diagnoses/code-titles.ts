/**
 * An assessment statement written as the code's own title ("Encounter for routine child health examination without
 * abnormal findings") is that code: the tabular list says so itself. The titles of the billable codes of a release
 * are gathered once per code set instance and release (a walk down from every category), keyed by their words, so
 * that each statement costs one map lookup.
 */

import type { CodeSets, Icd10CmCode } from '#core/codesets/index';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { ConceptDefinition } from '#core/coding/lexicon/index';
import type { TextSpan } from '#core/coding/text/sentences';
import { tokenize } from '#core/coding/text/tokenize';
import type { Finding } from './finding.ts';
import { isPlanStatement } from './unread-statements.ts';

export const CODE_TITLE_RULE = 'dx.text.code-title';
const CODE_TITLE_CONFIDENCE = 0.95;

const CATEGORY_THIRD = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const byCodeSets = new WeakMap<CodeSets, Map<string, Map<string, string>>>();

function wordsKey(text: string, from = 0, to = text.length): string {
  return tokenize(text, from, to)
    .filter((token) => token.word)
    .map((token) => token.norm)
    .join(' ');
}

function titlesOf(codeSets: CodeSets, date: string, release: string): Map<string, string> {
  let releases = byCodeSets.get(codeSets);
  if (!releases) {
    releases = new Map();
    byCodeSets.set(codeSets, releases);
  }
  const cached = releases.get(release);
  if (cached) return cached;
  const titles = new Map<string, string>();
  const stack: Icd10CmCode[] = [];
  for (let letter = 65; letter <= 90; letter++)
    for (let digit = 0; digit <= 9; digit++)
      for (const third of CATEGORY_THIRD) {
        const category = codeSets.icd10cm.lookup(`${String.fromCharCode(letter)}${digit}${third}`, date);
        if (category) stack.push(category);
      }
  while (stack.length > 0) {
    const code = stack.pop()!;
    if (code.billable) {
      const key = wordsKey(code.title);
      if (!titles.has(key)) titles.set(key, code.code);
    } else stack.push(...codeSets.icd10cm.children(code.code, date));
  }
  releases.set(release, titles);
  return titles;
}

/** The statement of an assessment line: after its list number, without the closing full stop. */
function statementOf(text: string, sentence: TextSpan): TextSpan {
  let start = sentence.start;
  const numbered = /^\s*(?:\d{1,2}[.)]|[-*•])\s*/.exec(text.slice(start, sentence.end));
  if (numbered) start += numbered[0].length;
  let end = sentence.end;
  while (end > start && (text[end - 1] === '.' || text[end - 1] === ' ')) end -= 1;
  return { start, end };
}

export function codeTitleFindings(text: string, sentences: readonly TextSpan[], ports: DiagnosisPorts): Finding[] {
  const release = ports.codeSets.releaseFor('icd10cm', ports.date);
  // Plan lines are never titles: they should not cost the first walk of a release's titles.
  const statements = sentences
    .map((sentence) => statementOf(text, sentence))
    .filter((statement) => !isPlanStatement(text.slice(statement.start, statement.end)));
  if (!release || statements.length === 0) return [];
  const titles = titlesOf(ports.codeSets, ports.date, release.id);
  const findings: Finding[] = [];
  for (const statement of statements) {
    const code = titles.get(wordsKey(text, statement.start, statement.end));
    if (!code) continue;
    const concept: ConceptDefinition = { id: `title:${code}`, kind: 'disease', phrases: [], resolve: code };
    findings.push({
      concept,
      status: 'current',
      choices: [{ codes: [code] }],
      modifiers: { acute: false, chronic: false, exacerbation: false, episode: 'A', text: ' ' },
      evidence: [
        {
          kind: 'text',
          start: statement.start,
          end: statement.end,
          quote: text.slice(statement.start, statement.end),
          rule: CODE_TITLE_RULE,
        },
      ],
      position: statement.start,
      confidence: CODE_TITLE_CONFIDENCE,
      inChiefComplaint: false,
      secondaryOnly: false,
    });
  }
  return findings;
}
