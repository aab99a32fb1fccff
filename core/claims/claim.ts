/**
 * The claim: what is billed, where it stands, and the event that brought it there. Built from a CodedEncounter;
 * serialized to the 837P by core/x12; moved between states only through the state machine in core/claims. The full
 * history is a list of ClaimEvent items the claim store keeps beside the claim (a claim collects acknowledgments,
 * remittances and corrections over years; one item holding them all would reach DynamoDB's 400 KB limit).
 */
import type { CodedDiagnosis, ReviewReason, ServiceLine } from '#core/coding/coded-encounter';
import type { DocumentRef, Patient, PayerRef, ProviderRef, Subscriber } from '#core/documents/encounter';
import type { Cents } from '#core/kernel/money';
import type { ClaimIndicators, DrugIdentification, PostalAddress, ServiceFacility } from '#core/x12/837p/claim-837p';
import type { Finding } from './finding.ts';

export const CLAIM_STATUSES = [
  'CODED',
  'NEEDS_REVIEW',
  'READY',
  'QUEUED',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'PAID',
  'PARTIALLY_PAID',
  'DENIED',
  'PAID_INCORRECTLY',
  'CLOSED',
  'REVERSED',
  'CORRECTED',
  'VOIDED',
] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export type NextActionOwner = 'CODER' | 'BILLER' | 'PAYER' | 'PATIENT' | 'NONE';

/** 1 original, 7 replacement of a prior claim, 8 void of a prior claim (CLM05-3). */
export type ClaimFrequency = '1' | '7' | '8';

/** One transition in a claim's life; `version` is the claim version it produced (1 for creation). */
export interface ClaimEvent {
  version: number;
  at: string;
  from?: ClaimStatus;
  to: ClaimStatus;
  reason?: string;
  actor: string;
  /** The operator action that made the change (core/operations); absent for pipeline steps. */
  action?: ClaimAction;
  /** An operator's note, kept with the event (in the encrypted domain table, never in logs). */
  note?: string;
}

/** What an operator did to a claim (core/operations); an event with `from === to` changed no status. */
export type ClaimAction = 'approve' | 'edit' | 'void' | 'assign' | 'note' | 'write_off' | 'supersede' | 'correct';

/**
 * How two claims of one visit relate: a later document replaced an unsubmitted claim (`superseded`), a corrected
 * claim replaces an adjudicated one (`replacement`, frequency 7), a void cancels it (`void`, frequency 8), or a claim
 * rejected before adjudication goes out again as a new original (`resubmission`, frequency 1).
 */
export type ClaimLinkKind = 'superseded' | 'replacement' | 'void' | 'resubmission';

export interface ClaimLink {
  claimId: string;
  kind: ClaimLinkKind;
}

/**
 * One of the claims a visit was split into because it has more service lines than its payer takes on one claim
 * (core/claims/split-claim). The parts are billed as separate claims but stand for one visit: the first part holds
 * the visit's identities for the set (core/pipeline/replace-earlier-claim), and a part is never a duplicate of its
 * siblings.
 */
export interface ClaimSplit {
  /** The id the visit's claim would have had unsplit (each part's id derives from it). */
  visitClaimId: string;
  /** Every part's claim id, in part order. */
  claimIds: string[];
  /** This claim's place in `claimIds`, 1-based. */
  part: number;
}

/** A balance given up on, with who decided and why. */
export interface ClaimWriteOff {
  reason: string;
  actor: string;
  at: string;
  /** The balance written off, when the operator stated it. */
  amountCents?: Cents;
}

export interface Claim {
  /** Patient control number, also CLM01: at most 20 characters (X12 element length). */
  id: string;
  /** The ledger entry of the document the claim was made from. */
  documentId: string;
  /** The practice billing it (the configured billing provider's id), which scopes work queues. */
  practiceId: string;
  encounter: DocumentRef;
  frequency: ClaimFrequency;
  /** Payer's claim control number of the claim being replaced or voided (REF*F8), for frequency 7 and 8. */
  originalClaimNumber?: string;
  status: ClaimStatus;
  owner: NextActionOwner;
  reasonCategory?: string;
  patient: Patient;
  subscriber: Subscriber;
  payer: PayerRef;
  billingProvider: ProviderRef;
  renderingProvider?: ProviderRef;
  referringProvider?: ProviderRef;
  placeOfService: string;
  priorAuthorization?: string;
  diagnoses: CodedDiagnosis[];
  /**
   * Each line carries a line item control number (REF*6R) so the 835 can pay line by line, and the last date of a
   * service spanning several days.
   */
  lines: (ServiceLine & { controlNumber: string; serviceDateEnd?: string; drug?: DrugIdentification })[];
  /**
   * Practice settings the 837P carries, from the configuration (core/scrubbing/practice-claim-settings): the
   * billing provider's pay-to address (2010AB), where care was given when it is not the billing address (2310C), the
   * CLIA number of a claim with laboratory services (REF*X4), and the signature/assignment/release indicators
   * (CLM06-CLM09).
   */
  payToAddress?: PostalAddress;
  serviceFacility?: ServiceFacility;
  clia?: string;
  indicators?: ClaimIndicators;
  totalChargeCents: Cents;
  findings: Finding[];
  version: number;
  /** The transition that produced this version (the store also keeps it as a history item). */
  lastEvent: ClaimEvent;
  /**
   * When the claim entered its current status: set by every status change (state-machine), kept by changes that keep
   * the status (a note, an assignment, an edit). Absent on a claim never moved: its creation event is the time.
   * Deadlines ("submitted 6 days ago") and the stores' status index count from it (see statusSinceOf).
   */
  statusSince?: string;
  /**
   * When the submission message for the QUEUED version was sent. Absent on a QUEUED claim: the message may not have
   * gone out yet (a crash between saving QUEUED and sending), so the pipeline or the reconciler sends it.
   */
  queuedMessageSentAt?: string;
  /** What was sent to the clearinghouse, set when the claim becomes SUBMITTED (core/submission). */
  submission?: ClaimSubmission;
  /** The payer's claim number (277CA REF*1K, 835 CLP07): what a replacement or void names in REF*F8. */
  payerClaimNumber?: string;
  /** Why the coder flagged the claim for review, as the coder said it (shown by `claims show`). */
  reviewReasons?: ReviewReason[];
  /** The person working the claim (`claims assign --to`), within its owner's queue. */
  assignee?: string;
  /** Set when the visit was split into several claims by the payer's line limit. */
  split?: ClaimSplit;
  /** The claim this one replaces, voids, supersedes or resubmits. */
  replaces?: ClaimLink;
  /** The claim that replaced, voided, superseded or resubmitted this one. */
  replacedBy?: ClaimLink;
  writeOff?: ClaimWriteOff;
  /** What the clearinghouse's and payer's responses did to the claim (core/responses applyResponseFile). */
  responses?: ClaimResponseState;
}

/**
 * The responses applied to a claim: which history entries of the replay (core/remittance replayResponses) are
 * already in the claim's history, which issues were raised, and the money. Ids and amounts only.
 */
export interface ClaimResponseState {
  /** `<event key>#<entry type>` of every replay entry already applied or recorded. */
  appliedEntries: string[];
  /** Issues raised for a person (illegal transitions, conflicting duplicates...), by id. */
  raisedIssues: string[];
  /** Payments minus reversals posted to the claim. */
  netPaidCents: Cents;
  paymentCount: number;
}

/** The evidence of a claim's submission: ids and numbers only, never PHI. */
export interface ClaimSubmission {
  /** `<sender>:<ISA13>`, the interchange record of the submission outbox. */
  interchangeId: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  transactionControlNumber: string;
  /** REF*6R of each line, in line order (the 835 pays line by line against them). */
  lineControlNumbers: string[];
  /** The connector's name and the clearinghouse's id for the submission. */
  clearinghouse: string;
  submissionId: string;
  idempotencyKey: string;
  /** Where the 837P interchange is archived exactly as sent. */
  archiveKey: string;
  /** When the clearinghouse received it (its receipt). */
  submittedAt: string;
}

/** A claim built before any practice could be attributed (offline CLI use); never queued. */
export const UNASSIGNED_PRACTICE = 'unassigned';
