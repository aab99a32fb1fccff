/** TA1 interchange acknowledgment: the receiver's verdict on an ISA/IEA envelope, sent outside any group. */
import { elementError, required } from './fields.ts';
import type { Segment } from './segment.ts';

export interface InterchangeAcknowledgment {
  position: number;
  /** TA101: the ISA13 being acknowledged. */
  controlNumber: string;
  /** TA102 YYMMDD and TA103 HHMM of the acknowledged interchange. */
  date: string;
  time: string;
  /** TA104: A accepted, E accepted with errors, R rejected. */
  status: string;
  statusDescription: string;
  /** TA105 interchange note code (000 no error, 001 control numbers do not match, ...). */
  noteCode: string;
  noteDescription?: string;
}

const STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  A: 'accepted, no errors',
  E: 'accepted with errors noted',
  R: 'rejected because of errors',
};

/** TA105 note codes from the X12 interchange control standard. */
const NOTE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '000': 'no error',
  '001': 'the interchange control number in the header and trailer do not match',
  '002': 'this standard as noted in the control standards identifier is not supported',
  '003': 'this version of the controls is not supported',
  '004': 'the segment terminator is invalid',
  '005': 'invalid interchange ID qualifier for sender',
  '006': 'invalid interchange sender ID',
  '007': 'invalid interchange ID qualifier for receiver',
  '008': 'invalid interchange receiver ID',
  '009': 'unknown interchange receiver ID',
  '010': 'invalid authorization information qualifier value',
  '011': 'invalid authorization information value',
  '012': 'invalid security information qualifier value',
  '013': 'invalid security information value',
  '014': 'invalid interchange date value',
  '015': 'invalid interchange time value',
  '016': 'invalid interchange standards identifier value',
  '017': 'invalid interchange version ID value',
  '018': 'invalid interchange control number value',
  '019': 'invalid acknowledgment requested value',
  '020': 'invalid test indicator value',
  '021': 'invalid number of included groups value',
  '022': 'invalid control structure',
  '023': 'improper (premature) end-of-file (transmission)',
  '024': 'invalid interchange content (e.g., invalid GS segment)',
  '025': 'duplicate interchange control number',
  '026': 'invalid data element separator',
  '027': 'invalid component element separator',
  '028': 'invalid delivery date in deferred delivery request',
  '029': 'invalid delivery time in deferred delivery request',
  '030': 'invalid delivery time code in deferred delivery request',
  '031': 'invalid grade of service code',
};

export function parseTa1(ta1: Segment): InterchangeAcknowledgment {
  const status = required(ta1, 4, 'interchange acknowledgment code');
  const statusDescription = STATUS_DESCRIPTIONS[status];
  if (!statusDescription) throw elementError(ta1, 4, 'CODE', 'must be A, E or R');
  const noteCode = required(ta1, 5, 'interchange note code');
  return {
    position: ta1.position,
    controlNumber: required(ta1, 1, 'interchange control number'),
    date: required(ta1, 2, 'interchange date'),
    time: required(ta1, 3, 'interchange time'),
    status,
    statusDescription,
    noteCode,
    noteDescription: NOTE_DESCRIPTIONS[noteCode],
  };
}
