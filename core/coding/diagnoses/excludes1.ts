/**
 * Excludes1 conflicts: two codes the tabular list says are never reported together. The notes come from the
 * release (`excludes`, when its tabular list was imported); a few that matter daily in the office are built in for
 * releases without notes (the CMS order file has none). A symptom code yields to the diagnosis; otherwise the more
 * specific code is kept, and two equally specific codes go to review.
 */

import { formatIcd10Code, normalizeCode } from '#core/codesets/index';
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { DiagnosisCandidate } from './candidate.ts';

interface CodeRange {
  from: string;
  to: string;
}

/**
 * Excludes1 notes we know without the tabular notes: R73 Excludes1 diabetes mellitus (E08-E13); Z72.0 tobacco use
 * Excludes1 tobacco dependence (F17.-); Z87.891 history of nicotine dependence Excludes1 current nicotine
 * dependence (F17.2-). A smoker coded F17.2- is not also "tobacco use".
 */
const BUILT_IN: readonly { code: string; excludes: CodeRange }[] = [
  { code: 'R73', excludes: { from: 'E08', to: 'E13' } },
  { code: 'Z720', excludes: { from: 'F17', to: 'F17' } },
  { code: 'Z87891', excludes: { from: 'F172', to: 'F172' } },
];

/** A code (`J45.909`), a code with a trailing dash for all below it (`O24.4-`), or a range (`E08-E13`). */
const CODE_IN_NOTE =
  /\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-(?!\s*[A-Z]\d))?(?:\s*[-–]\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g;

export function rangesInNote(note: string): CodeRange[] {
  const ranges: CodeRange[] = [];
  for (const match of note.matchAll(CODE_IN_NOTE)) {
    const from = normalizeCode(match[1]!);
    const to = match[2] ? normalizeCode(match[2]) : from;
    ranges.push({ from, to });
  }
  return ranges;
}

function inRange(code: string, range: CodeRange): boolean {
  return code.slice(0, range.from.length) >= range.from && code.slice(0, range.to.length) <= range.to;
}

function excludes1Of(code: string, ports: DiagnosisPorts, cache: Map<string, CodeRange[]>): CodeRange[] {
  const cached = cache.get(code);
  if (cached) return cached;
  const ranges = ports.codeSets.icd10cm.excludes(code, ports.date).excludes1.flatMap((note) => rangesInNote(note.text));
  for (const entry of BUILT_IN) if (code.startsWith(entry.code)) ranges.push(entry.excludes);
  cache.set(code, ranges);
  return ranges;
}

function isSymptom(code: string): boolean {
  return code.startsWith('R');
}

export function resolveExcludes1(
  candidates: readonly DiagnosisCandidate[],
  ports: DiagnosisPorts,
  reviewReasons: ReviewReason[],
): DiagnosisCandidate[] {
  const cache = new Map<string, CodeRange[]>();
  const dropped = new Set<DiagnosisCandidate>();
  for (const a of candidates)
    for (const b of candidates) {
      if (a === b || dropped.has(a) || dropped.has(b)) continue;
      if (!excludes1Of(a.code, ports, cache).some((range) => inRange(b.code, range))) continue;
      if (isSymptom(a.code) !== isSymptom(b.code)) dropped.add(isSymptom(a.code) ? a : b);
      else if (a.code.length !== b.code.length) dropped.add(a.code.length < b.code.length ? a : b);
      else
        reviewReasons.push({
          category: 'conflicting_documentation',
          message: `${formatIcd10Code(a.code)} and ${formatIcd10Code(b.code)} are Excludes1: the documentation supports both`,
        });
    }
  return candidates.filter((candidate) => !dropped.has(candidate));
}
