/**
 * Diagnosis codes the source asserted (FHIR Condition, HL7 DG1, CSV, ClaimFlow JSON): normalized, validated on the
 * date of service, and raised from a header to a billable code only when the documentation names the more specific
 * code. SNOMED CT conditions are handed back as text (their display) for the text path: no invented mappings.
 */

import { formatIcd10Code, normalizeCode } from '#core/codesets/index';
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { DiagnosisPorts } from '#core/coding/diagnosis-port';
import type { SourceCode } from '#core/documents/encounter';
import type { DiagnosisCandidate } from './candidate.ts';

export const STRUCTURED_RULES = {
  billable: 'dx.structured.billable',
  raised: 'dx.structured.raised-by-documentation',
} as const;

/** A SNOMED CT (or other non ICD-10-CM) condition whose display text the text path reads. */
export interface ConditionText {
  text: string;
  path: string;
  position: number;
}

export interface StructuredCoding {
  candidates: DiagnosisCandidate[];
  reviewReasons: ReviewReason[];
  conditionTexts: ConditionText[];
}

/** Any first letter: chapter 22 "special purposes" codes start with U (U07.1 COVID-19, U09.9). */
const ICD10_SHAPE = /^[A-Z][0-9][0-9A-Z]{0,5}$/;
const NOT_SPECIFIC = /\bunspecified\b|\bwithout complications?\b/i;

function pathOf(source: SourceCode, index: number): string {
  return source.location.path ?? `diagnoses[${index}]`;
}

/**
 * `documented` are the billable codes the note text supports (from the text path); a header code is raised to the
 * documented codes below it, never to a guess.
 */
export function codeStructuredDiagnoses(
  sources: readonly SourceCode[],
  ports: DiagnosisPorts,
  documented: readonly DiagnosisCandidate[],
): StructuredCoding {
  const { codeSets, date } = ports;
  const candidates: DiagnosisCandidate[] = [];
  const reviewReasons: ReviewReason[] = [];
  const conditionTexts: ConditionText[] = [];

  sources.forEach((source, index) => {
    const path = pathOf(source, index);
    if (source.system === 'SNOMED-CT' || (source.system === 'other' && source.display)) {
      if (source.display) conditionTexts.push({ text: source.display, path, position: index });
      else
        reviewReasons.push({
          category: 'unsupported_code',
          message: `${source.system} condition ${source.code} at ${path} has no display text to code from`,
          field: path,
        });
      return;
    }
    if (source.system !== 'ICD-10-CM') {
      if (source.system === 'ICD-9-CM')
        reviewReasons.push({
          category: 'unsupported_code',
          message: `ICD-9-CM code ${source.code} at ${path} is not valid for a claim on ${date}; no mapping is invented`,
          field: path,
        });
      return;
    }
    const code = normalizeCode(source.code);
    if (!ICD10_SHAPE.test(code)) {
      reviewReasons.push({
        category: 'unsupported_code',
        message: `"${source.code}" at ${path} is not shaped like an ICD-10-CM code`,
        field: path,
      });
      return;
    }
    const found = codeSets.icd10cm.lookup(code, date);
    if (!found) {
      const release = codeSets.releaseFor('icd10cm', date);
      reviewReasons.push({
        category: 'unsupported_code',
        message: release
          ? `${formatIcd10Code(code)} at ${path} is not in ${release.id} (in effect on ${date})`
          : `no ICD-10-CM release is loaded for ${date}; ${formatIcd10Code(code)} at ${path} cannot be validated`,
        field: path,
      });
      return;
    }
    const evidence = {
      kind: 'field' as const,
      path,
      ...(source.display ? { quote: source.display } : {}),
    };
    if (found.billable) {
      candidates.push({
        code,
        title: found.title,
        release: found.release,
        confidence: 0.97,
        evidence: [{ ...evidence, rule: STRUCTURED_RULES.billable }],
        position: index,
        primary: true,
      });
      return;
    }
    // Raising to the unspecified or "without complications" code below a header adds nothing the header did not say:
    // only a documented specificity (a complication, a side, a stage) raises it.
    const raised = documented.filter(
      (candidate) => candidate.code.startsWith(code) && candidate.code !== code && !NOT_SPECIFIC.test(candidate.title),
    );
    if (raised.length === 0) {
      reviewReasons.push({
        category: 'unsupported_code',
        message: `${found.display} at ${path} is a header, not billable; the documentation does not say which code below it applies`,
        field: path,
      });
      return;
    }
    for (const candidate of raised)
      candidates.push({
        ...candidate,
        confidence: Math.min(candidate.confidence, 0.9),
        evidence: [{ ...evidence, rule: STRUCTURED_RULES.raised }, ...candidate.evidence],
        position: index,
        primary: true,
      });
  });
  return { candidates, reviewReasons, conditionTexts };
}
