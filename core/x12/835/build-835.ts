/**
 * Builds the 835 health care claim payment/advice (005010X221A1) of one payment: one check or EFT (BPR/TRN), the
 * payer and payee loops, one LX group of claim payments (CLP with claim CAS, patient NM1, dates; SVC per line with
 * its CAS, REF*6R, AMT*B6 allowed and LQ remarks) and the provider-level adjustments (PLB).
 *
 * The builder never forces a balance: BPR02 is computed (sum CLP04 - sum PLB), and the input must already balance
 * at line (SVC02 - CAS = SVC03) and claim (CLP03 - all CAS = CLP04) level, or the build fails naming the
 * imbalance. That is what keeps a sender from writing a remittance the receiver has to quarantine.
 */

import type { CalendarDate as IsoDate } from '#core/kernel/calendar-date';
import { type Cents, formatCents } from '#core/kernel/money';
import { composite, type SegmentElements, x12Date } from '../837p/segment-writer.ts';
import { foldText } from '../837p/x12-text.ts';
import { type BuiltInterchange, buildInterchange, type InterchangeEnvelope } from '../build-interchange.ts';

export const IMPLEMENTATION_GUIDE_835 = '005010X221A1';

export type AdjustmentGroup = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';

export interface AdjustmentInput {
  group: AdjustmentGroup;
  /** CARC, e.g. 45, 1, 2, 3, 50, 97. */
  reason: string;
  amountCents: Cents;
  quantity?: number;
}

export interface ServicePaymentInput {
  /** SVC01: HCPCS/CPT code with modifiers as adjudicated. */
  code: string;
  modifiers?: string[];
  chargeCents: Cents;
  paidCents: Cents;
  /** SVC05 units paid. */
  units: number;
  serviceDate: IsoDate;
  /** REF*6R: the line item control number the 837 sent. */
  lineControlNumber?: string;
  /** AMT*B6 allowed amount. */
  allowedCents?: Cents;
  adjustments: AdjustmentInput[];
  /** LQ*HE remark codes (RARC). */
  remarks?: string[];
}

export interface ClaimPaymentInput {
  /** CLP01: our CLM01. */
  patientControlNumber: string;
  /** CLP02: 1 primary, 2 secondary, 3 tertiary, 4 denied, 22 reversal of a previous payment, 23 not our claim... */
  status: '1' | '2' | '3' | '4' | '19' | '20' | '21' | '22' | '23';
  chargeCents: Cents;
  paidCents: Cents;
  patientResponsibilityCents: Cents;
  /** CLP06 claim filing indicator (12 PPO, 13 POS, 15 indemnity, HM HMO, MB Medicare B, MC Medicaid...). */
  filingIndicator: string;
  /** CLP07: the payer's claim control number (ICN). */
  payerClaimControlNumber: string;
  /** CLP08 place of service, CLP09 frequency. */
  facilityCode?: string;
  frequency?: string;
  /** Claim-level CAS (rare on professional claims; line CAS is the norm). */
  adjustments?: AdjustmentInput[];
  patient: { lastName: string; firstName?: string; memberId: string };
  /** DTM*050 date the payer received the claim. */
  receivedDate?: IsoDate;
  lines: ServicePaymentInput[];
}

export interface ProviderAdjustmentInput {
  /** PLB01 provider id (NPI or TIN), PLB02 last day of the provider's fiscal year (CCYY1231 by convention). */
  providerId: string;
  fiscalPeriodDate: IsoDate;
  /** PLB03..: reason (L6 interest, WO overpayment recovery, FB forward balance, ...), reference, amount. */
  items: { reason: string; referenceId?: string; amountCents: Cents }[];
}

export interface Remittance835Input {
  payment: {
    /** ACH (EFT), CHK (check) or NON (no payment: a remittance with a zero total). */
    method: 'ACH' | 'CHK' | 'NON';
    /** BPR16: check issue or EFT effective date. */
    date: IsoDate;
    /** TRN02: check number or EFT trace number. */
    traceNumber: string;
    /** For ACH: the payer's and the payee's bank (routing number and account). */
    payerBank?: { routingNumber: string; accountNumber: string };
    payeeBank?: { routingNumber: string; accountNumber: string };
  };
  payer: {
    name: string;
    /** TRN03/BPR10: "1" + the payer's tax id. */
    companyId: string;
    /** REF*2U payer identification number. */
    payerId: string;
    address: { lines: string[]; city: string; state: string; postalCode: string };
    /** PER*BL technical contact. */
    contact: { name: string; phone: string };
  };
  payee: {
    name: string;
    npi: string;
    /** REF*TJ federal tax id. */
    tin?: string;
    address?: { lines: string[]; city: string; state: string; postalCode: string };
  };
  /** DTM*405 production date. */
  productionDate: IsoDate;
  claims: ClaimPaymentInput[];
  providerAdjustments?: ProviderAdjustmentInput[];
}

export class Unbalanced835Error extends Error {
  constructor(readonly problems: string[]) {
    super(`the 835 does not balance: ${problems.join('; ')}`);
    this.name = 'Unbalanced835Error';
  }
}

const sumAdjustments = (list: readonly AdjustmentInput[] | undefined) =>
  (list ?? []).reduce((n, a) => n + a.amountCents, 0);

/** BPR02: sum of claim payments less provider-level adjustments. */
export function totalPayment(input: Pick<Remittance835Input, 'claims' | 'providerAdjustments'>): Cents {
  const claims = input.claims.reduce((n, c) => n + c.paidCents, 0);
  const plb = (input.providerAdjustments ?? []).reduce((n, p) => n + p.items.reduce((m, i) => m + i.amountCents, 0), 0);
  return claims - plb;
}

/** Line and claim balancing problems, empty when the input balances. */
export function balanceProblems(claims: readonly ClaimPaymentInput[]): string[] {
  const problems: string[] = [];
  for (const claim of claims) {
    let lineAdjusted = 0;
    claim.lines.forEach((line, i) => {
      const adjusted = sumAdjustments(line.adjustments);
      lineAdjusted += adjusted;
      if (line.chargeCents - adjusted !== line.paidCents)
        problems.push(
          `claim ${claim.patientControlNumber} line ${i + 1}: charge ${formatCents(line.chargeCents)} - adjustments ` +
            `${formatCents(adjusted)} != paid ${formatCents(line.paidCents)}`,
        );
    });
    const adjusted = sumAdjustments(claim.adjustments) + lineAdjusted;
    if (claim.chargeCents - adjusted !== claim.paidCents)
      problems.push(
        `claim ${claim.patientControlNumber}: charge ${formatCents(claim.chargeCents)} - adjustments ` +
          `${formatCents(adjusted)} != paid ${formatCents(claim.paidCents)}`,
      );
    const lineCharges = claim.lines.reduce((n, l) => n + l.chargeCents, 0);
    if (claim.lines.length > 0 && lineCharges !== claim.chargeCents)
      problems.push(
        `claim ${claim.patientControlNumber}: line charges ${formatCents(lineCharges)} != claim charge ${formatCents(claim.chargeCents)}`,
      );
    const patientShare = [...(claim.adjustments ?? []), ...claim.lines.flatMap((l) => l.adjustments)]
      .filter((a) => a.group === 'PR')
      .reduce((n, a) => n + a.amountCents, 0);
    if (patientShare !== claim.patientResponsibilityCents)
      problems.push(
        `claim ${claim.patientControlNumber}: CLP05 ${formatCents(claim.patientResponsibilityCents)} != PR adjustments ${formatCents(patientShare)}`,
      );
  }
  return problems;
}

/** CAS segments of one level: one per group, up to six reason triplets each (more start another CAS). */
function casSegments(adjustments: readonly AdjustmentInput[]): SegmentElements[] {
  const segments: SegmentElements[] = [];
  const groups = new Map<string, AdjustmentInput[]>();
  for (const adjustment of adjustments) {
    if (adjustment.amountCents === 0) continue;
    const list = groups.get(adjustment.group) ?? [];
    list.push(adjustment);
    groups.set(adjustment.group, list);
  }
  for (const [group, list] of groups) {
    for (let i = 0; i < list.length; i += 6) {
      const segment: SegmentElements = ['CAS', group];
      for (const a of list.slice(i, i + 6)) {
        segment.push(a.reason, formatCents(a.amountCents), a.quantity === undefined ? '' : String(a.quantity));
      }
      segments.push(segment);
    }
  }
  return segments;
}

function bprSegment(input: Remittance835Input, total: Cents): SegmentElements {
  const { payment, payer } = input;
  const date = x12Date(payment.date);
  if (total < 0) throw new Error(`BPR02 cannot be negative (${formatCents(total)}): carry a forward balance (PLB FB)`);
  if (payment.method === 'NON' || total === 0) {
    return ['BPR', 'H', formatCents(total), 'C', 'NON', '', '', '', '', '', '', '', '', '', '', '', date];
  }
  if (payment.method === 'CHK') {
    return ['BPR', 'I', formatCents(total), 'C', 'CHK', '', '', '', '', '', '', '', '', '', '', '', date];
  }
  if (!payment.payerBank || !payment.payeeBank) throw new Error('an ACH payment needs the payer and payee banks');
  return [
    'BPR',
    'I',
    formatCents(total),
    'C',
    'ACH',
    'CCP',
    '01',
    payment.payerBank.routingNumber,
    'DA',
    payment.payerBank.accountNumber,
    payer.companyId,
    '',
    '01',
    payment.payeeBank.routingNumber,
    'DA',
    payment.payeeBank.accountNumber,
    date,
  ];
}

function claimSegments(claim: ClaimPaymentInput): SegmentElements[] {
  const segments: SegmentElements[] = [
    [
      'CLP',
      claim.patientControlNumber,
      claim.status,
      formatCents(claim.chargeCents),
      formatCents(claim.paidCents),
      claim.patientResponsibilityCents === 0 ? '' : formatCents(claim.patientResponsibilityCents),
      claim.filingIndicator,
      claim.payerClaimControlNumber,
      claim.facilityCode,
      claim.frequency,
    ],
    ...casSegments(claim.adjustments ?? []),
    [
      'NM1',
      'QC',
      '1',
      foldText(claim.patient.lastName),
      claim.patient.firstName && foldText(claim.patient.firstName),
      '',
      '',
      '',
      'MI',
      claim.patient.memberId,
    ],
  ];
  if (claim.receivedDate) segments.push(['DTM', '050', x12Date(claim.receivedDate)]);
  for (const line of claim.lines) {
    segments.push([
      'SVC',
      composite('HC', line.code, ...(line.modifiers ?? [])),
      formatCents(line.chargeCents),
      formatCents(line.paidCents),
      '',
      String(line.units),
    ]);
    segments.push(['DTM', '472', x12Date(line.serviceDate)]);
    segments.push(...casSegments(line.adjustments));
    if (line.lineControlNumber) segments.push(['REF', '6R', line.lineControlNumber]);
    if (line.allowedCents !== undefined) segments.push(['AMT', 'B6', formatCents(line.allowedCents)]);
    for (const remark of line.remarks ?? []) segments.push(['LQ', 'HE', remark]);
  }
  return segments;
}

function plbSegments(adjustments: readonly ProviderAdjustmentInput[]): SegmentElements[] {
  const segments: SegmentElements[] = [];
  for (const plb of adjustments) {
    const items = plb.items.filter((i) => i.amountCents !== 0);
    for (let i = 0; i < items.length; i += 6) {
      const segment: SegmentElements = ['PLB', plb.providerId, x12Date(plb.fiscalPeriodDate)];
      for (const item of items.slice(i, i + 6)) {
        segment.push(composite(item.reason, item.referenceId), formatCents(item.amountCents));
      }
      segments.push(segment);
    }
  }
  return segments;
}

/** The segments between ST and SE. */
export function remittance835Segments(input: Remittance835Input): SegmentElements[] {
  const problems = balanceProblems(input.claims);
  if (problems.length > 0) throw new Unbalanced835Error(problems);
  const total = totalPayment(input);
  const { payer, payee } = input;
  const segments: SegmentElements[] = [
    bprSegment(input, total),
    ['TRN', '1', input.payment.traceNumber, input.payer.companyId],
    ['DTM', '405', x12Date(input.productionDate)],
    ['N1', 'PR', foldText(payer.name)],
    ['N3', foldText(payer.address.lines[0] ?? ''), payer.address.lines[1] && foldText(payer.address.lines[1])],
    ['N4', foldText(payer.address.city), payer.address.state, payer.address.postalCode],
    ['REF', '2U', payer.payerId],
    ['PER', 'BL', foldText(payer.contact.name), 'TE', payer.contact.phone],
    ['N1', 'PE', foldText(payee.name), 'XX', payee.npi],
  ];
  if (payee.address) {
    segments.push(
      ['N3', foldText(payee.address.lines[0] ?? ''), payee.address.lines[1] && foldText(payee.address.lines[1])],
      ['N4', foldText(payee.address.city), payee.address.state, payee.address.postalCode],
    );
  }
  if (payee.tin) segments.push(['REF', 'TJ', payee.tin]);
  if (input.claims.length > 0) {
    segments.push(['LX', '1']);
    for (const claim of input.claims) segments.push(...claimSegments(claim));
  }
  segments.push(...plbSegments(input.providerAdjustments ?? []));
  return segments;
}

/** One interchange holding the 835 of one payment. */
export function build835(input: Remittance835Input, envelope: InterchangeEnvelope): BuiltInterchange {
  return buildInterchange(
    envelope,
    {
      functionalId: 'HP',
      setId: '835',
      implementationGuide: IMPLEMENTATION_GUIDE_835,
      guideInTransactionHeader: false,
    },
    [remittance835Segments(input)],
  );
}
