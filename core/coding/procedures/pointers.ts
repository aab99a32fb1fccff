/**
 * Diagnosis pointers per line (at most 4, most relevant first): the diagnoses the source links to the line, then
 * those whose ICD-10-CM prefix the service is for (Z23 for a vaccine, J02 for a strep test), then those written
 * in the same sentence as the service. An E/M points to the problems in first-listed order; a preventive visit to
 * its Z00/Z01 code first. A line with nothing relevant points to the first-listed diagnosis.
 */
import type { CodedDiagnosis } from '../coded-encounter.ts';
import type { ProposedLine } from './proposed-line.ts';

const MAX_POINTERS = 4;
const plain = (code: string) => code.replace('.', '').toUpperCase();

function overlaps(diagnosis: CodedDiagnosis, anchor: { start: number; end: number } | undefined): boolean {
  if (!anchor) return false;
  return diagnosis.evidence.some(
    (e) =>
      e.kind === 'text' && e.start !== undefined && e.end !== undefined && e.start < anchor.end && anchor.start < e.end,
  );
}

export function pointersFor(line: ProposedLine, diagnoses: readonly CodedDiagnosis[]): number[] {
  if (diagnoses.length === 0) return [];
  const codes = diagnoses.map((d) => plain(d.code));
  const scored = diagnoses
    .map((diagnosis, index) => {
      const code = codes[index]!;
      let score = 0;
      const linked = line.linkedDiagnoses?.map(plain).indexOf(code) ?? -1;
      if (linked >= 0) score += 1000 - linked;
      const relevant = (line.relevantDiagnoses ?? []).findIndex((prefix) => code.startsWith(plain(prefix)));
      if (relevant >= 0) score += 100 - relevant;
      if (overlaps(diagnosis, line.anchor)) score += 50;
      return { pointer: index + 1, score, vaccination: code.startsWith('Z23') };
    })
    .filter((s) => !(line.avoidDiagnoses ?? []).some((prefix) => codes[s.pointer - 1]!.startsWith(plain(prefix))));
  if (scored.length === 0) return [];
  if (line.linkedDiagnoses?.length) {
    const linked = scored.filter((s) => s.score >= 900).sort((a, b) => b.score - a.score);
    if (linked.length > 0) return linked.slice(0, MAX_POINTERS).map((s) => s.pointer);
  }
  if (line.kind === 'em' || line.kind === 'preventive' || line.kind === 'prolonged' || line.kind === 'structured') {
    // The visit addresses every problem: relevant ones (Z00 for a preventive visit) first, then first-listed order;
    // the vaccination encounter code belongs to the vaccine lines.
    const ordered = scored
      .filter((s) => !s.vaccination || scored.every((o) => o.vaccination))
      .sort((a, b) => b.score - a.score || a.pointer - b.pointer);
    return ordered.slice(0, MAX_POINTERS).map((s) => s.pointer);
  }
  const relevant = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.pointer - b.pointer);
  if (relevant.length > 0) return relevant.slice(0, MAX_POINTERS).map((s) => s.pointer);
  const firstNonVaccination = scored.find((s) => !s.vaccination) ?? scored[0]!;
  return [firstNonVaccination.pointer];
}
