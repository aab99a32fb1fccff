/**
 * Clauses of a sentence: where dictated prose starts a new statement without ending the sentence ("Recurrent
 * urinary tract infection in a patient recently noted for another E. coli infection, which has resolved"). A clause
 * is the scope of the context rules (a negation or a "history of" in one clause says nothing about the next) and the
 * unit the release's titles are matched against, so a diagnosis dictated inside a long sentence is read on its own.
 *
 * The split is conservative: a list item ("Type 2 diabetes with hyperglycemia, on metformin") stays whole; only a
 * semicolon or a word that opens a new clause (a relative pronoun, a subordinating conjunction, "in a patient", a
 * new subject after "and") divides. One pass over the tokens, so linear in the sentence.
 */

import type { TextSpan } from './sentences.ts';
import type { Token } from './tokenize.ts';

/** Words that open a clause wherever they stand (after a comma or not). */
const OPENERS = new Set(['which', 'who', 'whom', 'whose', 'whereas', 'although', 'though', 'however']);

/**
 * Words that open a clause only after a comma (elsewhere they belong to a phrase: "pain since Monday", "immunization
 * not carried out because of caregiver refusal"). Not "so": "with intractable migraine, so stated" is one diagnosis.
 */
const OPENERS_AFTER_COMMA = new Set(['because', 'but', 'since', 'while', 'where', 'when', 'otherwise', 'then']);

/** A new subject after "and": "..., and he will follow up". */
const SUBJECTS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'this', 'there']);

/** "in a patient (with|who)": what follows is about the patient, not the diagnosis before it. */
const PATIENT_WORDS = new Set(['patient', 'pt', 'man', 'woman', 'male', 'female', 'gentleman', 'lady', 'child']);

/** Starts a clause at token `at` unless it is not after the last start or not before the end. */
function openClause(starts: number[], at: number, length: number): void {
  if (at > starts[starts.length - 1]! && at < length) starts.push(at);
}

/**
 * Token indexes where a new clause starts (the first is always 0). `tokens` are one sentence's tokens; a boundary
 * token that is punctuation (`;`) is left out of both clauses.
 */
export function clauseStarts(tokens: readonly Token[]): number[] {
  const starts = [0];
  for (let i = 1; i < tokens.length; i++) {
    const norm = tokens[i]!.norm;
    const previous = tokens[i - 1]!.norm;
    if (norm === ';') {
      openClause(starts, i + 1, tokens.length);
      continue;
    }
    if (OPENERS.has(norm)) openClause(starts, previous === ',' ? i - 1 : i, tokens.length);
    else if (previous === ',' && OPENERS_AFTER_COMMA.has(norm)) openClause(starts, i - 1, tokens.length);
    else if (norm === 'and' && SUBJECTS.has(tokens[i + 1]?.norm ?? '') && previous === ',')
      openClause(starts, i - 1, tokens.length);
    else if (
      norm === 'in' &&
      (tokens[i + 1]?.norm === 'a' || tokens[i + 1]?.norm === 'an') &&
      PATIENT_WORDS.has(tokens[i + 2]?.norm ?? '')
    )
      openClause(starts, previous === ',' ? i - 1 : i, tokens.length);
  }
  return starts;
}

/**
 * The clauses of a sentence as text spans, one per clause start (undefined for a clause of punctuation only);
 * commas and semicolons at a clause's edges are trimmed off.
 */
export function clauseSpans(
  tokens: readonly Token[],
  sentence: TextSpan,
  starts: readonly number[],
): (TextSpan | undefined)[] {
  return starts.map((from, k) => {
    let first = from;
    const next = k + 1 < starts.length ? starts[k + 1]! : tokens.length;
    while (first < next && (tokens[first]!.norm === ',' || tokens[first]!.norm === ';')) first += 1;
    let last = next - 1;
    while (last >= first && (tokens[last]!.norm === ',' || tokens[last]!.norm === ';')) last -= 1;
    if (last < first) return undefined;
    const start = k === 0 ? sentence.start : tokens[first]!.start;
    const end = k + 1 === starts.length ? sentence.end : tokens[last]!.end;
    return { start, end };
  });
}

/** For each token, the index of the clause it belongs to. */
export function clauseOfTokens(tokenCount: number, starts: readonly number[]): Uint32Array {
  const clauseOf = new Uint32Array(tokenCount);
  for (let k = 0; k < starts.length; k++)
    clauseOf.fill(k, starts[k]!, k + 1 < starts.length ? starts[k + 1]! : tokenCount);
  return clauseOf;
}
