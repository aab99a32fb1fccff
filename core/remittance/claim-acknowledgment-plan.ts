/**
 * A 277CA to per-claim decisions. Each patient-level claim (TRN02 = our CLM01) is accepted (A2: into the payer's
 * adjudication system, with the payer claim number from REF*1K kept for corrected claims), rejected (A3/A4/A6/A7/A8,
 * E0/E3/E4...: with the STC category, status and entity in words, and the owner: the coder for code problems, the
 * biller otherwise), or only acknowledged (A1 received, pending, ...: no status change, kept in the history). Line
 * statuses count too: a rejected line rejects the claim. A claim we do not know becomes a work item.
 */
import { type ClaimStatusClassification, classifyClaimStatus } from '#core/denials/classify';
import type { Owner } from '#core/denials/schema';
import { type CalendarDate, fromCompactDate } from '#core/kernel/calendar-date';
import type { ClaimAcknowledgment, ClaimStatus, StatusInfo } from '#core/x12/277ca/claim-acknowledgment';

export type AcknowledgmentDisposition = 'accepted' | 'rejected' | 'acknowledged';

export interface ClaimAcknowledgmentDecision {
  /** Stable for the same 277CA content: delivered twice, it is the same event. */
  eventKey: string;
  claimId: string;
  disposition: AcknowledgmentDisposition;
  claimStatus?: 'ACCEPTED' | 'REJECTED';
  /** REF*1K: the payer's claim number (needed on a replacement or void claim, REF*F8). */
  payerClaimNumber?: string;
  /** REF*D9: the clearinghouse's trace number. */
  clearinghouseTraceNumber?: string;
  owner: Owner;
  category: string;
  reason: string;
  nextAction: string;
  /** STC02 of the deciding status (else the BHT date): when it happened. */
  effectiveDate?: CalendarDate;
  /** Every status on the claim and its lines, classified. */
  statuses: (ClaimStatusClassification & { line?: number })[];
}

export interface ClaimAcknowledgmentPlan {
  /** BHT03 of the 277CA. */
  referenceId: string;
  decisions: ClaimAcknowledgmentDecision[];
  unmatched: { claimId: string; workItem: { category: 'unmatched_acknowledgment'; owner: 'BILLER'; reason: string } }[];
}

export function planClaimAcknowledgment(
  ack: ClaimAcknowledgment,
  isOurClaim: (claimId: string) => boolean,
): ClaimAcknowledgmentPlan {
  const decisions: ClaimAcknowledgmentDecision[] = [];
  const unmatched: ClaimAcknowledgmentPlan['unmatched'] = [];
  const bhtDate = fromCompactDate(ack.beginning.date);
  for (const claim of ack.claims) {
    const claimId = claim.patientControlNumber;
    if (!isOurClaim(claimId)) {
      unmatched.push({
        claimId,
        workItem: {
          category: 'unmatched_acknowledgment',
          owner: 'BILLER',
          reason: `277CA ${ack.beginning.referenceId} reports on claim ${claimId}, which ClaimFlow does not know: check the patient control number the clearinghouse echoed.`,
        },
      });
      continue;
    }
    decisions.push(decide(claim, ack.beginning.referenceId, bhtDate));
  }
  return { referenceId: ack.beginning.referenceId, decisions, unmatched };
}

function decide(
  claim: ClaimStatus,
  referenceId: string,
  bhtDate: CalendarDate | undefined,
): ClaimAcknowledgmentDecision {
  const statuses: (Classified & { line?: number })[] = [
    ...classifyAll(claim.statuses),
    ...claim.lines.flatMap((line, index) => classifyAll(line.statuses).map((s) => ({ ...s, line: index + 1 }))),
  ];
  const rejections = statuses.filter((s) => s.disposition === 'rejected');
  const acceptance = statuses.find((s) => s.disposition === 'accepted');
  const deciding =
    rejections.find((s) => s.category !== 'missing_information') ?? rejections[0] ?? acceptance ?? statuses[0];
  const disposition: AcknowledgmentDisposition =
    rejections.length > 0 ? 'rejected' : acceptance ? 'accepted' : 'acknowledged';
  const codes = statuses.map((s) => `${s.statusCategory}:${s.status}${s.entity ? `:${s.entity}` : ''}`).join(',');
  const effectiveDate = deciding?.effectiveDate ?? bhtDate;
  const base = {
    eventKey: `277CA|${referenceId}|${claim.patientControlNumber}|${codes}`,
    claimId: claim.patientControlNumber,
    disposition,
    ...(claim.payerClaimNumber ? { payerClaimNumber: claim.payerClaimNumber } : {}),
    ...(claim.clearinghouseTraceNumber ? { clearinghouseTraceNumber: claim.clearinghouseTraceNumber } : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
    statuses: statuses.map(({ effectiveDate: _date, ...status }) => status),
  };
  if (!deciding) {
    return {
      ...base,
      owner: 'PAYER',
      category: 'acknowledged',
      reason: '277CA without a status for this claim.',
      nextAction: 'Wait for the payer; follow up if no acceptance arrives.',
    };
  }
  const where = deciding.line ? ` (line ${deciding.line})` : '';
  if (disposition === 'rejected') {
    const others = rejections.filter((s) => s !== deciding).map((s) => s.reason);
    return {
      ...base,
      claimStatus: 'REJECTED',
      owner: deciding.owner === 'CODER' ? 'CODER' : 'BILLER',
      category: deciding.category,
      reason: `Rejected by the payer/clearinghouse${where}: ${deciding.reason}${others.length ? `; also ${others.join('; ')}` : ''}.${deciding.message ? ` Message: ${deciding.message}` : ''}`,
      nextAction: `${deciding.action} Resubmit as a new original claim (frequency 1): a rejected claim was never adjudicated.`,
    };
  }
  if (disposition === 'accepted') {
    return {
      ...base,
      claimStatus: 'ACCEPTED',
      owner: 'PAYER',
      category: 'accepted',
      reason: `Accepted into adjudication${claim.payerClaimNumber ? ` as payer claim ${claim.payerClaimNumber}` : ''}: ${deciding.reason}.`,
      nextAction: "Wait for the payer's remittance (835); follow up after the payer's usual payment time.",
    };
  }
  return {
    ...base,
    owner: deciding.owner,
    category: deciding.category,
    reason: `${deciding.reason}.`,
    nextAction: deciding.action,
  };
}

type Classified = ClaimStatusClassification & { effectiveDate?: CalendarDate; message?: string };

function classifyAll(statuses: readonly StatusInfo[]): Classified[] {
  return statuses.flatMap((info) =>
    info.codes.map((code) => {
      const classified: Classified = classifyClaimStatus({
        category: code.category,
        status: code.status,
        ...(code.entity ? { entity: code.entity } : {}),
      });
      const date = info.date ? fromCompactDate(info.date) : undefined;
      if (date) classified.effectiveDate = date;
      if (info.message) classified.message = info.message;
      return classified;
    }),
  );
}
