/** Reads a 999 transaction set into a typed ImplementationAcknowledgment. */
import type { Transaction } from '../envelope.ts';
import { elementError, required } from '../fields.ts';
import type { Segment } from '../segment.ts';
import { makeIssue, X12Error, type X12Issue } from '../x12-error.ts';
import { groupContradictions } from './group-consistency.ts';
import {
  type ElementError,
  type ErrorContext,
  GROUP_STATUS_DESCRIPTIONS,
  type GroupResponse,
  type ImplementationAcknowledgment,
  type SegmentError,
  TRANSACTION_STATUS_DESCRIPTIONS,
  type TransactionSetResponse,
} from './implementation-acknowledgment.ts';

export interface Parse999Options {
  /** Report a transaction set response without its IK5 as an issue (keeping the response) instead of throwing. */
  lenient?: boolean;
}

/**
 * Strict (default) throws an X12Error for a structural problem; lenient keeps what it can and reports it in
 * `issues`. An AK9 that contradicts its IK5s is reported in `issues` in both modes.
 */
export function parse999(transaction: Transaction, options: Parse999Options = {}): ImplementationAcknowledgment {
  if (transaction.setId !== '999') {
    throw new X12Error(
      'WRONG_SET',
      `expected a 999 transaction set, found ST01 "${transaction.setId}"`,
      transaction.header,
    );
  }
  let acknowledgedGroup: ImplementationAcknowledgment['acknowledgedGroup'] | undefined;
  let groupResponse: GroupResponse | undefined;
  const responses: TransactionSetResponse[] = [];
  let response: TransactionSetResponse | undefined;
  let responseHeader: Segment | undefined;
  let segmentError: SegmentError | undefined;
  let elementErrorInProgress: ElementError | undefined;
  let ak9: Segment | undefined;
  const issues: X12Issue[] = [];
  /** An AK2 whose IK5 never came: an error in strict mode; lenient keeps the response with an unknown verdict. */
  const closeWithoutIk5 = (open: TransactionSetResponse, header: Segment) => {
    const issue = makeIssue(
      'IK5_MISSING',
      `AK2 for ST02 "${open.controlNumber}" has no IK5 (transaction set response trailer)`,
      header,
    );
    if (!options.lenient) throw X12Error.fromIssue(issue);
    issues.push(issue);
    open.statusDescription = 'unknown: the AK2 has no IK5';
    responses.push(open);
  };

  /** A second AK1 or AK9: strict refuses it; lenient keeps the first and reports the second. */
  const repeated = (segment: Segment, firstPosition: number, what: string) => {
    const issue = makeIssue(
      'DUPLICATE_SEGMENT',
      `a second ${what} in one 999 (the first is segment ${firstPosition}); the first is kept`,
      segment,
    );
    if (!options.lenient) throw X12Error.fromIssue(issue);
    issues.push(issue);
  };

  const segments = transaction.segments;
  for (let i = 1; i < segments.length - 1; i++) {
    const segment = segments[i] as Segment;
    switch (segment.id) {
      case 'AK1':
        if (acknowledgedGroup) {
          repeated(segment, acknowledgedGroup.position, 'functional group response header (AK1)');
          break;
        }
        acknowledgedGroup = {
          position: segment.position,
          functionalId: required(segment, 1, 'functional identifier code'),
          controlNumber: required(segment, 2, 'group control number'),
          version: segment.optional(3),
        };
        break;
      case 'AK2':
        if (response && responseHeader) closeWithoutIk5(response, responseHeader);
        response = {
          position: segment.position,
          setId: required(segment, 1, 'transaction set identifier code'),
          controlNumber: required(segment, 2, 'transaction set control number'),
          implementationGuide: segment.optional(3),
          segmentErrors: [],
          status: '',
          statusDescription: '',
          errorCodes: [],
        };
        responseHeader = segment;
        segmentError = undefined;
        elementErrorInProgress = undefined;
        break;
      case 'IK3':
        segmentError = {
          position: segment.position,
          segmentId: required(segment, 1, 'segment id code'),
          segmentPosition: integerAt(segment, 2),
          loopId: segment.optional(3),
          errorCode: required(segment, 4, 'implementation segment syntax error code'),
          contexts: [],
          elementErrors: [],
        };
        elementErrorInProgress = undefined;
        inResponse(response, segment).segmentErrors.push(segmentError);
        break;
      case 'CTX': {
        const context = readContext(segment);
        const owner = elementErrorInProgress ?? segmentError;
        if (!owner) throw new X12Error('CTX_CONTEXT', 'CTX must follow an IK3 or IK4', segment);
        owner.contexts.push(context);
        break;
      }
      case 'IK4': {
        if (!segmentError) throw new X12Error('IK4_CONTEXT', 'IK4 must follow the IK3 of its segment', segment);
        const [elementPosition = '', componentPosition, repeat] = segment.components(1);
        elementErrorInProgress = {
          position: segment.position,
          elementPosition: integerValue(segment, 1, elementPosition),
          componentPosition: componentPosition ? integerValue(segment, 1, componentPosition) : undefined,
          repeat: repeat ? integerValue(segment, 1, repeat) : undefined,
          referenceNumber: segment.optional(2),
          errorCode: required(segment, 3, 'implementation data element syntax error code'),
          badValue: segment.optional(4),
          contexts: [],
        };
        segmentError.elementErrors.push(elementErrorInProgress);
        break;
      }
      case 'IK5': {
        const current = inResponse(response, segment);
        current.status = required(segment, 1, 'transaction set acknowledgment code');
        current.statusDescription = describe(TRANSACTION_STATUS_DESCRIPTIONS, segment, 1);
        current.errorCodes = [2, 3, 4, 5, 6].map((n) => segment.element(n)).filter((code) => code !== '');
        responses.push(current);
        response = undefined;
        segmentError = undefined;
        elementErrorInProgress = undefined;
        break;
      }
      case 'AK9':
        if (response && responseHeader) closeWithoutIk5(response, responseHeader);
        response = undefined;
        if (groupResponse) {
          repeated(segment, groupResponse.position, 'functional group response trailer (AK9)');
          break;
        }
        ak9 = segment;
        groupResponse = {
          position: segment.position,
          status: required(segment, 1, 'functional group acknowledge code'),
          statusDescription: describe(GROUP_STATUS_DESCRIPTIONS, segment, 1),
          transactionSetsIncluded: integerAt(segment, 2),
          transactionSetsReceived: integerAt(segment, 3),
          transactionSetsAccepted: integerAt(segment, 4),
          errorCodes: [5, 6, 7, 8, 9].map((n) => segment.element(n)).filter((code) => code !== ''),
        };
        break;
      default:
        throw new X12Error(
          'UNEXPECTED_SEGMENT',
          `${segment.id} is not a 999 segment (expected AK1, AK2, IK3, CTX, IK4, IK5 or AK9)`,
          segment,
        );
    }
  }
  if (response && responseHeader) closeWithoutIk5(response, responseHeader);
  if (!acknowledgedGroup)
    throw new X12Error('AK1_MISSING', 'the 999 has no AK1 (functional group response header)', transaction.header);
  if (!groupResponse)
    throw new X12Error('AK9_MISSING', 'the 999 has no AK9 (functional group response trailer)', transaction.header);
  if (ak9) issues.push(...groupContradictions(groupResponse, responses, ak9));
  return {
    controlNumber: transaction.controlNumber,
    implementationGuide: transaction.implementationGuide,
    acknowledgedGroup,
    transactionResponses: responses,
    groupResponse,
    issues,
  };
}

function inResponse(response: TransactionSetResponse | undefined, segment: Segment): TransactionSetResponse {
  if (!response)
    throw new X12Error('AK2_MISSING', `${segment.id} must follow an AK2 (transaction set response header)`, segment);
  return response;
}

function readContext(ctx: Segment): ErrorContext {
  const [name = '', reference] = ctx.components(1);
  return {
    name,
    reference,
    segmentId: ctx.optional(2),
    segmentPosition: ctx.optional(3) === undefined ? undefined : integerAt(ctx, 3),
    loopId: ctx.optional(4),
    elementPosition: ctx.optional(5),
    elementReference: ctx.optional(6),
  };
}

function integerAt(segment: Segment, n: number): number {
  return integerValue(segment, n, required(segment, n, 'number'));
}

function integerValue(segment: Segment, n: number, value: string): number {
  if (!/^\d+$/.test(value)) throw elementError(segment, n, 'NUMBER', 'must be a whole number');
  return Number(value);
}

function describe(table: Readonly<Record<string, string>>, segment: Segment, n: number): string {
  const description = table[segment.element(n)];
  if (!description) throw elementError(segment, n, 'CODE', `must be one of ${Object.keys(table).join(', ')}`);
  return description;
}
