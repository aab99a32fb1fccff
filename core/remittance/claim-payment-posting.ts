/**
 * One 835 claim payment (CLP loop) as a posting: paid and allowed amounts, every adjustment classified, the
 * patient's share split into deductible, coinsurance and copay, remark codes, each service payment matched to our
 * line, and the outcome for the claim (see claim-outcome.ts).
 */

import { type ContractRateBook, expectedAllowance } from '#core/config/contract-rates';
import {
  type AdjustmentClassification,
  classifyAdjustment,
  describeRemark,
  type RemarkDescription,
} from '#core/denials/classify';
import { type CalendarDate, fromCompactDate } from '#core/kernel/calendar-date';
import { type Cents, formatCents } from '#core/kernel/money';
import type { Adjustment, ClaimPayment, ServiceLinePayment } from '#core/x12/835/remittance';
import { decideOutcome, type PaymentOutcome } from './claim-outcome.ts';
import { type LineMatchMethod, matchLines, serviceDateOf } from './line-matching.ts';
import type { ClaimForPosting } from './posting-inputs.ts';

export interface PostedAdjustment {
  level: 'claim' | 'line';
  /** 1-based service line index in the 835 (line level). */
  lineIndex?: number;
  group: string;
  reason: string;
  amountCents: Cents;
  quantity?: number;
  classification: AdjustmentClassification;
}

/** The patient's share from PR adjustments: PR-1 deductible, PR-2 coinsurance, PR-3 copay, anything else `other`. */
export interface PatientShare {
  deductibleCents: Cents;
  coinsuranceCents: Cents;
  copayCents: Cents;
  otherCents: Cents;
  totalCents: Cents;
}

export interface Underpayment {
  contractName: string;
  expectedAllowedCents: Cents;
  allowedCents: Cents;
  /** expected - allowed (positive). */
  differenceCents: Cents;
}

export interface LinePosting {
  /** 1-based index of the SVC within the claim payment. */
  index: number;
  match: LineMatchMethod;
  /** Our line's REF*6R when matched. */
  lineControlNumber?: string;
  procedureCode: string;
  modifiers: string[];
  /** The code as submitted when the payer restated it (SVC06). */
  submittedProcedureCode?: string;
  chargeCents: Cents;
  paidCents: Cents;
  allowedCents: Cents;
  allowedSource: 'AMT*B6' | 'paid+patient_responsibility';
  units?: number;
  serviceDate?: CalendarDate;
  adjustments: PostedAdjustment[];
  remarks: RemarkDescription[];
  patientShare: PatientShare;
  underpayment?: Underpayment;
}

export type ClaimPaymentKind = 'payment' | 'reversal' | 'predetermination';

export interface ClaimPaymentPosting {
  paymentKey: string;
  claimId: string;
  /** CLP07: the payer's claim number (needed for corrected claims and to match a later reversal). */
  payerClaimControlNumber?: string;
  /** CLP02 and its meaning. */
  claimStatusCode: string;
  claimStatusDescription: string;
  kind: ClaimPaymentKind;
  /** CLP02 19/20/21: the payer forwarded the claim to the next payer (crossover). */
  forwardedToNextPayer: boolean;
  chargeCents: Cents;
  paidCents: Cents;
  allowedCents: Cents;
  allowedSource: 'AMT*B6' | 'paid+patient_responsibility';
  /** CLP05 as the payer reported it (informational; the split below comes from the PR adjustments). */
  reportedPatientResponsibilityCents?: Cents;
  patientShare: PatientShare;
  /** Claim-level and line-level adjustments, in file order. */
  adjustments: PostedAdjustment[];
  /** Claim-level remark codes (MOA/MIA). */
  remarks: RemarkDescription[];
  lines: LinePosting[];
  /** Service payments that matched none of our lines (their money is still posted to the claim). */
  unmatchedLineCount: number;
  serviceDate?: CalendarDate;
  outcome: PaymentOutcome;
}

const FORWARDED = new Set(['19', '20', '21']);

export function buildClaimPaymentPosting(
  payment: ClaimPayment,
  claim: ClaimForPosting,
  paymentKey: string,
  payerIds: readonly string[],
  contracts: ContractRateBook | undefined,
): ClaimPaymentPosting {
  const claimServiceDate = claimServiceDateOf(payment) ?? claim.serviceDate;
  const matches = matchLines(payment.lines, claim.lines, claimServiceDate);
  const claimRemarkCodes = [...(payment.outpatient?.remarkCodes ?? []), ...(payment.inpatient?.remarkCodes ?? [])];
  const claimAdjustments = payment.adjustments.map((adjustment) =>
    postAdjustment(adjustment, 'claim', undefined, claimRemarkCodes),
  );
  const lines = payment.lines.map((line, i) => {
    const match = matches[i] ?? { method: 'none' as const };
    return buildLinePosting(
      line,
      i + 1,
      match.method,
      match.line,
      claimServiceDate,
      claimRemarkCodes,
      payerIds,
      contracts,
    );
  });
  const adjustments = [...claimAdjustments, ...lines.flatMap((line) => line.adjustments)];
  const patientShare = patientShareOf(adjustments);
  const allLinesHaveB6 = lines.length > 0 && lines.every((line) => line.allowedSource === 'AMT*B6');
  const allowedCents = allLinesHaveB6
    ? lines.reduce((sum, line) => sum + line.allowedCents, 0)
    : payment.paidAmount + patientShare.totalCents;
  const kind: ClaimPaymentKind =
    payment.status === '22' ? 'reversal' : payment.status === '25' ? 'predetermination' : 'payment';
  const posting: Omit<ClaimPaymentPosting, 'outcome'> = {
    paymentKey,
    claimId: payment.patientControlNumber,
    ...(payment.payerClaimControlNumber ? { payerClaimControlNumber: payment.payerClaimControlNumber } : {}),
    claimStatusCode: payment.status,
    claimStatusDescription: payment.statusDescription,
    kind,
    forwardedToNextPayer: FORWARDED.has(payment.status),
    chargeCents: payment.chargeAmount,
    paidCents: payment.paidAmount,
    allowedCents,
    allowedSource: allLinesHaveB6 ? 'AMT*B6' : 'paid+patient_responsibility',
    ...(payment.patientResponsibility !== undefined
      ? { reportedPatientResponsibilityCents: payment.patientResponsibility }
      : {}),
    patientShare,
    adjustments,
    remarks: claimRemarkCodes.map((code) => describeRemark(code)),
    lines,
    unmatchedLineCount: lines.filter((line) => line.match === 'none').length,
    ...(claimServiceDate ? { serviceDate: claimServiceDate } : {}),
  };
  return { ...posting, outcome: decideOutcome(posting) };
}

function buildLinePosting(
  line: ServiceLinePayment,
  index: number,
  match: LineMatchMethod,
  ourLine: ClaimForPosting['lines'][number] | undefined,
  claimServiceDate: CalendarDate | undefined,
  claimRemarkCodes: readonly string[],
  payerIds: readonly string[],
  contracts: ContractRateBook | undefined,
): LinePosting {
  const lineRemarkCodes = line.remarkCodes.filter((remark) => remark.qualifier === 'HE').map((remark) => remark.code);
  // Line CARCs are explained by the line's remarks first, then the claim's.
  const remarkContext = [...lineRemarkCodes, ...claimRemarkCodes];
  const adjustments = line.adjustments.map((adjustment) => postAdjustment(adjustment, 'line', index, remarkContext));
  const patientShare = patientShareOf(adjustments);
  const b6 = line.amounts.find((amount) => amount.qualifier === 'B6');
  const allowedCents = b6 ? b6.amount : line.paidAmount + patientShare.totalCents;
  const serviceDate = serviceDateOf(line) ?? ourLine?.serviceDate ?? claimServiceDate;
  const posting: LinePosting = {
    index,
    match,
    ...(ourLine ? { lineControlNumber: ourLine.controlNumber } : {}),
    procedureCode: line.procedure.code,
    modifiers: line.procedure.modifiers,
    ...(line.originalProcedure ? { submittedProcedureCode: line.originalProcedure.code } : {}),
    chargeCents: line.chargeAmount,
    paidCents: line.paidAmount,
    allowedCents,
    allowedSource: b6 ? 'AMT*B6' : 'paid+patient_responsibility',
    ...(line.units !== undefined ? { units: line.units } : {}),
    ...(serviceDate ? { serviceDate } : {}),
    adjustments,
    remarks: lineRemarkCodes.map((code) => describeRemark(code)),
    patientShare,
  };
  if (contracts && line.paidAmount >= 0) {
    const expected = expectedAllowance(contracts, payerIds, {
      code: line.procedure.code,
      modifiers: line.procedure.modifiers,
      units: line.units ?? ourLine?.units ?? 1,
      chargeCents: line.chargeAmount,
      ...(serviceDate ? { serviceDate } : {}),
    });
    const deniedOutright = line.paidAmount === 0 && adjustments.some((a) => a.classification.denial);
    if (expected && !deniedOutright && expected.expectedAllowedCents - allowedCents > expected.toleranceCents) {
      posting.underpayment = {
        contractName: expected.contractName,
        expectedAllowedCents: expected.expectedAllowedCents,
        allowedCents,
        differenceCents: expected.expectedAllowedCents - allowedCents,
      };
    }
  }
  return posting;
}

function postAdjustment(
  adjustment: Adjustment,
  level: 'claim' | 'line',
  lineIndex: number | undefined,
  remarkCodes: readonly string[],
): PostedAdjustment {
  return {
    level,
    ...(lineIndex !== undefined ? { lineIndex } : {}),
    group: adjustment.group,
    reason: adjustment.reason,
    amountCents: adjustment.amount,
    ...(adjustment.quantity !== undefined ? { quantity: adjustment.quantity } : {}),
    classification: classified(adjustment.group, adjustment.reason, remarkCodes),
  };
}

/**
 * Classifications are pure functions of (group, reason, remarks) and a remittance repeats a few combinations
 * thousands of times: they are computed once and shared (treat them as read-only). Bounded, so a hostile file with
 * endless combinations costs memory no larger than the cap.
 */
const CLASSIFICATION_CACHE_LIMIT = 10_000;
const classificationCache = new Map<string, AdjustmentClassification>();

function classified(group: string, reason: string, remarkCodes: readonly string[]): AdjustmentClassification {
  const key = `${group}|${reason}|${remarkCodes.join(',')}`;
  let result = classificationCache.get(key);
  if (!result) {
    if (classificationCache.size >= CLASSIFICATION_CACHE_LIMIT) classificationCache.clear();
    result = classifyAdjustment(group, reason, remarkCodes);
    classificationCache.set(key, result);
  }
  return result;
}

export function patientShareOf(adjustments: readonly PostedAdjustment[]): PatientShare {
  const share: PatientShare = { deductibleCents: 0, coinsuranceCents: 0, copayCents: 0, otherCents: 0, totalCents: 0 };
  for (const adjustment of adjustments) {
    if (adjustment.group !== 'PR') continue;
    if (adjustment.reason === '1') share.deductibleCents += adjustment.amountCents;
    else if (adjustment.reason === '2') share.coinsuranceCents += adjustment.amountCents;
    else if (adjustment.reason === '3') share.copayCents += adjustment.amountCents;
    else share.otherCents += adjustment.amountCents;
    share.totalCents += adjustment.amountCents;
  }
  return share;
}

/** DTM*232 claim statement start, else the first service line's date. */
function claimServiceDateOf(payment: ClaimPayment): CalendarDate | undefined {
  const dtm = payment.dates.find((d) => d.qualifier === '232');
  const fromClaim = dtm ? fromCompactDate(dtm.date.slice(0, 8)) : undefined;
  if (fromClaim) return fromClaim;
  for (const line of payment.lines) {
    const date = serviceDateOf(line);
    if (date) return date;
  }
  return undefined;
}

export function money(cents: Cents): string {
  const text = formatCents(Math.abs(cents));
  const [whole = '0', fraction = ''] = text.split('.');
  return `${cents < 0 ? '-' : ''}$${whole}.${fraction.padEnd(2, '0')}`;
}
