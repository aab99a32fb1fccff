/**
 * A 999 to the claims it affects. A 999 acknowledges one functional group we sent (AK1: GS06) and reports on each
 * transaction set in it (AK2: ST02). Only the control numbers recorded at submission say which claims each set
 * carried, so they are an input. A rejected set (IK5 R/M/W/X), or a rejected group that does not report its sets
 * (AK9 R), sends every claim in it to REJECTED: a file-level rejection owned by the biller, with the IK3/IK4
 * reasons (the claim a CTX*CLM01 names is told its own error; the other claims in the set that they went down with
 * it). Accepted sets change no status but are kept in the claim's history.
 */

import type {
  ElementError,
  ImplementationAcknowledgment,
  SegmentError,
  TransactionSetResponse,
} from '#core/x12/999/implementation-acknowledgment';
import { type ClassificationLike, classifySyntaxError } from './syntax-error-details.ts';

/** What we recorded when we sent a functional group (the integration keeps these with each submission). */
export interface SubmittedGroup {
  /** GS06 of the group we sent. */
  groupControlNumber: string;
  /** GS01 (HC for 837). */
  functionalId: string;
  transactions: { controlNumber: string; claimIds: string[] }[];
}

export type SyntaxVerdict = 'accepted' | 'accepted_with_errors' | 'rejected';

export interface SyntaxErrorDetail {
  segmentId: string;
  segmentPosition: number;
  loopId?: string;
  /** The CLM01 a CTX segment names, when the 999 says which claim the error is in. */
  claimId?: string;
  segmentError: ClassificationLike;
  elementErrors: { elementPosition: number; referenceNumber?: string; badValue?: string; error: ClassificationLike }[];
  /** "segment 22 (CLM, loop 2300): element 1: Invalid code value". */
  message: string;
}

export interface ClaimSyntaxDecision {
  /** Stable for the same 999 content: delivered twice, it is the same event. */
  eventKey: string;
  claimId: string;
  groupControlNumber: string;
  transactionControlNumber: string;
  verdict: SyntaxVerdict;
  claimStatus?: 'REJECTED';
  owner: 'BILLER' | 'NONE';
  category: string;
  reason: string;
  errors: SyntaxErrorDetail[];
}

export interface ImplementationAcknowledgmentPlan {
  groupControlNumber: string;
  groupStatus: string;
  decisions: ClaimSyntaxDecision[];
  /** AK2 control numbers we have no record of sending in this group. */
  unknownTransactions: string[];
  /** Set when the group itself is not one we recorded: nobody can tell which claims it means. */
  workItem?: { category: 'unmatched_acknowledgment'; owner: 'BILLER'; reason: string };
}

const REJECTED = new Set(['R', 'M', 'W', 'X']);

export function planImplementationAcknowledgment(
  ack: ImplementationAcknowledgment,
  findGroup: (groupControlNumber: string) => SubmittedGroup | undefined,
): ImplementationAcknowledgmentPlan {
  const groupControlNumber = ack.acknowledgedGroup.controlNumber;
  const groupStatus = ack.groupResponse.status;
  const group = findGroup(groupControlNumber);
  if (!group) {
    return {
      groupControlNumber,
      groupStatus,
      decisions: [],
      unknownTransactions: ack.transactionResponses.map((r) => r.controlNumber),
      workItem: {
        category: 'unmatched_acknowledgment',
        owner: 'BILLER',
        reason: `999 for functional group ${groupControlNumber} (${ack.groupResponse.statusDescription}), which ClaimFlow has no record of sending: check the clearinghouse account and the submission log.`,
      },
    };
  }
  const responses = new Map(ack.transactionResponses.map((r) => [r.controlNumber, r]));
  const sent = new Set(group.transactions.map((t) => t.controlNumber));
  const decisions: ClaimSyntaxDecision[] = [];
  for (const transaction of group.transactions) {
    const response = responses.get(transaction.controlNumber);
    const verdict = verdictOf(response, groupStatus);
    const errors = (response?.segmentErrors ?? []).map(detail);
    for (const claimId of transaction.claimIds) {
      const base = {
        eventKey: `999|${group.functionalId}|${groupControlNumber}|${transaction.controlNumber}|${claimId}|${verdict}`,
        claimId,
        groupControlNumber,
        transactionControlNumber: transaction.controlNumber,
        verdict,
        errors,
      };
      if (verdict !== 'rejected') {
        decisions.push({
          ...base,
          owner: 'NONE',
          category: 'accepted',
          reason:
            verdict === 'accepted'
              ? `Syntax accepted by the clearinghouse (999, group ${groupControlNumber}, set ${transaction.controlNumber}).`
              : `Syntax accepted with errors noted (999, group ${groupControlNumber}, set ${transaction.controlNumber}): ${errors[0]?.message ?? 'see the acknowledgment'}.`,
        });
        continue;
      }
      const own = errors.filter((error) => error.claimId === claimId);
      const deciding = own[0] ?? errors[0];
      const classification = deciding
        ? (deciding.elementErrors[0]?.error ?? deciding.segmentError)
        : rejectionCodeClassification(response, ack.groupResponse.errorCodes);
      const where =
        own.length > 0
          ? `${own.map((error) => error.message).join('; ')}`
          : deciding
            ? `rejected with its transaction set because of another claim's error (${deciding.message})`
            : classification.description;
      decisions.push({
        ...base,
        claimStatus: 'REJECTED',
        owner: 'BILLER',
        category: classification.category,
        reason: `Rejected by the clearinghouse (999, group ${groupControlNumber}, set ${transaction.controlNumber}): ${where}. ${classification.action}`,
      });
    }
  }
  return {
    groupControlNumber,
    groupStatus,
    decisions,
    unknownTransactions: ack.transactionResponses.map((r) => r.controlNumber).filter((n) => !sent.has(n)),
  };
}

function verdictOf(response: TransactionSetResponse | undefined, groupStatus: string): SyntaxVerdict {
  if (response) {
    if (REJECTED.has(response.status)) return 'rejected';
    return response.status === 'E' ? 'accepted_with_errors' : 'accepted';
  }
  // A set the 999 does not report on shares the group's verdict: rejected only when the whole group is.
  return REJECTED.has(groupStatus) ? 'rejected' : 'accepted';
}

function rejectionCodeClassification(
  response: TransactionSetResponse | undefined,
  groupErrorCodes: string[],
): ClassificationLike {
  const transactionCode = response?.errorCodes[0];
  if (transactionCode) return classifySyntaxError('transaction', transactionCode);
  const groupCode = groupErrorCodes[0];
  if (groupCode) return classifySyntaxError('group', groupCode);
  return classifySyntaxError('transaction', '5');
}

function detail(error: SegmentError): SyntaxErrorDetail {
  const claimId = [error, ...error.elementErrors]
    .flatMap((owner) => owner.contexts)
    .find((context) => context.name === 'CLM01')?.reference;
  const segmentError = classifySyntaxError('segment', error.errorCode);
  const elementErrors = error.elementErrors.map((element: ElementError) => ({
    elementPosition: element.elementPosition,
    ...(element.referenceNumber ? { referenceNumber: element.referenceNumber } : {}),
    ...(element.badValue ? { badValue: element.badValue } : {}),
    error: classifySyntaxError('element', element.errorCode),
  }));
  const where = `segment ${error.segmentPosition} (${error.segmentId}${error.loopId ? `, loop ${error.loopId}` : ''})`;
  const what =
    elementErrors.length > 0
      ? elementErrors
          .map((e) => `${error.segmentId}${String(e.elementPosition).padStart(2, '0')}: ${e.error.description}`)
          .join(', ')
      : segmentError.description;
  return {
    segmentId: error.segmentId,
    segmentPosition: error.segmentPosition,
    ...(error.loopId ? { loopId: error.loopId } : {}),
    ...(claimId ? { claimId } : {}),
    segmentError,
    elementErrors,
    message: `${where}: ${what}`,
  };
}
