/**
 * Wraps built transaction sets in one interchange and one functional group (ISA/GS ... GE/IEA) with our fixed
 * delimiters. Used by the response builders (999, 277CA, 835); the caller assigns the control numbers, so the
 * builders stay pure and a sender decides where its counters live.
 */
import { timestamp } from './837p/builder.ts';
import { MAX_CONTROL_NUMBER } from './837p/control-numbers.ts';
import { type SegmentElements, segmentText } from './837p/segment-writer.ts';
import type { InterchangeIdQualifier } from './837p/submitter-identity.ts';
import { characterProblem, DELIMITERS } from './837p/x12-text.ts';

export interface InterchangeParty {
  qualifier: InterchangeIdQualifier;
  /** ISA06/ISA08, 1 to 15 characters. */
  id: string;
  /** GS02/GS03, 2 to 15 characters. */
  applicationCode: string;
}

export interface InterchangeEnvelope {
  sender: InterchangeParty;
  receiver: InterchangeParty;
  /** ISA13, 1..999999999. */
  interchangeControlNumber: number;
  /** GS06. */
  groupControlNumber: number;
  /** ST02 of the first transaction; the following ones count up from it. */
  firstTransactionControlNumber: number;
  /** ISA15: T test, P production. */
  usage: 'T' | 'P';
  /** Creation time (ISA09/10, GS04/05), in UTC. */
  now: Date;
  lineBreaks?: boolean;
}

export interface BuiltInterchange {
  text: string;
  interchangeControlNumber: number;
  groupControlNumber: number;
  transactionControlNumbers: string[];
}

/**
 * `bodies` are the segments between ST and SE of each transaction; this writes ST (with the guide) and SE (with the
 * segment count) around each one.
 */
export function buildInterchange(
  envelope: InterchangeEnvelope,
  group: {
    functionalId: string;
    setId: string;
    implementationGuide: string;
    /** Whether ST03 repeats the guide: the 835 TR3 marks ST03 "not used", the 999 and 277CA require it. */
    guideInTransactionHeader: boolean;
  },
  bodies: readonly SegmentElements[][],
): BuiltInterchange {
  if (bodies.length === 0) throw new Error(`cannot build a ${group.setId} interchange without transactions`);
  checkEnvelope(envelope, bodies.length);
  const stamp = timestamp(envelope.now);
  const terminator = DELIMITERS.segment + (envelope.lineBreaks ? '\n' : '');
  const parts: string[] = [
    [
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      envelope.sender.qualifier,
      envelope.sender.id.padEnd(15, ' '),
      envelope.receiver.qualifier,
      envelope.receiver.id.padEnd(15, ' '),
      stamp.yymmdd,
      stamp.hhmm,
      DELIMITERS.repetition,
      '00501',
      String(envelope.interchangeControlNumber).padStart(9, '0'),
      '0',
      envelope.usage,
      DELIMITERS.component,
    ].join(DELIMITERS.element),
    segmentText([
      'GS',
      group.functionalId,
      envelope.sender.applicationCode,
      envelope.receiver.applicationCode,
      stamp.ccyymmdd,
      stamp.hhmm,
      String(envelope.groupControlNumber),
      'X',
      group.implementationGuide,
    ]),
  ];
  const transactionControlNumbers: string[] = [];
  bodies.forEach((body, i) => {
    const control = String(envelope.firstTransactionControlNumber + i).padStart(4, '0');
    transactionControlNumbers.push(control);
    parts.push(
      segmentText(['ST', group.setId, control, group.guideInTransactionHeader ? group.implementationGuide : undefined]),
    );
    for (const segment of body) parts.push(segmentText(segment));
    parts.push(segmentText(['SE', String(body.length + 2), control]));
  });
  parts.push(segmentText(['GE', String(bodies.length), String(envelope.groupControlNumber)]));
  parts.push(segmentText(['IEA', '1', String(envelope.interchangeControlNumber).padStart(9, '0')]));
  return {
    text: parts.join(terminator) + terminator,
    interchangeControlNumber: envelope.interchangeControlNumber,
    groupControlNumber: envelope.groupControlNumber,
    transactionControlNumbers,
  };
}

function checkEnvelope(envelope: InterchangeEnvelope, transactions: number): void {
  for (const [what, n] of [
    ['interchange', envelope.interchangeControlNumber],
    ['group', envelope.groupControlNumber],
    ['transaction', envelope.firstTransactionControlNumber + transactions - 1],
  ] as const) {
    if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CONTROL_NUMBER)
      throw new RangeError(`${what} control number ${n} is outside 1..${MAX_CONTROL_NUMBER}`);
  }
  for (const [what, party] of [
    ['sender', envelope.sender],
    ['receiver', envelope.receiver],
  ] as const) {
    if (party.id.length < 1 || party.id.length > 15)
      throw new Error(`interchange ${what} id must be 1 to 15 characters`);
    if (party.applicationCode.length < 2 || party.applicationCode.length > 15)
      throw new Error(`application ${what} code must be 2 to 15 characters`);
    const problem = characterProblem(party.id) ?? characterProblem(party.applicationCode);
    if (problem) throw new Error(`interchange ${what} ${problem}`);
  }
}
