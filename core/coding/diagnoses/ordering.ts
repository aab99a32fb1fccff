/**
 * First-listed diagnosis and the order of the rest (guideline IV.G): the reason for a preventive visit first, then
 * the condition chiefly responsible for the visit (the one the chief complaint names, else the assessment's first),
 * the other conditions in assessment order, and codes that are only ever secondary (Z79, Z68, N18 after E11.22 or
 * I12, personal and family history) last. The same code twice is one diagnosis with both evidences.
 */
import { FIRST_LISTED_REASONS } from '#core/coding/lexicon/index';
import type { DiagnosisCandidate } from './candidate.ts';

function tier(candidate: DiagnosisCandidate): number {
  if (candidate.concept !== undefined && FIRST_LISTED_REASONS.has(candidate.concept)) return 0;
  if (!candidate.primary) return 3;
  return candidate.answersChiefComplaint ? 1 : 2;
}

export function orderCandidates(candidates: readonly DiagnosisCandidate[]): DiagnosisCandidate[] {
  const sorted = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        tier(a.candidate) - tier(b.candidate) || a.candidate.position - b.candidate.position || a.index - b.index,
    )
    .map(({ candidate }) => candidate);
  const byCode = new Map<string, DiagnosisCandidate>();
  for (const candidate of sorted) {
    const existing = byCode.get(candidate.code);
    if (!existing) {
      byCode.set(candidate.code, { ...candidate, evidence: [...candidate.evidence] });
      continue;
    }
    for (const item of candidate.evidence) if (existing.evidence.length < 4) existing.evidence.push(item);
    existing.confidence = Math.max(existing.confidence, candidate.confidence);
  }
  return [...byCode.values()];
}
