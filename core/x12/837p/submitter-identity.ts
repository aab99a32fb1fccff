/**
 * Who sends the 837P and to whom: ISA sender/receiver, GS application codes, the 1000A submitter and 1000B
 * receiver. Configuration supplies it (one per clearinghouse connection); the builder only reads it.
 */

/** ISA05/ISA07 interchange id qualifiers allowed in 5010 (X12 code list 0005 as used by HIPAA transactions). */
export const INTERCHANGE_ID_QUALIFIERS = ['01', '14', '20', '27', '28', '29', '30', '33', 'ZZ'] as const;
export type InterchangeIdQualifier = (typeof INTERCHANGE_ID_QUALIFIERS)[number];

export interface SubmitterIdentity {
  interchangeSender: { qualifier: InterchangeIdQualifier; id: string };
  interchangeReceiver: { qualifier: InterchangeIdQualifier; id: string };
  /** GS02 and GS03, 2 to 15 characters; usually agreed with the clearinghouse. */
  applicationSenderCode: string;
  applicationReceiverCode: string;
  /** 1000A: NM1*41 (organization) with ETIN (NM109, qualifier 46) and the EDI contact (PER*IC). */
  submitter: {
    name: string;
    id: string;
    contact: { name: string; phone?: string; email?: string };
  };
  /** 1000B: NM1*40 with the receiver's ETIN. */
  receiver: { name: string; id: string };
  /** ISA15: T test, P production. */
  usage: 'T' | 'P';
  /** ISA14: ask the receiver for a TA1 interchange acknowledgment. */
  acknowledgmentRequested?: boolean;
}
