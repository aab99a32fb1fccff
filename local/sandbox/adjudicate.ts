/**
 * The sandbox payer's adjudication: pure and deterministic. A claim (as the clearinghouse read it from the 837P)
 * is first checked the way a payer's front end checks it (277CA: unknown member, terminated code), then priced
 * line by line: denials real payers send (CO-109, CO-27, CO-29 for the whole claim; CO-96, CO-197, CO-16, CO-50,
 * CO-97, CO-18 per line), the fee schedule (CO-45 down to the allowed amount) and the member's benefits (PR-3
 * copay once per claim, PR-1 deductible from the member's accumulator, PR-2 coinsurance). The result is an 835
 * claim payment that balances by construction.
 */
import type { IsoDate } from '#core/documents/encounter';
import type { StatusInput } from '#core/x12/277ca/build-277ca';
import type { AdjustmentInput, ClaimPaymentInput, ServicePaymentInput } from '#core/x12/835/build-835';
import type { Claim837P } from '#core/x12/837p/claim-837p';
import { DENIALS, type DenialReason, type ForcedOutcome, forcedOutcome } from './outcome-prefixes.ts';
import { codeMatches, type MembersFile, type PayerData, type Plan } from './payer-data.ts';

export interface BenefitLedger {
  /** Deductible met so far this year per member id (starts from the member data). */
  deductibleMet: Record<string, number>;
  /** Services already paid, by `memberId|code|modifiers|date`, with the ICN that paid them (CO-18 duplicates). */
  paidServices: Record<string, string>;
}

export interface AdjudicationInput {
  claim: Claim837P;
  payer: PayerData;
  members: MembersFile;
  ledger: BenefitLedger;
  receivedDate: IsoDate;
  /** The ICN this payer gives the claim if it accepts it. */
  payerClaimNumber: string;
}

export type FollowUp = 'reverse' | 'recoup' | 'interest';

export type PayerDecision =
  | { kind: 'rejected'; status: StatusInput; message: string }
  | { kind: 'adjudicated'; payment: ClaimPaymentInput; followUp?: FollowUp; outcome: AdjudicationOutcome };

/** What happened to the claim, for the sandbox's own status view. */
export type AdjudicationOutcome = 'paid' | 'partially-paid' | 'denied';

interface ResolvedMember {
  memberId: string;
  payerId: string | undefined;
  plan: Plan;
  deductibleMetAtStart: number;
  coverage?: { from: string; to?: string };
}

const DISTINCT_SERVICE_MODIFIERS = new Set(['59', 'XE', 'XS', 'XP', 'XU']);

function resolveMember(memberId: string, members: MembersFile, forced: boolean): ResolvedMember | undefined {
  const listed = members.members.find((m) => m.memberId === memberId);
  if (listed) {
    const plan = members.plans[listed.plan] as Plan;
    return {
      memberId,
      payerId: listed.payerId,
      plan,
      deductibleMetAtStart: listed.deductibleMetCents,
      coverage: listed.coverage,
    };
  }
  if (!forced && !members.plans[members.defaultProfile.plan]) return undefined;
  return {
    memberId,
    payerId: undefined,
    plan: members.plans[members.defaultProfile.plan] as Plan,
    deductibleMetAtStart: members.defaultProfile.deductibleMetCents,
  };
}

function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

type Line = Claim837P['lines'][number];

/** DTP*472 is required on every 837P line the clearinghouse accepts; the read claim always has it. */
function serviceDate(line: Line): IsoDate {
  if (!line.serviceDate) throw new Error(`service line ${line.controlNumber} has no date of service`);
  return line.serviceDate;
}

export function serviceKey(memberId: string, line: Line): string {
  return [memberId, line.code, [...line.modifiers].sort().join(':'), serviceDate(line)].join('|');
}

/** Coinsurance and interest round half up in whole cents. */
function share(amount: number, basisPoints: number): number {
  return Math.floor((amount * basisPoints + 5_000) / 10_000);
}

export function allowedAmount(payer: PayerData, code: string, units: number, chargeCents: number): number {
  const listed = payer.feeSchedule.allowedCents[code];
  const allowed =
    listed === undefined
      ? Math.floor((chargeCents * payer.feeSchedule.unlistedPercentOfCharge) / 100)
      : Math.round(listed * units);
  return Math.min(allowed, chargeCents);
}

export function adjudicateClaim(input: AdjudicationInput): PayerDecision {
  const { claim, payer, members, ledger } = input;
  const memberId = claim.subscriber.memberId;
  if (!memberId) {
    return {
      kind: 'rejected',
      status: { category: 'A6', status: '21', entity: 'IL' },
      message: 'subscriber id missing',
    };
  }
  const forced = forcedOutcome(memberId);
  if (forced?.stage === '277ca') return { kind: 'rejected', status: forced.status, message: forced.message };

  const member = resolveMember(memberId, members, forced !== undefined);
  const listed = members.members.some((m) => m.memberId === memberId);
  if (!member || (!listed && !forced && payer.unknownMembers === 'reject')) {
    return {
      kind: 'rejected',
      status: { category: 'A3', status: '33', entity: 'IL' },
      message: 'subscriber and subscriber id not found',
    };
  }
  const terminated = claim.lines.find((line) =>
    payer.terminatedCodes.some((t) => t.code === line.code && serviceDate(line) >= t.terminatedOn),
  );
  if (terminated) {
    return {
      kind: 'rejected',
      status: { category: 'A7', status: '454', entity: 'PR' },
      message: `procedure code ${terminated.code} is not valid on ${serviceDate(terminated)}`,
    };
  }

  const claimDenial = claimLevelDenial(input, member, forced);
  const lines: ServicePaymentInput[] = [];
  let copayTaken = false;
  claim.lines.forEach((line, index) => {
    const denial = claimDenial ?? lineDenial(input, member, index, forced);
    const base = {
      code: line.code,
      modifiers: line.modifiers,
      chargeCents: line.chargeCents,
      units: line.units,
      serviceDate: serviceDate(line),
      lineControlNumber: line.controlNumber,
    };
    if (denial) {
      const remark = DENIALS[denial].remark;
      lines.push({
        ...base,
        paidCents: 0,
        allowedCents: 0,
        adjustments: [{ group: 'CO', reason: denial, amountCents: line.chargeCents }],
        remarks: remark ? [remark] : [],
      });
      return;
    }
    const scheduled = allowedAmount(payer, line.code, line.units, line.chargeCents);
    // UND: the payer prices below its own fee schedule (what a practice's contract rates should catch).
    const allowed =
      forced?.stage === 'underpay' ? Math.floor((scheduled * payer.underpayment.allowedPercent) / 100) : scheduled;
    const adjustments: AdjustmentInput[] = [{ group: 'CO', reason: '45', amountCents: line.chargeCents - allowed }];
    const plan = member.plan;
    const copayService = codeMatches(line.code, payer.copayCodes);
    let remaining = allowed;
    if (copayService && plan.copayCents > 0 && !copayTaken) {
      const copay = Math.min(plan.copayCents, remaining);
      adjustments.push({ group: 'PR', reason: '3', amountCents: copay });
      remaining -= copay;
      copayTaken = true;
    }
    if (!copayService || plan.deductibleAppliesToCopayServices) {
      const met = ledger.deductibleMet[memberId] ?? member.deductibleMetAtStart;
      const deductible = Math.min(remaining, Math.max(0, plan.deductibleCents - met));
      adjustments.push({ group: 'PR', reason: '1', amountCents: deductible });
      ledger.deductibleMet[memberId] = met + deductible;
      remaining -= deductible;
    }
    if (!copayService || plan.copayCents === 0) {
      const coinsurance = share(remaining, plan.coinsuranceBasisPoints);
      adjustments.push({ group: 'PR', reason: '2', amountCents: coinsurance });
      remaining -= coinsurance;
    }
    ledger.paidServices[serviceKey(memberId, line)] = input.payerClaimNumber;
    lines.push({ ...base, paidCents: remaining, allowedCents: allowed, adjustments: nonZero(adjustments) });
  });

  const paid = lines.reduce((n, l) => n + l.paidCents, 0);
  const allDenied = lines.every((l) => l.adjustments.some((a) => a.group === 'CO' && a.reason !== '45'));
  const someDenied = lines.some((l) => l.adjustments.some((a) => a.group === 'CO' && a.reason !== '45'));
  const patientShare = lines
    .flatMap((l) => l.adjustments)
    .filter((a) => a.group === 'PR')
    .reduce((n, a) => n + a.amountCents, 0);
  const responsibility = claim.payer.responsibility;
  const payment: ClaimPaymentInput = {
    patientControlNumber: claim.id,
    status: allDenied ? '4' : responsibility === 'S' ? '2' : responsibility === 'T' ? '3' : '1',
    chargeCents: claim.totalChargeCents,
    paidCents: paid,
    patientResponsibilityCents: patientShare,
    filingIndicator: payer.claimFilingIndicator,
    payerClaimControlNumber: input.payerClaimNumber,
    facilityCode: claim.placeOfService,
    frequency: claim.frequency,
    patient: {
      lastName: claim.patient.lastName ?? claim.subscriber.lastName ?? 'UNKNOWN',
      firstName: claim.patient.firstName,
      memberId,
    },
    receivedDate: input.receivedDate,
    lines,
  };
  const followUp: FollowUp | undefined =
    allDenied || forced === undefined
      ? undefined
      : forced.stage === 'reverse' || forced.stage === 'recoup' || forced.stage === 'interest'
        ? forced.stage
        : undefined;
  return {
    kind: 'adjudicated',
    payment,
    followUp,
    outcome: allDenied ? 'denied' : someDenied ? 'partially-paid' : 'paid',
  };
}

function nonZero(adjustments: AdjustmentInput[]): AdjustmentInput[] {
  return adjustments.filter((a) => a.amountCents !== 0);
}

function claimLevelDenial(
  input: AdjudicationInput,
  member: ResolvedMember,
  forced: ForcedOutcome | undefined,
): DenialReason | undefined {
  // Bundling (97) and a missing modifier (4) are decided line by line: a corrected claim can lift them.
  if (forced?.stage === 'deny' && forced.reason !== '97' && forced.reason !== '4') return forced.reason;
  const { claim, payer } = input;
  if (member.payerId !== undefined && member.payerId !== payer.payerId) return '109';
  const firstService = claim.lines.map(serviceDate).sort()[0] ?? input.receivedDate;
  if (
    member.coverage &&
    (firstService < member.coverage.from || (member.coverage.to && firstService > member.coverage.to))
  )
    return '27';
  if (daysBetween(firstService, input.receivedDate) > payer.timelyFilingDays) return '29';
  return undefined;
}

function lineDenial(
  input: AdjudicationInput,
  member: ResolvedMember,
  index: number,
  forced: ForcedOutcome | undefined,
): DenialReason | undefined {
  const { claim, payer, ledger } = input;
  const line = claim.lines[index] as Line;
  const distinct = line.modifiers.some((m) => DISTINCT_SERVICE_MODIFIERS.has(m));
  // As payers do, a distinct-service modifier lifts the bundling: a corrected claim adding 59 or X{EPSU} is paid.
  if (forced?.stage === 'deny' && forced.reason === '97')
    return (index > 0 || claim.lines.length === 1) && !distinct ? '97' : undefined;
  // As a payer wanting a modifier on the service does: a corrected claim that adds one (25, 59...) is paid.
  if (forced?.stage === 'deny' && forced.reason === '4') return line.modifiers.length === 0 ? '4' : undefined;
  if (forced?.stage === 'partial') return index > 0 ? '50' : undefined;
  if (codeMatches(line.code, payer.nonCoveredCodes)) return '96';
  if (codeMatches(line.code, payer.priorAuthorizationCodes) && !claim.priorAuthorization) return '197';
  if (codeMatches(line.code, payer.referringProviderRequired) && !claim.referringProvider) return '16';
  const necessity = payer.medicalNecessity.find((rule) => codeMatches(line.code, rule.codes));
  if (necessity) {
    const pointed = line.diagnosisPointers.map((p) => claim.diagnoses[p - 1]?.code ?? '');
    const supported = pointed.some((code) => {
      const dotted = code.length > 3 && !code.includes('.') ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
      return necessity.diagnosisPrefixes.some((prefix) => dotted.startsWith(prefix));
    });
    if (!supported) return '50';
  }
  for (const rule of payer.bundling) {
    if (!codeMatches(line.code, [rule.column2])) continue;
    if (rule.modifiersAllowed && distinct) continue;
    const withColumn1 = claim.lines.some(
      (other, j) => j !== index && other.serviceDate === line.serviceDate && codeMatches(other.code, [rule.column1]),
    );
    if (withColumn1) return '97';
  }
  const previous = ledger.paidServices[serviceKey(member.memberId, line)];
  const replaces = claim.frequency === '7' ? claim.originalClaimNumber : undefined;
  if (previous !== undefined && previous !== replaces) return '18';
  return undefined;
}
