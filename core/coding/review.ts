/**
 * Auto-code or review: an encounter is auto-coded only when every code is confident, nothing a claim needs is
 * missing, the provider and payer are the practice's own, and the documentation does not contradict itself.
 * Otherwise it goes to a human with every reason, each naming its field.
 */
import { billingProviderByNpi, type PracticeConfig, payerById } from '#core/config/practice-config';
import type { Encounter, MissingInformation } from '#core/documents/encounter';
import type { CodedDiagnosis, ReviewReason, ServiceLine } from './coded-encounter.ts';

/**
 * Below this, a code is a suggestion for a coder, not an answer. Read off the precision-by-confidence curve of the
 * gold set's tuned part and the GEM development half by `npm run eval:calibrate` (eval/calibration.ts), which
 * fails when this value is not the calibrated one; never set by hand.
 */
export const AUTO_CODE_MIN_CONFIDENCE = 0.85;

export interface ReviewInput {
  encounter: Encounter;
  diagnoses: readonly CodedDiagnosis[];
  lines: readonly ServiceLine[];
  missing: readonly MissingInformation[];
  config: PracticeConfig;
  /** Reasons the diagnosis and procedure coders already raised. */
  reasons: readonly ReviewReason[];
}

export function configurationReasons(encounter: Encounter, config: PracticeConfig): ReviewReason[] {
  const reasons: ReviewReason[] = [];
  const payerId = encounter.payer?.payerId;
  if (payerId !== undefined && !payerById(config, payerId)) {
    reasons.push({
      category: 'missing_information',
      field: 'payer.payerId',
      message: `payer ${payerId} is not in the practice configuration`,
    });
  }
  const billingNpi = encounter.billingProvider?.npi;
  if (billingNpi !== undefined && !billingProviderByNpi(config, billingNpi)) {
    reasons.push({
      category: 'missing_information',
      field: 'billingProvider.npi',
      message: `billing provider NPI ${billingNpi} is not in the practice configuration`,
    });
  }
  const renderingNpi = encounter.renderingProvider?.npi;
  if (renderingNpi !== undefined && !config.renderingProviders.some((p) => p.npi === renderingNpi)) {
    reasons.push({
      category: 'missing_information',
      field: 'renderingProvider.npi',
      message: `rendering provider NPI ${renderingNpi} is not in the practice configuration`,
    });
  }
  return reasons;
}

export function decideReview(input: ReviewInput): { required: boolean; reasons: ReviewReason[] } {
  const reasons: ReviewReason[] = [...input.reasons];
  for (const missing of input.missing)
    reasons.push({ category: 'missing_information', field: missing.field, message: missing.message });
  reasons.push(...configurationReasons(input.encounter, input.config));
  if (input.diagnoses.length === 0) {
    reasons.push({
      category: 'missing_information',
      field: 'diagnoses',
      message: 'no ICD-10-CM diagnosis could be assigned from the document',
    });
  }
  for (const diagnosis of input.diagnoses) {
    if (diagnosis.confidence < AUTO_CODE_MIN_CONFIDENCE) {
      reasons.push({
        category: 'low_confidence_coding',
        field: `diagnoses.${diagnosis.code}`,
        message: `diagnosis ${diagnosis.code} has confidence ${diagnosis.confidence}`,
      });
    }
  }
  for (const line of input.lines) {
    if (line.confidence < AUTO_CODE_MIN_CONFIDENCE) {
      reasons.push({
        category: 'low_confidence_coding',
        field: `lines.${line.code}`,
        message: `line ${line.code} has confidence ${line.confidence}`,
      });
    }
  }
  const unique = new Map(reasons.map((r) => [`${r.category}|${r.field ?? ''}|${r.message}`, r]));
  return { required: unique.size > 0, reasons: [...unique.values()] };
}
