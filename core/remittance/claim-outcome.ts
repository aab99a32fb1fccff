/**
 * What a claim payment means for the claim, from what was paid and why the rest was not:
 * - reversed: CLP02 22 (the payer takes back an earlier payment; a re-adjudication should follow),
 * - denied: nothing paid and at least one adjustment that is a denial (or CLP02 4),
 * - partially_paid: something paid, and some charge denied for a reason someone must work,
 * - underpaid: paid without denials, but an allowed amount is below the contract beyond its tolerance,
 * - paid_patient_owes: paid (possibly $0, e.g. all to the deductible) and the rest is the patient's share,
 * - paid_in_full: paid, the rest is contractual; nothing left to do.
 * The denial's category and owner are those of its largest denial adjustment (ties: the first in the file).
 */
import type { Owner } from '#core/denials/schema';
import type { Cents } from '#core/kernel/money';
import type { ClaimPaymentPosting, PostedAdjustment, Underpayment } from './claim-payment-posting.ts';
import { money } from './claim-payment-posting.ts';

export type OutcomeKind =
  | 'paid_in_full'
  | 'paid_patient_owes'
  | 'partially_paid'
  | 'denied'
  | 'underpaid'
  | 'reversed'
  | 'predetermination';

/** The claim status each outcome leads to (core/claims ClaimStatus values); predetermination changes nothing. */
export const OUTCOME_CLAIM_STATUS = {
  paid_in_full: 'PAID',
  paid_patient_owes: 'PAID',
  partially_paid: 'PARTIALLY_PAID',
  denied: 'DENIED',
  underpaid: 'PAID_INCORRECTLY',
  reversed: 'REVERSED',
  predetermination: undefined,
} as const satisfies Record<OutcomeKind, string | undefined>;

export type OutcomeClaimStatus = Exclude<(typeof OUTCOME_CLAIM_STATUS)[OutcomeKind], undefined>;

export interface PaymentOutcome {
  kind: OutcomeKind;
  claimStatus?: OutcomeClaimStatus;
  owner: Owner;
  /** A denial category (from core/denials), `underpayment`, `patient_responsibility`, `reversal` or `paid`. */
  category: string;
  /** In a biller's words, with the amounts. */
  reason: string;
  nextAction: string;
  /** The adjustment that decided a denial or partial payment. */
  primaryDenial?: PostedAdjustment;
  /** All denial adjustments (largest first). */
  denials: PostedAdjustment[];
  underpayments: (Underpayment & { lineIndex: number })[];
  underpaidCents: Cents;
}

type Posting = Omit<ClaimPaymentPosting, 'outcome'>;

export function decideOutcome(posting: Posting): PaymentOutcome {
  const denials = posting.adjustments
    .filter((adjustment) => adjustment.classification.denial && adjustment.amountCents > 0)
    .sort((a, b) => b.amountCents - a.amountCents);
  const primaryDenial = denials[0];
  const underpayments = posting.lines.flatMap((line) =>
    line.underpayment ? [{ ...line.underpayment, lineIndex: line.index }] : [],
  );
  const underpaidCents = underpayments.reduce((sum, u) => sum + u.differenceCents, 0);
  const base = { denials, underpayments, underpaidCents };

  if (posting.kind === 'reversal') {
    return {
      ...base,
      kind: 'reversed',
      claimStatus: 'REVERSED',
      owner: 'BILLER',
      category: 'reversal',
      reason: `The payer reversed its earlier payment${posting.payerClaimControlNumber ? ` (payer claim ${posting.payerClaimControlNumber})` : ''}: ${money(posting.paidCents)} taken back.`,
      nextAction:
        'Post the take-back against the original payment; the re-adjudicated payment should follow. Follow up if it does not.',
    };
  }
  if (posting.kind === 'predetermination') {
    return {
      ...base,
      kind: 'predetermination',
      owner: 'NONE',
      category: 'informational',
      reason: `Predetermination only: the payer would allow ${money(posting.allowedCents)}; nothing was paid.`,
      nextAction: 'No posting; keep the estimate for the visit.',
    };
  }
  const denied = posting.paidCents <= 0 && (primaryDenial !== undefined || posting.claimStatusCode === '4');
  if (denied) {
    if (!primaryDenial) {
      return {
        ...base,
        kind: 'denied',
        claimStatus: 'DENIED',
        owner: 'BILLER',
        category: 'unknown',
        reason: 'Denied without an adjustment reason code.',
        nextAction: 'Call the payer or read the paper EOB for the reason, then work the denial.',
      };
    }
    const c = primaryDenial.classification;
    return {
      ...base,
      kind: 'denied',
      claimStatus: 'DENIED',
      owner: c.owner,
      category: c.category,
      primaryDenial,
      reason: `Denied (${money(posting.chargeCents)} billed): ${c.summary}.`,
      nextAction: c.action,
    };
  }
  if (primaryDenial) {
    const c = primaryDenial.classification;
    const deniedCents = denials.reduce((sum, d) => sum + d.amountCents, 0);
    return {
      ...base,
      kind: 'partially_paid',
      claimStatus: 'PARTIALLY_PAID',
      owner: c.owner,
      category: c.category,
      primaryDenial,
      reason: `Paid ${money(posting.paidCents)} of ${money(posting.chargeCents)}; ${money(deniedCents)} denied: ${c.summary}.`,
      nextAction: c.action,
    };
  }
  if (underpayments.length > 0) {
    const expected = underpayments.reduce((sum, u) => sum + u.expectedAllowedCents, 0);
    const allowed = underpayments.reduce((sum, u) => sum + u.allowedCents, 0);
    return {
      ...base,
      kind: 'underpaid',
      claimStatus: 'PAID_INCORRECTLY',
      owner: 'BILLER',
      category: 'underpayment',
      reason: `Allowed ${money(allowed)} is ${money(underpaidCents)} below the contracted ${money(expected)} (${underpayments.map((u) => `line ${u.lineIndex}`).join(', ')}; ${underpayments[0]?.contractName}).`,
      nextAction:
        'Ask the payer to reprocess at the contract rate (reconsideration, with the contract page); post the difference when it is paid.',
    };
  }
  const patientOwes = posting.patientShare.totalCents;
  if (patientOwes > 0) {
    const parts = [
      posting.patientShare.deductibleCents ? `deductible ${money(posting.patientShare.deductibleCents)}` : '',
      posting.patientShare.coinsuranceCents ? `coinsurance ${money(posting.patientShare.coinsuranceCents)}` : '',
      posting.patientShare.copayCents ? `copay ${money(posting.patientShare.copayCents)}` : '',
      posting.patientShare.otherCents ? `other ${money(posting.patientShare.otherCents)}` : '',
    ].filter((part) => part !== '');
    const forwarded = posting.forwardedToNextPayer;
    return {
      ...base,
      kind: 'paid_patient_owes',
      claimStatus: 'PAID',
      owner: forwarded ? 'PAYER' : 'PATIENT',
      category: 'patient_responsibility',
      reason: `Paid ${money(posting.paidCents)}; patient share ${money(patientOwes)} (${parts.join(', ')})${forwarded ? ', forwarded by the payer to the next payer' : ''}.`,
      nextAction: forwarded
        ? "Wait for the next payer's remittance (crossover) before billing the patient for what remains."
        : 'Bill the patient for their share on the next statement (or the secondary plan first).',
    };
  }
  return {
    ...base,
    kind: 'paid_in_full',
    claimStatus: 'PAID',
    owner: 'NONE',
    category: 'paid',
    reason: `Paid ${money(posting.paidCents)} of ${money(posting.chargeCents)}; the rest is contractual.`,
    nextAction: 'Nothing to do: close the claim once the deposit is reconciled.',
  };
}
