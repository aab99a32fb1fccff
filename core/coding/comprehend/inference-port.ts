/**
 * The port through which the pipeline asks Amazon Comprehend Medical about one clinical note (the adapter is
 * functions/common/comprehend-medical.ts). The service is optional help, never a dependency: an adapter answers
 * `unavailable` instead of throwing, and `askComprehend` turns an adapter that throws anyway into the same answer, so
 * a throttle, an outage or a timeout codes the visit with our own coder alone and never fails or delays it.
 */
import type { ReviewReason } from '#core/coding/coded-encounter';
import type { Encounter } from '#core/documents/encounter';
import type { Icd10CmInference } from './icd10cm-inference.ts';

/** Why a note was coded without the service (counted in metrics; never the note's content). */
export type ComprehendUnavailable = 'throttled' | 'failed' | 'timed_out' | 'too_long' | 'cooling_off';

export type ComprehendAnswer =
  | { kind: 'inferred'; response: Icd10CmInference }
  | { kind: 'unavailable'; why: ComprehendUnavailable };

/** InferICD10CM over one note's whole text; offsets in the response are code points into that text. */
export type InferIcd10Cm = (noteText: string) => Promise<ComprehendAnswer>;

/**
 * Only clinical-note text is sent: a visit whose source asserts ICD-10-CM codes (FHIR, HL7 DG1, a superbill's codes)
 * is coded from those codes, and its note only raises a header code to the billable code it documents, which is no
 * work for the service (and no PHI to send it).
 */
export function wantsComprehend(encounter: Encounter): boolean {
  if ((encounter.noteText ?? '').trim() === '') return false;
  return !encounter.diagnoses.some((source) => source.system === 'ICD-10-CM');
}

export async function askComprehend(infer: InferIcd10Cm, noteText: string): Promise<ComprehendAnswer> {
  try {
    return await infer(noteText);
  } catch {
    // The error may quote the note: only the fact of the failure goes on.
    return { kind: 'unavailable', why: 'failed' };
  }
}

const UNAVAILABLE: Record<ComprehendUnavailable, string> = {
  throttled: 'it throttled the request',
  failed: 'the call failed',
  timed_out: 'it did not answer in time',
  too_long: 'the note is longer than the configured comprehendMedical.maxCharacters',
  cooling_off: 'it throttled or timed out moments ago and is being left alone',
};

/** Said to the reviewer of a visit that goes to review anyway: its codes are our coder's alone. */
export function unavailableReason(why: ComprehendUnavailable): ReviewReason {
  return {
    category: 'low_confidence_coding',
    field: 'noteText',
    message: `Amazon Comprehend Medical was not consulted (${UNAVAILABLE[why]}): the diagnoses are ClaimFlow's own coder's alone`,
  };
}
