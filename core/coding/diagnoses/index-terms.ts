/**
 * Assessment statements our lexicon does not know go to the ICD-10-CM Alphabetic Index of the release (when it was
 * imported): the index proposes, the tabular list confirms. Only an index term that says exactly what the statement
 * says (same words) and leads to a complete, billable code is taken, with a confidence that sends it to review.
 */

import { searchWords } from '#core/codesets/search-words';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { ConceptDefinition } from '#core/coding/lexicon/index';
import { findTriggers } from '#core/coding/text/context';
import type { TextSpan } from '#core/coding/text/sentences';
import { tokenize } from '#core/coding/text/tokenize';
import type { Finding } from './finding.ts';

export const INDEX_TERM_RULE = 'dx.index.term';
const INDEX_TERM_CONFIDENCE = 0.8;
const MAX_WORDS = 6;

/** The diagnosis phrase of an assessment line: after its list number, before the plan that follows it. */
function statementOf(text: string, sentence: TextSpan): TextSpan {
  let start = sentence.start;
  const numbered = /^\s*(?:\d{1,2}[.)]|[-*•])\s*/.exec(text.slice(start, sentence.end));
  if (numbered) start += numbered[0].length;
  let end = sentence.end;
  for (let i = start; i < sentence.end; i++) {
    const char = text[i];
    if (char === ',' || char === ';' || char === ':' || char === '.' || (char === '-' && text[i - 1] === ' ')) {
      end = i;
      break;
    }
  }
  return { start, end };
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((word) => set.has(word));
}

export function indexTermFindings(text: string, sentences: readonly TextSpan[], ports: DiagnosisPorts): Finding[] {
  const { codeSets, date } = ports;
  if (!codeSets.releaseFor('icd10cm', date)?.counts.indexTerms) return [];
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    const statement = statementOf(text, sentence);
    const phrase = text.slice(statement.start, statement.end);
    const words = searchWords(phrase);
    if (words.length === 0 || words.length > MAX_WORDS) continue;
    const tokens = tokenize(text, statement.start, statement.end);
    const triggers = findTriggers(tokens, 0, tokens.length, new Uint8Array(tokens.length));
    if (triggers.some((hit) => hit.definition.kind !== 'terminate' && hit.definition.kind !== 'pseudo')) continue;
    const hit = codeSets.icd10cm
      .searchIndex(phrase, date, 10)
      .find(
        (candidate) =>
          candidate.code && !candidate.code.endsWith('-') && sameWords(searchWords(candidate.path.join(' ')), words),
      );
    if (!hit?.code || !codeSets.icd10cm.isBillable(hit.code, date)) continue;
    const concept: ConceptDefinition = { id: `index:${hit.code}`, kind: 'disease', phrases: [], resolve: hit.code };
    findings.push({
      concept,
      status: 'current',
      choices: [{ codes: [hit.code] }],
      modifiers: { acute: false, chronic: false, exacerbation: false, episode: 'A', text: ` ${words.join(' ')} ` },
      evidence: [{ kind: 'text', start: statement.start, end: statement.end, quote: phrase, rule: INDEX_TERM_RULE }],
      position: statement.start,
      confidence: INDEX_TERM_CONFIDENCE,
      inChiefComplaint: false,
      secondaryOnly: false,
    });
  }
  return findings;
}
