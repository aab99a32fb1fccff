/**
 * 835 balancing, checked and reported, never forced (TR3 005010X221A1 section 1.10.2):
 * - line:        SVC02 - sum(line CAS) = SVC03
 * - claim:       CLP03 - sum(claim CAS + line CAS) = CLP04
 * - transaction: sum(CLP04) - sum(PLB amounts) = BPR02
 * Each imbalance says where it is (claim id, 1-based line index, segment position) and by how much.
 */
import { type Cents, formatCents } from '#core/kernel/money';
import type {
  Adjustment,
  ClaimPayment,
  PaymentInformation,
  ProviderAdjustment,
  Remittance,
  ServiceLinePayment,
} from './remittance.ts';

export type BalanceLevel = 'line' | 'claim' | 'transaction';

export interface Imbalance {
  level: BalanceLevel;
  /** CLP01 of the claim (line and claim level). */
  claimId?: string;
  /** 1-based index of the service line within its claim (line level). */
  lineIndex?: number;
  /** Position of the SVC, CLP or BPR segment whose amount does not balance. */
  position: number;
  segmentId: 'SVC' | 'CLP' | 'BPR';
  /** What the paid amount should be given the charges and adjustments. */
  expected: Cents;
  /** The paid amount the payer sent. */
  actual: Cents;
  /** actual - expected. */
  difference: Cents;
  message: string;
}

export interface BalanceReport {
  balanced: boolean;
  imbalances: Imbalance[];
}

export function checkRemittanceBalance(remittance: Remittance): BalanceReport {
  const imbalances: Imbalance[] = [];
  for (const claim of remittance.claims) imbalances.push(...checkClaimBalance(claim));
  const claimsPaid = sum(remittance.claims.map((claim) => claim.paidAmount));
  imbalances.push(
    ...checkTransactionBalance(
      remittance.controlNumber,
      remittance.payment,
      claimsPaid,
      remittance.providerAdjustments,
    ),
  );
  return { balanced: imbalances.length === 0, imbalances };
}

/** Transaction level: BPR02 = sum(CLP04) - sum(PLB amounts). `claimsPaid` is the running sum of CLP04. */
export function checkTransactionBalance(
  controlNumber: string,
  payment: PaymentInformation,
  claimsPaid: Cents,
  providerAdjustments: ProviderAdjustment[],
): Imbalance[] {
  const providerAdjusted = sum(
    providerAdjustments.flatMap((plb) => plb.adjustments.map((adjustment) => adjustment.amount)),
  );
  const expected = claimsPaid - providerAdjusted;
  const actual = payment.totalPaid;
  if (expected === actual) return [];
  return [
    {
      level: 'transaction',
      position: payment.position,
      segmentId: 'BPR',
      expected,
      actual,
      difference: actual - expected,
      message:
        `transaction ${controlNumber}: BPR02 ${formatCents(actual)} != sum CLP04 ${formatCents(claimsPaid)}` +
        ` - sum PLB ${formatCents(providerAdjusted)} = ${formatCents(expected)} (off by ${formatCents(actual - expected)})`,
    },
  ];
}

export function checkClaimBalance(claim: ClaimPayment): Imbalance[] {
  const imbalances: Imbalance[] = [];
  let lineAdjusted = 0;
  for (let index = 0; index < claim.lines.length; index++) {
    const line = claim.lines[index] as ServiceLinePayment;
    const adjusted = sumAdjustments(line.adjustments);
    lineAdjusted += adjusted;
    const expected = line.chargeAmount - adjusted;
    if (expected !== line.paidAmount) {
      imbalances.push({
        level: 'line',
        claimId: claim.patientControlNumber,
        lineIndex: index + 1,
        position: line.position,
        segmentId: 'SVC',
        expected,
        actual: line.paidAmount,
        difference: line.paidAmount - expected,
        message:
          `claim ${claim.patientControlNumber} line ${index + 1} (segment ${line.position}): SVC03 ` +
          `${formatCents(line.paidAmount)} != SVC02 ${formatCents(line.chargeAmount)} - CAS ` +
          `${formatCents(adjusted)} = ${formatCents(expected)} (off by ${formatCents(line.paidAmount - expected)})`,
      });
    }
  }
  const adjusted = sumAdjustments(claim.adjustments) + lineAdjusted;
  const expected = claim.chargeAmount - adjusted;
  if (expected !== claim.paidAmount) {
    imbalances.push({
      level: 'claim',
      claimId: claim.patientControlNumber,
      position: claim.position,
      segmentId: 'CLP',
      expected,
      actual: claim.paidAmount,
      difference: claim.paidAmount - expected,
      message:
        `claim ${claim.patientControlNumber} (segment ${claim.position}): CLP04 ${formatCents(claim.paidAmount)} != CLP03 ` +
        `${formatCents(claim.chargeAmount)} - CAS ${formatCents(adjusted)} = ${formatCents(expected)} ` +
        `(off by ${formatCents(claim.paidAmount - expected)})`,
    });
  }
  return imbalances;
}

function sumAdjustments(adjustments: Adjustment[]): Cents {
  let total = 0;
  for (const adjustment of adjustments) total += adjustment.amount;
  return total;
}

function sum(values: Cents[]): Cents {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
