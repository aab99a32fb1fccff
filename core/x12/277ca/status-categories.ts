/**
 * Health Care Claim Status Category Codes (X12 external code list 507), the STC01-1 / STC10-1 / STC11-1 of a
 * 277CA. Each category says in which family the status falls (acknowledgment, data reporting, pending,
 * finalized, request for information, response not possible, search) and what it means for the claim we sent:
 * received only, accepted into adjudication, rejected (must be corrected and sent again as a new claim),
 * retry later, pending, information requested, or finalized. Meanings are in our own words.
 *
 * The list is a closed enumeration of the standard, so it is a type here; core/denials keeps the owner and
 * next action of each code as data, and a test checks that the two lists agree code for code.
 */

export type StatusCategoryFamily =
  | 'acknowledgment'
  | 'data_reporting'
  | 'response_not_possible'
  | 'search'
  | 'pending'
  | 'finalized'
  | 'request';

/** What a category means for the claim it is about. */
export type StatusCategoryOutcome =
  | 'received'
  | 'accepted'
  | 'rejected'
  | 'retry_later'
  | 'pending'
  | 'information_requested'
  | 'finalized';

interface CategoryDefinition {
  family: StatusCategoryFamily;
  outcome: StatusCategoryOutcome;
  meaning: string;
}

const acknowledgment = (outcome: StatusCategoryOutcome, meaning: string): CategoryDefinition => ({
  family: 'acknowledgment',
  outcome,
  meaning,
});
const dataReporting = (outcome: StatusCategoryOutcome, meaning: string): CategoryDefinition => ({
  family: 'data_reporting',
  outcome,
  meaning,
});
const notPossible = (outcome: StatusCategoryOutcome, meaning: string): CategoryDefinition => ({
  family: 'response_not_possible',
  outcome,
  meaning,
});
const pending = (meaning: string, outcome: StatusCategoryOutcome = 'pending'): CategoryDefinition => ({
  family: 'pending',
  outcome,
  meaning,
});
const finalized = (meaning: string, outcome: StatusCategoryOutcome = 'finalized'): CategoryDefinition => ({
  family: 'finalized',
  outcome,
  meaning,
});
const request = (meaning: string): CategoryDefinition => ({
  family: 'request',
  outcome: 'information_requested',
  meaning,
});

export const CLAIM_STATUS_CATEGORIES = {
  A0: acknowledgment('received', 'forwarded to another entity'),
  A1: acknowledgment('received', 'received; not yet accepted for adjudication'),
  A2: acknowledgment('accepted', "accepted into the payer's adjudication system"),
  A3: acknowledgment('rejected', 'returned as unprocessable: rejected, never entered adjudication'),
  A4: acknowledgment('rejected', 'not found in the adjudication system'),
  A5: acknowledgment('accepted', 'split into several claims on acceptance into adjudication'),
  A6: acknowledgment('rejected', 'rejected for missing information'),
  A7: acknowledgment('rejected', 'rejected for invalid information'),
  A8: acknowledgment('rejected', 'rejected: related fields disagree'),
  DR01: dataReporting('received', 'data report (encounter) received'),
  DR02: dataReporting('accepted', 'data report accepted into the data reporting system'),
  DR03: dataReporting('rejected', 'data report returned as unprocessable'),
  DR04: dataReporting('rejected', 'data report not found'),
  DR05: dataReporting('rejected', 'data report rejected for missing information'),
  DR06: dataReporting('rejected', 'data report rejected for invalid information'),
  DR07: dataReporting('rejected', 'data report rejected: related fields disagree'),
  DR08: dataReporting('accepted', 'data report accepted with warnings: some data may be invalid'),
  D0: { family: 'search', outcome: 'rejected', meaning: 'search unsuccessful: no claim matches the data sent' },
  E0: notPossible('rejected', 'no response possible: error in the submitted data'),
  E1: notPossible('retry_later', "no response possible: the payer's system is unavailable"),
  E2: notPossible('retry_later', 'the information holder is not responding: resubmit later'),
  E3: notPossible('rejected', 'correction required: related fields disagree'),
  E4: notPossible('rejected', 'trading partner requirement not met: data correction required'),
  P0: pending('pending: adjudication details not given'),
  P1: pending('pending: in process'),
  P2: pending('pending: payer review'),
  P3: pending('pending: waiting for information requested from the provider', 'information_requested'),
  P4: pending('pending: waiting for information requested from the patient', 'information_requested'),
  P5: pending('pending: payer administrative or system hold'),
  F0: finalized('finalized: adjudication complete'),
  F1: finalized('finalized: paid'),
  F2: finalized('finalized: denied'),
  F3: finalized('finalized: adjudication revised'),
  F3F: finalized('finalized and forwarded to another payer'),
  F3N: finalized('finalized, not forwarded'),
  F4: finalized('finalized: adjudication complete, no payment forthcoming'),
  F5: finalized('finalized: cannot process', 'rejected'),
  R0: request('more information requested: general'),
  R1: request('more information requested about an entity'),
  R3: request('more information requested: claim or line data'),
  R4: request('more information requested: documentation'),
  R5: request('more specific detail requested'),
  R6: request('more information requested: regulatory requirements'),
  R7: request("confirmation requested that the care is consistent with the plan's policy"),
  R8: request('confirmation requested that the care is consistent with coverage exceptions'),
  R9: request('determination of medical necessity requested'),
  R10: request('information requested to support a grievance or appeal'),
  R11: request('information requested for pre-payment review'),
  R12: request('justification of the procedure code requested'),
  R13: request('documents received were not readable'),
  R14: request('documents received were not the ones requested'),
  R15: request("workers' compensation coverage determination requested"),
  R16: request('eligibility determination requested'),
} as const satisfies Record<string, CategoryDefinition>;

export type ClaimStatusCategoryCode = keyof typeof CLAIM_STATUS_CATEGORIES;

/** A category as read: a known code with its meaning, or a code outside the list (reported as a TR3 issue). */
export type ClaimStatusCategory =
  | ({ code: ClaimStatusCategoryCode; known: true } & CategoryDefinition)
  | { code: string; known: false; family: 'unknown'; outcome: 'unknown'; meaning: string };

export function claimStatusCategory(code: string): ClaimStatusCategory {
  if (Object.hasOwn(CLAIM_STATUS_CATEGORIES, code)) {
    const known = code as ClaimStatusCategoryCode;
    return { code: known, known: true, ...CLAIM_STATUS_CATEGORIES[known] };
  }
  return {
    code,
    known: false,
    family: 'unknown',
    outcome: 'unknown',
    meaning: 'not a claim status category code (code list 507)',
  };
}

/** Which outcome decides a claim that carries several: a rejection anywhere rejects it, and so on down. */
export const OUTCOME_PRECEDENCE = [
  'rejected',
  'retry_later',
  'information_requested',
  'finalized',
  'accepted',
  'pending',
  'received',
  'unknown',
] as const;
