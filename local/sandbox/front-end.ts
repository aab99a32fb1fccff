/**
 * The clearinghouse's intake: what it checks before a batch goes anywhere, and what it answers synchronously.
 * - The interchange must be readable X12 addressed to this clearinghouse (ISA08), with functional groups of claims
 *   (GS01 HC): otherwise the whole request is refused (HTTP 400) and nothing is kept.
 * - Each 837P transaction set is read with core/x12; syntax and structure faults (hierarchy, required loops) reject
 *   the transaction set in the 999 with IK3/IK4 naming the segment, and all its claims in the receipt.
 * - Claims in accepted sets go through the TR3 rules (core/x12 claim checks) and the clearinghouse's own edits (a
 *   payer it can route to): a failing claim is rejected in the receipt with every reason, the others go on.
 */
import type { ClaimRejection, FrontEndEdit } from '#core/clearinghouse/clearinghouse';
import { check837PClaims } from '#core/x12/837p/claim-checks';
import { type Read837PClaim, read837PTransaction } from '#core/x12/837p/reader-837p';
import type { AcknowledgedTransactionInput, SegmentErrorInput } from '#core/x12/999/build-999';
import { type Interchange, readX12, type Segment, type Transaction, X12Error, type X12Issue } from '#core/x12/reader';
import { forcedOutcome } from './outcome-prefixes.ts';
import type { SubmitterAddress } from './sandbox-state.ts';

export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestRefused';
  }
}

export interface AcceptedClaim {
  claim: Read837PClaim;
  payerId: string;
}

export interface IntakeResult {
  interchangeControlNumber: string;
  submitter: SubmitterAddress;
  batchReference: string;
  groups: {
    functionalId: string;
    controlNumber: string;
    version: string;
    transactions: AcknowledgedTransactionInput[];
  }[];
  accepted: AcceptedClaim[];
  rejected: ClaimRejection[];
}

export interface IntakeRules {
  /** ISA08 the clearinghouse answers to. */
  interchangeId: string;
  /** Payer ids it can route claims to. */
  payerIds: ReadonlySet<string>;
}

const GUIDE = '005010X222A1';

export function takeIn(text: string, rules: IntakeRules): IntakeResult {
  let interchange: Interchange;
  try {
    const document = readX12(text);
    if (document.interchanges.length !== 1 || document.bareTransactions.length > 0)
      throw new RequestRefused(
        400,
        'ENVELOPE_INVALID',
        `a submission must be exactly one ISA/IEA interchange, found ${document.interchanges.length}` +
          (document.bareTransactions.length > 0 ? ' and transaction sets outside any envelope' : ''),
      );
    interchange = document.interchanges[0] as Interchange;
  } catch (error) {
    if (error instanceof X12Error) throw new RequestRefused(400, 'ENVELOPE_INVALID', error.message);
    throw error;
  }
  if (interchange.receiverId.trim() !== rules.interchangeId)
    throw new RequestRefused(
      400,
      'WRONG_RECEIVER',
      `ISA08 "${interchange.receiverId.trim()}" is not this clearinghouse ("${rules.interchangeId}")`,
    );
  const wrongGroup = interchange.groups.find((g) => g.functionalId !== 'HC');
  if (wrongGroup)
    throw new RequestRefused(
      400,
      'NOT_CLAIMS',
      `GS01 "${wrongGroup.functionalId}" (group ${wrongGroup.controlNumber}): this endpoint accepts claims (HC) only`,
    );
  if (interchange.groups.every((g) => g.transactions.length === 0))
    throw new RequestRefused(400, 'ENVELOPE_INVALID', 'the interchange holds no transaction sets');

  const rejected: ClaimRejection[] = [];
  const candidates: Read837PClaim[] = [];
  const groups: IntakeResult['groups'] = [];
  let submitterName = '';
  let submitterEtin = '';
  let batchReference = '';
  for (const group of interchange.groups) {
    const acknowledged: AcknowledgedTransactionInput[] = [];
    for (const transaction of group.transactions) {
      const { errors, claims, submitter } = readTransaction(interchange, group, transaction);
      if (submitter && !submitterEtin) {
        submitterName = submitter.name;
        submitterEtin = submitter.id;
      }
      if (!batchReference) batchReference = bht03(transaction);
      acknowledged.push({
        setId: transaction.setId,
        controlNumber: transaction.controlNumber,
        implementationGuide: transaction.implementationGuide,
        segmentErrors: errors,
      });
      if (errors.length > 0) {
        for (const claim of claims) {
          rejected.push({
            claimId: claim.id,
            reasons: [
              {
                code: '999_REJECTED',
                message: `transaction set ${transaction.controlNumber} was rejected for syntax (see its 999): ${errors
                  .slice(0, 3)
                  .map((e) => `${e.segmentId} at ${e.segmentPosition}`)
                  .join(', ')}`,
              },
            ],
          });
        }
      } else {
        candidates.push(...claims);
      }
    }
    groups.push({
      functionalId: group.functionalId,
      controlNumber: group.controlNumber,
      version: group.version,
      transactions: acknowledged,
    });
  }

  const reasons = new Map<string, FrontEndEdit[]>();
  const add = (claimId: string, edit: FrontEndEdit) => {
    const list = reasons.get(claimId) ?? [];
    list.push(edit);
    reasons.set(claimId, list);
  };
  for (const issue of check837PClaims(candidates)) {
    add(issue.claim, { code: 'TR3_RULE', message: issue.message, field: issue.field });
  }
  for (const claim of candidates) {
    const payerId = claim.payer.payerId ?? '';
    if (!rules.payerIds.has(payerId))
      add(claim.id, {
        code: 'PAYER_UNKNOWN',
        message: `payer id "${payerId}" is not a payer this clearinghouse routes to`,
        field: 'payer.payerId',
      });
    const forced = forcedOutcome(claim.subscriber.memberId ?? '');
    if (forced?.stage === 'front-end') add(claim.id, { code: forced.code, message: forced.message });
  }
  const accepted: AcceptedClaim[] = [];
  for (const claim of candidates) {
    const edits = reasons.get(claim.id);
    if (edits) rejected.push({ claimId: claim.id, reasons: edits });
    else accepted.push({ claim, payerId: claim.payer.payerId ?? '' });
  }
  return {
    interchangeControlNumber: interchange.controlNumber,
    submitter: {
      qualifier: interchange.senderQualifier,
      id: interchange.senderId.trim(),
      applicationCode: interchange.groups[0]?.senderCode ?? interchange.senderId.trim(),
      name: submitterName || interchange.senderId.trim(),
      etin: submitterEtin || interchange.senderId.trim(),
    },
    batchReference: batchReference || interchange.controlNumber,
    groups,
    accepted,
    rejected,
  };
}

function bht03(transaction: Transaction): string {
  return transaction.segments.find((s) => s.id === 'BHT')?.element(3) ?? '';
}

function readTransaction(
  interchange: Interchange,
  group: Interchange['groups'][number],
  transaction: Transaction,
): { errors: SegmentErrorInput[]; claims: Read837PClaim[]; submitter?: { name: string; id: string } } {
  const start = transaction.header.position;
  const relative = (position: number) => Math.max(1, position - start + 1);
  if (transaction.implementationGuide !== GUIDE || transaction.setId !== '837') {
    return {
      claims: [],
      errors: [
        {
          segmentId: 'ST',
          segmentPosition: 1,
          errorCode: '8',
          elementErrors: [
            { elementPosition: 3, referenceNumber: '1705', errorCode: '7', badValue: transaction.implementationGuide },
          ],
        },
      ],
    };
  }
  const issues: X12Issue[] = [];
  let claims: Read837PClaim[] = [];
  let submitter: { name: string; id: string } | undefined;
  try {
    const read = read837PTransaction({ interchange, group, transaction }, issues);
    claims = read.claims;
    submitter = read.submitter;
  } catch (error) {
    if (!(error instanceof X12Error)) throw error;
    issues.push(error.toIssue());
  }
  const errors: SegmentErrorInput[] = issues.map((issue) => ({
    segmentId: issue.segmentId || 'SE',
    segmentPosition: relative(issue.position),
    errorCode: /MISSING|REQUIRED/.test(issue.code) ? '3' : '8',
    claimId: claimAt(claims, issue.position),
  }));
  // Demo prefix X999: the clearinghouse's syntax check refuses the subscriber id (IK4 on NM109, invalid value).
  for (const claim of claims) {
    const memberId = claim.subscriber.memberId ?? '';
    if (forcedOutcome(memberId)?.stage !== '999') continue;
    const nm1 = transaction.segments.find(
      (s: Segment) => s.id === 'NM1' && s.element(1) === 'IL' && s.element(9) === memberId,
    );
    errors.push({
      segmentId: 'NM1',
      segmentPosition: relative(nm1?.position ?? claim.source.position),
      loopId: '2010BA',
      errorCode: '8',
      claimId: claim.id,
      elementErrors: [{ elementPosition: 9, referenceNumber: '67', errorCode: '7', badValue: memberId }],
    });
  }
  return { errors, claims, submitter };
}

/** The claim whose CLM is the last one at or before `position` (the business context of an error). */
function claimAt(claims: Read837PClaim[], position: number): string | undefined {
  let found: string | undefined;
  for (const claim of claims) if (claim.source.position <= position) found = claim.id;
  return found;
}
