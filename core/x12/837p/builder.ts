/**
 * Builds one 837P interchange (ISA/GS, one or more ST transactions, GE/IEA) from claims. Claims are checked first
 * and control numbers are drawn only for a file that will be written, so a rejected batch burns none.
 */
import type { Claim837P } from './claim-837p.ts';
import { check837PClaims, Invalid837PClaimError } from './claim-checks.ts';
import type { ControlNumbers } from './control-numbers.ts';
import { MAX_CONTROL_NUMBER } from './control-numbers.ts';
import { type BillingProviderLevel, splitIntoTransactions } from './hierarchy.ts';
import { billingProviderLoop, claimLoop, patientLoop, subscriberLoop } from './loops.ts';
import { type SegmentElements, segmentText } from './segment-writer.ts';
import type { SubmitterIdentity } from './submitter-identity.ts';
import { checkSubmitterIdentity } from './submitter-identity-checks.ts';
import { IMPLEMENTATION_GUIDE, MAX } from './tr3-rules.ts';
import { DELIMITERS } from './x12-text.ts';

export interface Build837POptions {
  identity: SubmitterIdentity;
  controlNumbers: ControlNumbers;
  /** Creation time written to ISA09/10, GS04/05 and BHT04/05, in UTC. */
  now: Date;
  /** Claims per ST transaction before a new one starts (default: the TR3's recommended 5000). */
  maxClaimsPerTransaction?: number;
  /** Put a line break after each segment terminator (readable; most receivers accept it, some do not). */
  lineBreaks?: boolean;
}

export interface Built837P {
  text: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  transactions: { controlNumber: string; claimCount: number; segmentCount: number }[];
}

export async function build837P(claims: readonly Claim837P[], options: Build837POptions): Promise<Built837P> {
  if (claims.length === 0) throw new Error('cannot build an 837P without claims');
  checkSubmitterIdentity(options.identity);
  const issues = check837PClaims(claims);
  if (issues.length > 0) throw new Invalid837PClaimError(issues);
  const transactions = splitIntoTransactions(claims, options.maxClaimsPerTransaction ?? MAX.claimsPerTransaction);

  const interchange = await options.controlNumbers.next('interchange');
  const group = await options.controlNumbers.next('group');
  const firstTransaction = await options.controlNumbers.next('transaction', transactions.length);
  for (const [kind, n] of [
    ['interchange', interchange],
    ['group', group],
    ['transaction', firstTransaction + transactions.length - 1],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONTROL_NUMBER)
      throw new RangeError(`${kind} control number ${n} is outside 1..${MAX_CONTROL_NUMBER}`);
  }

  const stamp = timestamp(options.now);
  const terminator = DELIMITERS.segment + (options.lineBreaks ? '\n' : '');
  const parts: string[] = [
    interchangeHeader(options.identity, interchange, stamp),
    groupHeader(options.identity, group, stamp),
  ];
  const summaries: Built837P['transactions'] = [];
  transactions.forEach((levels, i) => {
    const controlNumber = String(firstTransaction + i).padStart(4, '0');
    const segments = transactionSegments(levels, controlNumber, options.identity, stamp);
    // A transaction can hold a million segments: push one by one (spreading that many arguments overflows the stack).
    for (const segment of segments) parts.push(segmentText(segment));
    summaries.push({ controlNumber, claimCount: countClaims(levels), segmentCount: segments.length });
  });
  parts.push(segmentText(['GE', String(transactions.length), String(group)]));
  parts.push(segmentText(['IEA', '1', String(interchange).padStart(9, '0')]));
  return {
    text: parts.join(terminator) + terminator,
    interchangeControlNumber: interchange,
    groupControlNumber: group,
    transactions: summaries,
  };
}

export interface Stamp {
  yymmdd: string;
  ccyymmdd: string;
  hhmm: string;
}

export function timestamp(now: Date): Stamp {
  const iso = now.toISOString();
  const ccyymmdd = iso.slice(0, 10).replaceAll('-', '');
  return { ccyymmdd, yymmdd: ccyymmdd.slice(2), hhmm: iso.slice(11, 16).replace(':', '') };
}

/** ISA elements are fixed width: ids padded with spaces to 15, authorization and security to 10. */
function interchangeHeader(identity: SubmitterIdentity, control: number, stamp: Stamp): string {
  const elements = [
    'ISA',
    '00',
    ' '.repeat(10),
    '00',
    ' '.repeat(10),
    identity.interchangeSender.qualifier,
    identity.interchangeSender.id.padEnd(15, ' '),
    identity.interchangeReceiver.qualifier,
    identity.interchangeReceiver.id.padEnd(15, ' '),
    stamp.yymmdd,
    stamp.hhmm,
    DELIMITERS.repetition,
    '00501',
    String(control).padStart(9, '0'),
    identity.acknowledgmentRequested ? '1' : '0',
    identity.usage,
    DELIMITERS.component,
  ];
  return elements.join(DELIMITERS.element);
}

function groupHeader(identity: SubmitterIdentity, control: number, stamp: Stamp): string {
  return segmentText([
    'GS',
    'HC',
    identity.applicationSenderCode,
    identity.applicationReceiverCode,
    stamp.ccyymmdd,
    stamp.hhmm,
    String(control),
    'X',
    IMPLEMENTATION_GUIDE,
  ]);
}

/** The segments of one transaction, ST to SE, for already grouped claims (exported for the benchmark's peer). */
export function transactionSegments(
  levels: BillingProviderLevel[],
  controlNumber: string,
  identity: SubmitterIdentity,
  stamp: Stamp,
): SegmentElements[] {
  const { submitter, receiver } = identity;
  const segments: SegmentElements[] = [
    ['ST', '837', controlNumber, IMPLEMENTATION_GUIDE],
    ['BHT', '0019', '00', controlNumber, stamp.ccyymmdd, stamp.hhmm, 'CH'],
    ['NM1', '41', '2', submitter.name, '', '', '', '', '46', submitter.id],
    contactSegment(submitter.contact),
    ['NM1', '40', '2', receiver.name, '', '', '', '', '46', receiver.id],
  ];
  let hl = 0;
  for (const provider of levels) {
    const providerHl = ++hl;
    const firstClaim = provider.subscribers[0]?.claims[0] ?? provider.subscribers[0]?.patients[0]?.claims[0];
    if (!firstClaim) continue;
    segments.push(...billingProviderLoop(providerHl, firstClaim.billingProvider));
    for (const subscriber of provider.subscribers) {
      const subscriberHl = ++hl;
      const representative = subscriber.claims[0] ?? subscriber.patients[0]?.claims[0];
      if (!representative) continue;
      segments.push(...subscriberLoop(subscriberHl, providerHl, representative, subscriber.patients.length > 0));
      for (const claim of subscriber.claims) segments.push(...claimLoop(claim));
      for (const patient of subscriber.patients) {
        const patientHl = ++hl;
        const [first] = patient.claims;
        if (!first) continue;
        segments.push(...patientLoop(patientHl, subscriberHl, first));
        for (const claim of patient.claims) segments.push(...claimLoop(claim));
      }
    }
  }
  segments.push(['SE', String(segments.length + 1), controlNumber]);
  return segments;
}

function contactSegment(contact: SubmitterIdentity['submitter']['contact']): SegmentElements {
  const channels: string[] = [];
  if (contact.phone) channels.push('TE', contact.phone);
  if (contact.email) channels.push('EM', contact.email);
  return ['PER', 'IC', contact.name, ...channels];
}

function countClaims(levels: BillingProviderLevel[]): number {
  return levels.reduce(
    (n, p) =>
      n +
      p.subscribers.reduce((m, s) => m + s.claims.length + s.patients.reduce((k, pt) => k + pt.claims.length, 0), 0),
    0,
  );
}
