/**
 * A review or work-queue reason in a biller's words, with what to do about it. The pipeline's own reasons are listed
 * here; every denial and rejection category comes from the versioned mapping in core/denials.
 */
import { denialMapping } from '#core/denials/mapping';

export interface ReasonText {
  label: string;
  action: string;
}

const PIPELINE_REASONS: Readonly<Record<string, ReasonText>> = {
  low_confidence_coding: {
    label: 'The coder was not confident enough in a code',
    action: 'Read the evidence quoted for each code; correct or confirm with `claims recode`, then `claims approve`.',
  },
  conflicting_documentation: {
    label: 'The documentation contradicts itself',
    action: 'Check the note against the structured data; recode what the note supports, then approve.',
  },
  unsupported_code: {
    label: 'A code is not valid or not billable on the date of service',
    action: 'Replace it with a valid, billable code the note supports (`claims recode`), then approve.',
  },
  scrub_error: {
    label: 'A claim edit failed',
    action: 'Fix each error finding as its suggested fix says (`claims recode`/`claims edit`), then approve.',
  },
  duplicate_claim: {
    label: 'Another claim already bills this visit',
    action:
      'Compare the two claims; void this one if it is the same service, or change it if it is a different service.',
  },
  awaiting_approval: {
    label: 'Changed by a person and scrubbed clean, waiting for approval',
    action: 'Check the change and `claims approve` it to send it.',
  },
  claim_build_error: {
    label: 'The 837P could not be built for this claim',
    action: 'Fix the field the finding names (a provider, subscriber or payer detail), then approve it again.',
  },
  rejected_by_clearinghouse: {
    label: "The clearinghouse's front-end edits refused the claim",
    action: 'Fix what the rejection names, then approve it again.',
  },
  submission_refused: {
    label: 'The clearinghouse refused the submission',
    action: 'Check the clearinghouse connection and the reason given, then approve it again.',
  },
  processing_abandoned: {
    label: 'Processing of its document stopped before the claim was finished',
    action: 'Check the document in `claimflow documents`; upload it again or void this claim.',
  },
  corrected_document: {
    label: 'A later upload corrects a visit whose claim is already with the payer',
    action:
      'Once the payer has adjudicated the earlier claim, approve this claim: it goes out as the corrected claim (a replacement, frequency 7 with REF*F8) and the earlier one becomes CORRECTED. If it bills the same as the earlier claim, void it instead.',
  },
  superseded: {
    label: 'A later upload of the same visit replaced this claim',
    action: 'Nothing: work the claim that replaced it.',
  },
};

export function reasonText(category: string | undefined): ReasonText | undefined {
  if (category === undefined) return undefined;
  const own = PIPELINE_REASONS[category];
  if (own) return own;
  const mapped = denialMapping().categories.get(category);
  return mapped ? { label: mapped.label, action: mapped.action } : undefined;
}
