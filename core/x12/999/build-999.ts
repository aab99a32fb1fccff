/**
 * Builds the 999 implementation acknowledgment (005010X231A1) of one received functional group: per transaction
 * set an AK2, its segment errors (IK3, with the claim as business context and IK4 element errors) and the verdict
 * (IK5), then the group verdict (AK9). Verdicts are derived from the errors, never passed in, so an acknowledgment
 * cannot say "accepted" about a transaction it lists errors for.
 */

import type { SegmentElements } from '../837p/segment-writer.ts';
import { characterProblem } from '../837p/x12-text.ts';
import { type BuiltInterchange, buildInterchange, type InterchangeEnvelope } from '../build-interchange.ts';

export const IMPLEMENTATION_GUIDE_999 = '005010X231A1';

export interface ElementErrorInput {
  /** Position of the element in its segment (IK401-1). */
  elementPosition: number;
  componentPosition?: number;
  repeat?: number;
  /** X12 data element reference number (IK402), e.g. "67" for NM109. */
  referenceNumber?: string;
  /** IK403: 1 required missing, 2 conditional missing, 4 too short, 5 too long, 6 invalid character, 7 invalid code value, 8 invalid date... */
  errorCode: string;
  /** IK404 copy of the bad value (left out when it cannot be written, e.g. it holds a delimiter). */
  badValue?: string;
}

export interface SegmentErrorInput {
  segmentId: string;
  /** Position in the transaction set, ST = 1 (IK302). */
  segmentPosition: number;
  /** Loop id (IK303), e.g. "2010BA"; IK303 holds at most 4 characters, so only the loop number ("2010") is sent. */
  loopId?: string;
  /** IK304: 1 unrecognized segment, 2 unexpected, 3 required missing, 4 loop occurs over maximum, 5 segment exceeds maximum use, 8 has data element errors, I4 not used... */
  errorCode: string;
  /** CLM01 of the claim the segment belongs to, written as CTX*CLM01 business unit context. */
  claimId?: string;
  elementErrors?: ElementErrorInput[];
}

export interface AcknowledgedTransactionInput {
  /** AK201, e.g. "837". */
  setId: string;
  /** AK202: the received ST02. */
  controlNumber: string;
  implementationGuide?: string;
  segmentErrors: SegmentErrorInput[];
  /** IK502..IK506 transaction-level syntax errors (e.g. "5" one or more segments in error is added by default). */
  transactionErrors?: string[];
}

export interface Acknowledgment999Input {
  /** AK1: the received group (GS01, GS06, GS08). */
  group: { functionalId: string; controlNumber: string; version?: string };
  transactions: AcknowledgedTransactionInput[];
}

/** IK502 "one or more segments in error". */
const SEGMENTS_IN_ERROR = '5';

/** A transaction set is rejected when it has any segment or transaction-level error. */
export function transactionRejected(transaction: AcknowledgedTransactionInput): boolean {
  return transaction.segmentErrors.length > 0 || (transaction.transactionErrors?.length ?? 0) > 0;
}

/** AK901: A all accepted, R all rejected, P some rejected. */
export function groupVerdict(transactions: readonly AcknowledgedTransactionInput[]): 'A' | 'P' | 'R' {
  const rejected = transactions.filter(transactionRejected).length;
  if (rejected === 0) return 'A';
  return rejected === transactions.length ? 'R' : 'P';
}

/** The segments between ST and SE. */
export function acknowledgment999Segments(input: Acknowledgment999Input): SegmentElements[] {
  if (input.transactions.length === 0) throw new Error('a 999 acknowledges at least one transaction set');
  const segments: SegmentElements[] = [
    ['AK1', input.group.functionalId, input.group.controlNumber, input.group.version],
  ];
  for (const transaction of input.transactions) {
    segments.push(['AK2', transaction.setId, transaction.controlNumber, transaction.implementationGuide]);
    for (const error of transaction.segmentErrors) {
      segments.push([
        'IK3',
        error.segmentId,
        String(error.segmentPosition),
        error.loopId?.slice(0, 4),
        error.errorCode,
      ]);
      if (error.claimId !== undefined && !characterProblem(error.claimId)) {
        segments.push(['CTX', `CLM01:${error.claimId}`]);
      }
      for (const element of error.elementErrors ?? []) {
        const position = [element.elementPosition, element.componentPosition, element.repeat]
          .map((n) => (n === undefined ? '' : String(n)))
          .join(':')
          .replace(/:+$/, '');
        const bad =
          element.badValue !== undefined && element.badValue !== '' && !characterProblem(element.badValue)
            ? element.badValue.slice(0, 99)
            : undefined;
        segments.push(['IK4', position, element.referenceNumber, element.errorCode, bad]);
      }
    }
    if (transactionRejected(transaction)) {
      const codes = transaction.transactionErrors?.length
        ? transaction.transactionErrors.slice(0, 5)
        : [SEGMENTS_IN_ERROR];
      segments.push(['IK5', 'R', ...codes]);
    } else {
      segments.push(['IK5', 'A']);
    }
  }
  const included = input.transactions.length;
  const accepted = input.transactions.filter((t) => !transactionRejected(t)).length;
  segments.push(['AK9', groupVerdict(input.transactions), String(included), String(included), String(accepted)]);
  return segments;
}

/** One interchange holding the 999 of one functional group. */
export function build999(input: Acknowledgment999Input, envelope: InterchangeEnvelope): BuiltInterchange {
  return buildInterchange(
    envelope,
    { functionalId: 'FA', setId: '999', implementationGuide: IMPLEMENTATION_GUIDE_999, guideInTransactionHeader: true },
    [acknowledgment999Segments(input)],
  );
}
