/**
 * The tabular list confirms: a finding's code choices are tried in order and the first whose codes are all billable
 * in the release in effect on the date of service is assigned. A fallback that is less specific than the
 * documentation, an ambiguity, or no billable choice at all is said in a review reason.
 */

import { formatIcd10Code, normalizeCode } from '#core/codesets/index';
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { DiagnosisCandidate } from './candidate.ts';
import type { Finding } from './finding.ts';

export interface ConfirmedFinding {
  finding: Finding;
  candidates: DiagnosisCandidate[];
}

/** Confidence of a code that is less specific than the note, or whose documentation is ambiguous: below review. */
const DOUBTFUL_CONFIDENCE = 0.6;

export function confirmFindings(
  findings: readonly Finding[],
  ports: DiagnosisPorts,
  reviewReasons: ReviewReason[],
): ConfirmedFinding[] {
  const { codeSets, date } = ports;
  const confirmed: ConfirmedFinding[] = [];
  for (const finding of findings) {
    const choice = finding.choices.find((option) =>
      option.codes.every((code) => codeSets.icd10cm.isBillable(code, date)),
    );
    const quote = finding.evidence[0]?.quote ?? finding.concept.id;
    if (!choice) {
      const wanted = finding.choices[0]?.codes.map(formatIcd10Code).join(' + ') ?? '';
      const release = codeSets.releaseFor('icd10cm', date);
      reviewReasons.push({
        category: 'unsupported_code',
        message: release
          ? `"${quote}" documents ${wanted}, which is not a billable code in ${release.id} on ${date}`
          : `"${quote}" documents ${wanted}, but no ICD-10-CM release is loaded for ${date}`,
      });
      continue;
    }
    let confidence = finding.confidence;
    if (choice.lessSpecific) {
      confidence = Math.min(confidence, DOUBTFUL_CONFIDENCE);
      // Name the code the documentation supports and the release that lacks it: the fallback is never silent.
      const wanted = finding.choices[0]?.codes.map(formatIcd10Code).join(' + ') ?? '';
      const release = codeSets.releaseFor('icd10cm', date)?.id ?? 'the release in effect';
      reviewReasons.push({
        category: 'low_confidence_coding',
        message: `"${quote}" is documented more specifically than ${choice.codes.map(formatIcd10Code).join(' + ')}; the release in effect lacks the specific code (${wanted} is not billable in ${release} on ${date})`,
      });
    }
    if (choice.ambiguity) {
      confidence = Math.min(confidence, DOUBTFUL_CONFIDENCE);
      reviewReasons.push({ category: 'conflicting_documentation', message: `"${quote}": ${choice.ambiguity}` });
    }
    const candidates = choice.codes.map((raw) => {
      const code = normalizeCode(raw);
      const found = codeSets.icd10cm.lookup(code, date)!;
      return {
        code,
        title: found.title,
        release: found.release,
        confidence,
        evidence: finding.evidence,
        concept: finding.concept.id,
        position: finding.position,
        primary: !finding.secondaryOnly,
        answersChiefComplaint: finding.inChiefComplaint,
      };
    });
    confirmed.push({ finding, candidates });
  }
  return confirmed;
}
