/** The typed 999 implementation acknowledgment (005010X231A1): the syntax verdict on one functional group. */
import type { X12Issue } from '../x12-error.ts';

export interface ImplementationAcknowledgment {
  /** ST02. */
  controlNumber: string;
  implementationGuide: string | undefined;
  /** AK1: the functional group being acknowledged. */
  acknowledgedGroup: { functionalId: string; controlNumber: string; version?: string; position: number };
  transactionResponses: TransactionSetResponse[];
  /** AK9: the verdict on the whole group. */
  groupResponse: GroupResponse;
  /**
   * Problems with the acknowledgment itself: an AK9 that contradicts its IK5s (any mode), and in lenient mode an
   * AK2 without its IK5 (that response is kept, with status "").
   */
  issues: X12Issue[];
}

export interface TransactionSetResponse {
  position: number;
  /** AK201, e.g. "837". */
  setId: string;
  /** AK202: the ST02 of the acknowledged transaction set. */
  controlNumber: string;
  implementationGuide?: string;
  segmentErrors: SegmentError[];
  /** IK501 ("" when a lenient read found no IK5): A accepted, E accepted with errors, M rejected (MAC failed), R rejected, W rejected (assurance failed), X rejected (content undecryptable). */
  status: string;
  statusDescription: string;
  /** IK502-IK506 implementation transaction set syntax error codes. */
  errorCodes: string[];
}

export interface SegmentError {
  position: number;
  /** IK301 id of the segment in error. */
  segmentId: string;
  /** IK302 its position in the acknowledged transaction set (ST = 1). */
  segmentPosition: number;
  /** IK303 loop identifier. */
  loopId?: string;
  /** IK304 implementation segment syntax error code (e.g. 8 segment has data element errors, I4 not used). */
  errorCode: string;
  /** CTX business unit (e.g. CLM01) and situational trigger contexts. */
  contexts: ErrorContext[];
  elementErrors: ElementError[];
}

export interface ElementError {
  position: number;
  /** IK401-1 element position in the segment. */
  elementPosition: number;
  /** IK401-2 component position within a composite. */
  componentPosition?: number;
  /** IK401-3 repeat number. */
  repeat?: number;
  /** IK402 data element reference number. */
  referenceNumber?: string;
  /** IK403 implementation data element syntax error code (1 required missing, 7 invalid code value, ...). */
  errorCode: string;
  /** IK404 copy of the bad data element. */
  badValue?: string;
  contexts: ErrorContext[];
}

export interface ErrorContext {
  /** CTX01-1: "SITUATIONAL TRIGGER" or a business unit name such as "CLM01". */
  name: string;
  /** CTX01-2: the business unit value (e.g. the claim's CLM01). */
  reference?: string;
  segmentId?: string;
  segmentPosition?: number;
  loopId?: string;
  elementPosition?: string;
  elementReference?: string;
}

export interface GroupResponse {
  /** Position of the AK9 segment. */
  position: number;
  /** AK901: A accepted, E accepted with errors, P partially accepted, R rejected, M, W, X. */
  status: string;
  statusDescription: string;
  transactionSetsIncluded: number;
  transactionSetsReceived: number;
  transactionSetsAccepted: number;
  /** AK905-AK909 functional group syntax error codes. */
  errorCodes: string[];
}

export const TRANSACTION_STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  A: 'accepted',
  E: 'accepted but errors were noted',
  M: 'rejected, message authentication code (MAC) failed',
  R: 'rejected',
  W: 'rejected, assurance failed validity tests',
  X: 'rejected, content after decryption could not be analyzed',
};

export const GROUP_STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ...TRANSACTION_STATUS_DESCRIPTIONS,
  P: 'partially accepted, at least one transaction set was rejected',
};
