/**
 * Member-id prefixes that choose an outcome, for demos and tests (documented in local/sandbox/README.md). A member
 * id starting with one of these (case-insensitive) gets the named outcome whatever the data says; any other member
 * id is adjudicated from the payer and member data.
 */
import type { StatusInput } from '#core/x12/277ca/build-277ca';

export type ForcedOutcome =
  | { stage: 'front-end'; code: string; message: string }
  | { stage: '999' }
  | { stage: '277ca'; status: StatusInput; message: string }
  | { stage: 'deny'; reason: DenialReason }
  | { stage: 'partial' }
  | { stage: 'underpay' }
  | { stage: 'reverse' }
  | { stage: 'recoup' }
  | { stage: 'interest' };

/** The CARCs the sandbox payer denies with. */
export type DenialReason = '4' | '16' | '18' | '27' | '29' | '50' | '96' | '97' | '109' | '197';

export const OUTCOME_PREFIXES: Readonly<Record<string, ForcedOutcome>> = {
  FE: {
    stage: 'front-end',
    code: 'FRONT_END_EDIT',
    message: 'the clearinghouse front-end edits refused the claim (demo prefix FE)',
  },
  X999: { stage: '999' },
  REJ33: {
    stage: '277ca',
    status: { category: 'A3', status: '33', entity: 'IL' },
    message: 'subscriber and subscriber id not found',
  },
  REJ454: {
    stage: '277ca',
    status: { category: 'A7', status: '454', entity: 'PR' },
    message: 'procedure code for services rendered is invalid',
  },
  REJ21: {
    stage: '277ca',
    status: { category: 'A6', status: '21', entity: 'IL' },
    message: 'missing or invalid information',
  },
  DN4: { stage: 'deny', reason: '4' },
  DN16: { stage: 'deny', reason: '16' },
  DN18: { stage: 'deny', reason: '18' },
  DN29: { stage: 'deny', reason: '29' },
  DN50: { stage: 'deny', reason: '50' },
  DN96: { stage: 'deny', reason: '96' },
  DN97: { stage: 'deny', reason: '97' },
  DN109: { stage: 'deny', reason: '109' },
  DN197: { stage: 'deny', reason: '197' },
  PART: { stage: 'partial' },
  UND: { stage: 'underpay' },
  REV: { stage: 'reverse' },
  RCP: { stage: 'recoup' },
  INT: { stage: 'interest' },
};

const BY_LENGTH = Object.keys(OUTCOME_PREFIXES).sort((a, b) => b.length - a.length);

/** The forced outcome of a member id, or undefined when the data decides. */
export function forcedOutcome(memberId: string): ForcedOutcome | undefined {
  const upper = memberId.toUpperCase();
  const prefix = BY_LENGTH.find((p) => upper.startsWith(p));
  return prefix === undefined ? undefined : OUTCOME_PREFIXES[prefix];
}

/** Remark codes (RARC, LQ*HE) sent with each denial, and what a biller reads. */
export const DENIALS: Readonly<Record<DenialReason, { remark?: string; description: string }>> = {
  '4': {
    remark: 'M78',
    description: 'the procedure code is inconsistent with the modifier, or a required modifier is missing',
  },
  '16': { remark: 'MA130', description: 'claim lacks information needed for adjudication' },
  '18': { remark: 'N111', description: 'exact duplicate claim/service' },
  '27': { remark: 'N30', description: 'expenses incurred after coverage terminated' },
  '29': { description: 'the time limit for filing has expired' },
  '50': { remark: 'N115', description: 'not deemed a medical necessity by the payer' },
  '96': { remark: 'N130', description: 'non-covered charge' },
  '97': { remark: 'M15', description: 'included in the allowance for another service (bundled)' },
  '109': { description: 'claim not covered by this payer; send it to the correct payer' },
  '197': { remark: 'M62', description: 'precertification/authorization absent' },
};
