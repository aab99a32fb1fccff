/**
 * Builds the 277CA health care claim acknowledgment (005010X214): information source (HL 20, the payer or
 * clearinghouse) -> information receiver (21, the submitter, with the batch totals) -> billing provider (19, with
 * its totals) -> patient (PT, one per claim, TRN02 = CLM01, the claim's STC and, once accepted, REF*1K). Counts and
 * amounts of the receiver and provider levels are computed from the claims, so they always agree.
 */

import type { CalendarDate as IsoDate } from '#core/kernel/calendar-date';
import { type Cents, formatCents } from '#core/kernel/money';
import { type SegmentElements, x12Date } from '../837p/segment-writer.ts';
import { foldText } from '../837p/x12-text.ts';
import { type BuiltInterchange, buildInterchange, type InterchangeEnvelope } from '../build-interchange.ts';
import { REJECTION_CATEGORIES } from './claim-acknowledgment.ts';

export const IMPLEMENTATION_GUIDE_277CA = '005010X214';

/** Categories a payer or clearinghouse uses in a 277CA: A1 received, A2 accepted, A3/A6/A7/A8 rejected. */
export type AcknowledgmentCategory = 'A1' | 'A2' | 'A3' | 'A6' | 'A7' | 'A8';

export interface StatusInput {
  category: AcknowledgmentCategory;
  /** Health care claim status code (e.g. 20 accepted for processing, 33 subscriber not found, 454 procedure code). */
  status: string;
  /** Entity the status is about (e.g. PR payer, IL subscriber, 85 billing provider). */
  entity?: string;
}

export interface ClaimAcknowledgmentInput {
  /** CLM01, echoed in TRN02. */
  patientControlNumber: string;
  patient: { lastName: string; firstName?: string; middleName?: string; memberId: string };
  chargeCents: Cents;
  serviceDateFrom: IsoDate;
  serviceDateTo?: IsoDate;
  /** Up to three statuses, written in STC01, STC10 and STC11. All rejection categories or none. */
  statuses: StatusInput[];
  /** REF*1K: the payer's claim control number, given only when the claim was accepted. */
  payerClaimNumber?: string;
  /** REF*D9: the clearinghouse trace number. */
  clearinghouseTraceNumber?: string;
  /** STC12: free text, e.g. why the claim was rejected. */
  message?: string;
}

export interface ProviderAcknowledgmentInput {
  provider: { organizationName?: string; lastName?: string; firstName?: string; npi?: string; tin?: string };
  claims: ClaimAcknowledgmentInput[];
}

export interface ClaimAcknowledgment277Input {
  /** BHT03: this acknowledgment's reference. */
  referenceId: string;
  /** 2100A: the payer (PR, id qualifier PI payer id) or a clearinghouse (AY, 46 ETIN). */
  source: { entity: 'PR' | 'AY'; name: string; idQualifier: 'PI' | '46' | 'FI' | 'XV'; id: string };
  receivedDate: IsoDate;
  processedDate: IsoDate;
  /** BHT05 HHMM (default 0000). */
  processedTime?: string;
  /** 2100B: the submitter the acknowledgment goes to (its ETIN). */
  receiver: { name: string; id: string };
  /** TRN02 of the receiver level: the submitted batch's reference (e.g. the 837 BHT03). */
  batchReference: string;
  providers: ProviderAcknowledgmentInput[];
}

function isRejection(claim: ClaimAcknowledgmentInput): boolean {
  return claim.statuses.some((s) => REJECTION_CATEGORIES.has(s.category));
}

function checkClaim(claim: ClaimAcknowledgmentInput): void {
  const where = `277CA claim ${claim.patientControlNumber}`;
  if (claim.statuses.length === 0 || claim.statuses.length > 3) throw new Error(`${where}: needs 1 to 3 statuses`);
  const rejected = claim.statuses.filter((s) => REJECTION_CATEGORIES.has(s.category)).length;
  if (rejected !== 0 && rejected !== claim.statuses.length)
    throw new Error(`${where}: mixes rejection and acceptance categories`);
  if (rejected > 0 && claim.payerClaimNumber !== undefined)
    throw new Error(`${where}: a rejected claim gets no payer claim number (REF*1K)`);
  if (!Number.isSafeInteger(claim.chargeCents)) throw new Error(`${where}: charge must be integer cents`);
}

function statusComposite(status: StatusInput): string {
  return [status.category, status.status, status.entity].filter((v) => v !== undefined && v !== '').join(':');
}

function stc(statuses: StatusInput[], date: string, chargeCents: Cents, rejected: boolean, message?: string) {
  const [first, second, third] = statuses.map(statusComposite);
  const segment: SegmentElements = ['STC', first, date, rejected ? 'U' : 'WQ', formatCents(chargeCents)];
  if (second || third || message)
    segment.push('', '', '', '', '', second, third, message && foldText(message).slice(0, 264));
  return segment;
}

function totals(claims: ClaimAcknowledgmentInput[], acceptedQualifier: string, rejectedQualifier: string) {
  const accepted = claims.filter((c) => !isRejection(c));
  const rejected = claims.filter(isRejection);
  const sum = (list: ClaimAcknowledgmentInput[]) => list.reduce((n, c) => n + c.chargeCents, 0);
  const segments: SegmentElements[] = [];
  if (accepted.length > 0) segments.push(['QTY', acceptedQualifier, String(accepted.length)]);
  if (rejected.length > 0) segments.push(['QTY', rejectedQualifier, String(rejected.length)]);
  if (accepted.length > 0) segments.push(['AMT', 'YU', formatCents(sum(accepted))]);
  if (rejected.length > 0) segments.push(['AMT', 'YY', formatCents(sum(rejected))]);
  return segments;
}

/** The segments between ST and SE. */
export function claimAcknowledgment277Segments(input: ClaimAcknowledgment277Input): SegmentElements[] {
  const claims = input.providers.flatMap((p) => p.claims);
  if (claims.length === 0) throw new Error('a 277CA acknowledges at least one claim');
  for (const claim of claims) checkClaim(claim);
  const processed = x12Date(input.processedDate);
  const processedTime = input.processedTime ?? '0000';
  const total = claims.reduce((n, c) => n + c.chargeCents, 0);
  const segments: SegmentElements[] = [
    ['BHT', '0085', '08', input.referenceId, processed, processedTime, 'TH'],
    ['HL', '1', '', '20', '1'],
    [
      'NM1',
      input.source.entity,
      '2',
      foldText(input.source.name),
      '',
      '',
      '',
      '',
      input.source.idQualifier,
      input.source.id,
    ],
    ['TRN', '1', input.referenceId],
    ['DTP', '050', 'D8', x12Date(input.receivedDate)],
    ['DTP', '009', 'D8', processed],
    ['HL', '2', '1', '21', '1'],
    ['NM1', '41', '2', foldText(input.receiver.name), '', '', '', '', '46', input.receiver.id],
    ['TRN', '2', input.batchReference],
    ['STC', 'A1:19:PR', processed, 'WQ', formatCents(total)],
    ...totals(claims, '90', 'AA'),
  ];
  let hl = 2;
  for (const { provider, claims: providerClaims } of input.providers) {
    if (providerClaims.length === 0) continue;
    const providerHl = ++hl;
    const organization = provider.organizationName !== undefined;
    const [qualifier, id] = provider.npi ? ['XX', provider.npi] : ['FI', provider.tin];
    segments.push(
      ['HL', String(providerHl), '2', '19', '1'],
      [
        'NM1',
        '85',
        organization ? '2' : '1',
        foldText(provider.organizationName ?? provider.lastName ?? ''),
        organization ? '' : provider.firstName && foldText(provider.firstName),
        '',
        '',
        '',
        qualifier,
        id,
      ],
      ['TRN', '1', '0'],
      ['STC', 'A1:19:PR', '', 'WQ', formatCents(providerClaims.reduce((n, c) => n + c.chargeCents, 0))],
      ...totals(providerClaims, 'QA', 'QC'),
    );
    for (const claim of providerClaims) {
      const rejected = isRejection(claim);
      segments.push(
        ['HL', String(++hl), String(providerHl), 'PT'],
        [
          'NM1',
          'QC',
          '1',
          foldText(claim.patient.lastName),
          claim.patient.firstName && foldText(claim.patient.firstName),
          claim.patient.middleName && foldText(claim.patient.middleName),
          '',
          '',
          'MI',
          claim.patient.memberId,
        ],
        ['TRN', '2', claim.patientControlNumber],
        stc(claim.statuses, processed, claim.chargeCents, rejected, claim.message),
      );
      if (claim.payerClaimNumber) segments.push(['REF', '1K', claim.payerClaimNumber]);
      if (claim.clearinghouseTraceNumber) segments.push(['REF', 'D9', claim.clearinghouseTraceNumber]);
      const from = x12Date(claim.serviceDateFrom);
      const to = x12Date(claim.serviceDateTo ?? claim.serviceDateFrom);
      segments.push(from === to ? ['DTP', '472', 'D8', from] : ['DTP', '472', 'RD8', `${from}-${to}`]);
    }
  }
  return segments;
}

export function build277ca(input: ClaimAcknowledgment277Input, envelope: InterchangeEnvelope): BuiltInterchange {
  return buildInterchange(
    envelope,
    {
      functionalId: 'HN',
      setId: '277',
      implementationGuide: IMPLEMENTATION_GUIDE_277CA,
      guideInTransactionHeader: true,
    },
    [claimAcknowledgment277Segments(input)],
  );
}
